/**
 * A survey's results as the pages and files show them: the table of shares (never an
 * individual answer), its CSV, the charts, the cross-tabulation and the masked free texts.
 */
import { toCsv } from "../core/csv.ts";
import { questionChart } from "./chart.ts";
import { percent } from "./estimates.ts";
import { maskPersonalData } from "./masking.ts";
import { allQuestions, hasOptions } from "./questionnaire.ts";
import { crossTab, type SurveyResults } from "./results.ts";
import type { Survey } from "./schema.ts";
import { DIMENSIONS, type Dimension } from "./weighting.ts";

/** Charts of the choice questions with figures (rendered once per computation of the results). */
const chartCache = new WeakMap<SurveyResults, Promise<Map<string, string>>>();
export function chartsOf(survey: Survey, results: SurveyResults) {
  let charts = chartCache.get(results);
  if (!charts) {
    charts = (async () => {
      const out = new Map<string, string>();
      for (const r of results.questions) {
        const q = allQuestions(survey.questionnaire).find((x) => x.key === r.key)!;
        if (hasOptions(q) && !r.suppressed) out.set(q.key, await questionChart(q, r));
      }
      return out;
    })();
    chartCache.set(results, charts);
  }
  return charts;
}

/** The results page's cross-tabulation, when `?by=` names a dimension. */
export function crossOf(survey: Survey, results: SurveyResults, by: string | undefined) {
  if (!by || !(DIMENSIONS as readonly string[]).includes(by)) return undefined;
  const dim = by as Dimension;
  const rows = new Map(
    allQuestions(survey.questionnaire)
      .filter(hasOptions)
      .map((q) => [q.key, crossTab(q, results.people, dim)]),
  );
  return { by: dim, rows };
}

/** The free-text questions' answers, masked, for the staff's results page. */
export const freeTexts = (survey: Survey, results: SurveyResults) =>
  allQuestions(survey.questionnaire)
    .filter((q) => q.kind === "text")
    .map((q) => ({
      key: q.key,
      text: q.text,
      answers: results.people.flatMap((p) =>
        typeof p.answers[q.key] === "string" ? [maskPersonalData(p.answers[q.key] as string)] : [],
      ),
    }));

/** The aggregated results as a table: a row per question and option (suppressed groups left out). */
export function resultsTable(results: SurveyResults) {
  const rows: (string | number)[][] = [];
  for (const r of results.questions)
    for (const o of r.suppressed ? [] : r.options)
      rows.push([
        r.key,
        r.text,
        o.key,
        o.text,
        r.n,
        o.count,
        percent(o.share),
        percent(o.weightedShare),
        percent(o.ci95[0]),
        percent(o.ci95[1]),
      ]);
  return {
    columns: [
      "問",
      "問の文",
      "選択肢",
      "選択肢の文",
      "回答者数",
      "人数",
      "割合(%)",
      "重み付き割合(%)",
      "95%信頼区間下限(%)",
      "95%信頼区間上限(%)",
    ],
    rows,
  };
}

export function resultsCsv(survey: Survey, results: SurveyResults) {
  const { columns, rows } = resultsTable(results);
  return toCsv(columns, [
    [
      `# ${survey.title}${survey.isSample ? "（サンプル）" : ""} 回収率 ${percent(results.responseRate)}%`,
    ],
    ...rows,
  ]);
}
