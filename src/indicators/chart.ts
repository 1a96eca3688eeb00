/** The chart of an indicator's values by fiscal year, with baseline and target drawn on it. */
import type { EChartsOption } from "echarts";
import { formatValue } from "../core/format.ts";
import { shortYearLabel } from "./labels.ts";
import type { IndicatorRecord } from "./queries.ts";

/** Fiscal years shown: from the earliest of baseline and actuals to the latest of those and the target. */
export function chartYears(r: IndicatorRecord): number[] {
  const years = [
    r.baseline.fiscalYear,
    r.target.fiscalYear,
    ...r.target.interim.map((p) => p.fiscalYear),
    ...r.actuals.map((a) => a.fiscalYear),
  ].filter((y): y is number => y !== null);
  if (years.length === 0) return [];
  const from = Math.min(...years);
  const to = Math.max(...years);
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/**
 * The values compared with the target: as entered, except for sum_of_annual indicators, whose
 * yearly amounts are added to the baseline (from the year after the baseline year).
 */
export function plottedActuals(r: IndicatorRecord): Map<number, number> {
  const out = new Map<number, number>();
  let total = r.baseline.value ?? 0;
  for (const a of r.actuals) {
    if (a.value === null) continue;
    if (r.valueKind !== "sum_of_annual") out.set(a.fiscalYear, a.value);
    else if (r.baseline.fiscalYear === null || a.fiscalYear > r.baseline.fiscalYear) {
      total += a.value;
      out.set(a.fiscalYear, total);
    }
  }
  return out;
}

/** An axis range that shows the baseline, the target and every actual, with some room. */
export function valueRange(r: IndicatorRecord, actual: Map<number, number>) {
  const values = [
    r.baseline.value,
    r.target.value,
    ...r.target.interim.map((p) => p.value),
    ...actual.values(),
  ].filter((v): v is number => v !== null && Number.isFinite(v));
  if (values.length === 0) return {};
  let min = Math.min(...values);
  let max = Math.max(...values);
  const pad = (max - min) * 0.15 || Math.abs(max) * 0.15 || 1;
  min -= pad;
  max += pad;
  // Counts and shares are not negative: start the axis at zero rather than below it.
  if (Math.min(...values) >= 0) min = 0;
  return { min: niceFloor(min), max: niceCeil(max) };
}

const step = (x: number) => 10 ** Math.floor(Math.log10(Math.abs(x) || 1));
const niceFloor = (x: number) => Math.floor(x / step(x)) * step(x);
const niceCeil = (x: number) => Math.ceil(x / step(x)) * step(x);

export function indicatorChartOption(r: IndicatorRecord): EChartsOption {
  const years = chartYears(r);
  const actual = plottedActuals(r);
  const baselinePoint = (fy: number) => (fy === r.baseline.fiscalYear ? r.baseline.value : null);
  const interimPoint = (fy: number) =>
    r.target.interim.find((p) => p.fiscalYear === fy)?.value ?? null;
  const hasInterim = r.target.interim.some((p) => p.value !== null);
  const markLines: { name: string; yAxis: number; lineStyle: object; label: object }[] = [];
  if (r.target.value !== null) {
    markLines.push({
      name: "目標",
      yAxis: r.target.value,
      lineStyle: { color: "#b3000b", type: "dashed", width: 2 },
      label: { formatter: `目標 ${r.target.text}`, position: "insideEndTop", color: "#b3000b" },
    });
  }
  if (r.baseline.value !== null) {
    markLines.push({
      name: "基準値",
      yAxis: r.baseline.value,
      lineStyle: { color: "#666666", type: "dotted", width: 1 },
      label: {
        formatter: `基準値 ${r.baseline.text}`,
        position: "insideStartTop",
        color: "#333333",
      },
    });
  }
  return {
    grid: { left: 64, right: 24, top: 40, bottom: 48 },
    legend: {
      top: 4,
      data: [
        "基準値",
        "実績値",
        ...(hasInterim ? ["中間目標"] : []),
        ...(r.target.value !== null ? ["目標"] : []),
      ],
    },
    xAxis: {
      type: "category",
      data: years.map((y) => shortYearLabel(y, r.yearKind)),
      axisLabel: { color: "#333333" },
    },
    yAxis: {
      type: "value",
      name: r.unit,
      axisLabel: { color: "#333333" },
      ...valueRange(r, actual),
    },
    series: [
      {
        name: "目標",
        type: "scatter",
        symbol: "triangle",
        symbolSize: 14,
        itemStyle: { color: "#b3000b" },
        data: years.map((fy) => (fy === r.target.fiscalYear ? r.target.value : null)),
      },
      ...(hasInterim
        ? [
            {
              name: "中間目標",
              type: "scatter" as const,
              symbol: "triangle",
              symbolSize: 12,
              z: 4,
              itemStyle: { color: "#ffffff", borderColor: "#b3000b", borderWidth: 2 },
              data: years.map(interimPoint),
            },
          ]
        : []),
      {
        // Drawn above the actuals' line and larger than its points, as a hollow diamond, so
        // that an actual of the baseline year does not hide it.
        name: "基準値",
        type: "scatter",
        symbol: "diamond",
        symbolSize: 18,
        z: 5,
        itemStyle: { color: "rgba(255,255,255,0)", borderColor: "#444444", borderWidth: 2.5 },
        data: years.map(baselinePoint),
      },
      {
        name: "実績値",
        type: "line",
        symbol: "circle",
        symbolSize: 9,
        z: 3,
        lineStyle: { width: 3, color: "#0031d8" },
        itemStyle: { color: "#0031d8" },
        connectNulls: true,
        data: years.map((fy) => actual.get(fy) ?? null),
        markLine: { symbol: "none", silent: true, data: markLines },
      },
    ],
  };
}

/** A sentence a screen reader reads for the chart, from the same data. */
export function indicatorChartDescription(r: IndicatorRecord): string {
  const fmt = (v: number | null) => formatValue(v, r.unit, r.decimals);
  const shortFiscalYearLabel = (y: number) => shortYearLabel(y, r.yearKind);
  const parts = [
    r.baseline.fiscalYear !== null
      ? `基準値は${shortFiscalYearLabel(r.baseline.fiscalYear)}に${r.baseline.value === null ? r.baseline.text : fmt(r.baseline.value)}。`
      : `基準値は${r.baseline.text}（年度の記載なし）。`,
    ...r.target.interim.map((p) => `中間目標は${shortFiscalYearLabel(p.fiscalYear)}に${p.text}。`),
    `目標は${r.target.fiscalYear !== null ? `${shortFiscalYearLabel(r.target.fiscalYear)}に` : ""}${r.target.text}。`,
  ];
  const actual = plottedActuals(r);
  if (actual.size === 0) parts.push("実績値はまだ入力されていません。");
  else {
    const list = [...actual].map(([fy, v]) => `${shortFiscalYearLabel(fy)} ${fmt(v)}`).join("、");
    parts.push(`実績値${r.valueKind === "annual" ? "" : "（累計）"}は ${list}。`);
  }
  parts.push(`評価は「${r.assessment.status}」：${r.assessment.reason}`);
  return parts.join("");
}
