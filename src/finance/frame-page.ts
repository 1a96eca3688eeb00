/** The 財政フレーム charts of the finance page, with text alternatives written from the tables. */
import { renderChartSvg } from "../core/chart.ts";
import { formatNumber } from "../core/format.ts";
import { FUND_KINDS, FUND_LABELS } from "./frame.ts";
import {
  compositionChartOption,
  fundsChartOption,
  projectionChartOption,
  trendChartOption,
} from "./frame-chart.ts";
import {
  type Cell,
  type FrameReport,
  type FrameTable,
  SAMPLE,
  type TableKey,
} from "./frame-report.ts";
import type { ChartFigure } from "./views/frame-sections.tsx";

const m = (v: Cell | undefined) => (typeof v === "number" ? `${formatNumber(v)}百万円` : "—");
const sampleNote = (t: FrameTable) =>
  t.rows.some((r) => r[r.length - 1] === SAMPLE) ? `（${SAMPLE}の数値）` : "";

function compositionText(t: FrameTable): string {
  const side = (name: string) => {
    const items = t.rows
      .filter((r) => r[0] === name && !String(r[1]).endsWith("合計") && r[3] !== null)
      .sort((a, b) => (b[2] as number) - (a[2] as number))
      .slice(0, 3)
      .map((r) => `${r[1]}（${formatNumber(r[3] as number, 1)}%）`);
    const total = t.rows.find((r) => r[0] === name && String(r[1]).endsWith("合計"));
    return `${name}は合計${m(total?.[2])}で、多い順に${items.join("、")}です。`;
  };
  return `${t.title}${sampleNote(t)}：${side("歳入")}${side("歳出")}`;
}

function trendText(t: FrameTable): string {
  const years = t.rows.map((r) => `${r[0]}（${r[1]}）は歳入${m(r[2])}・歳出${m(r[5])}`);
  return `${t.title}${sampleNote(t)}：${years.join("、")}。市税と義務的経費は表のとおりです。`;
}

function projectionText(t: FrameTable): string {
  const names = [...new Set(t.rows.map((r) => String(r[0])))];
  const parts = names.map((n) => {
    const rows = t.rows.filter((r) => r[0] === n);
    const a = rows[0]!;
    const b = rows[rows.length - 1]!;
    return `${n}では収支差が${a[1]}の${m(a[4])}から${b[1]}の${m(b[4])}へ、財政調整基金の年度末残高が${m(a[8])}から${m(b[8])}へ推移します`;
  });
  return `${t.title}${sampleNote(t)}：${parts.join("。")}。`;
}

function fundsText(t: FrameTable, scenario: string): string {
  const rows = t.rows.filter(
    (r) => !String(r[1]).startsWith("推計") || r[1] === `推計（${scenario}）`,
  );
  if (rows.length === 0) return `${t.title}：データがありません。`;
  const a = rows[0]!;
  const b = rows[rows.length - 1]!;
  return `${t.title}${sampleNote(t)}（決算と${scenario}の推計）：基金の合計は${a[0]}の${m(a[5])}から${b[0]}の${m(b[5])}へ推移します。うち財政調整基金は${m(a[2])}から${m(b[2])}です。`;
}

export async function frameCharts(
  report: FrameReport,
  tables: Record<TableKey, FrameTable>,
): Promise<Partial<Record<TableKey, ChartFigure>>> {
  const charts: Partial<Record<TableKey, ChartFigure>> = {};
  if (report.years.length === 0) return charts;
  const render = async (
    key: TableKey,
    option: Parameters<typeof renderChartSvg>[0],
    text: string,
  ) => {
    charts[key] = {
      svg: await renderChartSvg(option, {
        id: `chart-frame-${key}`,
        title: tables[key].title,
        description: text,
      }),
      text,
    };
  };
  if (report.latestSettled)
    await render(
      "composition",
      compositionChartOption(tables.composition),
      compositionText(tables.composition),
    );
  await render("trend", trendChartOption(tables.trend), trendText(tables.trend));
  const first = report.scenarios[0]?.row.name;
  if (first) {
    await render(
      "projection",
      projectionChartOption(tables.projection),
      projectionText(tables.projection),
    );
    await render(
      "funds",
      fundsChartOption(
        tables.funds,
        FUND_KINDS.map((f) => FUND_LABELS[f]),
        first,
      ),
      fundsText(tables.funds, first),
    );
  }
  return charts;
}
