/**
 * Direction-aware achievement rules for plan indicators (成果指標の達成状況). Pure: no I/O.
 *
 * Target forms:
 * - at_least / at_most: a value to reach (at_most = lower is better); progress is measured
 *   linearly from the baseline to the target and compared with the elapsed time.
 * - below / above: strict bounds (「12.58%未満」「0件超」); the baseline is not needed.
 * - increase / decrease / maintain: compared with the baseline; 維持 = 基準値を下回らない.
 * - milestone: a text target reached or not (「設置」「策定」); an actual marked done reaches it.
 * - manage: keep managing, no numeric target; tbd: target still 調整中.
 *
 * Value kinds (valueKind): `annual` — each year's value stands alone; `running_total` — the value
 * entered is already the total so far (compared as entered); `sum_of_annual` — each actual is that
 * year's amount and the compared value is the baseline plus the amounts of the years after the
 * baseline year up to the assessed one.
 *
 * A met target is 達成 whatever the baseline. The progress rate (from the baseline to the target)
 * needs a baseline and a target year; the pace (順調 / 遅れ) also needs the baseline year, and is
 * judged against the line through the baseline, each interim target and the final target. Without
 * a target year nothing is 遅れ or 未達: an unmet target is 進行中.
 */

import { assessAgainstBaseline } from "./against-baseline.ts";
import { assessBound } from "./bounds.ts";
import { build } from "./build.ts";
import { assessMilestone } from "./milestone.ts";
import { decimalsOf, finite, formatNumber, roundTo } from "./numbers.ts";
import { assessTargetValue } from "./target-value.ts";
import type { Assessment, AssessmentInput, Missing, StatusCode, ValueKind } from "./types.ts";

export {
  type Assessment,
  type AssessmentInput,
  type InterimPoint,
  MISSING_LABELS,
  type Missing,
  STATUS_DESCRIPTIONS,
  STATUS_LABELS,
  type StatusCode,
  type TargetForm,
  type ValueKind,
} from "./types.ts";

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
  "milestone",
  "manage",
  "tbd",
]);

type Actual = { fiscalYear: number; value: number };

export function assess(input: AssessmentInput): Assessment {
  try {
    return assessChecked(input);
  } catch {
    return build("not_assessable", null, null, "入力を読み取れないため評価できません");
  }
}

/** Reads the input defensively, works out the compared value, and hands over to the form's rule. */
function assessChecked(input: AssessmentInput): Assessment {
  const form: string = String(input?.target?.form);
  const baseline = finite(input?.baseline?.value);
  const baselineFY = finite(input?.baseline?.fiscalYear);
  const target = finite(input?.target?.value);
  const targetFY = finite(input?.target?.fiscalYear);
  const valueKind: ValueKind =
    input?.valueKind === "running_total" || input?.valueKind === "sum_of_annual"
      ? input.valueKind
      : "annual";
  if (form === "milestone") return assessMilestone(input, targetFY);
  const actuals: Actual[] = (Array.isArray(input?.actuals) ? input.actuals : []).flatMap((a) => {
    const fiscalYear = finite(a?.fiscalYear);
    const value = finite(a?.value);
    return fiscalYear === null || value === null ? [] : [{ fiscalYear, value }];
  });
  const latest = actuals.reduce<Actual | null>(
    (best, a) => (best === null || a.fiscalYear >= best.fiscalYear ? a : best),
    null,
  );
  const interim = Array.isArray(input?.target?.interim) ? input.target.interim : [];
  const decimals = Math.max(
    0,
    ...[
      baseline,
      target,
      ...actuals.map((a) => a.value),
      ...interim.map((p) => finite(p?.value)),
    ].map((v) => (v === null ? 0 : decimalsOf(v))),
  );
  const show = (x: number) => formatNumber(x, decimals);

  const fy = latest?.fiscalYear ?? null;
  let compared: number | null = latest?.value ?? null;
  if (latest && valueKind === "sum_of_annual") {
    // Without a baseline the sum starts from nothing: the amounts entered so far.
    let total = baseline ?? 0;
    for (const a of actuals) {
      if ((baselineFY === null || a.fiscalYear > baselineFY) && a.fiscalYear <= latest.fiscalYear)
        total += a.value;
    }
    compared = Number.isFinite(total) ? roundTo(total, decimals) : null;
  }
  const notAssessable = (reason: string) => build("not_assessable", fy, compared, reason);

  if (form === "tbd") return notAssessable("目標が調整中のため評価できません");
  if (form === "manage") return notAssessable("数値目標ではなく管理を継続する指標です");
  if (!FORMS.has(form))
    return notAssessable(`目標の形式「${form}」を判定できないため評価できません`);
  if (!latest) return build("no_data", null, null, "実績値が未入力です");
  if (NEEDS_BASELINE.has(form) && !NEEDS_TARGET_VALUE.has(form) && baseline === null) {
    return notAssessable("基準値が未確定のため評価できません");
  }
  if (NEEDS_TARGET_VALUE.has(form) && target === null)
    return notAssessable("目標値が未確定のため評価できません");
  if (compared === null) return notAssessable("実績値の合計を計算できないため評価できません");

  const assessedFY = latest.fiscalYear;
  // No 遅れ and no 未達 without a target year: an unmet target is then only 進行中.
  const missed: StatusCode =
    targetFY === null ? "in_progress" : assessedFY >= targetFY ? "not_achieved" : "behind";
  const noYear: Missing[] = targetFY === null ? ["targetYear"] : [];
  const shown = `${valueKind === "annual" ? "" : "累計 "}${show(compared)}`;
  const k = {
    c: compared,
    assessedFY,
    baseline,
    baselineFY,
    target,
    targetFY,
    missed,
    noYear,
    shown,
    show,
  };
  if (form === "below" || form === "above") return assessBound(form, k);
  if (form === "increase" || form === "decrease" || form === "maintain")
    return assessAgainstBaseline(form, k);
  return assessTargetValue(form as "at_least" | "at_most", k, interim);
}
