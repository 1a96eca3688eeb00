/**
 * PUT  /api/v1/municipalities/{code}/programs/{programCode}/evaluations/{fiscalYear}
 * POST /api/v1/municipalities/{code}/programs/{programCode}/evaluations/{fiscalYear}/transitions
 * The evaluation workflow for other systems, with a personal API token: the same steps and the
 * same permissions as the staff form (evaluation-store.ts, workflow.ts).
 */
import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { bearerToken, type TokenEnv, tokenContext } from "../accounts/index.ts";
import type { Db } from "../core/db/client.ts";
import { apiAnswer } from "../core/http/answer.ts";
import { createApi, ErrorBody, errorResponses, MunicipalityParam, z } from "../core/http/api.ts";
import { DIRECTION_LABELS, type Direction } from "./evaluation.ts";
import {
  SecondaryEvaluationInput,
  SelfEvaluationInput,
  TARGET_ACTIONS,
  toDirection,
  toSecondaryEvaluation,
} from "./evaluation-input.ts";
import { changeEvaluation, type EvaluationChange } from "./evaluation-store.ts";
import type { StaffEvaluation } from "./staff-queries.ts";
import { EVALUATION_STATES } from "./workflow.ts";

const Params = MunicipalityParam.extend({
  programCode: z
    .string()
    .max(200)
    .openapi({ param: { name: "programCode", in: "path" }, example: "01-02-03-01-002" }),
  fiscalYear: z.coerce
    .number()
    .int()
    .openapi({
      param: { name: "fiscalYear", in: "path" },
      example: 2024,
      description: "年度（西暦）",
    }),
});

const Version = z.number().int().min(0).optional().openapi({
  description: "読み込んだときの評価の版（0: 未作成）。送ると、その後に変更されていれば 409",
});

const { ratings, findings, direction, reason } = SelfEvaluationInput.shape;
const EvaluationInput = z
  .object({
    ratings: ratings.partial().optional(),
    findings: findings.optional(),
    direction: direction.optional(),
    reason: reason.optional(),
    secondary: SecondaryEvaluationInput.optional().openapi({
      description: "二次評価（企画担当・管理者、提出済のときのみ）",
    }),
    version: Version,
  })
  .openapi({
    description:
      "一次評価の欄（ratings・findings・direction・reason）と二次評価（secondary）。送らなかった欄はそのまま",
  })
  .openapi("EvaluationInput");

const TransitionInput = z
  .object({
    to: z.enum(EVALUATION_STATES).openapi({
      description:
        "submitted: 提出 / reviewed: 二次評価の確定 / published: 公表 / draft: 差し戻し（comment が必須）",
    }),
    comment: z.string().max(4000).optional().openapi({ description: "差し戻しの理由など" }),
    version: Version,
  })
  .openapi("EvaluationTransition");

const DirectionWord = z
  .string()
  .nullable()
  .openapi({ description: "拡充・継続・改善・縮小・統合・休止・廃止" });
const StepJson = z.object({ by: z.string(), at: z.string() }).nullable();

const EvaluationJson = z
  .object({
    programCode: z.string(),
    fiscalYear: z.number().int(),
    status: z.enum(EVALUATION_STATES),
    version: z.number().int(),
    selfEvaluation: z.object({
      ratings: z.object({
        necessity: z.string().nullable(),
        effectiveness: z.string().nullable(),
        efficiency: z.string().nullable(),
        equity: z.string().nullable(),
      }),
      findings: z.string(),
      direction: DirectionWord,
      reason: z.string(),
    }),
    secondaryEvaluation: z.object({ direction: DirectionWord, comment: z.string() }).nullable(),
    submitted: StepJson,
    reviewed: StepJson,
    published: StepJson,
  })
  .openapi("EvaluationState");

const word = (d: Direction | null) => (d === null ? null : DIRECTION_LABELS[d]);
const stepJson = (s: StaffEvaluation["submitted"]) =>
  s ? { by: s.by, at: s.at.toISOString() } : null;

