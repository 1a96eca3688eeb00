/** GET /api/v1/municipalities/{code}/programs[/{programCode}] — programs and their evaluations. */
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
import { COST_BASIS_LABELS, staffFte } from "../costs/index.ts";
import { DIRECTION_LABELS, type Direction, STATE_LABELS } from "../evaluations/index.ts";
import { filterPrograms, ProgramFilter } from "./filter.ts";
import { loadPublicPrograms, type ProgramView, type ProgramYearView } from "./queries.ts";
import { PROGRAM_INDICATOR_ROLES } from "./schema.ts";

const DirectionWord = z
  .enum(Object.values(DIRECTION_LABELS) as [string, ...string[]])
  .nullable()
  .openapi({
    description: "今後の方向性: 拡充・継続・改善・縮小・統合・休止・廃止（未選択は null）",
  });
const Yen = z.number().int().openapi({ description: "円" });
const PUBLISHED = STATE_LABELS.published;
const NOT_PUBLISHED = "未公表";

const word = (d: Direction | null) => (d === null ? null : DIRECTION_LABELS[d]);

export const ProgramYearJson = z
  .object({
    fiscalYear: z.number().int().openapi({ example: 2024, description: "年度（西暦の開始年）" }),
    leadingProject: z.boolean().openapi({ description: "リーディングプロジェクト" }),
    initialBudget: Yen.nullable().openapi({
      description: "当初予算額（円）。この年度のコストが公開されていないときは null",
    }),
    budget: Yen.nullable().openapi({ description: "最終予算額（補正後、円）。未公開は null" }),
    settlement: Yen.nullable().openapi({ description: "決算額（円）。未確定は null" }),
    costBasis: z
      .enum([COST_BASIS_LABELS.settlement, COST_BASIS_LABELS.finalBudget])
      .nullable()
      .openapi({ description: "事業費の根拠: 決算確定済みの年度は決算額、それ以外は最終予算額" }),
    fundingSources: z
      .object({
        national: Yen.openapi({ description: "国庫支出金" }),
        prefectural: Yen.openapi({ description: "県支出金" }),
        bonds: Yen.openapi({ description: "地方債" }),
        otherSpecific: Yen.openapi({ description: "その他特定財源" }),
        general: Yen.openapi({ description: "一般財源" }),
      })
      .nullable()
      .openapi({ description: "財源内訳（合計は事業費）。未公開は null" }),
    staffFte: z.number().nullable().openapi({
      description: "従事職員数（人工）: 正規職員と会計年度任用職員の計。未公開は null",
    }),
    staffFteRegular: z.number().nullable().openapi({ description: "正規職員の従事職員数（人工）" }),
    staffFtePartTime: z
      .number()
      .nullable()
      .openapi({ description: "会計年度任用職員の従事職員数（人工）" }),
    staffCost: Yen.nullable().openapi({ description: "人件費 = 従事職員数 × 人件費単価（円）" }),
    programCost: Yen.nullable().openapi({ description: "事業費（円）" }),
    totalCost: Yen.nullable().openapi({ description: "総コスト = 事業費 + 人件費（円）" }),
    unitCost: z
      .number()
      .nullable()
      .openapi({ description: "単位当たりコスト = 総コスト ÷ 活動指標の実績値（円）" }),
    costProblem: z.string().nullable().openapi({ description: "コストを算定できない理由" }),
    facilities: z.array(z.string()).openapi({ description: "使用する施設" }),
    status: z.enum([PUBLISHED, NOT_PUBLISHED]).openapi({
      description: "評価の公表状況。公表前の評価の内容は公開しません",
    }),
    direction: DirectionWord.openapi({
      description: "確定した今後の方向性（二次評価があればその方向性）",
    }),
    selfEvaluation: z
      .object({
        direction: DirectionWord,
        ratings: z.object({
          necessity: z.string().nullable().openapi({ description: "必要性" }),
          effectiveness: z.string().nullable().openapi({ description: "有効性" }),
          efficiency: z.string().nullable().openapi({ description: "効率性" }),
          equity: z.string().nullable().openapi({ description: "公平性" }),
        }),
        findings: z.string().openapi({ description: "評価の所見" }),
        reason: z.string().openapi({ description: "方向性の理由" }),
      })
      .nullable()
      .openapi({ description: "一次評価（担当課）。公表前は null" }),
    secondaryEvaluation: z
      .object({ direction: DirectionWord, comment: z.string() })
      .nullable()
      .openapi({ description: "二次評価（行革推進課・委員会）。公表前・未実施は null" }),
  })
  .openapi("ProgramYear");

