/**
 * Direction-aware achievement rules for plan indicators (成果指標の達成状況). Pure: no I/O.
 *
 * Target forms:
 * - at_least / at_most: a value to reach (at_most = lower is better); progress is measured
 *   linearly from the baseline to the target and compared with the elapsed time.
 * - below / above: strict bounds (「12.58%未満」「0件超」); the baseline is not needed.
 * - increase / decrease / maintain: compared with the baseline; 維持 = 基準値を下回らない.
 * - manage: keep managing, no numeric target; tbd: target still 調整中.
 *
 * For cumulative indicators each actual is that fiscal year's amount, and the compared value is
 * the baseline plus the actuals of the fiscal years after the baseline year up to the assessed one.
 */

import type { TargetForm } from "../plan/index.ts";

export type { TargetForm };

export interface AssessmentInput {
  baseline: { value: number | null; fiscalYear: number | null };
  target: { form: TargetForm; value: number | null; fiscalYear: number | null };
  cumulative: boolean;
  /** Any order; a null value means not entered yet. */
  actuals: { fiscalYear: number; value: number | null }[];
}

export type StatusCode =
  | "achieved"
  | "on_track"
  | "behind"
  | "not_achieved"
  | "not_assessable"
  | "no_data";

export const STATUS_LABELS: Record<StatusCode, string> = {
  achieved: "達成",
  on_track: "順調",
  behind: "遅れ",
  not_achieved: "未達",
  not_assessable: "評価不能",
  no_data: "未入力",
};

export const STATUS_DESCRIPTIONS: Record<StatusCode, string> = {
  achieved: "最新の実績値が目標を満たしています",
  on_track: "目標には届いていませんが、経過年数に見合った進捗があります",
  behind: "目標年度前ですが、目標に届かず進捗が経過年数の目安を下回っています",
  not_achieved: "目標年度を迎えましたが、目標を満たしていません",
  not_assessable: "目標が調整中・管理継続の指標、または基準値が未確定のため評価できません",
  no_data: "実績値がまだ入力されていません",
};

export interface Assessment {
  statusCode: StatusCode;
  /** Japanese label, STATUS_LABELS[statusCode]. */
  status: string;
  /** Percent 0..100 rounded to one decimal; null where not defined. */
  achievement: number | null;
  met: boolean | null;
  /** Fiscal year of the assessed actual (the latest with a value). */
  fiscalYear: number | null;
  /** Value compared with the target (the running total for cumulative indicators). */
  comparedValue: number | null;
  /** One-line Japanese explanation of this case (without the unit). */
  reason: string;
}

const NEEDS_BASELINE: ReadonlySet<string> = new Set([
  "at_least",
  "at_most",
  "increase",
  "decrease",
  "maintain",
]);
const NEEDS_TARGET_VALUE: ReadonlySet<string> = new Set(["at_least", "at_most", "below", "above"]);
const FORMS: ReadonlySet<string> = new Set([
  ...NEEDS_BASELINE,
  ...NEEDS_TARGET_VALUE,
  "manage",
  "tbd",
]);
const MAX_DECIMALS = 10;

function finite(x: unknown): number | null {
  return typeof x === "number" && Number.isFinite(x) ? x + 0 : null;
}

function round1(x: number): number {
  return Math.round(x * 10) / 10 + 0;
}

/** Decimal places written in a number, e.g. 12.58 → 2, 1e-7 → 7. */
function decimalsOf(x: number): number {
  const [mantissa = "", exponent = "0"] = String(x).split("e");
  const fraction = mantissa.split(".")[1]?.length ?? 0;
  return Math.min(MAX_DECIMALS, Math.max(0, fraction - Number(exponent)));
}

const formatters = new Map<number, Intl.NumberFormat>();

/** Up to the given decimals, with digit grouping: 1,234.5 */
function formatNumber(x: number, decimals: number): string {
  let format = formatters.get(decimals);
  if (!format) {
    format = new Intl.NumberFormat("ja-JP", { maximumFractionDigits: decimals });
    formatters.set(decimals, format);
  }
  return format.format(x + 0);
}

function roundTo(x: number, decimals: number): number {
  return Number(x.toFixed(decimals)) + 0;
}

type Actual = { fiscalYear: number; value: number };

export function assess(input: AssessmentInput): Assessment {
  try {
    return assessChecked(input);
  } catch {
    return build("not_assessable", null, null, "入力を読み取れないため評価できません");
  }
}

function build(
  statusCode: StatusCode,
  fiscalYear: number | null,
  comparedValue: number | null,
  reason: string,
  achievement: number | null = null,
  met: boolean | null = null,
): Assessment {
  return {
    statusCode,
    status: STATUS_LABELS[statusCode],
    achievement,
    met,
    fiscalYear,
    comparedValue,
    reason,
  };
}

