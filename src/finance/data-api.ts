/**
 * GET /api/v1/municipalities/{code}/finance/soundness — the soundness ratios by fiscal year,
 * each with its origin (computed from components here, or reported as published), value,
 * display and statutory lines; and GET …/finance/frame — the fiscal frame's settled and budget
 * years and each scenario's projected years with their derived figures. Every year says whether
 * it is sample data and where it comes from.
 */
import { createRoute } from "@hono/zod-openapi";
import type { Db } from "../core/db/client.ts";
import { createApi, errorResponses, MunicipalityParam, z } from "../core/http/api.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import { rehabilitationLine, statutoryRange } from "./checks.ts";
import { FrameJson, frameJson } from "./frame-json.ts";
import { loadFrame } from "./frame-queries.ts";
import { bodyKindFor } from "./overview.ts";
import { loadSoundness } from "./queries.ts";
import {
  computedRatio,
  formatRatio,
  RATIO_NAMES,
  type RatioKind,
  reportedRatio,
  type SurplusDisplay,
} from "./soundness.ts";
import { loadComponentsRows } from "./soundness-store.ts";
import { publishedThresholds } from "./thresholds.ts";

const KINDS = [
  "realDeficit",
  "consolidatedRealDeficit",
  "realDebtService",
  "futureBurden",
] as const;

const RatioJson = z.object({
  kind: z.enum(KINDS),
  name: z.string().openapi({ example: "実質公債費比率" }),
  origin: z.enum(["computed", "reported"]).openapi({
    description: "computed: 構成要素から算定 / reported: 公表値をそのまま",
  }),
  value: z
    .number()
    .nullable()
    .openapi({ description: "% (算定値は丸める前の値、公表値は公表された値)。「−」と公表は null" }),
  published: z.number().nullable().openapi({ description: "公表される桁に丸めた値 (%)" }),
  display: z.string().openapi({ example: "7.8%" }),
  sample: z.boolean().openapi({ description: "サンプル（デモ用の架空の構成要素）から算定した値" }),
  source: z.string(),
  note: z.string().nullable(),
  earlyWarning: z.object({ min: z.number(), max: z.number() }).openapi({
    description:
      "早期健全化基準 (%)。標準財政規模で決まる比率は、その年度の標準財政規模が分かれば min = max",
  }),
  rehabilitation: z.number().nullable().openapi({ description: "財政再生基準 (%)、なしは null" }),
});

export const SoundnessJson = z
  .object({
    municipality: z.string(),
    years: z.array(
      z.object({
        fiscalYear: z.number().int(),
        standardFiscalScale: z
          .number()
          .nullable()
          .openapi({ description: "構成要素の標準財政規模（円）" }),
        ratios: z.array(RatioJson),
      }),
    ),
  })
  .openapi("SoundnessRatios");

const soundnessRoute = createRoute({
  method: "get",
  path: "/municipalities/{code}/finance/soundness",
  summary: "財政健全化判断比率（年度ごと、算定値か公表値か、法定の基準）",
  request: { params: MunicipalityParam },
  responses: {
    200: {
      description: "Ratios by year",
      content: { "application/json": { schema: SoundnessJson } },
    },
    ...errorResponses,
  },
});

const frameRoute = createRoute({
  method: "get",
  path: "/municipalities/{code}/finance/frame",
  summary: "財政フレーム（決算・予算の年度と、シナリオごとの推計、派生指標）",
  request: { params: MunicipalityParam },
  responses: {
    200: {
      description: "The fiscal frame",
      content: { "application/json": { schema: FrameJson } },
    },
    ...errorResponses,
  },
});

export function financeDataApi(db: Db) {
  const api = createApi();
  api.openapi(soundnessRoute, async (c) => {
    const m = municipalityOf(c);
    const [{ settings, ratios }, components] = await Promise.all([
      loadSoundness(db, m.code),
      loadComponentsRows(db, m.code),
    ]);
    const bodyKind = bodyKindFor(m.bodyKind);
    const surplusDisplay = (settings?.surplusDisplay ?? "minus") as SurplusDisplay;
    const years = [...new Set(ratios.map((r) => r.fiscalYear))].map((fy) => {
      const row = components.find((r) => r.fiscalYear === fy);
      const scale = (row?.components as { standardFiscalScale?: number } | undefined)
        ?.standardFiscalScale;
      const exact = scale ? publishedThresholds(bodyKind, scale) : undefined;
      return {
        fiscalYear: fy,
        standardFiscalScale: scale ?? null,
        ratios: ratios
          .filter((r) => r.fiscalYear === fy)
          .map((r) => {
            const kind = r.kind as RatioKind;
            const ratio =
              r.origin === "computed" && r.value !== null
                ? computedRatio(kind, r.value)
                : reportedRatio(kind, r.value);
            const line = exact?.[kind].earlyWarning;
            return {
              kind,
              name: RATIO_NAMES[kind],
              origin: r.origin,
              value: r.value,
              published: ratio.published,
              display: `${formatRatio(ratio, { surplusDisplay })}%`,
              sample: r.origin === "computed" && (row?.sample ?? false),
              source: r.source,
              note: r.note,
              earlyWarning:
                line === undefined ? statutoryRange(kind, bodyKind) : { min: line, max: line },
              rehabilitation: rehabilitationLine(kind, bodyKind),
            };
          }),
      };
    });
    return c.json({ municipality: m.code, years }, 200);
  });
  api.openapi(frameRoute, async (c) => {
    const m = municipalityOf(c);
    return c.json(frameJson(m.code, await loadFrame(db, m.code)), 200);
  });
  return api;
}
