/**
 * A 財政フレーム scenario: the stated assumptions a projection runs on — growth rates per
 * category, planned 地方債 and 公債費, population, planned fund movements and the rule that
 * closes the gap — and the two presets 基本 and 慎重. Every number comes from the caller.
 */
import {
  addRates,
  type ByYear,
  byYear,
  EXPENDITURE_CATEGORIES,
  type ExpenditureCategory,
  exactRecord,
  FUND_KINDS,
  type FundKind,
  REVENUE_CATEGORIES,
  type RevenueCategory,
  rate,
  whole,
  type Yen,
} from "./frame.ts";
import { yen } from "./soundness.ts";

/** Categories a scenario grows by a rate; 繰入金 and 積立金 follow the fund plan instead. */
export type GrownRevenueCategory = Exclude<RevenueCategory, "transfersFromFunds">;
export type GrownExpenditureCategory = Exclude<ExpenditureCategory, "fundDeposits">;

export interface FundMovement {
  deposit?: Yen; // 積立
  drawdown?: Yen; // 取崩し (繰入)
}

export interface FundAssumptions {
  /** 前年度末現在高: balances at the end of the last base year. */
  opening: Record<FundKind, Yen>;
  /** Planned deposits / drawdowns per year and fund, before the gap is closed. */
  plan?: ByYear<Partial<Record<FundKind, FundMovement>>>;
}

/**
 * 公債費 = 既発債の償還予定額 (`existing`, per projected year, including the base years' borrowing)
 * + 元利償還金 of each projected year's 地方債: annual payments from the following year,
 * interest only during 据置期間, then 元金均等 over the rest of 償還年限 (元金 in whole yen,
 * the remainder added to the first instalment), interest on the balance at the start of the year
 * rounded half up. A simplification of real schedules (half-yearly payments, mixed terms).
 */
export interface DebtServiceRule {
  existing: ByYear<Yen>;
  termYears: number; // 償還年限 (据置期間を含む), 1..60
  graceYears: number; // 据置期間, 0..termYears − 1
  interestRate: number; // 年利, 0..0.5
}

/** Population (住民基本台帳人口 or the frame's own figure), for per-capita amounts. */
export type PopulationAssumption =
  /** A year not listed has no population, hence no per-capita figures. */
  | { kind: "byYear"; byYear: ByYear<number> }
  /** `base` = population in the last base year, then × (1 + annualRate) a year, half up. */
  | { kind: "rate"; base: number; annualRate: number };

/** How the gap (歳入 − 歳出) is closed; default: 財政調整基金 down to 0, surplus into it. */
export interface GapRule {
  /** 財政調整基金 is not drawn below this (default 0); a balance already below it is kept. */
  minimumBalance?: Yen;
  /** Where a surplus goes (default 財政調整基金). */
  surplusTo?: "fiscalAdjustment" | "debtReduction";
}

export interface ScenarioAssumptions {
  revenueGrowth: Record<GrownRevenueCategory, number>;
  expenditureGrowth: Record<GrownExpenditureCategory, number>;
  /** 地方債 (total, including 臨財債) by year; other years grow at revenueGrowth.localBonds. */
  plannedBorrowing?: ByYear<Yen>;
  /** 臨財債 by year; other years keep the previous year's share of 地方債 (half up). */
  plannedExtraordinaryFiscalBonds?: ByYear<Yen>;
  /** 公債費 by year; other years follow `debtServiceRule`, else expenditureGrowth.debtService. */
  plannedDebtService?: ByYear<Yen>;
  debtServiceRule?: DebtServiceRule;
  population?: PopulationAssumption;
  funds: FundAssumptions;
  /** 標準財政規模 by year, for 財政調整基金残高 ÷ 標準財政規模. */
  standardFiscalScale?: ByYear<Yen>;
  gapRule?: GapRule;
  /**
   * What a projected 実質公債費比率 needs beyond the projection's 公債費 and 標準財政規模, by
   * projected year (see projected-soundness.ts); without it no projected ratio is shown.
   */
  soundnessInputs?: SoundnessInputs;
}

export interface SoundnessInputs {
  quasiPrincipalAndInterest: ByYear<Yen>; // 準元利償還金
  specificRevenue: ByYear<Yen>; // 特定財源
  includedDebtService: ByYear<Yen>; // 算入公債費等
}

export interface Scenario extends ScenarioAssumptions {
  name: string;
}

export const GROWN_REVENUE_CATEGORIES = REVENUE_CATEGORIES.filter(
  (c): c is GrownRevenueCategory => c !== "transfersFromFunds",
);
export const GROWN_EXPENDITURE_CATEGORIES = EXPENDITURE_CATEGORIES.filter(
  (c): c is GrownExpenditureCategory => c !== "fundDeposits",
);

const positiveWhole = (name: string, value: number) =>
  whole(name, value, 1, Number.MAX_SAFE_INTEGER);

