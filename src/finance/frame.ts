/**
 * 財政フレーム (中期財政推計): a multi-year revenue and expenditure frame — its categories, years,
 * exact arithmetic and validation, as pure data and functions. The projection
 * itself is in `frame-projection.ts`, the scenario and its presets in `frame-scenario.ts`, the
 * derived figures (ratios, per-capita amounts) in `frame-indicators.ts`.
 *
 * Categories condense the 款別 歳入 and 性質別 歳出 of the 決算カード into the lines a frame
 * usually shows. Conventions:
 * - 自主財源 = 市税 + 繰入金 + その他, i.e. 総務省's 決算 convention (市税, 分担金及び負担金,
 *   使用料及び手数料, 財産収入, 寄附金 (ふるさと応援寄附金を含む), 繰入金, 繰越金, 諸収入), with every
 *   own-source item other than 市税 and 繰入金 booked under その他. Everything the state or 県
 *   decides — 地方譲与税, 各種交付金 (地方特例交付金, 交通安全対策特別交付金 を含む), 地方交付税,
 *   国庫支出金, 県支出金, 地方債 — is 依存財源, so such items must not go into その他.
 * - 繰入金 and 積立金 in a frame are 基金 movements only (繰入金 from a 特別会計 goes under その他);
 *   in a projected year they are the scenario's planned fund drawdowns and deposits, not grown.
 * - 地方債 includes 臨時財政対策債 (`extraordinaryFiscalBonds`, a part of it, 0 ≤ 臨財債 ≤ 地方債).
 * - 義務的経費 = 人件費 + 扶助費 + 公債費.
 *
 * Amounts are yen as safe integers (see soundness.ts), never negative. Growth rates are decimals
 * (0.012 = 1.2%) in −50%..+50%, read as the decimal they print as (15 significant digits), and
 * applied exactly: amount × (1 + rate) rounded half up to the yen, without binary error
 * (1,800,000,100 × 1.005 = 1,809,000,100.5 → 1,809,000,101, where floating point gives …100.4999998).
 */
import { type Yen, yen } from "./soundness.ts";

export type { Yen };

export const REVENUE_CATEGORIES = [
  "cityTax",
  "transferTaxes",
  "localAllocationTax",
  "nationalDisbursements",
  "prefecturalDisbursements",
  "localBonds",
  "transfersFromFunds",
  "otherRevenue",
] as const;
export type RevenueCategory = (typeof REVENUE_CATEGORIES)[number];

export const REVENUE_LABELS: Record<RevenueCategory, string> = {
  cityTax: "市税",
  transferTaxes: "地方譲与税・交付金",
  localAllocationTax: "地方交付税",
  nationalDisbursements: "国庫支出金",
  prefecturalDisbursements: "県支出金",
  localBonds: "地方債",
  transfersFromFunds: "繰入金",
  otherRevenue: "その他",
};

export const EXPENDITURE_CATEGORIES = [
  "personnel",
  "socialAssistance",
  "debtService",
  "materials",
  "subsidies",
  "construction",
  "transfersOut",
  "fundDeposits",
  "otherExpenditure",
] as const;
export type ExpenditureCategory = (typeof EXPENDITURE_CATEGORIES)[number];

export const EXPENDITURE_LABELS: Record<ExpenditureCategory, string> = {
  personnel: "人件費",
  socialAssistance: "扶助費",
  debtService: "公債費",
  materials: "物件費",
  subsidies: "補助費等",
  construction: "普通建設事業費",
  transfersOut: "繰出金",
  fundDeposits: "積立金",
  otherExpenditure: "その他",
};

/** 自主財源 (the rest is 依存財源). */
export const OWN_SOURCE_REVENUE: readonly RevenueCategory[] = [
  "cityTax",
  "transfersFromFunds",
  "otherRevenue",
];
/** 義務的経費. */
export const MANDATORY_EXPENDITURE: readonly ExpenditureCategory[] = [
  "personnel",
  "socialAssistance",
  "debtService",
];

export const EXTRAORDINARY_FISCAL_BONDS_LABEL = "うち臨時財政対策債";

export const FUND_KINDS = ["fiscalAdjustment", "debtReduction", "otherSpecific"] as const;
export type FundKind = (typeof FUND_KINDS)[number];
export const FUND_LABELS: Record<FundKind, string> = {
  fiscalAdjustment: "財政調整基金",
  debtReduction: "減債基金",
  otherSpecific: "その他特定目的基金",
};

export type FrameKind = "settled" | "budget" | "projection";
export const FRAME_KIND_LABELS: Record<FrameKind, string> = {
  settled: "決算",
  budget: "予算",
  projection: "推計",
};

export interface FrameYear {
  fiscalYear: number;
  kind: FrameKind;
  revenue: Record<RevenueCategory, Yen>;
  /** revenue.localBonds のうち臨時財政対策債; absent = 0. */
  extraordinaryFiscalBonds?: Yen;
  expenditure: Record<ExpenditureCategory, Yen>;
}

/** Amounts by fiscal year (keys are fiscal years, e.g. 2025 = 令和7年度). */
export type ByYear<T> = Readonly<Record<number, T>>;

// Exact arithmetic ---------------------------------------------------------------------------

/** A rate as the exact fraction n / d of its 15-significant-digit decimal (0.015 = 15 / 1000). */
function fraction(rate: number): { n: bigint; d: bigint } {
  const m = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(Number(rate.toPrecision(15))));
  if (!m) throw new RangeError(`率が数値ではありません: ${rate}`);
  const digits = m[3] ?? "";
  const exponent = Number(m[4] ?? 0) - digits.length;
  let n = BigInt(m[2]! + digits);
  let d = 1n;
  if (exponent >= 0) n *= 10n ** BigInt(exponent);
  else d = 10n ** BigInt(-exponent);
  return { n: m[1] ? -n : n, d };
}

