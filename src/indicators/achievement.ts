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

import type { TargetForm } from "../plan/index.ts";

export type { TargetForm };

export type ValueKind = "annual" | "running_total" | "sum_of_annual";

/** A milestone on the way to the target (中間目標). */
export interface InterimPoint {
  fiscalYear: number;
  value: number | null;
  text?: string | null;
}

export interface AssessmentInput {
  baseline: { value: number | null; fiscalYear: number | null };
  target: {
    form: TargetForm;
    value: number | null;
    fiscalYear: number | null;
    /** As printed: 「設置」. Used in the explanation of a milestone. */
    text?: string | null;
    interim?: readonly InterimPoint[];
  };
  /** Default `annual`. */
  valueKind?: ValueKind;
  /**
   * Any order; a null value means not entered yet. A milestone's actual says `done` (reached or
   * not) and may carry the text as reported (「策定」「なし」).
   */
  actuals: {
    fiscalYear: number;
    value: number | null;
    text?: string | null;
    done?: boolean | null;
  }[];
}

/** What the progress rate or the pace needs and the indicator lacks. */
export type Missing = "baseline" | "baselineYear" | "targetYear";

export const MISSING_LABELS: Record<Missing, string> = {
  baseline: "基準値",
  baselineYear: "基準年度",
  targetYear: "目標年度",
};

export type StatusCode =
  | "achieved"
  | "on_track"
  | "behind"
  | "not_achieved"
  | "in_progress"
  | "not_assessable"
  | "no_data";

export const STATUS_LABELS: Record<StatusCode, string> = {
  achieved: "達成",
  on_track: "順調",
  behind: "遅れ",
  not_achieved: "未達",
  in_progress: "進行中",
  not_assessable: "評価不能",
  no_data: "未入力",
};

export const STATUS_DESCRIPTIONS: Record<StatusCode, string> = {
  achieved: "最新の実績値が目標を満たしています",
  on_track: "目標には届いていませんが、経過年数に見合った進捗があります",
  behind: "目標年度前ですが、目標に届かず進捗が経過年数の目安を下回っています",
  not_achieved: "目標年度を迎えましたが、目標を満たしていません",
  in_progress:
    "目標にはまだ届いていません（目標年度・基準値がない、または進み具合を測れない目標のため、遅れかどうかは判定しません）",
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
  /** Value compared with the target (the sum of the yearly amounts for sum_of_annual). */
  comparedValue: number | null;
  /** Expected progress (%) of the assessed year on the line through the interim targets. */
  expected: number | null;
  /** What the progress rate or the pace would need (empty when nothing is missing). */
  missing: Missing[];
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
  "milestone",
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
  extra: Partial<Pick<Assessment, "achievement" | "met" | "expected" | "missing">> = {},
): Assessment {
  return {
    statusCode,
    status: STATUS_LABELS[statusCode],
    achievement: extra.achievement ?? null,
    met: extra.met ?? null,
    fiscalYear,
    comparedValue,
    expected: extra.expected ?? null,
    missing: extra.missing ?? [],
    reason,
  };
}

const text = (x: unknown) => (typeof x === "string" && x.trim() !== "" ? x.trim() : null);

/** A milestone (「設置」): reached when an actual is marked done. */
function assessMilestone(input: AssessmentInput, targetFY: number | null): Assessment {
  const actuals = (Array.isArray(input.actuals) ? input.actuals : []).flatMap((a) => {
    const fiscalYear = finite(a?.fiscalYear);
    if (fiscalYear === null) return [];
    const done = a?.done === true ? true : a?.done === false ? false : null;
    const said = text(a?.text) ?? (finite(a?.value) === null ? null : String(finite(a?.value)));
    return done === null && said === null ? [] : [{ fiscalYear, done, said }];
  });
  const target = text(input.target?.text);
  const goal = target ? `目標「${target}」に対し` : "目標に対し";
  const reached = actuals
    .filter((a) => a.done)
    .reduce<(typeof actuals)[number] | null>(
      (first, a) => (first === null || a.fiscalYear < first.fiscalYear ? a : first),
      null,
    );
  if (reached)
    return build(
      "achieved",
      reached.fiscalYear,
      null,
      `${goal}「${reached.said ?? "達成"}」（達成）`,
      {
        met: true,
      },
    );
  const latest = actuals.reduce<(typeof actuals)[number] | null>(
    (best, a) => (best === null || a.fiscalYear >= best.fiscalYear ? a : best),
    null,
  );
  if (!latest) return build("no_data", null, null, "実績が未入力です");
  const said = `${goal}「${latest.said ?? "未達成"}」`;
  if (targetFY !== null && latest.fiscalYear >= targetFY)
    return build(
      "not_achieved",
      latest.fiscalYear,
      null,
      `${said}（目標年度を迎え、まだ達成していません）`,
      {
        met: false,
      },
    );
  const why = targetFY === null ? "目標年度がないため遅れかどうかは判定しません" : "目標年度前です";
  return build("in_progress", latest.fiscalYear, null, `${said}（まだ達成していません。${why}）`, {
    met: false,
    missing: targetFY === null ? ["targetYear"] : [],
  });
}

/** The milestones of the pace line, baseline first and target last, by fiscal year. */
function paceLine(
  b: number,
  baselineFY: number,
  t: number,
  targetFY: number,
  interim: readonly InterimPoint[] | undefined,
): { fiscalYear: number; value: number }[] {
  const between = (Array.isArray(interim) ? interim : []).flatMap((p) => {
    const fiscalYear = finite(p?.fiscalYear);
    const value = finite(p?.value);
    return fiscalYear === null ||
      value === null ||
      fiscalYear <= baselineFY ||
      fiscalYear >= targetFY
      ? []
      : [{ fiscalYear, value }];
  });
  between.sort((x, y) => x.fiscalYear - y.fiscalYear);
  const unique = between.filter((p, i) => i === 0 || between[i - 1]!.fiscalYear !== p.fiscalYear);
  return [{ fiscalYear: baselineFY, value: b }, ...unique, { fiscalYear: targetFY, value: t }];
}

