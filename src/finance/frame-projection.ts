/**
 * 財政推計: projects a 財政フレーム year by year from its last base year (決算 or 予算) under a
 * scenario, then closes each year's gap with the funds. Pure: no I/O, no clock.
 *
 * Per projected year:
 * 1. Lines: each grown line is last year's × (1 + rate), half up to the yen; 地方債 and 公債費 are
 *    the planned amounts where given (公債費 otherwise by `debtServiceRule` if given); 臨財債 is
 *    planned or keeps last year's share of 地方債; 繰入金 / 積立金 are the planned fund
 *    drawdowns / deposits of the year (all funds).
 * 2. gap = 歳入合計 − 歳出合計. The planned fund movements are applied first (a fund drawn below 0
 *    by the plan is a RangeError). A surplus is deposited into `gapRule.surplusTo` (財政調整基金);
 *    a deficit draws 財政調整基金 down to `gapRule.minimumBalance` (0), and what remains is
 *    収支不足 (`shortfall`).
 * 3. Identities, exact in yen: gap = gapClosing.deposit − gapClosing.drawdown − shortfall, and
 *    (歳入 − 繰入金) − (歳出 − 積立金) = Σ funds (closing − opening) − shortfall.
 */
import {
  applyGrowth,
  applyRate,
  EXPENDITURE_CATEGORIES,
  type ExpenditureCategory,
  type FrameYear,
  FUND_KINDS,
  type FundKind,
  fiscalYear,
  prorate,
  REVENUE_CATEGORIES,
  type RevenueCategory,
  rate,
  sumYen,
  totalExpenditure,
  totalRevenue,
  validateYears,
  whole,
  type Yen,
} from "./frame.ts";
import type { DebtServiceRule, Scenario } from "./frame-scenario.ts";
import { validateScenario } from "./frame-scenario.ts";
import { yen } from "./soundness.ts";

export interface FundRoll {
  opening: Yen;
  deposits: Yen;
  drawdowns: Yen;
  closing: Yen; // opening + deposits − drawdowns, ≥ 0
}

/** A projected year: lines before closing the gap, then how it is closed. */
export interface ProjectedYear extends FrameYear {
  kind: "projection";
  extraordinaryFiscalBonds: Yen;
  totalRevenue: Yen;
  totalExpenditure: Yen;
  /** 収支差 = totalRevenue − totalExpenditure (signed). */
  gap: Yen;
  /** The fund movement closing the gap (not in 繰入金 / 積立金, which hold the plan only). */
  gapClosing: { fund: FundKind; deposit: Yen; drawdown: Yen };
  /** 収支不足: the part of a negative gap no fund covers (≥ 0). Not carried into later lines. */
  shortfall: Yen;
  cumulativeShortfall: Yen;
  /** Every fund, plan and gap closing together. */
  funds: Record<FundKind, FundRoll>;
  population?: number;
  standardFiscalScale?: Yen;
}

/** 地方債 issued in a projected year (borrowed at the year's end, serviced from the next). */
export interface Borrowing {
  fiscalYear: number;
  amount: Yen;
}

/** 元利償還金 in `fiscalYear` of the given borrowings, under the terms of `DebtServiceRule`. */
export function newBorrowingDebtService(
  borrowings: readonly Borrowing[],
  year: number,
  terms: Pick<DebtServiceRule, "termYears" | "graceYears" | "interestRate">,
): Yen {
  const term = whole("termYears", terms.termYears, 1, 60);
  const grace = whole("graceYears", terms.graceYears, 0, term - 1);
  const interestRate = rate("interestRate", terms.interestRate, 0, 0.5);
  const instalments = term - grace;
  let total = 0;
  for (const [i, b] of borrowings.entries()) {
    fiscalYear(`borrowings[${i}].fiscalYear`, b.fiscalYear);
    const amount = yen(`borrowings[${i}].amount`, b.amount);
    const payment = year - b.fiscalYear; // 1 = the year after issue
    if (payment < 1 || payment > term) continue;
    const later = Math.floor(amount / instalments); // 2回目以降の元金
    const first = amount - later * (instalments - 1); // 初回 = 均等額 + 端数
    const paidBefore = Math.max(0, payment - 1 - grace);
    const repaid = paidBefore === 0 ? 0 : first + later * (paidBefore - 1);
    const principal = payment <= grace ? 0 : paidBefore === 0 ? first : later;
    total += principal + applyRate(amount - repaid, interestRate);
  }
  return yen("公債費", total);
}

