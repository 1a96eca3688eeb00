/** A program's costs by fiscal year as stacked bars (事業費 + 人件費 = 総コスト), and their text. */
import type { EChartsOption } from "echarts";
import { shortFiscalYearLabel } from "../core/fiscal-year.ts";
import { formatNumber } from "../core/format.ts";
import type { YearCost } from "./cost.ts";

const MAN = 10_000;
const man = (yen: number) => Math.round(yen / 100) / 100; // 万円, two decimals

export function costChartOption(years: readonly YearCost[]): EChartsOption {
  const labels = years.map((y) => shortFiscalYearLabel(y.fiscalYear));
  const bar = (name: string, color: string, values: number[], total: boolean) => ({
    name,
    type: "bar" as const,
    stack: "cost",
    barMaxWidth: 56,
    itemStyle: { color },
    data: values.map(man),
    label: total
      ? {
          show: true,
          position: "top" as const,
          color: "#1a1a1a",
          formatter: (p: { dataIndex: number }) =>
            `計 ${formatNumber(man(years[p.dataIndex]!.totalCost))}万円`,
        }
      : { show: false },
  });
  return {
    grid: { left: 16, right: 24, top: 56, bottom: 32, containLabel: true },
    legend: { top: 8, textStyle: { color: "#1a1a1a" } },
    xAxis: { type: "category", data: labels, axisLabel: { color: "#333333" } },
    yAxis: {
      type: "value",
      name: "万円",
      axisLabel: { color: "#333333", formatter: (v: number) => formatNumber(v) },
    },
    series: [
      bar(
        "事業費",
        "#0031d8",
        years.map((y) => y.programCost),
        false,
      ),
      bar(
        "人件費",
        "#e25100",
        years.map((y) => y.staffCost.total),
        true,
      ),
    ],
  };
}

const yenText = (v: number) => (v >= MAN ? `${formatNumber(man(v))}万円` : `${formatNumber(v)}円`);

/** The chart's data in words, for its description. */
export function costChartDescription(years: readonly YearCost[]): string {
  if (years.length === 0) return "コストが算定できる年度はありません。";
  return `${years
    .map(
      (y) =>
        `${shortFiscalYearLabel(y.fiscalYear)}は総コスト${yenText(y.totalCost)}（事業費${yenText(y.programCost)}、人件費${yenText(y.staffCost.total)}）`,
    )
    .join("、")}。`;
}

/** The parts of a measure's total cost by fiscal year: one stacked series per initiative. */
export interface CostSeries {
  name: string;
  /** Total cost (yen) by fiscal year; a missing year is 0. */
  byYear: ReadonlyMap<number, number>;
}

const SERIES_COLORS = ["#0031d8", "#e25100", "#197a4b", "#8843e1", "#b78f00", "#0877d7", "#c5221f"];

export function stackedCostOption(years: readonly number[], series: readonly CostSeries[]) {
  const option: EChartsOption = {
    grid: { left: 16, right: 24, top: 72, bottom: 32, containLabel: true },
    legend: { top: 8, textStyle: { color: "#1a1a1a" } },
    xAxis: {
      type: "category",
      data: years.map(shortFiscalYearLabel),
      axisLabel: { color: "#333333" },
    },
    yAxis: {
      type: "value",
      name: "万円",
      axisLabel: { color: "#333333", formatter: (v: number) => formatNumber(v) },
    },
    series: series.map((s, i) => ({
      name: s.name,
      type: "bar" as const,
      stack: "cost",
      barMaxWidth: 56,
      itemStyle: { color: SERIES_COLORS[i % SERIES_COLORS.length] },
      data: years.map((fy) => man(s.byYear.get(fy) ?? 0)),
    })),
  };
  return option;
}

/** The stacked chart's data in words. */
export function stackedCostDescription(years: readonly number[], series: readonly CostSeries[]) {
  if (years.length === 0 || series.length === 0) return "コストが算定できる年度はありません。";
  return `${years
    .map((fy) => {
      const parts = series
        .map((s) => ({ name: s.name, v: s.byYear.get(fy) ?? 0 }))
        .filter((x) => x.v > 0);
      const total = parts.reduce((a, x) => a + x.v, 0);
      return `${shortFiscalYearLabel(fy)}は総コスト${yenText(total)}（${parts.map((x) => `${x.name}${yenText(x.v)}`).join("、") || "事業なし"}）`;
    })
    .join("、")}。`;
}

/** One bar of the municipality-wide chart: a measure's total cost for the year shown. */
export interface MeasureBar {
  label: string;
  title: string;
  total: number;
}

/** Total cost by measure as horizontal bars (万円), the first measure on top. */
export function measureCostOption(bars: readonly MeasureBar[]): EChartsOption {
  return {
    grid: { left: 16, right: 96, top: 24, bottom: 24, containLabel: true },
    xAxis: {
      type: "value",
      name: "万円",
      axisLabel: { color: "#333333", formatter: (v: number) => formatNumber(v) },
    },
    yAxis: {
      type: "category",
      inverse: true,
      data: bars.map((b) => b.label),
      axisLabel: { color: "#333333" },
    },
    series: [
      {
        type: "bar",
        barMaxWidth: 28,
        itemStyle: { color: "#0031d8" },
        data: bars.map((b) => man(b.total)),
        label: {
          show: true,
          position: "right",
          color: "#1a1a1a",
          formatter: (p: { value: unknown }) => `${formatNumber(Number(p.value))}万円`,
        },
      },
    ],
  };
}

export const measureCostDescription = (bars: readonly MeasureBar[]) =>
  `${bars.map((b) => `${b.label}（${b.title}）${yenText(b.total)}`).join("、")}。`;
