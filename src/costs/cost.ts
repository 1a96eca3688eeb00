/**
 * A program's costs for one fiscal year (事業費・人件費・総コスト), its funding sources
 * (財源内訳) and its unit cost per output (単位当たりコスト). Pure: no I/O.
 *
 * Rules:
 * - 事業費 (program cost) is the 決算額 for a closed year and the 最終予算額 otherwise. A year is
 *   closed when it is at or before the municipality's `lastClosedFiscalYear` (決算確定済みの最終
 *   年度, a setting): closing is a decision of the municipality (決算の認定), not a date, and a
 *   settlement entered early for an open year is not yet used.
 * - 人件費 (staff cost) = 従事職員数 (FTE, at most two decimals) × 人件費単価 of that year, per kind
 *   of staff (正規職員, 会計年度任用職員), each rounded half up to the yen; the staff cost is
 *   their sum, so the breakdown always adds up.
 * - 総コスト (total cost) = 事業費 + 人件費.
 * - 財源内訳 must add up to the 事業費 of the same basis (決算 or 最終予算).
 *
 * Amounts are yen as safe integers ≥ 0. Functions that compute throw a RangeError naming the
 * field; `check…` functions return every problem as an ErrorDetail (field + Japanese message).
 */
import type { ErrorDetail } from "../core/errors.ts";
import { shortFiscalYearLabel } from "../core/fiscal-year.ts";
import { formatNumber } from "../core/format.ts";

export type Yen = number;
/** Amounts by fiscal year (keys are fiscal years, e.g. 2025 = 令和7年度). */
export type ByYear<T> = Readonly<Record<number, T>>;

export const FUNDING_SOURCES = [
  "national",
  "prefectural",
  "bonds",
  "otherSpecific",
  "general",
] as const;
export type FundingSource = (typeof FUNDING_SOURCES)[number];
export const FUNDING_LABELS: Record<FundingSource, string> = {
  national: "国庫支出金",
  prefectural: "県支出金",
  bonds: "地方債",
  otherSpecific: "その他特定財源",
  general: "一般財源",
};
/** 財源内訳. */
export type Funding = Record<FundingSource, Yen>;

export const STAFF_KINDS = ["regular", "partTime"] as const;
export type StaffKind = (typeof STAFF_KINDS)[number];
export const STAFF_LABELS: Record<StaffKind, string> = {
  regular: "正規職員",
  partTime: "会計年度任用職員",
};
/** 従事職員数 in FTE (人工), at most two decimals: 0.25 is a quarter of one person's year. */
export type StaffEffort = Record<StaffKind, number>;

/** 人件費単価: yen per FTE per year. Without `partTime`, one rate applies to all staff. */
export interface UnitPersonnelCost {
  regular: Yen;
  partTime?: Yen;
}

/** The municipality's settings the costs depend on. */
export interface CostSettings {
  /** 決算確定済みの最終年度; null when no year is closed yet. */
  lastClosedFiscalYear: number | null;
  /** 人件費単価 by fiscal year. */
  unitPersonnelCosts: ByYear<UnitPersonnelCost>;
}

/** One fiscal year of a program as entered. */
export interface ProgramYear {
  fiscalYear: number;
  /** 当初予算額. */
  initialBudget: Yen;
  /** 最終予算額 (補正後). */
  finalBudget: Yen;
  /** 決算額; null until entered. */
  settlement: Yen | null;
  funding: Funding;
  staff: StaffEffort;
}

export type CostBasis = "settlement" | "finalBudget";
export const COST_BASIS_LABELS: Record<CostBasis, string> = {
  settlement: "決算額",
  finalBudget: "最終予算額",
};

export interface StaffCost extends Record<StaffKind, Yen> {
  total: Yen;
}

/** A program year's computed costs. */
export interface YearCost {
  fiscalYear: number;
  basis: CostBasis;
  programCost: Yen;
  staffCost: StaffCost;
  /** Total FTE, regular + part-time. */
  staffFte: number;
  totalCost: Yen;
}

