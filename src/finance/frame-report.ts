/**
 * The public view of a stored 財政フレーム: its years, its scenarios projected with `project`,
 * and the tables the finance page shows — the same rows feed the page, the charts and the CSV
 * downloads, so the three always agree. Pure: rows in, tables out.
 *
 * Amounts are shown in 百万円 (half up), ratios in percent to one decimal (half up), per-capita
 * amounts in yen. Every row says whether its figures are 「サンプル」 or 「公表値」.
 */
import { fiscalYearLabel } from "../core/fiscal-year.ts";
import {
  EXPENDITURE_CATEGORIES,
  EXPENDITURE_LABELS,
  EXTRAORDINARY_FISCAL_BONDS_LABEL,
  FRAME_KIND_LABELS,
  type FrameYear,
  FUND_KINDS,
  FUND_LABELS,
  type FundKind,
  prorate,
  REVENUE_CATEGORIES,
  REVENUE_LABELS,
  totalExpenditure,
  totalRevenue,
  type Yen,
} from "./frame.ts";
import {
  fiscalAdjustmentFundRatio,
  mandatoryExpenditure,
  mandatoryExpenditureRatio,
  ownSourceRatio,
  ownSourceRevenue,
  perCapita,
} from "./frame-indicators.ts";
import { type ProjectedYear, project } from "./frame-projection.ts";
import type { Scenario } from "./frame-scenario.ts";
import type { fiscalFrameScenarios, fiscalFrameYears } from "./frame-schema.ts";
import { roundDecimal } from "./soundness.ts";

export type FrameYearRow = typeof fiscalFrameYears.$inferSelect;
export type FrameScenarioRow = typeof fiscalFrameScenarios.$inferSelect;

export const SAMPLE = "サンプル";
export const PUBLISHED = "公表値";
const dataLabel = (sample: boolean) => (sample ? SAMPLE : PUBLISHED);

export interface ProjectedScenario {
  row: FrameScenarioRow;
  scenario: Scenario;
  years: ProjectedYear[];
}

export interface FrameReport {
  years: FrameYearRow[];
  latestSettled: FrameYearRow | null;
  scenarios: ProjectedScenario[];
  /** Whether any figure shown is sample data. */
  sample: boolean;
}

export const frameYearOf = (r: FrameYearRow): FrameYear => ({
  fiscalYear: r.fiscalYear,
  kind: r.kind,
  revenue: r.revenue,
  extraordinaryFiscalBonds: r.extraordinaryFiscalBonds,
  expenditure: r.expenditure,
});

/** The stored years (shared by all scenarios) and every scenario's projection. */
export function frameReport(years: FrameYearRow[], scenarios: FrameScenarioRow[]): FrameReport {
  const base = years
    .filter((y) => y.scenario === "" && y.kind !== "projection")
    .sort((a, b) => a.fiscalYear - b.fiscalYear || (a.kind === "settled" ? -1 : 1));
  const frame = base.map(frameYearOf);
  const projected = [...scenarios]
    .sort((a, b) => a.position - b.position)
    .map((row) => {
      const scenario: Scenario = { ...row.assumptions, name: row.name };
      return { row, scenario, years: project(frame, scenario, row.untilFiscalYear) };
    });
  const settled = base.filter((y) => y.kind === "settled");
  return {
    years: base,
    latestSettled: settled[settled.length - 1] ?? null,
    scenarios: base.length ? projected : [],
    sample: base.some((y) => y.sample) || scenarios.some((s) => s.sample),
  };
}

// Tables -------------------------------------------------------------------------------------

export type Cell = string | number | null;
export const TABLE_KEYS = ["composition", "trend", "projection", "funds", "indicators"] as const;
export type TableKey = (typeof TABLE_KEYS)[number];

export interface FrameTable {
  key: TableKey;
  title: string;
  header: string[];
  /** Decimals per column for numbers (null: not a number column). */
  decimals: (number | null)[];
  rows: Cell[][];
}

/** yen → 百万円, half up. */
export const millions = (amount: Yen): number =>
  amount >= 0 ? prorate(amount, 1, 1_000_000) : -prorate(-amount, 1, 1_000_000);
