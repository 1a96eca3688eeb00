/**
 * 財政健全化判断比率 (soundness ratios) from their components, as pure functions.
 *
 * Definitions: 地方公共団体の財政の健全化に関する法律 (平成19年法律第94号) 第2条第1号〜第4号,
 * read in the text as amended by 平成24年法律第30号. Item names of 将来負担額 follow 総務省
 * 「地方財政白書」(令和4年版 第45表), which lists them as ①〜⑧ below.
 *
 * Amounts are integers in yen held in `number`: every amount, and every sum this module forms,
 * must be a safe integer (|x| ≤ Number.MAX_SAFE_INTEGER ≈ 9,007兆円), far above any body's
 * budget (東京都's 標準財政規模 is a few 兆円). Ratios are percent with full float precision;
 * `roundRatio` gives the value as published.
 */

export type Yen = number;
export type RatioKind =
  | "realDeficit"
  | "consolidatedRealDeficit"
  | "realDebtService"
  | "futureBurden";

export const RATIO_NAMES: Record<RatioKind, string> = {
  realDeficit: "実質赤字比率",
  consolidatedRealDeficit: "連結実質赤字比率",
  realDebtService: "実質公債費比率",
  futureBurden: "将来負担比率",
};

/** A yen amount: a safe integer (and ≥ 0 unless `signed`). Throws RangeError naming it. */
export function yen(name: string, value: Yen, signed = false): Yen {
  if (!Number.isSafeInteger(value))
    throw new RangeError(`${name} は円単位の安全な整数で指定してください: ${value}`);
  if (!signed && value < 0) throw new RangeError(`${name} は0以上で指定してください: ${value}`);
  return value;
}

function sum(name: string, values: readonly Yen[]): Yen {
  let result = 0;
  for (const v of values) result += v;
  return yen(name, result, true);
}

/** Every field of `items` as a yen amount ≥ 0, summed. */
function total(name: string, items: object): Yen {
  return sum(
    name,
    Object.entries(items).map(([k, v]: [string, Yen]) => yen(k, v)),
  );
}

/** numerator ÷ (標準財政規模 − 算入公債費等) in percent; the denominator must be positive. */
function ratioOf(numerator: Yen, standardFiscalScale: Yen, includedDebtService = 0): number {
  const denominator =
    yen("standardFiscalScale", standardFiscalScale) -
    yen("includedDebtService", includedDebtService);
  if (denominator <= 0) throw new RangeError(`standardFiscalScale が小さすぎます: ${denominator}`);
  return (numerator / denominator) * 100;
}

/**
 * 実質赤字比率 (法第2条第1号) = 一般会計等の実質赤字額 ÷ 標準財政規模.
 * `realDeficit` < 0 is a surplus (実質収支の黒字); the ratio is then negative, which the law does
 * not define but municipalities publish (「黒字のためマイナス標記」).
 */
export function realDeficitRatio(input: { realDeficit: Yen; standardFiscalScale: Yen }): number {
  return ratioOf(yen("realDeficit", input.realDeficit, true), input.standardFiscalScale);
}

/**
 * One account in 連結実質赤字額 (法第2条第2号). `deficit` > 0 is a 実質赤字額 (general and
 * other non-enterprise accounts) or a 資金の不足額 (public enterprises); < 0 is a surplus /
 * 資金の剰余額. kind: "general" = 一般会計等, "other_general" = 公営企業以外のその他の特別会計
 * (国民健康保険事業 等), "public_enterprise" = 公営企業 (法適用企業・法非適用企業).
 */
export interface AccountBalance {
  name: string;
  kind: "general" | "other_general" | "public_enterprise";
  deficit: Yen;
}

/** 法第2条第2号イ〜ニ and the result (イ+ロ)−(ハ+ニ); negative = 連結で黒字. */
export interface ConsolidatedRealDeficit {
  accountDeficits: Yen; // イ 一般会計・公営企業以外の特別会計の実質赤字額の合計
  fundShortfalls: Yen; // ロ 公営企業の資金の不足額の合計
  accountSurpluses: Yen; // ハ 一般会計・公営企業以外の特別会計の黒字額の合計
  fundSurpluses: Yen; // ニ 公営企業の資金の剰余額の合計
  total: Yen;
}

