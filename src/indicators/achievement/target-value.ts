import { build, type Compared } from "./build.ts";
import { finite, round1 } from "./numbers.ts";
import { expectedOn, paceLine } from "./pace.ts";
import {
  type Assessment,
  type InterimPoint,
  MISSING_LABELS,
  type Missing,
  type StatusCode,
} from "./types.ts";

/**
 * A value to reach (at_least; at_most = lower is better). Met is 達成 whatever the baseline; the
 * progress rate needs a baseline and a target year, and the pace (順調 / 遅れ) also the baseline
 * year, judged against the line through the interim targets.
 */
export function assessTargetValue(
  form: "at_least" | "at_most",
  k: Compared,
  interim: readonly InterimPoint[],
): Assessment {
  const { c, assessedFY, baseline, baselineFY, targetFY, missed, shown, show } = k;
  const t = k.target ?? 0;
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
