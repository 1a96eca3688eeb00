/**
 * GET /api/v1/municipalities/{code}/surveys and …/surveys/{survey}/results: the public surveys
 * (past their draft) and the aggregated results of those whose results are published — per
 * question and option `share`, `weightedShare`, `ci95: [low, high]`, `n`, and the survey's
 * `responseRate`. Never an individual answer; groups under 10 answers carry no figures.
 */
import { createRoute } from "@hono/zod-openapi";
import type { Db } from "../core/db/client.ts";
import { notFound } from "../core/errors.ts";
import {
  createApi,
  errorResponses,
  ListQuery,
  listOf,
  MunicipalityParam,
  page,
  z,
} from "../core/http/api.ts";
import { findSurvey, listSurveys, surveyResults } from "./queries.ts";
import { QUESTION_KINDS } from "./questionnaire.ts";
import { MIN_GROUP, type SurveyResults } from "./results.ts";
import { SURVEY_POPULATIONS, SURVEY_STATUSES, type Survey } from "./schema.ts";

const round = (x: number) => Math.round(x * 10000) / 10000;
const Share = z.number().min(0).max(1);

export const SurveyJson = z
  .object({
    id: z.number().int(),
    fiscalYear: z.number().int().openapi({ description: "年度（西暦の開始年）" }),
    title: z.string(),
    titleEasy: z.string().nullable().openapi({ description: "やさしい日本語の調査名" }),
    purpose: z.string(),
    population: z
      .enum(SURVEY_POPULATIONS)
      .openapi({ description: "citizens = 18歳以上の市民、staff = 職員" }),
    opensOn: z.string().openapi({ example: "2026-06-01" }),
    closesOn: z.string().openapi({ example: "2026-06-30" }),
    status: z
      .enum(SURVEY_STATUSES)
      .exclude(["draft"])
      .openapi({ description: "open = 回答受付中、closed = 締切" }),
    resultsPublished: z.boolean(),
    sample: z.boolean().openapi({ description: "デモ用のサンプル（実在の調査ではない）" }),
  })
  .openapi("Survey");

const OptionJson = z
  .object({
    key: z.string(),
    text: z.string(),
    n: z.number().int().openapi({ description: "この問に答えた人数" }),
    count: z.number().int().openapi({ description: "この選択肢を選んだ人数" }),
    share: Share.openapi({ description: "重みなしの割合（0〜1）" }),
    weightedShare: Share.openapi({
      description: "重み付きの割合（事後層化またはレイキング、0〜1）",
    }),
    ci95: z.tuple([Share, Share]).openapi({
      description: "重み付きの割合の95%信頼区間 [下限, 上限]（Wilson法・Kishの有効標本数）",
    }),
  })
  .openapi("SurveyOptionResult");

const QuestionJson = z
  .object({
    key: z.string(),
    text: z.string(),
    kind: z.enum(QUESTION_KINDS),
    n: z.number().int(),
    suppressed: z.boolean().openapi({ description: `回答が${MIN_GROUP}人未満で数値を示さない` }),
    options: z.array(OptionJson),
    mean: z.number().nullable().openapi({ description: "数値の問の平均（重みなし）" }),
    weightedMean: z.number().nullable(),
  })
  .openapi("SurveyQuestionResult");

export const ResultsJson = z
  .object({
    survey: SurveyJson,
    respondents: z.number().int(),
    sampled: z.number().int(),
    responseRate: Share.openapi({ description: "回収率（回答者 ÷ 標本、0〜1）" }),
    weighting: z.object({
      method: z.enum(["post-stratification", "raking"]),
      designEffect: z.number(),
      notes: z.array(z.string()),
    }),
    questions: z.array(QuestionJson),
  })
  .openapi("SurveyResults");

export const surveyJson = (s: Survey): z.infer<typeof SurveyJson> => ({
  id: s.id,
  fiscalYear: s.fiscalYear,
  title: s.title,
  titleEasy: s.titleEasy,
  purpose: s.purpose,
  population: s.population,
  opensOn: s.opensOn,
  closesOn: s.closesOn,
  status: s.status === "open" ? "open" : "closed",
  resultsPublished: s.resultsPublished,
  sample: s.isSample,
});

export function resultsJson(s: Survey, r: SurveyResults): z.infer<typeof ResultsJson> {
  return {
    survey: surveyJson(s),
    respondents: r.respondents,
    sampled: r.sampled,
    responseRate: round(r.responseRate),
    weighting: {
      method: r.weighting.method,
      designEffect: round(r.weighting.designEffect),
      notes: r.weighting.notes,
    },
    questions: r.questions.map((q) => ({
      key: q.key,
      text: q.text,
      kind: q.kind,
      n: q.n,
      suppressed: q.suppressed,
      options: q.suppressed
        ? []
        : q.options.map((o) => ({
            key: o.key,
            text: o.text,
            n: o.n,
            count: o.count,
            share: round(o.share),
            weightedShare: round(o.weightedShare),
            ci95: [round(o.ci95[0]), round(o.ci95[1])] as [number, number],
          })),
      mean: q.mean && !q.suppressed ? round(q.mean.mean) : null,
      weightedMean: q.mean && !q.suppressed ? round(q.mean.weightedMean) : null,
    })),
  };
}

const SurveyParams = MunicipalityParam.extend({
  survey: z.coerce
    .number()
    .int()
    .min(1)
    .max(999_999_999)
    .openapi({ param: { name: "survey", in: "path" }, example: 1 }),
});

const json = <T extends z.ZodType>(description: string, schema: T) => ({
  200: { description, content: { "application/json": { schema } } },
  ...errorResponses,
});

const surveyList = createRoute({
  method: "get",
  path: "/municipalities/{code}/surveys",
  summary: "アンケート調査の一覧（回答受付中・締切のもの、新しい年度から）",
  request: { params: MunicipalityParam, query: ListQuery },
  responses: json("Surveys", listOf(SurveyJson, "SurveyList")),
});
const surveyResultsRoute = createRoute({
  method: "get",
  path: "/municipalities/{code}/surveys/{survey}/results",
  summary:
    "公開されたアンケート調査の集計結果（問・選択肢ごとの割合・重み付きの割合・95%信頼区間、回収率）",
  request: { params: SurveyParams },
  responses: json("Survey results", ResultsJson),
});

export function surveyApi(db: Db) {
  const api = createApi();
  api.openapi(surveyList, async (c) => {
    const { code } = c.req.valid("param");
    const query = c.req.valid("query");
    return c.json(page(await listSurveys(db, code, { publicOnly: true }), query, surveyJson), 200);
  });
  api.openapi(surveyResultsRoute, async (c) => {
    const { code, survey: id } = c.req.valid("param");
    const survey = await findSurvey(db, code, id, { publicOnly: true });
    if (!survey?.resultsPublished) throw notFound(`調査 ${id} の公開された結果`);
    return c.json(resultsJson(survey, await surveyResults(db, code, survey)), 200);
  });
  return api;
}
