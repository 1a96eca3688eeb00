/**
 * GET /api/v1/shared-indicators and /api/v1/shared-indicators/{code}/values: the national
 * catalogue and one indicator's values across a peer group, ranked (CSV too, as every list).
 */
import { createRoute } from "@hono/zod-openapi";
import type { Db } from "../core/db/client.ts";
import { createApi, errorResponses, ListQuery, listOf, page, z } from "../core/http/api.ts";
import { compareIndicator } from "./compare.ts";
import { listSharedIndicators, type SharedIndicatorSummary } from "./queries.ts";
import { PEER_GROUPS } from "./rules.ts";

const SharedIndicatorJson = z
  .object({
    code: z.string().openapi({ example: "real-debt-service-ratio" }),
    name: z.string().openapi({ example: "実質公債費比率" }),
    nameEn: z.string(),
    unit: z.string().openapi({ example: "%" }),
    decimals: z.number().int(),
    rankOrder: z.enum(["asc", "desc"]).openapi({ description: "asc: 値が小さいほど上位" }),
    definition: z.string(),
    source: z.string(),
    fiscalYears: z.array(z.number().int()).openapi({ description: "値のある年度（新しい順）" }),
    municipalities: z.number().int().openapi({ description: "最新年度に値のある団体の数" }),
    sample: z.boolean().openapi({ description: "架空の値（サンプル）を含む" }),
  })
  .openapi("SharedIndicator");

const SharedValueJson = z
  .object({
    rank: z.number().int().nullable(),
    code: z.string().openapi({ example: "082058" }),
    name: z.string(),
    prefecture: z.string(),
    similarGroup: z.string().nullable().openapi({ description: "類似団体区分" }),
    population: z.number().int().nullable(),
    fiscalYear: z.number().int(),
    value: z.number().nullable(),
    note: z.string().nullable().openapi({ description: "値がないときの表の記載（「－」）" }),
    sample: z.boolean(),
  })
  .openapi("SharedIndicatorValue");

const SharedParam = z.object({
  code: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,62}$/)
    .openapi({ param: { name: "code", in: "path" }, example: "real-debt-service-ratio" }),
});

const ValuesQuery = ListQuery.extend({
  fiscalYear: z.coerce
    .number()
    .int()
    .min(1990)
    .max(2100)
    .optional()
    .openapi({
      param: { name: "fiscalYear", in: "query" },
      example: 2023,
      description: "既定は最新年度",
    }),
  peerGroup: z
    .enum(PEER_GROUPS)
    .default("all")
    .openapi({
      param: { name: "peerGroup", in: "query" },
      description:
        "all: 全国、similar: 類似団体、prefecture: 同じ都道府県、population: 人口が2/3〜3/2倍の団体（all 以外は municipality が必要）",
    }),
  municipality: z
    .string()
    .regex(/^\d{6}$/)
    .optional()
    .openapi({ param: { name: "municipality", in: "query" }, example: "082058" }),
});

const indicatorJson = (s: SharedIndicatorSummary) => ({
  code: s.code,
  name: s.name,
  nameEn: s.nameEn,
  unit: s.unit,
  decimals: s.decimals,
  rankOrder: s.rankOrder,
  definition: s.definition,
  source: s.source,
  fiscalYears: s.fiscalYears,
  municipalities: s.bodies,
  sample: s.sample,
});

export function peersApi(db: Db) {
  const api = createApi();
  api.openapi(
    createRoute({
      method: "get",
      path: "/shared-indicators",
      summary: "共通指標の一覧（全国の市区町村が同じ形で公表する指標）",
      request: { query: ListQuery },
      responses: {
        200: {
          description: "Shared indicators",
          content: {
            "application/json": { schema: listOf(SharedIndicatorJson, "SharedIndicatorList") },
          },
        },
        ...errorResponses,
      },
    }),
    async (c) =>
      c.json(page(await listSharedIndicators(db), c.req.valid("query"), indicatorJson), 200),
  );
  api.openapi(
    createRoute({
      method: "get",
      path: "/shared-indicators/{code}/values",
      summary: "共通指標の団体別の値（比較の範囲ごと、順位順）",
      request: { params: SharedParam, query: ValuesQuery },
      responses: {
        200: {
          description: "Values of every municipality in the peer group, ranked",
          content: {
            "application/json": { schema: listOf(SharedValueJson, "SharedIndicatorValueList") },
          },
        },
        ...errorResponses,
      },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const cmp = await compareIndicator(db, c.req.valid("param").code, {
        fiscalYear: q.fiscalYear,
        subject: q.municipality,
        group: q.peerGroup,
      });
      return c.json(
        page(cmp.rows, q, (r) => ({
          rank: r.rank,
          code: r.code,
          name: r.name,
          prefecture: r.prefecture,
          similarGroup: r.similarGroup,
          population: r.population,
          fiscalYear: cmp.fiscalYear!,
          value: r.value,
          note: r.note,
          sample: r.valueSample,
        })),
        200,
      );
    },
  );
  return api;
}