export function consolidatedRealDeficit(
  accounts: readonly AccountBalance[],
): ConsolidatedRealDeficit {
  const pick = (enterprise: boolean, sign: 1 | -1) =>
    accounts
      .filter((a) => (a.kind === "public_enterprise") === enterprise)
      .map((a) => yen(`accounts「${a.name}」.deficit`, a.deficit, true) * sign)
      .filter((v) => v > 0);
  const accountDeficits = sum("イ", pick(false, 1));
  const fundShortfalls = sum("ロ", pick(true, 1));
  const accountSurpluses = sum("ハ", pick(false, -1));
  const fundSurpluses = sum("ニ", pick(true, -1));
  const total = sum("連結実質赤字額", [
    accountDeficits,
    fundShortfalls,
    -accountSurpluses,
    -fundSurpluses,
  ]);
  return { accountDeficits, fundShortfalls, accountSurpluses, fundSurpluses, total };
}

/** 連結実質赤字比率 (法第2条第2号) = 連結実質赤字額 ÷ 標準財政規模; negative when in surplus. */
export function consolidatedRealDeficitRatio(input: {
  accounts: readonly AccountBalance[];
  standardFiscalScale: Yen;
}): number {
  return ratioOf(consolidatedRealDeficit(input.accounts).total, input.standardFiscalScale);
}

/** One fiscal year's components of 実質公債費比率 (法第2条第3号). */
export interface DebtServiceYear {
  fiscalYear?: number;
  principalAndInterest: Yen; // 地方債の元利償還金
  quasiPrincipalAndInterest: Yen; // 準元利償還金
  specificRevenue: Yen; // 元利償還金・準元利償還金に充当される特定財源
  includedDebtService: Yen; // 算入公債費等の額 (基準財政需要額に算入される額)
  standardFiscalScale: Yen;
}

/** ((元利償還金 + 準元利償還金) − (特定財源 + 算入公債費等)) ÷ (標準財政規模 − 算入公債費等). */
export function singleYearRealDebtServiceRatio(y: DebtServiceYear): number {
  const numerator = sum("実質公債費", [
    yen("principalAndInterest", y.principalAndInterest),
    yen("quasiPrincipalAndInterest", y.quasiPrincipalAndInterest),
    -yen("specificRevenue", y.specificRevenue),
    -yen("includedDebtService", y.includedDebtService),
  ]);
  return ratioOf(numerator, y.standardFiscalScale, y.includedDebtService);
}

/**
 * 実質公債費比率: 「当該年度前三年度内の各年度に係るものを合算したものの三分の一」(法第2条第3号),
 * i.e. the mean of three single-year ratios. Fiscal years, when given, must be consecutive.
 */
export function realDebtServiceRatio(years: readonly DebtServiceYear[]): number {
  if (years.length !== 3)
    throw new RangeError(`実質公債費比率には3か年度分が必要です: ${years.length}`);
  const fys = years.map((y) => y.fiscalYear).filter((fy): fy is number => fy !== undefined);
  if (fys.length === 3) {
    const sorted = [...fys].sort((a, b) => a - b);
    if (sorted[1] !== sorted[0]! + 1 || sorted[2] !== sorted[0]! + 2) {
      throw new RangeError(`3か年度は連続した年度にしてください: ${fys.join(", ")}`);
    }
  }
  return years.reduce((acc, y) => acc + singleYearRealDebtServiceRatio(y), 0) / 3;
}

/** 将来負担額: 法第2条第4号イ〜チ (白書の①〜⑧). All ≥ 0. */
export interface FutureBurden {
  localBondBalance: Yen; // ① 一般会計等に係る地方債の現在高
  debtBurdenActExpenditure: Yen; // ② 債務負担行為に基づく支出予定額
  publicEnterpriseBondTransfers: Yen; // ③ 公営企業債等繰入見込額
  jointAuthorityBurden: Yen; // ④ 組合等負担等見込額
  retirementAllowanceBurden: Yen; // ⑤ 退職手当負担見込額
  establishedCorporationLiabilities: Yen; // ⑥ 設立法人の負債額等負担見込額
  consolidatedRealDeficit: Yen; // ⑦ 連結実質赤字額
  jointAuthorityConsolidatedDeficitBurden: Yen; // ⑧ 組合等連結実質赤字額負担見込額
}

/** 充当可能財源等: 法第2条第4号リ〜ル. All ≥ 0. */
export interface FutureBurdenOffsets {
  availableFunds: Yen; // 充当可能基金額
  specificRevenueOutlook: Yen; // 特定財源見込額 (充当可能特定歳入)
  includedBondDemandOutlook: Yen; // 地方債現在高等に係る基準財政需要額算入見込額
}

export const futureBurdenTotal = (burden: FutureBurden): Yen => total("将来負担額", burden);

/**
 * 将来負担比率 (法第2条第4号) = (将来負担額 − 充当可能財源等) ÷ (標準財政規模 − 算入公債費等).
 * Negative when the offsets exceed the burden: the law defines no ratio then, published as 「−」.
 */
