/**
 * Derived figures of a 財政フレーム year: 自主財源比率, 義務的経費比率, 財政調整基金残高 ÷
 * 標準財政規模 and per-capita amounts. Ratios are percent with full float precision (round for
 * display with soundness.ts's `roundDecimal`); per-capita amounts are yen rounded half up.
 */
import {
  type FrameYear,
  FUND_KINDS,
  type FundKind,
  MANDATORY_EXPENDITURE,
  OWN_SOURCE_REVENUE,
  prorate,
  sumYen,
  totalExpenditure,
  totalRevenue,
  whole,
  type Yen,
} from "./frame.ts";
import type { ProjectedYear } from "./frame-projection.ts";
import { yen } from "./soundness.ts";

export const ownSourceRevenue = (y: FrameYear): Yen =>
  sumYen(
    "自主財源",
    OWN_SOURCE_REVENUE.map((c) => y.revenue[c]),
  );
export const mandatoryExpenditure = (y: FrameYear): Yen =>
  sumYen(
    "義務的経費",
    MANDATORY_EXPENDITURE.map((c) => y.expenditure[c]),
  );
/** 地方交付税 + 臨時財政対策債 (実質的な地方交付税). */
export const effectiveAllocationTax = (y: FrameYear): Yen =>
  sumYen("実質的な地方交付税", [y.revenue.localAllocationTax, y.extraordinaryFiscalBonds ?? 0]);

function percent(name: string, numerator: Yen, denominator: Yen): number {
  yen(name, numerator);
  if (yen(`${name} の分母`, denominator) === 0) throw new RangeError(`${name} の分母が0です`);
  return (numerator / denominator) * 100;
}

/** 自主財源比率 (%) = 自主財源 ÷ 歳入合計. */
export const ownSourceRatio = (y: FrameYear): number =>
  percent("自主財源比率", ownSourceRevenue(y), totalRevenue(y));
/** 義務的経費比率 (%) = 義務的経費 ÷ 歳出合計. */
export const mandatoryExpenditureRatio = (y: FrameYear): number =>
  percent("義務的経費比率", mandatoryExpenditure(y), totalExpenditure(y));
/** 財政調整基金残高 ÷ 標準財政規模 (%). */
export const fiscalAdjustmentFundRatio = (balance: Yen, standardFiscalScale: Yen): number =>
  percent("財政調整基金残高比率", balance, standardFiscalScale);

/** An amount per person, in yen rounded half up (amount ≥ 0, population a positive integer). */
export function perCapita(amount: Yen, population: number): Yen {
  yen("amount", amount);
  whole("population", population, 1, Number.MAX_SAFE_INTEGER);
  return prorate(amount, 1, population);
}

export interface YearIndicators {
  ownSourceRatio: number;
  mandatoryExpenditureRatio: number;
  /** When the year has a 標準財政規模. */
  fiscalAdjustmentFundRatio?: number;
  /** When the year has a population. */
  perCapita?: { revenue: Yen; expenditure: Yen; funds: Record<FundKind, Yen> };
}

export function indicators(y: ProjectedYear): YearIndicators {
  const result: YearIndicators = {
    ownSourceRatio: ownSourceRatio(y),
    mandatoryExpenditureRatio: mandatoryExpenditureRatio(y),
  };
  if (y.standardFiscalScale !== undefined)
    result.fiscalAdjustmentFundRatio = fiscalAdjustmentFundRatio(
      y.funds.fiscalAdjustment.closing,
      y.standardFiscalScale,
    );
  const population = y.population;
  if (population !== undefined)
    result.perCapita = {
      revenue: perCapita(y.totalRevenue, population),
      expenditure: perCapita(y.totalExpenditure, population),
      funds: Object.fromEntries(
        FUND_KINDS.map((f) => [f, perCapita(y.funds[f].closing, population)]),
      ) as Record<FundKind, Yen>,
    };
  return result;
}