/** The value the line expects in a fiscal year (exact at each milestone). */
function expectedOn(line: { fiscalYear: number; value: number }[], fy: number): number {
  if (fy <= line[0]!.fiscalYear) return line[0]!.value;
  for (let i = 1; i < line.length; i++) {
    const [p, q] = [line[i - 1]!, line[i]!];
    if (fy === q.fiscalYear) return q.value;
    if (fy < q.fiscalYear) {
      const share = (fy - p.fiscalYear) / (q.fiscalYear - p.fiscalYear);
      return 2 * (p.value / 2 + (q.value / 2 - p.value / 2) * share);
    }
  }
  return line.at(-1)!.value;
}

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

  const c = compared;
  const assessedFY = latest.fiscalYear;
  // No 遅れ and no 未達 without a target year: an unmet target is then only 進行中.
  const missed: StatusCode =
    targetFY === null ? "in_progress" : assessedFY >= targetFY ? "not_achieved" : "behind";
  const noYear: Missing[] = targetFY === null ? ["targetYear"] : [];
  const shown = `${valueKind === "annual" ? "" : "累計 "}${show(c)}`;

  if (form === "below" || form === "above") {
    const t = target ?? 0;
    const met = form === "below" ? c < t : c > t;
    const bound = `${show(t)}${form === "below" ? "未満" : "超"}`;
    const reason = `目標 ${bound} に対し ${shown}（${met ? "満たしています" : "満たしていません"}）`;
    return build(met ? "achieved" : missed, assessedFY, c, reason, { met, missing: noYear });
  }

  if (form === "increase" || form === "decrease" || form === "maintain") {
    const b = baseline ?? 0;
    const met = form === "increase" ? c > b : form === "decrease" ? c < b : c >= b;
    const outcome = {
      increase: met ? "増加" : "増加していません",
      decrease: met ? "減少" : "減少していません",
      maintain: met ? "基準値を維持" : "基準値を下回っています",
    }[form];
    const reason = `基準値 ${show(b)} に対し ${shown}（${outcome}）`;
    return build(met ? "achieved" : missed, assessedFY, c, reason, { met, missing: noYear });
  }

  // at_least / at_most
  const t = target ?? 0;
  const higherIsBetter = form === "at_least";
  const atOrBeyond = (x: number, goal: number) => (higherIsBetter ? x >= goal : x <= goal);
  const met = atOrBeyond(c, t);
  const missing: Missing[] = [
    ...(baseline === null ? (["baseline"] as const) : []),
    ...(baselineFY === null && !met ? (["baselineYear"] as const) : []),
    ...(targetFY === null ? (["targetYear"] as const) : []),
  ];
  if (baseline === null || targetFY === null) {
    // Met or not met only: the rate and the pace need a baseline and a target year.
    const lacking = missing.map((m) => MISSING_LABELS[m]).join("・");
    const statusCode: StatusCode = met
      ? "achieved"
      : targetFY !== null && assessedFY >= targetFY
        ? "not_achieved"
        : "in_progress";
    const reason = `目標値 ${show(t)} に対し ${shown}（${met ? "満たしています" : "満たしていません"}。${lacking}がないため、進捗率と進み具合は示しません）`;
    return build(statusCode, assessedFY, c, reason, { met, missing });
  }
  const b = baseline;
  const targetIsAhead = higherIsBetter ? t > b : t < b;
  const rateOf = (x: number) => {
    const raw = ((x / 2 - b / 2) / (t / 2 - b / 2)) * 100;
    return Number.isFinite(raw) ? Math.max(0, round1(raw)) : 0;
  };
  // A target not ahead of the baseline (e.g. baseline = target) gives 100 or 0. Unmet stays below
  // 100 so that 100% always means 達成. Halving first keeps the differences finite.
  let achievement = met ? 100 : 0;
  if (targetIsAhead && !met) achievement = Math.min(99.9, rateOf(c));
  let statusCode: StatusCode = met ? "achieved" : missed;
  let expected: number | null = null;
  const withInterim = interim.some((p) => finite(p?.value) !== null);
  if (statusCode === "behind") {
    if (baselineFY !== null && targetFY > baselineFY) {
      const line = paceLine(b, baselineFY, t, targetFY, interim);
      const goal = expectedOn(line, assessedFY);
      if (Number.isFinite(goal)) {
        expected = targetIsAhead ? Math.min(100, rateOf(goal)) : 0;
        if (atOrBeyond(c, goal)) statusCode = "on_track";
      }
    } else statusCode = "in_progress";
  }
  const pace =
    expected === null
      ? statusCode === "in_progress"
        ? `、${baselineFY === null ? "基準年度" : "基準年度と目標年度"}が揃わないため進み具合は示しません`
        : ""
      : `、${withInterim ? "中間目標を結んだ目安" : "経過年数からの目安"} ${expected.toFixed(1)}%`;
  const progress = `基準値 ${show(b)} から目標値 ${show(t)} までの ${achievement.toFixed(1)}%${pace}`;
  const reason = `目標値 ${show(t)} に対し ${shown}（${progress}）`;
  return build(statusCode, assessedFY, c, reason, {
    achievement,
    met,
    expected,
    missing: statusCode === "in_progress" ? missing : [],
  });
}