function validateBase(base: readonly FrameYear[]): FrameYear {
  validateYears(base, "base");
  base.forEach((y, i) => {
    if (y.kind === "projection")
      throw new RangeError(`base[${i}].kind は決算 (settled) か予算 (budget) にしてください`);
    if (y.kind === "settled" && i > 0 && base[i - 1]!.kind === "budget")
      throw new RangeError(`base[${i}].kind: 予算の年度の後に決算の年度は置けません`);
  });
  return base[base.length - 1]!;
}

/** Projected years after the last base year through `untilFiscalYear` (none if it is that year). */
export function project(
  base: readonly FrameYear[],
  scenario: Scenario,
  untilFiscalYear: number,
): ProjectedYear[] {
  const last = validateBase(base);
  validateScenario(scenario);
  fiscalYear("untilFiscalYear", untilFiscalYear);
  if (untilFiscalYear < last.fiscalYear)
    throw new RangeError(`untilFiscalYear は基準年度 ${last.fiscalYear} 以降にしてください`);
  const minimumBalance = scenario.gapRule?.minimumBalance ?? 0;
  const surplusTo = scenario.gapRule?.surplusTo ?? "fiscalAdjustment";
  const rule = scenario.debtServiceRule;
  const p = scenario.population;
  let population = p?.kind === "rate" ? p.base : undefined;
  const balances = { ...scenario.funds.opening };
  const borrowings: Borrowing[] = [];
  const result: ProjectedYear[] = [];
  let prev: FrameYear = last;
  let cumulativeShortfall = 0;

  for (let fy = last.fiscalYear + 1; fy <= untilFiscalYear; fy++) {
    const plan = scenario.funds.plan?.[fy] ?? {};
    const planned = (f: FundKind) => ({
      deposit: plan[f]?.deposit ?? 0,
      drawdown: plan[f]?.drawdown ?? 0,
    });
    const grown = <C extends RevenueCategory | ExpenditureCategory>(
      lines: Record<C, Yen>,
      rates: Partial<Record<C, number>>,
      c: C,
    ) => applyGrowth(lines[c], rates[c]!);

    const revenueLine = (c: RevenueCategory): Yen => {
      if (c === "transfersFromFunds")
        return sumYen(
          "繰入金",
          FUND_KINDS.map((f) => planned(f).drawdown),
        );
      if (c === "localBonds")
        return scenario.plannedBorrowing?.[fy] ?? grown(prev.revenue, scenario.revenueGrowth, c);
      return grown(prev.revenue, scenario.revenueGrowth, c);
    };
    const revenue = Object.fromEntries(
      REVENUE_CATEGORIES.map((c) => [c, revenueLine(c)]),
    ) as Record<RevenueCategory, Yen>;

    const prevExtra = prev.extraordinaryFiscalBonds ?? 0;
    const extraordinaryFiscalBonds =
      scenario.plannedExtraordinaryFiscalBonds?.[fy] ??
      (prev.revenue.localBonds === 0
        ? 0
        : prorate(revenue.localBonds, prevExtra, prev.revenue.localBonds));
    if (extraordinaryFiscalBonds > revenue.localBonds)
      throw new RangeError(
        `scenario.plannedExtraordinaryFiscalBonds[${fy}] (${extraordinaryFiscalBonds}) が地方債 (${revenue.localBonds}) を超えています`,
      );

    const debtService = (): Yen => {
      const plannedAmount = scenario.plannedDebtService?.[fy];
      if (plannedAmount !== undefined) return plannedAmount;
      if (!rule) return grown(prev.expenditure, scenario.expenditureGrowth, "debtService");
      const existing = rule.existing[fy];
      if (existing === undefined)
        throw new RangeError(
          `scenario.debtServiceRule.existing[${fy}] (既発債の公債費) がありません`,
        );
      return sumYen("公債費", [existing, newBorrowingDebtService(borrowings, fy, rule)]);
    };
    const expenditureLine = (c: ExpenditureCategory): Yen => {
      if (c === "fundDeposits")
        return sumYen(
          "積立金",
          FUND_KINDS.map((f) => planned(f).deposit),
        );
      if (c === "debtService") return debtService();
      return grown(prev.expenditure, scenario.expenditureGrowth, c);
    };
    const expenditure = Object.fromEntries(
      EXPENDITURE_CATEGORIES.map((c) => [c, expenditureLine(c)]),
    ) as Record<ExpenditureCategory, Yen>;
    borrowings.push({ fiscalYear: fy, amount: revenue.localBonds });

    const year: FrameYear = { fiscalYear: fy, kind: "projection", revenue, expenditure };
    const revenueTotal = totalRevenue(year);
    const expenditureTotal = totalExpenditure(year);
    const gap = revenueTotal - expenditureTotal;

    const available = Object.fromEntries(
      FUND_KINDS.map((f) => {
        const after = balances[f] + planned(f).deposit - planned(f).drawdown;
        if (after < 0)
          throw new RangeError(
            `scenario.funds.plan[${fy}].${f}.drawdown が残高 (${balances[f] + planned(f).deposit}) を超えています`,
          );
        return [f, after];
      }),
    ) as Record<FundKind, Yen>;
    const drawable = Math.max(0, available.fiscalAdjustment - minimumBalance);
    const drawdown = gap < 0 ? Math.min(-gap, drawable) : 0;
    const gapClosing =
      gap >= 0
        ? { fund: surplusTo, deposit: gap, drawdown: 0 }
        : { fund: "fiscalAdjustment" as const, deposit: 0, drawdown };
    const shortfall = gap < 0 ? -gap - drawdown : 0;
    cumulativeShortfall = sumYen("累積収支不足", [cumulativeShortfall, shortfall]);

    const funds = Object.fromEntries(
      FUND_KINDS.map((f) => {
        const byGap = f === gapClosing.fund ? gapClosing : { deposit: 0, drawdown: 0 };
        const deposits = sumYen(`${f}.deposits`, [planned(f).deposit, byGap.deposit]);
        const drawdowns = planned(f).drawdown + byGap.drawdown;
        const roll = { opening: balances[f], deposits, drawdowns, closing: 0 };
        roll.closing = yen(`${fy}年度 ${f} の年度末残高`, roll.opening + deposits - drawdowns);
        return [f, roll];
      }),
    ) as Record<FundKind, FundRoll>;
    for (const f of FUND_KINDS) balances[f] = funds[f].closing;

    if (p?.kind === "rate") population = applyGrowth(population!, p.annualRate);
    else if (p?.kind === "byYear") population = p.byYear[fy];
    const standardFiscalScale = scenario.standardFiscalScale?.[fy];

    const projected: ProjectedYear = {
      ...year,
      kind: "projection",
      extraordinaryFiscalBonds,
      totalRevenue: revenueTotal,
      totalExpenditure: expenditureTotal,
      gap,
      gapClosing,
      shortfall,
      cumulativeShortfall,
      funds,
    };
    if (population !== undefined) projected.population = population;
    if (standardFiscalScale !== undefined) projected.standardFiscalScale = standardFiscalScale;
    result.push(projected);
    prev = projected;
  }
  return result;
}
