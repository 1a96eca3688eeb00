/**
 * Charts of the 財政フレーム, drawn from the same table rows the page shows and the CSV files
 * hold (frame-report.ts), so a chart never shows a figure the table does not.
 */
import type { EChartsOption } from "echarts";
import { formatNumber } from "../core/format.ts";
import type { Cell, FrameTable } from "./frame-report.ts";

const COLORS = [
  "#0031d8",
  "#b3000b",
  "#197a4b",
  "#b78f00",
  "#6f23d0",
  "#00768a",
  "#c2410c",
  "#4d4d4d",
  "#a3216f",
];
const AXIS = { color: "#333333" };
const num = (v: Cell | undefined) => (typeof v === "number" ? v : null);

/** Two pies: revenue and expenditure by category (the totals and 臨財債 rows left out). */
export function compositionChartOption(t: FrameTable): EChartsOption {
  // Each slice is labelled with the table's 構成比 (one decimal), not ECharts' own rounding, so
  // that the chart, the table and the CSV file show the same figure; labels are never cut short.
  const side = (name: string) =>
    t.rows
      .filter((r) => r[0] === name && !String(r[1]).endsWith("合計") && r[3] !== null)
      .map((r) => ({
        name: String(r[1]),
        value: num(r[2]) ?? 0,
        label: { formatter: `${r[1]}\n${formatNumber(num(r[3]) ?? 0, 1)}%` },
      }));
  const pie = (name: string, x: string) => ({
    type: "pie" as const,
    name,
    radius: ["0%", "42%"],
    center: [x, "55%"],
    data: side(name),
    label: { color: "#1a1a1a", fontSize: 11, overflow: "none" as const },
    labelLayout: { hideOverlap: false },
  });
  return {
    color: COLORS,
    title: [
      { text: "歳入", left: "22%", top: 8, textStyle: { fontSize: 14, color: "#1a1a1a" } },
      { text: "歳出", left: "72%", top: 8, textStyle: { fontSize: 14, color: "#1a1a1a" } },
    ],
    series: [pie("歳入", "25%"), pie("歳出", "75%")],
  };
}

/** Bars of 歳入合計 and 歳出合計 by year, lines of 市税 and 義務的経費 (百万円). */
export function trendChartOption(t: FrameTable): EChartsOption {
  const years = t.rows.map((r) => `${r[0]}${r[1] === "予算" ? "（予算）" : ""}`);
  const col = (i: number) => t.rows.map((r) => num(r[i]));
  return {
    color: COLORS,
    legend: { top: 0, textStyle: AXIS },
    grid: { left: 16, right: 24, top: 48, bottom: 32, containLabel: true },
    xAxis: { type: "category", data: years, axisLabel: { ...AXIS, fontSize: 11 } },
    yAxis: { type: "value", name: "百万円", axisLabel: AXIS, nameTextStyle: AXIS },
    series: [
      { type: "bar", name: "歳入合計", data: col(2) },
      { type: "bar", name: "歳出合計", data: col(5) },
      { type: "line", name: "市税", data: col(3) },
      { type: "line", name: "義務的経費", data: col(6) },
    ],
  };
}

/** 収支差 per scenario (bars) and 財政調整基金の年度末残高 per scenario (lines). */
export function projectionChartOption(t: FrameTable): EChartsOption {
  const names = [...new Set(t.rows.map((r) => String(r[0])))];
  const years = [...new Set(t.rows.map((r) => String(r[1])))];
  const series = (name: string, col: number) =>
    years.map((y) => num(t.rows.find((r) => r[0] === name && r[1] === y)?.[col]));
  return {
    color: COLORS,
    legend: { top: 0, textStyle: AXIS },
    grid: { left: 16, right: 24, top: 48, bottom: 32, containLabel: true },
    xAxis: { type: "category", data: years, axisLabel: { ...AXIS, fontSize: 11 } },
    yAxis: { type: "value", name: "百万円", axisLabel: AXIS, nameTextStyle: AXIS },
    series: [
      ...names.map((n) => ({ type: "bar" as const, name: `収支差（${n}）`, data: series(n, 4) })),
      ...names.map((n) => ({
        type: "line" as const,
        name: `財政調整基金の年度末残高（${n}）`,
        data: series(n, 8),
      })),
    ],
  };
}

/** Fund balances stacked by fund, for the settled years and the first scenario's projection. */
export function fundsChartOption(t: FrameTable, funds: string[], scenario: string): EChartsOption {
  const rows = t.rows.filter(
    (r) => !String(r[1]).startsWith("推計") || r[1] === `推計（${scenario}）`,
  );
  return {
    color: COLORS,
    legend: { top: 0, textStyle: AXIS },
    grid: { left: 16, right: 24, top: 48, bottom: 32, containLabel: true },
    xAxis: {
      type: "category",
      data: rows.map((r) => String(r[0])),
      axisLabel: { ...AXIS, fontSize: 11 },
    },
    yAxis: { type: "value", name: "百万円", axisLabel: AXIS, nameTextStyle: AXIS },
    series: funds.map((name, i) => ({
      type: "bar" as const,
      stack: "funds",
      name,
      data: rows.map((r) => num(r[2 + i])),
    })),
  };
}
