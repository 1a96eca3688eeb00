/** GET /api/v1/municipalities/{code}/indicators[/{indicatorCode}] */
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
import { IndicatorKind, TargetForm, ValueKind, YearKind } from "../plan/index.ts";
import { STATUS_LABELS, type StatusCode } from "./achievement.ts";
import { filterIndicators, IndicatorFilter, type Located } from "./filter.ts";
import { VALUE_KIND_ENTRY } from "./labels.ts";
import { loadPublicRegistry } from "./public-registry.ts";
import { latestActual } from "./queries.ts";
import { runningLabel } from "./running.ts";

const Section = z.object({ code: z.string(), name: z.string() }).openapi("SectionRef");

export const IndicatorJson = z
  .object({
    code: z.string().openapi({ example: "GZ-1-R1" }),
    name: z.string(),
    kind: IndicatorKind,
    definition: z.string().nullable(),
    unit: z.string(),
    challenge: z.boolean(),
    valueKind: z.enum(ValueKind.options).openapi({
      description: `値の種類。annual: ${VALUE_KIND_ENTRY.annual}。running_total: ${VALUE_KIND_ENTRY.running_total}。sum_of_annual: ${VALUE_KIND_ENTRY.sum_of_annual}`,
    }),
    cumulative: z.boolean().openapi({
      deprecated: true,
      description:
        "非推奨（1.2.0）: valueKind を使ってください。valueKind が sum_of_annual（各年度の量をシステムが合計）のとき true で、1.0.0 の cumulative: true と同じ計算です。/api/v1 の間は残ります",
    }),
    yearKind: z.enum(YearKind.options).openapi({
      description:
        "fiscal: 年度（4月〜翌3月）、calendar: 暦年（1月〜12月）。fiscalYear はどちらも西暦の年で、fiscal は年度の始まる年（令和3年度は 2021）、calendar はその暦年（2021年は 2021）を送る",
    }),
    source: z
      .object({
        document: z.string(),
        page: z.string().optional(),
        url: z.string().optional(),
      })
      .nullable()
      .openapi({ description: "この指標の数値の出典（計画の出典と別のとき）" }),
    reposted: z.boolean(),
    baseline: z.object({
      value: z.number().nullable(),
      fiscalYear: z.number().int().nullable(),
      text: z.string(),
      note: z.string().nullable(),
    }),
    target: z.object({
      form: z.enum(TargetForm.options).openapi({
        description:
          "目標の形式。at_least: 目標値以上（多いほどよい）、at_most: 目標値以下（少ないほどよい）、below: 目標値未満、above: 目標値超、increase: 基準値より増、decrease: 基準値より減、maintain: 維持、manage: 数値目標でなく管理を続ける、milestone: 「設置」「策定」のような文字の目標（実績は text と done で送る）、tbd: 調整中。value は at_least・at_most・below・above のとき数値、ほかは null のことがある",
      }),
      value: z.number().nullable(),
      fiscalYear: z.number().int().nullable(),
      text: z.string(),
      note: z.string().nullable(),
      interim: z
        .array(
          z.object({
            fiscalYear: z.number().int(),
            value: z.number().nullable(),
            text: z.string(),
            note: z.string().optional(),
          }),
        )
        .openapi({
          description:
            "中間目標（年度の順）。各要素は fiscalYear（西暦の年、yearKind に従う）、value（数値の目標なら数値、文字の目標なら null）、text（計画に印字された表記）。進み具合（順調 / 遅れ）は基準値 → 各中間目標 → 目標値を結ぶ線と比べて判定し、その年度の中間目標に届いた実績は順調",
        }),
    }),
    actuals: z.array(
      z.object({
        fiscalYear: z.number().int(),
        value: z.number().nullable(),
        text: z.string().nullable().openapi({
          description:
            "文字の実績（「策定」「なし」など）。target.form が milestone の指標と、計画が文字で印字した年（「なし」）だけ。数値の実績では null",
        }),
        done: z.boolean().nullable().openapi({
          description:
            "文字の目標（milestone）に達したか。true: 達成、false: まだ、null: 数値の指標か、答えていない",
        }),
        asOf: z.string().nullable().openapi({
          description:
            "この値の時点（YYYY-MM-DD）。年度末・年末の値でなく「平成15年9月30日現在」のような値のとき。ないときは null",
        }),
        estimate: z.boolean().openapi({
          description:
            "見込の値（確定値でない）なら true。公開ページでは値の横に「見込」と表示する",
        }),
        note: z.string().nullable(),
        source: z.string().nullable(),
        origin: z.enum(["entered", "reported", "computed"]),
        recordsPath: z
          .string()
          .nullable()
          .optional()
          .openapi({ description: "計算された実績値の元の記録（サイト内のパス）" }),
      }),
    ),
    running: z
      .array(
        z.object({
          fiscalYear: z.number().int(),
          value: z.number().nullable(),
          label: z.string().openapi({ example: "集計中（12月7日時点）" }),
          computedAt: z.string().openapi({ format: "date-time" }),
          source: z.string(),
          recordsPath: z.string().nullable(),
        }),
      )
      .openapi({
        description:
          "年度の途中で記録から計算した値（集計中）。評価には使わず、年度の報告の締切で実績値になる",
      }),
    latestActual: z
      .object({ fiscalYear: z.number().int(), value: z.number().nullable() })
      .nullable(),
    achievement: z.number().nullable().openapi({
      description:
        "基準値から目標値までの進捗率 (%)、0〜100。数値目標以外、または基準値か目標年度がないときは null",
    }),
    status: z
      .enum(Object.values(STATUS_LABELS) as [string, ...string[]])
      .openapi({ description: "達成 / 順調 / 遅れ / 未達 / 進行中 / 評価不能 / 未入力" }),
    missing: z
      .array(z.enum(["baseline", "baselineYear", "targetYear"]))
      .openapi({ description: "進捗率や進み具合を示すのに足りない項目" }),
    statusCode: z.enum(Object.keys(STATUS_LABELS) as [StatusCode, ...StatusCode[]]),
    statusReason: z.string(),
    nodeCode: z.string().nullable(),
    measureCode: z.string().nullable(),
    planCode: z.string().nullable(),
    sections: z.array(Section).openapi({
      description:
        "担当課（報告する課）: 指標に定めた課、定めがなければ指標が属する計画の項目とその下の項目の課。公開ページ・CSV・職員のページと同じ",
    }),
    appearances: z.array(
      z.object({ planCode: z.string(), nodeCode: z.string(), reposted: z.boolean() }),
    ),
    note: z.string().nullable(),
  })
  .openapi("Indicator");