function evaluationJson(programCode: string, fiscalYear: number, e: StaffEvaluation) {
  const { self, secondary } = e.content;
  return {
    programCode,
    fiscalYear,
    status: e.state,
    version: e.version,
    selfEvaluation: {
      ratings: self.ratings,
      findings: self.findings,
      direction: word(self.direction),
      reason: self.reason,
    },
    secondaryEvaluation: secondary
      ? { direction: word(secondary.direction), comment: secondary.comment }
      : null,
    submitted: stepJson(e.submitted),
    reviewed: stepJson(e.reviewed),
    published: stepJson(e.published),
  };
}

const responses = (ok: string) => ({
  200: { description: ok, content: { "application/json": { schema: EvaluationJson } } },
  ...errorResponses,
  401: {
    description: "トークンがない・無効",
    content: { "application/json": { schema: ErrorBody } },
  },
  403: {
    description: "その手続・編集を行う権限がない（担当外の事業、役割が足りない）",
    content: { "application/json": { schema: ErrorBody } },
  },
  409: {
    description: "送った版の後に変更されている、またはいまの状態では行えない",
    content: { "application/json": { schema: ErrorBody } },
  },
});

const PATH = "/municipalities/{code}/programs/{programCode}/evaluations/{fiscalYear}";

const putRoute = createRoute({
  method: "put",
  path: PATH,
  summary: "事務事業評価（一次評価・二次評価）を保存する（APIトークンが必要）",
  description:
    "一次評価は作成中のときに担当課の入力担当・企画担当・管理者が、二次評価（secondary）は提出済のときに企画担当・管理者が保存できます。送らなかった欄はそのままです。",
  security: [{ bearer: [] }],
  request: {
    params: Params,
    body: { content: { "application/json": { schema: EvaluationInput } }, required: true },
  },
  responses: responses("保存した"),
});

const transitionRoute = createRoute({
  method: "post",
  path: `${PATH}/transitions`,
  summary: "事務事業評価の手続（提出・二次評価の確定・公表・差し戻し）（APIトークンが必要）",
  security: [{ bearer: [] }],
  request: {
    params: Params,
    body: { content: { "application/json": { schema: TransitionInput } }, required: true },
  },
  responses: responses("手続を行った"),
});

export function evaluationApi(db: Db) {
  const app = createApi<TokenEnv>();
  app.use(
    "/municipalities/:code/programs/:programCode/evaluations/*",
    bearerToken(db, { limitWrites: {} }),
  );

  const run = async (c: Context<TokenEnv>, change: EvaluationChange) => {
    const evaluation = apiAnswer(await changeEvaluation(tokenContext(db, c), change), (current) =>
      current.stale
        ? [
            {
              location: "version",
              message: `現在の版は ${current.evaluation.version}（状態: ${current.evaluation.state}）`,
            },
          ]
        : [],
    );
    return evaluationJson(change.programCode, change.fiscalYear, evaluation!);
  };

  app.openapi(putRoute, async (c) => {
    const params = c.req.valid("param");
    const { version, secondary, ...self } = c.req.valid("json");
    const hasSelf = Object.values(self).some((v) => v !== undefined);
    const change: EvaluationChange = {
      programCode: params.programCode,
      fiscalYear: params.fiscalYear,
      self: hasSelf
        ? {
            ...self,
            findings: self.findings?.trim(),
            reason: self.reason?.trim(),
            direction: self.direction === undefined ? undefined : toDirection(self.direction),
          }
        : undefined,
      secondary: secondary ? toSecondaryEvaluation(secondary) : undefined,
      version: version ?? null,
    };
    const body = await run(c, change);
    return c.json(body, 200);
  });

  app.openapi(transitionRoute, async (c) => {
    const params = c.req.valid("param");
    const { to, comment, version } = c.req.valid("json");
    const body = await run(c, {
      programCode: params.programCode,
      fiscalYear: params.fiscalYear,
      action: TARGET_ACTIONS[to],
      comment,
      version: version ?? null,
    });
    return c.json(body, 200);
  });

  return app;
}