/** Checks every assumption; throws RangeError naming the first bad field. */
export function validateScenario(s: ScenarioAssumptions, name = "scenario"): void {
  const growth = (field: string, value: number) => rate(field, value);
  exactRecord(`${name}.revenueGrowth`, s.revenueGrowth, GROWN_REVENUE_CATEGORIES, growth);
  exactRecord(
    `${name}.expenditureGrowth`,
    s.expenditureGrowth,
    GROWN_EXPENDITURE_CATEGORIES,
    growth,
  );
  byYear(`${name}.plannedBorrowing`, s.plannedBorrowing, yen);
  byYear(`${name}.plannedExtraordinaryFiscalBonds`, s.plannedExtraordinaryFiscalBonds, yen);
  byYear(`${name}.plannedDebtService`, s.plannedDebtService, yen);
  byYear(`${name}.standardFiscalScale`, s.standardFiscalScale, yen);
  const rule = s.debtServiceRule;
  if (rule) {
    byYear(`${name}.debtServiceRule.existing`, rule.existing, yen);
    whole(`${name}.debtServiceRule.termYears`, rule.termYears, 1, 60);
    whole(`${name}.debtServiceRule.graceYears`, rule.graceYears, 0, rule.termYears - 1);
    rate(`${name}.debtServiceRule.interestRate`, rule.interestRate, 0, 0.5);
  }
  const p = s.population;
  if (p?.kind === "byYear") byYear(`${name}.population.byYear`, p.byYear, positiveWhole);
  else if (p?.kind === "rate") {
    positiveWhole(`${name}.population.base`, p.base);
    rate(`${name}.population.annualRate`, p.annualRate);
  } else if (p !== undefined) throw new RangeError(`${name}.population.kind が不正です`);
  if (typeof s.funds !== "object" || s.funds === null)
    throw new RangeError(`${name}.funds を指定してください`);
  exactRecord(`${name}.funds.opening`, s.funds.opening, FUND_KINDS, yen);
  byYear(`${name}.funds.plan`, s.funds.plan, (field, movements) => {
    for (const [fund, movement] of Object.entries(movements ?? {})) {
      if (!(FUND_KINDS as readonly string[]).includes(fund))
        throw new RangeError(`${field}.${fund} は未知の基金です`);
      for (const key of Object.keys(movement ?? {}))
        if (key !== "deposit" && key !== "drawdown")
          throw new RangeError(`${field}.${fund}.${key} は未知の項目です`);
      yen(`${field}.${fund}.deposit`, movement?.deposit ?? 0);
      yen(`${field}.${fund}.drawdown`, movement?.drawdown ?? 0);
    }
  });
  const inputs = s.soundnessInputs;
  if (inputs !== undefined) {
    byYear(
      `${name}.soundnessInputs.quasiPrincipalAndInterest`,
      inputs.quasiPrincipalAndInterest,
      yen,
    );
    byYear(`${name}.soundnessInputs.specificRevenue`, inputs.specificRevenue, yen);
    byYear(`${name}.soundnessInputs.includedDebtService`, inputs.includedDebtService, yen);
  }
  const g = s.gapRule;
  yen(`${name}.gapRule.minimumBalance`, g?.minimumBalance ?? 0);
  if (
    g?.surplusTo !== undefined &&
    g.surplusTo !== "fiscalAdjustment" &&
    g.surplusTo !== "debtReduction"
  )
    throw new RangeError(`${name}.gapRule.surplusTo が不正です: ${g.surplusTo}`);
}

export const BASIC = "基本";
export const PRUDENT = "慎重";

/** 基本: the caller's assumptions as they are, checked. */
export function basicScenario(assumptions: ScenarioAssumptions): Scenario {
  validateScenario(assumptions);
  return { ...assumptions, name: BASIC };
}

/** How 慎重 differs from 基本: 市税 grows less (delta ≤ 0), 扶助費 more (delta ≥ 0). */
export interface PrudentDeltas {
  cityTaxGrowthDelta: number;
  socialAssistanceGrowthDelta: number;
}

/** 慎重: `basic` with the 市税 and 扶助費 growth rates shifted by the stated deltas. */
export function prudentFrom(basic: Scenario, deltas: PrudentDeltas): Scenario {
  const cityTax = rate("cityTaxGrowthDelta", deltas.cityTaxGrowthDelta, -0.5, 0);
  const assistance = rate(
    "socialAssistanceGrowthDelta",
    deltas.socialAssistanceGrowthDelta,
    0,
    0.5,
  );
  const prudent: Scenario = {
    ...basic,
    name: PRUDENT,
    revenueGrowth: {
      ...basic.revenueGrowth,
      cityTax: addRates(basic.revenueGrowth.cityTax, cityTax),
    },
    expenditureGrowth: {
      ...basic.expenditureGrowth,
      socialAssistance: addRates(basic.expenditureGrowth.socialAssistance, assistance),
    },
  };
  validateScenario(prudent);
  return prudent;
}
