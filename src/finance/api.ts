/** GET /api/v1/finance/soundness-thresholds — the statutory thresholds for a body, as published. */
import { createRoute } from "@hono/zod-openapi";
import { createApi, errorResponses, z } from "../core/http/api.ts";
import { BODY_KINDS, publishedThresholds } from "./thresholds.ts";

const ThresholdsQuery = z.object({
  bodyKind: z.enum(BODY_KINDS).openapi({
    param: { name: "bodyKind", in: "query" },
    example: "municipality",
    description:
      "municipality（市町村・特別区）/ prefecture（道府県）/ designated_city（指定都市）",
  }),
  standardFiscalScale: z.coerce
    .number()
    .int()
    .positive()
    .max(Number.MAX_SAFE_INTEGER)
    .openapi({
      param: { name: "standardFiscalScale", in: "query" },
      example: 14_670_000_000,
      description: "標準財政規模（円）",
    }),
});

const Pair = z.object({
  earlyWarning: z.number().openapi({ description: "早期健全化基準 (%)" }),
  rehabilitation: z.number().openapi({ description: "財政再生基準 (%)" }),
});

export const SoundnessThresholdsJson = z
  .object({
    realDeficit: Pair.openapi({ description: "実質赤字比率" }),
    consolidatedRealDeficit: Pair.openapi({ description: "連結実質赤字比率" }),
    realDebtService: Pair.extend({
      permissionRequired: z
        .number()
        .openapi({ description: "地方債の発行に許可が必要となる比率 (%)" }),
    }).openapi({ description: "実質公債費比率" }),
    futureBurden: z
      .object({
        earlyWarning: z.number().openapi({ description: "早期健全化基準 (%)" }),
        rehabilitation: z.null().openapi({ description: "財政再生基準はない" }),
      })
      .openapi({ description: "将来負担比率" }),
  })
  .openapi("SoundnessThresholds");

const thresholdsRoute = createRoute({
  method: "get",
  path: "/finance/soundness-thresholds",
  summary: "財政健全化判断比率の早期健全化基準・財政再生基準（公表される桁に丸めた%）",
  request: { query: ThresholdsQuery },
  responses: {
    200: {
      description: "Thresholds in percent",
      content: { "application/json": { schema: SoundnessThresholdsJson } },
    },
    400: errorResponses[400],
  },
});

export function financeApi() {
  const api = createApi();
  api.openapi(thresholdsRoute, (c) => {
    const { bodyKind, standardFiscalScale } = c.req.valid("query");
    return c.json(publishedThresholds(bodyKind, standardFiscalScale), 200);
  });
  return api;
}