function assessChecked(input: AssessmentInput): Assessment {
  const form: string = String(input?.target?.form);
  const baseline = finite(input?.baseline?.value);
  const baselineFY = finite(input?.baseline?.fiscalYear);
  const target = finite(input?.target?.value);
  const targetFY = finite(input?.target?.fiscalYear);
  const cumulative = input?.cumulative === true;
  const actuals: Actual[] = (Array.isArray(input?.actuals) ? input.actuals : []).flatMap((a) => {
    const fiscalYear = finite(a?.fiscalYear);
    const value = finite(a?.value);
    return fiscalYear === null || value === null ? [] : [{ fiscalYear, value }];
  });
  const latest = actuals.reduce<Actual | null>(
    (best, a) => (best === null || a.fiscalYear >= best.fiscalYear ? a : best),
    null,
  );
  const decimals = Math.max(
    0,
    ...[baseline, target, ...actuals.map((a) => a.value)].map((v) =>
      v === null ? 0 : decimalsOf(v),
    ),
  );
  const show = (x: number) => formatNumber(x, decimals);

  const fy = latest?.fiscalYear ?? null;
  let compared: number | null = latest?.value ?? null;
  if (latest && cumulative) {
    compared = null;
    if (baseline !== null) {
      let total = baseline;
      for (const a of actuals) {
        if ((baselineFY === null || a.fiscalYear > baselineFY) && a.fiscalYear <= latest.fiscalYear)
          total += a.value;
      }
      compared = Number.isFinite(total) ? roundTo(total, decimals) : null;
    }
  }
  const notAssessable = (reason: string) => build("not_assessable", fy, compared, reason);

  if (form === "tbd") return notAssessable("目標が調整中のため評価できません");
  if (form === "manage") return notAssessable("数値目標ではなく管理を継続する指標です");
  if (!FORMS.has(form))
    return notAssessable(`目標の形式「${form}」を判定できないため評価できません`);
  if (!latest) return build("no_data", null, null, "実績値が未入力です");
  if ((cumulative || NEEDS_BASELINE.has(form)) && baseline === null) {
    return notAssessable("基準値が未確定のため評価できません");
  }
  if (NEEDS_TARGET_VALUE.has(form) && target === null)
    return notAssessable("目標値が未確定のため評価できません");
  if (compared === null) return notAssessable("実績値の累計を計算できないため評価できません");

  const c = compared;
  const assessedFY = latest.fiscalYear;
  const missed: StatusCode =
    targetFY !== null && assessedFY >= targetFY ? "not_achieved" : "behind";
  const shown = `${cumulative ? "累計 " : ""}${show(c)}`;

  if (form === "below" || form === "above") {
    const t = target ?? 0;
    const met = form === "below" ? c < t : c > t;
    const bound = `${show(t)}${form === "below" ? "未満" : "超"}`;
    const reason = `目標 ${bound} に対し ${shown}（${met ? "満たしています" : "満たしていません"}）`;
    return build(met ? "achieved" : missed, assessedFY, c, reason, null, met);
  }

  const b = baseline ?? 0;
  if (form === "increase" || form === "decrease" || form === "maintain") {
    const met = form === "increase" ? c > b : form === "decrease" ? c < b : c >= b;
    const outcome = {
      increase: met ? "増加" : "増加していません",
      decrease: met ? "減少" : "減少していません",
      maintain: met ? "基準値を維持" : "基準値を下回っています",
    }[form];
    const reason = `基準値 ${show(b)} に対し ${shown}（${outcome}）`;
    return build(met ? "achieved" : missed, assessedFY, c, reason, null, met);
  }

  // at_least / at_most
  const t = target ?? 0;
  const higherIsBetter = form === "at_least";
  const met = higherIsBetter ? c >= t : c <= t;
  const targetIsAhead = higherIsBetter ? t > b : t < b;
  // A target not ahead of the baseline (e.g. baseline = target) gives 100 or 0. Unmet stays below
  // 100 so that 100% always means 達成. Halving first keeps the differences finite.
  let achievement = met ? 100 : 0;
  if (targetIsAhead && !met) {
    const raw = ((c / 2 - b / 2) / (t / 2 - b / 2)) * 100;
    achievement = Number.isFinite(raw) ? Math.min(99.9, Math.max(0, round1(raw))) : 0;
  }
  let statusCode: StatusCode = met ? "achieved" : missed;
  let expected: number | null = null;
  if (
    statusCode === "behind" &&
    baselineFY !== null &&
    targetFY !== null &&
    targetFY > baselineFY
  ) {
    const elapsed = ((assessedFY - baselineFY) / (targetFY - baselineFY)) * 100;
    expected = Number.isFinite(elapsed) ? Math.min(100, Math.max(0, round1(elapsed))) : 0;
    if (achievement >= expected) statusCode = "on_track";
  }
  const progress = `達成率 ${achievement.toFixed(1)}%${expected === null ? "" : `、経過年数からの目安 ${expected.toFixed(1)}%`}`;
  const reason = `目標値 ${show(t)} に対し ${shown}（${progress}）`;
  return build(statusCode, assessedFY, c, reason, achievement, met);
}