export const ProgramJson = z
  .object({
    code: z.string().openapi({
      example: "01-02-01-05-001",
      description: "事務事業コード（会計-款-項-目-事業番号）",
    }),
    name: z.string(),
    sample: z.boolean().openapi({ description: "説明用のサンプルデータ（実在の事業ではない）" }),
    budgetLine: z.object({
      account: z.string().openapi({ description: "会計" }),
      chapter: z.string().openapi({ description: "款" }),
      clause: z.string().openapi({ description: "項" }),
      item: z.string().openapi({ description: "目" }),
      number: z.string().openapi({ description: "事業番号" }),
    }),
    section: z.object({ code: z.string(), name: z.string() }).openapi({ description: "担当課" }),
    purpose: z.string(),
    targetGroup: z.string(),
    means: z.string(),
    firstFiscalYear: z.number().int(),
    lastFiscalYear: z.number().int().nullable(),
    initiativeCodes: z.array(z.string()).openapi({ description: "関連する具体的な取組のコード" }),
    initiatives: z.array(
      z.object({
        code: z.string(),
        title: z.string(),
        measureCode: z.string().nullable(),
        share: z
          .number()
          .int()
          .nullable()
          .openapi({ description: "コストの配分割合（すべて null は均等配分）" }),
      }),
    ),
    indicators: z.array(
      z.object({
        code: z.string(),
        name: z.string(),
        role: z
          .enum(PROGRAM_INDICATOR_ROLES)
          .openapi({ description: "activity 活動指標 / outcome 成果指標" }),
      }),
    ),
    years: z.array(ProgramYearJson),
  })
  .openapi("Program");
export type ProgramJson = z.infer<typeof ProgramJson>;

function yearJson(y: ProgramYearView): z.infer<typeof ProgramYearJson> {
  const e = y.evaluation;
  return {
    fiscalYear: y.fiscalYear,
    leadingProject: y.leadingProject,
    initialBudget: y.initialBudget,
    budget: y.finalBudget,
    settlement: y.settlement,
    costBasis: y.cost ? COST_BASIS_LABELS[y.cost.basis] : null,
    fundingSources: y.funding,
    staffFte: y.staff ? staffFte(y.staff) : null,
    staffFteRegular: y.staff?.regular ?? null,
    staffFtePartTime: y.staff?.partTime ?? null,
    staffCost: y.cost?.staffCost.total ?? null,
    programCost: y.cost?.programCost ?? null,
    totalCost: y.cost?.totalCost ?? null,
    unitCost: y.unitCost,
    costProblem: y.costProblem,
    facilities: y.facilities,
    status: e ? PUBLISHED : NOT_PUBLISHED,
    direction: word(e?.direction ?? null),
    selfEvaluation: e
      ? {
          direction: word(e.content.self.direction),
          ratings: e.content.self.ratings,
          findings: e.content.self.findings,
          reason: e.content.self.reason,
        }
      : null,
    secondaryEvaluation: e?.content.secondary
      ? { direction: word(e.content.secondary.direction), comment: e.content.secondary.comment }
      : null,
  };
}

export function programJson(p: ProgramView): ProgramJson {
  return {
    code: p.code,
    name: p.name,
    sample: p.sample,
    budgetLine: p.parts,
    section: p.section,
    purpose: p.purpose,
    targetGroup: p.targetGroup,
    means: p.means,
    firstFiscalYear: p.firstFiscalYear,
    lastFiscalYear: p.lastFiscalYear,
    initiativeCodes: p.initiatives.map((i) => i.code),
    initiatives: p.initiatives.map((i) => ({
      code: i.code,
      title: i.title,
      measureCode: i.measure?.code ?? null,
      share: i.share,
    })),
    indicators: p.indicators.map((x) => ({
      code: x.record.code,
      name: x.record.name,
      role: x.role,
    })),
    years: p.years.map(yearJson),
  };
}

const ProgramParams = MunicipalityParam.extend({
  programCode: z
    .string()
    .max(200)
    .openapi({ param: { name: "programCode", in: "path" }, example: "01-02-01-05-001" }),
});

const listRoute = createRoute({
  method: "get",
  path: "/municipalities/{code}/programs",
  summary: "事務事業の一覧（事務事業評価）",
  request: { params: MunicipalityParam, query: ListQuery.extend(ProgramFilter.shape) },
  responses: {
    200: {
      description: "Programs",
      content: { "application/json": { schema: listOf(ProgramJson, "ProgramList") } },
    },
    ...errorResponses,
  },
});

const getRoute = createRoute({
  method: "get",
  path: "/municipalities/{code}/programs/{programCode}",
  summary: "事務事業と年度ごとのコスト・評価",
  request: { params: ProgramParams },
  responses: {
    200: { description: "Program", content: { "application/json": { schema: ProgramJson } } },
    ...errorResponses,
  },
});

export function programsApi(db: Db) {
  const api = createApi();
  api.openapi(listRoute, async (c) => {
    const { code } = c.req.valid("param");
    const query = c.req.valid("query");
    const { programs } = await loadPublicPrograms(db, code);
    return c.json(page(filterPrograms(programs, query), query, programJson), 200);
  });
  api.openapi(getRoute, async (c) => {
    const { code, programCode } = c.req.valid("param");
    const { programs } = await loadPublicPrograms(db, code);
    const found = programs.find((p) => p.code === programCode);
    if (!found) throw notFound(`事務事業 ${programCode}`);
    return c.json(programJson(found), 200);
  });
  return api;
}
