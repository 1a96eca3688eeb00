/** Programs as programs/queries.ts returns them, for the sheet tests (sheets/pdf, sheets/excel). */
import type { IndicatorRecord } from "../../src/indicators/queries.ts";
import type { PlanNode } from "../../src/plan/queries.ts";
import type { ProgramView, ProgramYearView } from "../../src/programs/queries.ts";

export const MUNICIPALITY = { code: "082058", name: "石岡市" };

export function sheetYear(
  fiscalYear: number,
  over: Partial<ProgramYearView> = {},
): ProgramYearView {
  return {
    fiscalYear,
    hasCosts: true,
    leadingProject: false,
    initialBudget: 3_000_000,
    finalBudget: 3_200_000,
    settlement: 2_980_000,
    funding: {
      national: 1_000_000,
      prefectural: 0,
      bonds: 0,
      otherSpecific: 0,
      general: 1_980_000,
    },
    staff: { regular: 1.5, partTime: 0.5 },
    facilities: [],
    cost: {
      fiscalYear,
      basis: "settlement",
      programCost: 2_980_000,
      staffCost: { regular: 12_000_000, partTime: 1_250_000, total: 13_250_000 },
      staffFte: 2,
      totalCost: 16_230_000,
    },
    costProblem: null,
    activityActual: null,
    unitCost: null,
    evaluation: {
      content: {
        self: {
          ratings: { necessity: "A", effectiveness: "B", efficiency: "B", equity: "A" },
          findings: "全事務事業の評価を実施したが、評価結果と予算編成との連動が不十分であった。",
          direction: "continue",
          reason: "評価の仕組みは定着しつつあり、現行の方法で継続する。",
        },
        secondary: {
          direction: "improve",
          comment: "評価結果を予算査定に反映する手順を定めること。",
        },
      },
      direction: "improve",
      publishedAt: new Date("2025-06-30T00:00:00+09:00"),
    },
    ...over,
  };
}

const indicator = {
  id: 1,
  code: "GZ-3-A1",
  kind: "activity",
  name: "評価した事務事業の数",
  definition: null,
  unit: "件",
  decimals: 0,
  challenge: false,
  cumulative: false,
  nodeId: null,
  baseline: { value: 300, fiscalYear: 2021, text: "300件", note: null },
  target: { form: "value", value: 420, fiscalYear: 2027, text: "420件", note: null },
  note: null,
  sections: [],
  actuals: [
    { fiscalYear: 2023, value: 405, note: null, source: null, origin: "entered" },
    { fiscalYear: 2024, value: 410, note: null, source: null, origin: "entered" },
  ],
  appearances: [],
  assessment: { statusCode: "on_track", status: "順調", achievement: 80, reason: "" },
} as unknown as IndicatorRecord;

export function sheetProgram(over: Partial<ProgramView> = {}): ProgramView {
  return {
    id: 1,
    code: "01-02-01-05-001",
    parts: { account: "01", chapter: "02", clause: "01", item: "05", number: "001" },
    name: "【サンプル】行政評価・マネジメントシステム運用事業",
    purpose:
      "総合計画の施策と事務事業・予算・行政資産を結び付け、評価の結果を次年度の予算に反映する。",
    targetGroup: "市の全部署（事務事業の担当課）",
    means: "事務事業評価の実施、評価結果の公表、評価システムの運用・改修",
    section: { code: "gyokaku-suishin", name: "行革推進課" },
    firstFiscalYear: 2023,
    lastFiscalYear: null,
    sample: true,
    note: null,
    initiatives: [
      {
        code: "GZ-2-01",
        title: "総合計画・行政資産・実施事業が連動するマネジメントシステムの構築",
        share: 60,
        measure: {
          code: "GZ-2",
          number: 2,
          title: "効果的・効率的な行政経営",
          level: { key: "measure", label: "基本施策", depth: 1 },
        } as PlanNode,
        planCode: "gyozaisei",
      },
      { code: "GZ-3-01", title: "事務事業評価の公表", share: 40, measure: null, planCode: null },
    ],
    indicators: [{ role: "activity", record: indicator }],
    years: [
      sheetYear(2023),
      sheetYear(2024, {
        leadingProject: true,
        activityActual: { indicator, value: 410 },
        unitCost: 16_230_000 / 410,
      }),
    ],
    ...over,
  };
}