export function futureBurdenRatio(input: {
  burden: FutureBurden;
  offsets: FutureBurdenOffsets;
  standardFiscalScale: Yen;
  includedDebtService: Yen;
}): number {
  const offsets = total("充当可能財源等", input.offsets);
  const numerator = sum("将来負担額 − 充当可能財源等", [futureBurdenTotal(input.burden), -offsets]);
  return ratioOf(numerator, input.standardFiscalScale, input.includedDebtService);
}

// Rounding and display ---------------------------------------------------------------------

export type RoundingMode = "truncate" | "halfUp";

/**
 * How each ratio is published. 実質公債費比率: one decimal, truncated — verified against
 * 鳥取県「健全化法判断比率算定状況」(平成27年度決算): the three-year mean 12.4606 is published as
 * 12.4 and 12.7588 as (12.7). The deficit ratios (two decimals) and 将来負担比率 (one decimal):
 * we could not verify from 総務省's text whether they are truncated, so they round half up
 * (away from zero); change `mode` here if the 算定様式 says 切り捨て.
 */
export const PUBLISHED_ROUNDING: Record<RatioKind, { digits: number; mode: RoundingMode }> = {
  realDeficit: { digits: 2, mode: "halfUp" },
  consolidatedRealDeficit: { digits: 2, mode: "halfUp" },
  realDebtService: { digits: 1, mode: "truncate" },
  futureBurden: { digits: 1, mode: "halfUp" },
};

/** Shifts the decimal point without binary error: 12.58 × 10² = 1258 exactly. */
function shift(x: number, places: number): number {
  const [mantissa, exponent] = x.toExponential().split("e");
  return Number(`${mantissa}e${Number(exponent) + places}`);
}

/**
 * Rounds to `digits` decimals on the magnitude (so −5.765 → −5.77 half up, −1.86 → −1.8
 * truncated). The value is first normalised to 15 significant digits to drop float noise
 * (12.579999999999998 is 12.58).
 */
export function roundDecimal(value: number, digits: number, mode: RoundingMode): number {
  if (!Number.isFinite(value)) throw new RangeError(`数値ではありません: ${value}`);
  const clean = Number(value.toPrecision(15));
  const scaled = shift(Math.abs(clean), digits);
  const magnitude = shift(
    mode === "truncate" ? Math.floor(scaled) : Math.floor(scaled + 0.5),
    -digits,
  );
  return magnitude === 0 ? 0 : Math.sign(clean) * magnitude;
}

export const roundRatio = (kind: RatioKind, percentValue: number): number =>
  roundDecimal(percentValue, PUBLISHED_ROUNDING[kind].digits, PUBLISHED_ROUNDING[kind].mode);

/** A published value without components (e.g. from a city's PDF); null = printed as 「−」. */
export type ReportedRatio = { source: "reported"; kind: RatioKind; published: number | null };
/** A ratio computed here from its components: the full value and the published one. */
export type ComputedRatio = {
  source: "computed";
  kind: RatioKind;
  value: number;
  published: number;
};
export type SoundnessRatio = ReportedRatio | ComputedRatio;

export const reportedRatio = (kind: RatioKind, published: number | null): ReportedRatio => ({
  source: "reported",
  kind,
  published: published === null ? null : roundRatio(kind, published),
});

export const computedRatio = (kind: RatioKind, value: number): ComputedRatio => ({
  source: "computed",
  kind,
  value,
  published: roundRatio(kind, value),
});

/** How a surplus (negative deficit ratio) is printed: 「−5.76」, 「△5.76」 or 「−」. */
export type SurplusDisplay = "minus" | "triangle" | "dash";
export const MINUS = "\u2212"; // −
export const TRIANGLE = "△";
export const DASH = "\u2212"; // printed alone: no deficit / not calculated

/**
 * The ratio as printed. Deficit ratios ≤ 0 follow `surplusDisplay`; a negative 将来負担比率
 * is always 「−」 (算定されない); a negative 実質公債費比率 is a real value (「−1.8」 or 「△1.8」).
 */
export function formatRatio(
  ratio: SoundnessRatio,
  { surplusDisplay = "dash" }: { surplusDisplay?: SurplusDisplay } = {},
): string {
  const value = ratio.published;
  const deficitKind = ratio.kind === "realDeficit" || ratio.kind === "consolidatedRealDeficit";
  if (value === null) return DASH;
  if (deficitKind && value <= 0 && surplusDisplay === "dash") return DASH;
  if (ratio.kind === "futureBurden" && value < 0) return DASH;
  const magnitude = Math.abs(value).toFixed(PUBLISHED_ROUNDING[ratio.kind].digits);
  if (value >= 0) return magnitude;
  return (surplusDisplay === "triangle" ? TRIANGLE : MINUS) + magnitude;
}
