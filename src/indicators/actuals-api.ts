/**
 * PUT /api/v1/municipalities/{code}/indicators/{indicatorCode}/actuals/{fiscalYear}
 * A section's other system pushes an actual with a personal API token. It becomes a draft,
 * exactly as if entered on the staff page, and a planner publishes it.
 */
import { createRoute } from "@hono/zod-openapi";
import { bearerToken, type TokenEnv, tokenContext } from "../accounts/index.ts";
import type { Db } from "../core/db/client.ts";
import { apiAnswer } from "../core/http/answer.ts";
import { createApi, ErrorBody, errorResponses, MunicipalityParam, z } from "../core/http/api.ts";
import { saveActual } from "./drafts.ts";
import { detailsOf, withRefusalDetails } from "./entry.ts";

const Params = MunicipalityParam.extend({
  indicatorCode: z
    .string()
    .openapi({ param: { name: "indicatorCode", in: "path" }, example: "GZ-1-R1" }),
  fiscalYear: z.coerce
    .number()
    .int()
    .openapi({
      param: { name: "fiscalYear", in: "path" },
      example: 2025,
      description: "年度（西暦）",
    }),
});

const ActualBody = z
  .object({
    value: z.number().nullable().openapi({
      description:
        "値。指標の valueKind に従う — annual: その年度の値、running_total: その年度末までの累計、sum_of_annual: その年度の量だけ（システムが足し上げる）。文字の目標（milestone）の指標では null でもよい（text を送る）。値がないときは null（注記に理由を）",
    }),
    text: z.string().nullable().optional().openapi({
      description:
        "文字の実績（「策定」「設置」「なし」）。目標の形式が milestone（達成か否か）の指標だけ。数値の指標に送ると 400",
      example: "策定",
    }),
    done: z.boolean().nullable().optional().openapi({
      description:
        "達成したか（true: 達成、false: まだ）。目標の形式が milestone の指標だけ。省略・null: 答えない",
    }),
    asOf: z.string().nullable().optional().openapi({
      description:
        "値の時点（その日現在の値のとき）。YYYY-MM-DD のほか「平成15年9月30日」「R5.9.30」のような和暦も読み取る。今日より後は 400。公開ページに「平成15年9月30日現在」と表示される",
      example: "2025-09-30",
    }),
    estimate: z.boolean().optional().openapi({
      description: "見込の値（確定値でない）。公開ページで値の横に「見込」と表示される",
    }),
    note: z.string().nullable().optional(),
    reason: z
      .string()
      .nullable()
      .optional()
      .openapi({ description: "公表済みの値を訂正するときは必須（公開ページの訂正履歴に載る）" }),
    publishedVersion: z.number().int().min(0).optional().openapi({
      description:
        "読み込んだときの公開値の版（0: 未公開）。draftVersion とともに送ると、その後に変更されていれば 409",
    }),
    draftVersion: z.number().int().min(0).optional(),
  })
  .openapi("ActualInput");

const Values = z.object({
  value: z.number().nullable(),
  text: z.string().nullable(),
  done: z.boolean().nullable(),
  asOf: z.string().nullable().openapi({ description: "時点（YYYY-MM-DD）" }),
  estimate: z.boolean(),
  note: z.string().nullable(),
});

const ActualResult = z
  .object({
    indicatorCode: z.string(),
    fiscalYear: z.number().int(),
    status: z.enum(["draft", "unchanged"]).openapi({
      description: "draft: 下書きとして保存（公開は企画担当が行う）。unchanged: 公開中の値と同じ",
    }),
    draft: Values.extend({
      reason: z.string().nullable(),
      version: z.number().int(),
      baseVersion: z.number().int(),
      updatedAt: z.string(),
    }).nullable(),
  })
  .openapi("ActualResult");

const putRoute = createRoute({
  method: "put",
  path: "/municipalities/{code}/indicators/{indicatorCode}/actuals/{fiscalYear}",
  summary: "実績値を下書きとして登録する（APIトークンが必要）",
  security: [{ bearer: [] }],
  request: {
    params: Params,
    body: { content: { "application/json": { schema: ActualBody } }, required: true },
  },
  responses: {
    200: { description: "保存した", content: { "application/json": { schema: ActualResult } } },
    ...errorResponses,
    401: {
      description: "トークンがない・無効",
      content: { "application/json": { schema: ErrorBody } },
    },
    403: { description: "担当外の指標", content: { "application/json": { schema: ErrorBody } } },
    409: {
      description: "送った版の後に変更されている、または報告が締め切られた年度",
      content: { "application/json": { schema: ErrorBody } },
    },
  },
});

export function actualsApi(db: Db) {
  const app = createApi<TokenEnv>();
  app.use(
    "/municipalities/:code/indicators/:indicatorCode/actuals/*",
    bearerToken(db, { limitWrites: {} }),
  );
  app.openapi(putRoute, async (c) => {
    const { indicatorCode, fiscalYear } = c.req.valid("param");
    const body = c.req.valid("json");
    const expected =
      body.publishedVersion !== undefined || body.draftVersion !== undefined
        ? { published: body.publishedVersion ?? 0, draft: body.draftVersion ?? 0 }
        : null;
    const outcome = await saveActual(tokenContext(db, c), {
      indicatorCode,
      fiscalYear,
      value: body.value,
      text: body.text ?? null,
      done: body.done ?? null,
      asOf: body.asOf ?? null,
      estimate: body.estimate ?? false,
      note: body.note ?? null,
      reason: body.reason ?? null,
      expected,
    });
    const result = apiAnswer(withRefusalDetails(outcome), (current) => current.details);
    const d = result?.draft;
    return c.json(
      {
        indicatorCode,
        fiscalYear,
        status: d ? ("draft" as const) : ("unchanged" as const),
        draft: d
          ? {
              value: d.value,
              ...detailsOf(d),
              note: d.note,
              reason: d.reason,
              version: d.version,
              baseVersion: d.baseVersion,
              updatedAt: d.updatedAt.toISOString(),
            }
          : null,
      },
      200,
    );
  });
  return app;
}