const pct = (value: number) => roundDecimal(value, 1, "halfUp");
const share = (part: Yen, whole: Yen) => (whole === 0 ? null : pct((part / whole) * 100));
const year = (fy: number) => fiscalYearLabel(fy);
const M = "（百万円）";

export function compositionTable(r: FrameReport): FrameTable {
  const y = r.latestSettled;
  const rows: Cell[][] = [];
  if (y) {
    const f = frameYearOf(y);
    const revenue = totalRevenue(f);
    const expenditure = totalExpenditure(f);
    const data = dataLabel(y.sample);
    for (const c of REVENUE_CATEGORIES) {
      rows.push([
        "歳入",
        REVENUE_LABELS[c],
        millions(f.revenue[c]),
        share(f.revenue[c], revenue),
        data,
      ]);
      if (c === "localBonds")
        rows.push([
          "歳入",
          `（${EXTRAORDINARY_FISCAL_BONDS_LABEL}）`,
          millions(y.extraordinaryFiscalBonds),
          null,
          data,
        ]);
    }
    rows.push(["歳入", "歳入合計", millions(revenue), 100, data]);
    for (const c of EXPENDITURE_CATEGORIES)
      rows.push([
        "歳出",
        EXPENDITURE_LABELS[c],
        millions(f.expenditure[c]),
        share(f.expenditure[c], expenditure),
        data,
      ]);
    rows.push(["歳出", "歳出合計", millions(expenditure), 100, data]);
  }
  return {
    key: "composition",
    title: y ? `歳入・歳出の内訳（${year(y.fiscalYear)}決算）` : "歳入・歳出の内訳",
    header: ["区分", "項目", `金額${M}`, "構成比（%）", "データ"],
    decimals: [null, null, 0, 1, null],
    rows,
  };
}

export function trendTable(r: FrameReport): FrameTable {
  return {
    key: "trend",
    title: "歳入・歳出の推移（決算・予算）",
    header: [
      "年度",
      "区分",
      `歳入合計${M}`,
      `市税${M}`,
      `自主財源${M}`,
      `歳出合計${M}`,
      `義務的経費${M}`,
      `歳入歳出差引${M}`,
      "データ",
    ],
    decimals: [null, null, 0, 0, 0, 0, 0, 0, null],
    rows: r.years.map((y) => {
      const f = frameYearOf(y);
      return [
        year(y.fiscalYear),
        FRAME_KIND_LABELS[y.kind],
        millions(totalRevenue(f)),
        millions(f.revenue.cityTax),
        millions(ownSourceRevenue(f)),
        millions(totalExpenditure(f)),
        millions(mandatoryExpenditure(f)),
        millions(totalRevenue(f) - totalExpenditure(f)),
        dataLabel(y.sample),
      ];
    }),
  };
}

export function projectionTable(r: FrameReport): FrameTable {
  return {
    key: "projection",
    title: "財政推計（シナリオ別の収支と財政調整基金）",
    header: [
      "シナリオ",
      "年度",
      `歳入合計${M}`,
      `歳出合計${M}`,
      `収支差${M}`,
      `財政調整基金の取崩し${M}`,
      `基金への積立${M}`,
      `収支不足（基金で補えない額）${M}`,
      `財政調整基金の年度末残高${M}`,
      "データ",
    ],
    decimals: [null, null, 0, 0, 0, 0, 0, 0, 0, null],
    rows: r.scenarios.flatMap((s) =>
      s.years.map((y) => [
        s.row.name,
        year(y.fiscalYear),
        millions(y.totalRevenue),
        millions(y.totalExpenditure),
        millions(y.gap),
        millions(y.gapClosing.drawdown),
        millions(y.gapClosing.deposit),
        millions(y.shortfall),
        millions(y.funds.fiscalAdjustment.closing),
        dataLabel(s.row.sample),
      ]),
    ),
  };
}