/** num ÷ den rounded half up, for num ≥ 0 and den > 0. */
const divideHalfUp = (num: bigint, den: bigint): bigint => (2n * num + den) / (2n * den);

/** amount × (1 + rate), rounded half up to the yen (amount ≥ 0, rate ≥ −100%). */
export function applyGrowth(amount: Yen, rate: number): Yen {
  const { n, d } = fraction(rate);
  return yen("applyGrowth", Number(divideHalfUp(BigInt(amount) * (d + n), d)));
}

/** amount × rate (e.g. interest), rounded half up to the yen (amount, rate ≥ 0). */
export function applyRate(amount: Yen, rate: number): Yen {
  const { n, d } = fraction(rate);
  return yen("applyRate", Number(divideHalfUp(BigInt(amount) * n, d)));
}

/** amount × numerator ÷ denominator, rounded half up (all ≥ 0, denominator > 0). */
export function prorate(amount: Yen, numerator: Yen, denominator: Yen): Yen {
  return Number(divideHalfUp(BigInt(amount) * BigInt(numerator), BigInt(denominator)));
}

/** Two rates added as decimals (0.015 + −0.01 = 0.005, not 0.004999…). */
export const addRates = (a: number, b: number): number => Number((a + b).toPrecision(15));

// Validation ---------------------------------------------------------------------------------

export const MIN_RATE = -0.5;
export const MAX_RATE = 0.5;

/** A rate within min..max (default −50%..+50%). Throws RangeError naming it. */
export function rate(name: string, value: number, min = MIN_RATE, max = MAX_RATE): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max)
    throw new RangeError(
      `${name} は${min * 100}%〜${max * 100}%の範囲で指定してください: ${value}`,
    );
  return value;
}

/** A whole number within min..max (fiscal years, populations, terms). */
export function whole(name: string, value: number, min: number, max: number): number {
  if (!Number.isSafeInteger(value) || value < min || value > max)
    throw new RangeError(`${name} は${min}以上${max}以下の整数で指定してください: ${value}`);
  return value;
}

export const fiscalYear = (name: string, value: number): number => whole(name, value, 1, 9999);

/** Every key of `record` is one of `keys` and every key is present; checks values with `check`. */
export function exactRecord<K extends string>(
  name: string,
  record: unknown,
  keys: readonly K[],
  check: (field: string, value: number) => unknown,
): void {
  if (typeof record !== "object" || record === null)
    throw new RangeError(`${name} を指定してください`);
  for (const key of Object.keys(record))
    if (!(keys as readonly string[]).includes(key))
      throw new RangeError(`${name}.${key} は未知の区分です`);
  for (const key of keys) check(`${name}.${key}`, (record as Record<string, number>)[key]!);
}

/** Checks a by-year map: keys are fiscal years, values pass `check`. */
export function byYear<T>(
  name: string,
  map: ByYear<T> | undefined,
  check: (f: string, v: T) => unknown,
) {
  for (const [key, value] of Object.entries(map ?? {})) {
    if (!/^\d+$/.test(key)) throw new RangeError(`${name} の年度が不正です: ${key}`);
    fiscalYear(`${name}[${key}]`, Number(key));
    check(`${name}[${key}]`, value as T);
  }
}

/** Checks one year's lines: every category present, amounts ≥ 0, 臨財債 ≤ 地方債. */
export function validateFrameYear(y: FrameYear, name = "year"): FrameYear {
  fiscalYear(`${name}.fiscalYear`, y.fiscalYear);
  if (!Object.hasOwn(FRAME_KIND_LABELS, y.kind))
    throw new RangeError(`${name}.kind が不正です: ${y.kind}`);
  exactRecord(`${name}.revenue`, y.revenue, REVENUE_CATEGORIES, yen);
  exactRecord(`${name}.expenditure`, y.expenditure, EXPENDITURE_CATEGORIES, yen);
  const bonds = yen(`${name}.extraordinaryFiscalBonds`, y.extraordinaryFiscalBonds ?? 0);
  if (bonds > y.revenue.localBonds)
    throw new RangeError(`${name}.extraordinaryFiscalBonds が地方債を超えています: ${bonds}`);
  totalRevenue(y);
  totalExpenditure(y);
  return y;
}

/** Checks consecutive ascending years: the base of a projection. */
export function validateYears(years: readonly FrameYear[], name = "years"): void {
  if (years.length === 0) throw new RangeError(`${name} に年度がありません`);
  years.forEach((y, i) => {
    validateFrameYear(y, `${name}[${i}]`);
    if (i > 0 && y.fiscalYear !== years[i - 1]!.fiscalYear + 1)
      throw new RangeError(
        `${name}[${i}].fiscalYear は連続した年度にしてください: ${y.fiscalYear}`,
      );
  });
}

// Derived figures ----------------------------------------------------------------------------

/** A sum of yen amounts, checked to be a safe integer ≥ 0 (named in the error). */
export function sumYen(name: string, values: readonly Yen[]): Yen {
  let total = 0;
  for (const v of values) total += v;
  return yen(name, total);
}

export const totalRevenue = (y: FrameYear): Yen =>
  sumYen(
    "歳入合計",
    REVENUE_CATEGORIES.map((c) => y.revenue[c]),
  );
export const totalExpenditure = (y: FrameYear): Yen =>
  sumYen(
    "歳出合計",
    EXPENDITURE_CATEGORIES.map((c) => y.expenditure[c]),
  );