const yenText = (value: Yen) => `${formatNumber(value)}円`;

const isYen = (value: unknown): value is Yen =>
  typeof value === "number" && Number.isSafeInteger(value) && value >= 0;

function yen(label: string, value: Yen): Yen {
  if (!isYen(value))
    throw new RangeError(`${label}は0以上の整数（円）で指定してください: ${value}`);
  return value;
}

/** FTE as a whole number of hundredths (0.25 → 25), or null when not ≥ 0 with ≤ 2 decimals. */
export function fteHundredths(fte: number): number | null {
  if (typeof fte !== "number" || !Number.isFinite(fte) || fte < 0) return null;
  const h = Math.round(fte * 100);
  return Number.isSafeInteger(h) && Math.abs(fte * 100 - h) < 1e-6 ? h : null;
}

function hundredths(label: string, fte: number): number {
  const h = fteHundredths(fte);
  if (h === null)
    throw new RangeError(`${label}は0以上、小数第2位までの数で指定してください: ${fte}`);
  return h;
}

/** Closed years use the settlement. */
export const isClosedYear = (
  fiscalYear: number,
  settings: Pick<CostSettings, "lastClosedFiscalYear">,
) => settings.lastClosedFiscalYear !== null && fiscalYear <= settings.lastClosedFiscalYear;

export const costBasis = (
  fiscalYear: number,
  settings: Pick<CostSettings, "lastClosedFiscalYear">,
): CostBasis => (isClosedYear(fiscalYear, settings) ? "settlement" : "finalBudget");

/** 事業費: the settlement of a closed year (which must be entered), else the final budget. */
export function programCost(
  year: Pick<ProgramYear, "fiscalYear" | "finalBudget" | "settlement">,
  settings: Pick<CostSettings, "lastClosedFiscalYear">,
): Yen {
  if (costBasis(year.fiscalYear, settings) === "finalBudget")
    return yen("最終予算額", year.finalBudget);
  if (year.settlement === null)
    throw new RangeError(
      `${shortFiscalYearLabel(year.fiscalYear)}は決算確定済みですが、決算額が入力されていません`,
    );
  return yen("決算額", year.settlement);
}

/** The year's 人件費単価, each rate checked; part-time defaults to the regular rate. */
export function unitPersonnelCostFor(
  fiscalYear: number,
  settings: Pick<CostSettings, "unitPersonnelCosts">,
): Record<StaffKind, Yen> {
  const unit = settings.unitPersonnelCosts[fiscalYear];
  if (!unit)
    throw new RangeError(`${shortFiscalYearLabel(fiscalYear)}の人件費単価が設定されていません`);
  const regular = yen(`${STAFF_LABELS.regular}の人件費単価`, unit.regular);
  const partTime = yen(`${STAFF_LABELS.partTime}の人件費単価`, unit.partTime ?? regular);
  return { regular, partTime };
}

/** Total FTE, added exactly in hundredths (0.1 + 0.2 = 0.3). */
export function staffFte(staff: StaffEffort): number {
  let total = 0;
  for (const kind of STAFF_KINDS)
    total += hundredths(`${STAFF_LABELS[kind]}の従事職員数`, staff[kind]);
  return total / 100;
}

/** 人件費: FTE × unit cost per kind, each rounded half up to the yen, and their sum. */
export function staffCost(staff: StaffEffort, unit: Record<StaffKind, Yen>): StaffCost {
  const cost = {} as Record<StaffKind, Yen>;
  for (const kind of STAFF_KINDS) {
    const h = BigInt(hundredths(`${STAFF_LABELS[kind]}の従事職員数`, staff[kind]));
    const rate = BigInt(yen(`${STAFF_LABELS[kind]}の人件費単価`, unit[kind]));
    cost[kind] = yen(`${STAFF_LABELS[kind]}の人件費`, Number((2n * rate * h + 100n) / 200n));
  }
  return { ...cost, total: yen("人件費", cost.regular + cost.partTime) };
}