export function fundsTable(r: FrameReport): FrameTable {
  const rows: Cell[][] = [];
  const line = (
    fy: number,
    kind: string,
    closing: (f: FundKind) => Yen | undefined,
    sample: boolean,
  ) => {
    const values = FUND_KINDS.map(closing);
    const total = values.every((v) => v !== undefined)
      ? values.reduce((a, b) => a! + b!, 0)
      : undefined;
    rows.push([
      year(fy),
      kind,
      ...values.map((v) => (v === undefined ? null : millions(v))),
      total === undefined ? null : millions(total),
      dataLabel(sample),
    ]);
  };
  for (const y of r.years)
    if (y.funds)
      line(y.fiscalYear, FRAME_KIND_LABELS[y.kind], (f) => y.funds?.[f]?.closing, y.sample);
  for (const s of r.scenarios)
    for (const y of s.years)
      line(y.fiscalYear, `推計（${s.row.name}）`, (f) => y.funds[f].closing, s.row.sample);
  return {
    key: "funds",
    title: "基金の年度末残高",
    header: [
      "年度",
      "区分",
      ...FUND_KINDS.map((f) => `${FUND_LABELS[f]}${M}`),
      `合計${M}`,
      "データ",
    ],
    decimals: [null, null, 0, 0, 0, 0, null],
    rows,
  };
}

interface DerivedInput {
  fiscalYear: number;
  kind: string;
  frame: FrameYear;
  fiscalAdjustment?: Yen;
  fundsTotal?: Yen;
  population?: number | null;
  standardFiscalScale?: Yen | null;
  sample: boolean;
}

function derivedRow(d: DerivedInput): Cell[] {
  const p = d.population ?? null;
  const fundRatio =
    d.fiscalAdjustment !== undefined && d.standardFiscalScale
      ? pct(fiscalAdjustmentFundRatio(d.fiscalAdjustment, d.standardFiscalScale))
      : null;
  return [
    year(d.fiscalYear),
    d.kind,
    pct(ownSourceRatio(d.frame)),
    pct(mandatoryExpenditureRatio(d.frame)),
    fundRatio,
    p ? perCapita(totalRevenue(d.frame), p) : null,
    p ? perCapita(totalExpenditure(d.frame), p) : null,
    p && d.fundsTotal !== undefined ? perCapita(d.fundsTotal, p) : null,
    p,
    dataLabel(d.sample),
  ];
}

export function indicatorsTable(r: FrameReport): FrameTable {
  const rows: Cell[][] = [];
  for (const y of r.years) {
    const closings = FUND_KINDS.map((f) => y.funds?.[f]?.closing);
    rows.push(
      derivedRow({
        fiscalYear: y.fiscalYear,
        kind: FRAME_KIND_LABELS[y.kind],
        frame: frameYearOf(y),
        fiscalAdjustment: y.funds?.fiscalAdjustment?.closing,
        fundsTotal: closings.every((v) => v !== undefined)
          ? closings.reduce((a, b) => a! + b!, 0)
          : undefined,
        population: y.population,
        standardFiscalScale: y.standardFiscalScale,
        sample: y.sample,
      }),
    );
  }
  for (const s of r.scenarios)
    for (const y of s.years)
      rows.push(
        derivedRow({
          fiscalYear: y.fiscalYear,
          kind: `推計（${s.row.name}）`,
          frame: y,
          fiscalAdjustment: y.funds.fiscalAdjustment.closing,
          fundsTotal: FUND_KINDS.reduce((a, f) => a + y.funds[f].closing, 0),
          population: y.population,
          standardFiscalScale: y.standardFiscalScale,
          sample: s.row.sample,
        }),
      );
  return {
    key: "indicators",
    title: "財政の指標（年度別）",
    header: [
      "年度",
      "区分",
      "自主財源比率（%）",
      "義務的経費比率（%）",
      "財政調整基金残高÷標準財政規模（%）",
      "市民一人あたり歳入（円）",
      "市民一人あたり歳出（円）",
      "市民一人あたり基金残高（円）",
      "人口（人）",
      "データ",
    ],
    decimals: [null, null, 1, 1, 1, 0, 0, 0, 0, null],
    rows,
  };
}

export function frameTable(r: FrameReport, key: TableKey): FrameTable {
  switch (key) {
    case "composition":
      return compositionTable(r);
    case "trend":
      return trendTable(r);
    case "projection":
      return projectionTable(r);
    case "funds":
      return fundsTable(r);
    case "indicators":
      return indicatorsTable(r);
  }
}
