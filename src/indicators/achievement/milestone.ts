import { build } from "./build.ts";
import { finite, text } from "./numbers.ts";
import type { Assessment, AssessmentInput } from "./types.ts";

/** A milestone (「設置」): reached when an actual is marked done. */
export function assessMilestone(input: AssessmentInput, targetFY: number | null): Assessment {
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