/** Program cost, staff cost and total cost of one program year. */
export function yearCost(year: ProgramYear, settings: CostSettings): YearCost {
  const program = programCost(year, settings);
  const staff = staffCost(year.staff, unitPersonnelCostFor(year.fiscalYear, settings));
  return {
    fiscalYear: year.fiscalYear,
    basis: costBasis(year.fiscalYear, settings),
    programCost: program,
    staffCost: staff,
    staffFte: staffFte(year.staff),
    totalCost: yen("総コスト", program + staff.total),
  };
}

/**
 * 単位当たりコスト = total cost ÷ the activity indicator's actual, in yen with full float
 * precision (round for display). null when there is no actual or it is 0.
 */
export function unitCost(totalCost: Yen, actual: number | null | undefined): number | null {
  yen("総コスト", totalCost);
  if (actual === null || actual === undefined || actual === 0) return null;
  if (!Number.isFinite(actual) || actual < 0)
    throw new RangeError(`活動指標の実績値は0以上の数で指定してください: ${actual}`);
  return totalCost / actual;
}

// Checks -------------------------------------------------------------------------------------

/**
 * Every funding source an amount in yen, and their sum equal to the program cost (when the cost
 * is known; null checks the amounts only).
 */
export function checkFunding(
  funding: Funding,
  cost: Yen | null,
  location = "funding",
): ErrorDetail[] {
  const issues: ErrorDetail[] = [];
  let sum = 0;
  for (const source of FUNDING_SOURCES) {
    const value = funding[source];
    if (isYen(value)) sum += value;
    else
      issues.push({
        location: `${location}.${source}`,
        message: `${FUNDING_LABELS[source]}は0以上の整数（円）で入力してください（${value}）`,
      });
  }
  if (issues.length === 0 && cost !== null && sum !== cost)
    issues.push({
      location,
      message: `財源内訳の合計（${yenText(sum)}）が事業費（${yenText(cost)}）と一致しません`,
    });
  return issues;
}

/**
 * Everything wrong with one program year, each message led by the fiscal year
 * (「令和6年度の…」): amounts, FTE, a closed year without settlement, a missing unit cost, and
 * funding that does not add up to the program cost.
 */
export function checkProgramYear(
  year: ProgramYear,
  settings: CostSettings,
  location = `years.${year.fiscalYear}`,
): ErrorDetail[] {
  const issues: ErrorDetail[] = [];
  const amounts = [
    ["initialBudget", "当初予算額", year.initialBudget],
    ["finalBudget", "最終予算額", year.finalBudget],
    ["settlement", "決算額", year.settlement ?? 0],
  ] as const;
  for (const [field, label, value] of amounts)
    if (!isYen(value))
      issues.push({
        location: `${location}.${field}`,
        message: `${label}は0以上の整数（円）で入力してください（${value}）`,
      });
  for (const kind of STAFF_KINDS)
    if (fteHundredths(year.staff[kind]) === null)
      issues.push({
        location: `${location}.staff.${kind}`,
        message: `${STAFF_LABELS[kind]}の従事職員数は0以上、小数第2位までの数で入力してください（${year.staff[kind]}）`,
      });
  const basis = costBasis(year.fiscalYear, settings);
  if (basis === "settlement" && year.settlement === null)
    issues.push({
      location: `${location}.settlement`,
      message: "決算額が入力されていません（決算確定済みの年度です）",
    });
  if (!settings.unitPersonnelCosts[year.fiscalYear])
    issues.push({
      location: `settings.unitPersonnelCosts.${year.fiscalYear}`,
      message: "人件費単価が設定されていません",
    });
  const cost = basis === "settlement" ? year.settlement : year.finalBudget;
  issues.push(...checkFunding(year.funding, isYen(cost) ? cost : null, `${location}.funding`));
  const fy = shortFiscalYearLabel(year.fiscalYear);
  return issues.map((i) => ({ ...i, message: `${fy}の${i.message}` }));
}
