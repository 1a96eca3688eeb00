/**
 * PUT /api/v1/municipalities/{code}/programs/{programCode}/years/{fiscalYear}
 * PUT /api/v1/municipalities/{code}/programs/{programCode}/budget-requests/{fiscalYear}
 * A program's costs of a fiscal year and its budget request, written by other systems with a
 * personal API token: the same checks and permissions as the staff form (cost-store.ts,
 * budget-store.ts).
 */
import { createRoute } from "@hono/zod-openapi";
import { bearerToken, type TokenEnv, tokenContext } from "../accounts/index.ts";
import type { Db } from "../core/db/client.ts";
import { apiAnswer } from "../core/http/answer.ts";
import { createApi, ErrorBody, errorResponses, MunicipalityParam, z } from "../core/http/api.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import { type BudgetRequestView, MAX_NOTE, saveBudgetRequest } from "./budget-store.ts";
import { MAX_FACILITIES } from "./cost-input.ts";
import { loadCostSettings } from "./cost-settings.ts";
import { computedCost, type StaffYear, saveProgramYear } from "./cost-store.ts";

const Params = MunicipalityParam.extend({
  programCode: z
    .string()
    .max(200)
    .openapi({ param: { name: "programCode", in: "path" }, example: "01-02-01-05-001" }),
  fiscalYear: z.coerce
    .number()
    .int()
    .openapi({
      param: { name: "fiscalYear", in: "path" },
      example: 2025,
      description: "年度（西暦）",
    }),
});

const Yen = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).openapi({ description: "円" });
const Fte = z.number().min(0).max(10_000);
const Version = z.number().int().min(0).optional().openapi({
  description: "読み込んだときの版（0: 未登録）。送ると、その後に変更されていれば 409",
});

const Funding = z.object({
  national: Yen.default(0).openapi({ description: "国庫支出金" }),
  prefectural: Yen.default(0).openapi({ description: "県支出金" }),
  bonds: Yen.default(0).openapi({ description: "地方債" }),
  otherSpecific: Yen.default(0).openapi({ description: "その他特定財源" }),
  general: Yen.default(0).openapi({ description: "一般財源" }),
});

const YearInput = z
  .object({
    initialBudget: Yen.openapi({ description: "当初予算額（円）" }),
    finalBudget: Yen.openapi({ description: "最終予算額（補正後、円）" }),
    settlement: Yen.nullable()
      .default(null)
      .openapi({ description: "決算額（円）。未確定は null" }),
    fundingSources: Funding.openapi({
      description: "財源内訳（円）。合計は事業費（決算確定済みの年度は決算額、ほかは最終予算額）",
    }),
    staffRegularFte: Fte.default(0).openapi({
      description: "正規職員の従事職員数（人工、小数第2位まで）",
    }),
    staffPartTimeFte: Fte.default(0).openapi({
      description: "会計年度任用職員の従事職員数（人工、小数第2位まで）",
    }),
    facilities: z
      .array(z.string().trim().min(1).max(200))
      .max(MAX_FACILITIES)
      .default([])
      .openapi({ description: "使用する施設の名前" }),
    leadingProject: z.boolean().default(false).openapi({ description: "リーディングプロジェクト" }),
    version: Version,
  })
  .openapi({ description: "年度のコスト一式（送らなかった欄は既定値: 0・空・false）" })
  .openapi("ProgramYearInput");

const YearJson = z
  .object({
    programCode: z.string(),
    fiscalYear: z.number().int(),
    version: z.number().int(),
    initialBudget: Yen,
    finalBudget: Yen,
    settlement: Yen.nullable(),
    fundingSources: z.object({
      national: Yen,
      prefectural: Yen,
      bonds: Yen,
      otherSpecific: Yen,
      general: Yen,
    }),
    staffRegularFte: z.number(),
    staffPartTimeFte: z.number(),
    facilities: z.array(z.string()),
    leadingProject: z.boolean(),
    programCost: Yen.nullable().openapi({ description: "事業費（円）" }),
    staffCost: Yen.nullable().openapi({ description: "人件費 = 従事職員数 × 人件費単価（円）" }),
    totalCost: Yen.nullable().openapi({ description: "総コスト（円）" }),
    costProblem: z.string().nullable().openapi({ description: "コストを算定できない理由" }),
  })
  .openapi("ProgramYearCosts");

const RequestInput = z
  .object({
    amount: Yen.openapi({ description: "予算要求額（円）" }),
    note: z.string().max(MAX_NOTE).default("").openapi({ description: "要求の説明" }),
    version: Version,
  })
  .openapi("BudgetRequestInput");