export type IndicatorJson = z.infer<typeof IndicatorJson>;

export function indicatorJson({ record: r, home }: Located): IndicatorJson {
  const latest = latestActual(r);
  return {
    code: r.code,
    name: r.name,
    kind: r.kind,
    definition: r.definition,
    unit: r.unit,
    challenge: r.challenge,
    valueKind: r.valueKind,
    cumulative: r.valueKind === "sum_of_annual",
    yearKind: r.yearKind,
    source: r.source,
    reposted: r.appearances.some((a) => a.reposted),
    baseline: r.baseline,
    target: r.target,
    actuals: r.actuals,
    running: r.running.map((x) => ({
      fiscalYear: x.fiscalYear,
      value: x.value,
      label: runningLabel(x.computedAt),
      computedAt: x.computedAt.toISOString(),
      source: x.source,
      recordsPath: x.recordsPath,
    })),
    latestActual: latest ? { fiscalYear: latest.fiscalYear, value: latest.value } : null,
    achievement: r.assessment.achievement,
    status: r.assessment.status,
    statusCode: r.assessment.statusCode,
    missing: r.assessment.missing,
    statusReason: r.assessment.reason,
    nodeCode: home?.node.code ?? null,
    measureCode: home?.measure?.code ?? null,
    planCode: home?.plan.code ?? null,
    sections: r.sections.map(({ code, name }) => ({ code, name })),
    appearances: r.appearances.map(({ planCode, nodeCode, reposted }) => ({
      planCode,
      nodeCode,
      reposted,
    })),
    note: r.note,
  };
}

const IndicatorParams = MunicipalityParam.extend({
  indicatorCode: z
    .string()
    .max(64)
    .openapi({ param: { name: "indicatorCode", in: "path" }, example: "GZ-1-R1" }),
});

const listRoute = createRoute({
  method: "get",
  path: "/municipalities/{code}/indicators",
  summary: "指標の一覧（指標の一元管理）",
  request: { params: MunicipalityParam, query: ListQuery.extend(IndicatorFilter.shape) },
  responses: {
    200: {
      description: "Indicators",
      content: { "application/json": { schema: listOf(IndicatorJson, "IndicatorList") } },
    },
    ...errorResponses,
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/municipalities/{code}/indicators/{indicatorCode}",
  summary: "指標",
  request: { params: IndicatorParams },
  responses: {
    200: { description: "Indicator", content: { "application/json": { schema: IndicatorJson } } },
    ...errorResponses,
  },
});

export function indicatorsApi(db: Db) {
  const api = createApi();
  api.openapi(listRoute, async (c) => {
    const { code } = c.req.valid("param");
    const query = c.req.valid("query");
    const { located, index } = await loadPublicRegistry(db, code);
    const filtered = filterIndicators(located, query, index.byId);
    return c.json(page(filtered, query, indicatorJson), 200);
  });
  api.openapi(getRoute, async (c) => {
    const { code, indicatorCode } = c.req.valid("param");
    const { located } = await loadPublicRegistry(db, code);
    const found = located.find((x) => x.record.code === indicatorCode);
    if (!found) throw notFound(`指標 ${indicatorCode}`);
    return c.json(indicatorJson(found), 200);
  });
  return api;
}
