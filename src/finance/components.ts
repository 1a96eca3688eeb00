/**
 * The components of the four soundness ratios of one fiscal year, as stored in
 * `soundness_components.components`, and which ratios they allow computing. The shape follows
 * the interfaces of soundness.ts (AccountBalance, DebtServiceYear, FutureBurden,
 * FutureBurdenOffsets); every part is optional, and a ratio is computed only when all of its
 * inputs are there — a ratio without them keeps its reported value. Pure.
 */
import { z } from "zod";
import {
  consolidatedRealDeficitRatio,
  futureBurdenRatio,
  type RatioKind,
  realDebtServiceRatio,
  realDeficitRatio,
} from "./soundness.ts";

const Amount = z
  .number({ error: "円単位の整数で入力してください" })
  .int("円単位の整数で入力してください")
  .min(0, "0以上で入力してください")
  .max(Number.MAX_SAFE_INTEGER, "大きすぎます");
/** A deficit: negative (△) is a surplus. */
const Signed = z
  .number({ error: "円単位の整数で入力してください" })
  .int("円単位の整数で入力してください")
  .min(-Number.MAX_SAFE_INTEGER, "小さすぎます")
  .max(Number.MAX_SAFE_INTEGER, "大きすぎます");

export const FUTURE_BURDEN_ITEMS = [
  ["localBondBalance", "① 一般会計等に係る地方債の現在高"],
  ["debtBurdenActExpenditure", "② 債務負担行為に基づく支出予定額"],
  ["publicEnterpriseBondTransfers", "③ 公営企業債等繰入見込額"],
  ["jointAuthorityBurden", "④ 組合等負担等見込額"],
  ["retirementAllowanceBurden", "⑤ 退職手当負担見込額"],
  ["establishedCorporationLiabilities", "⑥ 設立法人の負債額等負担見込額"],
  ["consolidatedRealDeficit", "⑦ 連結実質赤字額"],
  ["jointAuthorityConsolidatedDeficitBurden", "⑧ 組合等連結実質赤字額負担見込額"],
] as const;
export const OFFSET_ITEMS = [
  ["availableFunds", "充当可能基金額"],
  ["specificRevenueOutlook", "特定財源見込額"],
  ["includedBondDemandOutlook", "地方債現在高等に係る基準財政需要額算入見込額"],
] as const;
export const DEBT_SERVICE_ITEMS = [
  ["principalAndInterest", "元利償還金"],
  ["quasiPrincipalAndInterest", "準元利償還金"],
  ["specificRevenue", "特定財源"],
  ["includedDebtService", "算入公債費等"],
  ["standardFiscalScale", "標準財政規模"],
] as const;
export const ACCOUNT_KINDS = {
  general: "一般会計等",
  other_general: "公営企業以外の特別会計",
  public_enterprise: "公営企業",
} as const;

const Account = z.strictObject({
  name: z.string().trim().min(1, "会計の名前を入力してください"),
  kind: z.enum(["general", "other_general", "public_enterprise"], {
    error: "会計の区分を選んでください",
  }),
  deficit: Signed,
});

const DebtYear = z.strictObject({
  fiscalYear: z.number().int(),
  principalAndInterest: Amount,
  quasiPrincipalAndInterest: Amount,
  specificRevenue: Amount,
  includedDebtService: Amount,
  standardFiscalScale: Amount,
});

const record = <K extends string>(items: readonly (readonly [K, string])[]) =>
  z.strictObject(Object.fromEntries(items.map(([k]) => [k, Amount])) as Record<K, typeof Amount>);

export const SoundnessComponents = z.strictObject({
  /** 標準財政規模 of the year. */
  standardFiscalScale: Amount.optional(),
  /** 算入公債費等 of the year (the denominator of 将来負担比率). */
  includedDebtService: Amount.optional(),
  /** 一般会計等の実質赤字額; negative = 黒字. */
  realDeficit: Signed.optional(),
  /** The accounts of 連結実質赤字額. */
  accounts: z.array(Account).optional(),
  /** The three years of 実質公債費比率, oldest first (the year itself last). */
  debtService: z.array(DebtYear).length(3, "3か年度分を入力してください").optional(),
  futureBurden: record(FUTURE_BURDEN_ITEMS).optional(),
  offsets: record(OFFSET_ITEMS).optional(),
});
export type SoundnessComponents = z.infer<typeof SoundnessComponents>;

export const MISSING: Record<RatioKind, string> = {
  realDeficit: "実質赤字額と標準財政規模",
  consolidatedRealDeficit: "各会計の実質収支（資金不足・剰余）と標準財政規模",
  realDebtService: "3か年度分の元利償還金・準元利償還金・特定財源・算入公債費等・標準財政規模",
  futureBurden: "将来負担額の8項目・充当可能財源等・標準財政規模・算入公債費等",
};

export type ComputedOrMissing =
  | { kind: RatioKind; value: number }
  | { kind: RatioKind; missing: string }
  | { kind: RatioKind; error: string };

/**
 * Each ratio the components allow, with its full value; a ratio whose inputs are absent says
 * what is missing, one whose inputs the rules of soundness.ts refuse says why.
 */
export function computeRatios(c: SoundnessComponents): ComputedOrMissing[] {
  const s = c.standardFiscalScale;
  const attempt = (kind: RatioKind, ready: boolean, f: () => number): ComputedOrMissing => {
    if (!ready) return { kind, missing: MISSING[kind] };
    try {
      return { kind, value: f() };
    } catch (e) {
      return { kind, error: (e as Error).message };
    }
  };
  return [
    attempt("realDeficit", c.realDeficit !== undefined && s !== undefined, () =>
      realDeficitRatio({ realDeficit: c.realDeficit!, standardFiscalScale: s! }),
    ),
    attempt("consolidatedRealDeficit", (c.accounts?.length ?? 0) > 0 && s !== undefined, () =>
      consolidatedRealDeficitRatio({ accounts: c.accounts!, standardFiscalScale: s! }),
    ),
    attempt("realDebtService", c.debtService?.length === 3, () =>
      realDebtServiceRatio(c.debtService!),
    ),
    attempt(
      "futureBurden",
      c.futureBurden !== undefined &&
        c.offsets !== undefined &&
        s !== undefined &&
        c.includedDebtService !== undefined,
      () =>
        futureBurdenRatio({
          burden: c.futureBurden!,
          offsets: c.offsets!,
          standardFiscalScale: s!,
          includedDebtService: c.includedDebtService!,
        }),
    ),
  ];
}