const RequestJson = z
  .object({
    programCode: z.string(),
    fiscalYear: z.number().int().openapi({ description: "要求する年度（評価の翌年度）" }),
    amount: Yen,
    note: z.string(),
    requestedBy: z.string(),
    requestedAt: z.string(),
    version: z.number().int(),
  })
  .openapi("BudgetRequest");

const responses = (schema: z.ZodType, ok: string) => ({
  200: { description: ok, content: { "application/json": { schema } } },
  ...errorResponses,
  401: {
    description: "トークンがない・無効",
    content: { "application/json": { schema: ErrorBody } },
  },
  403: {
    description: "この事務事業を編集する権限がない（担当外の課、閲覧者）",
    content: { "application/json": { schema: ErrorBody } },
  },
  409: {
    description: "送った版の後に変更されている",
    content: { "application/json": { schema: ErrorBody } },
  },
});

const yearRoute = createRoute({
  method: "put",
  path: "/municipalities/{code}/programs/{programCode}/years/{fiscalYear}",
  summary: "事務事業の年度のコスト（予算・決算・財源・人員・施設）を保存する（APIトークンが必要）",
  description:
    "担当課の入力担当・企画担当・管理者が保存できます。年度がまだなければ登録します（version 0）。財源内訳の合計が事業費と一致しないなどの誤りは 400 で欄を示します。",
  security: [{ bearer: [] }],
  request: {
    params: Params,
    body: { content: { "application/json": { schema: YearInput } }, required: true },
  },
  responses: responses(YearJson, "保存した"),
});

const requestRoute = createRoute({
  method: "put",
  path: "/municipalities/{code}/programs/{programCode}/budget-requests/{fiscalYear}",
  summary: "事務事業の予算要求額を保存する（APIトークンが必要）",
  description: "事業査定で評価の方向性と並べる、翌年度の予算要求額。コストと同じ人が保存できます。",
  security: [{ bearer: [] }],
  request: {
    params: Params,
    body: { content: { "application/json": { schema: RequestInput } }, required: true },
  },
  responses: responses(RequestJson, "保存した"),
});

const stale = (current: { version: number } | null) => [
  { location: "version", message: `現在の版は ${current?.version ?? 0}` },
];

const requestJson = (programCode: string, r: BudgetRequestView) => ({
  programCode,
  fiscalYear: r.fiscalYear,
  amount: r.amount,
  note: r.note,
  requestedBy: r.requestedBy,
  requestedAt: r.requestedAt.toISOString(),
  version: r.version,
});

export function programCostApi(db: Db) {
  const app = createApi<TokenEnv>();
  app.use(
    "/municipalities/:code/programs/:programCode/years/*",
    bearerToken(db, { limitWrites: {} }),
  );
  app.use(
    "/municipalities/:code/programs/:programCode/budget-requests/*",
    bearerToken(db, { limitWrites: {} }),
  );

  app.openapi(yearRoute, async (c) => {
    const { programCode, fiscalYear } = c.req.valid("param");
    const body = c.req.valid("json");
    const m = municipalityOf(c);
    const result = apiAnswer(
      await saveProgramYear(tokenContext(db, c), {
        programCode,
        fiscalYear,
        costs: {
          initialBudget: body.initialBudget,
          finalBudget: body.finalBudget,
          settlement: body.settlement,
          funding: body.fundingSources,
          staff: { regular: body.staffRegularFte, partTime: body.staffPartTimeFte },
          facilities: body.facilities,
          leadingProject: body.leadingProject,
        },
        version: body.version ?? null,
      }),
      stale,
    );
    const y: StaffYear = result!.year;
    const { settings } = await loadCostSettings(db, m.code);
    const { cost, costProblem } = computedCost(fiscalYear, y, settings);
    return c.json(
      {
        programCode,
        fiscalYear,
        version: y.version,
        initialBudget: y.initialBudget,
        finalBudget: y.finalBudget,
        settlement: y.settlement,
        fundingSources: y.funding,
        staffRegularFte: y.staff.regular,
        staffPartTimeFte: y.staff.partTime,
        facilities: y.facilities,
        leadingProject: y.leadingProject,
        programCost: cost?.programCost ?? null,
        staffCost: cost?.staffCost.total ?? null,
        totalCost: cost?.totalCost ?? null,
        costProblem,
      },
      200,
    );
  });

  app.openapi(requestRoute, async (c) => {
    const { programCode, fiscalYear } = c.req.valid("param");
    const { amount, note, version } = c.req.valid("json");
    const request = apiAnswer(
      await saveBudgetRequest(tokenContext(db, c), {
        programCode,
        fiscalYear,
        amount,
        note,
        version: version ?? null,
      }),
      stale,
    );
    return c.json(requestJson(programCode, request!), 200);
  });

  return app;
}
