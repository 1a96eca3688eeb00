/**
 * The one place where a survey writes an indicator's actual: the weighted share of the linked
 * question's chosen options, for the survey's fiscal year, as a computed actual (origin
 * "computed") whose source is the method — weighted share, n, response rate, 95% interval.
 * It goes through the indicators' one mechanism for computed actuals (a fiscal year still in
 * progress stays 集計中; the audit entries are that mechanism's). A survey's result
 * fills the indicator's baseline instead while the plan has none yet (the policy indicator's
 * 「●●%」 with 「今年度中にアンケート実施」), with a correction saying why. A demo survey's
 * figures are not real: the value is labelled 「サンプル」 wherever it is printed.
 */
import { eq } from "drizzle-orm";
import type { Actor } from "../core/audit.ts";
import type { Tx } from "../core/db/client.ts";
import { recordComputedActuals } from "../indicators/index.ts";
import { indicators } from "../indicators/schema.ts";
import { percent } from "./estimates.ts";
import { resultsIn } from "./queries.ts";
import { allQuestions } from "./questionnaire.ts";
import { indicatorShare, methodText } from "./results.ts";
import type { Survey } from "./schema.ts";

/** How a demo survey's value says it is not real, before its method. */
export const SAMPLE_SOURCE = "サンプル（デモ用に生成した回答で、実際の調査ではありません）";

/** Fills the linked indicator's actual; gives what was written, or null when nothing was. */
export async function feedIndicator(tx: Tx, mc: string, survey: Survey, actor: Actor) {
  if (!survey.indicatorId || !survey.indicatorQuestion || !survey.indicatorOptions?.length)
    return null;
  const question = allQuestions(survey.questionnaire).find(
    (q) => q.key === survey.indicatorQuestion,
  );
  if (!question) return null;
  const results = await resultsIn(tx, survey);
  const estimate = indicatorShare(results, question, survey.indicatorOptions);
  if (!estimate) return null;
  const [indicator] = await tx
    .select({ code: indicators.code })
    .from(indicators)
    .where(eq(indicators.id, survey.indicatorId));
  if (!indicator) return null;
  const value = percent(estimate.weightedShare);
  const source =
    (survey.isSample ? `${SAMPLE_SOURCE}。` : "") +
    methodText({
      surveyTitle: survey.title,
      question,
      optionTexts: (question.options ?? [])
        .filter((o) => survey.indicatorOptions!.includes(o.key))
        .map((o) => o.text),
      estimate,
      results,
    });
  const written = await recordComputedActuals(
    tx,
    mc,
    survey.indicatorId,
    [
      {
        fiscalYear: survey.fiscalYear,
        value,
        source,
        recordsPath: `/${mc}/surveys/${survey.id}/results`,
        note: survey.isSample ? "サンプル" : null,
        baselineFrom: `${survey.population === "citizens" ? "市民意識調査" : "職員アンケート"}「${survey.title}」`,
      },
    ],
    { actor },
  );
  return {
    indicatorCode: indicator.code,
    fiscalYear: survey.fiscalYear,
    value,
    as: written.baseline.length ? ("baseline" as const) : ("actual" as const),
  };
}
