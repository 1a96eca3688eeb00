/** A ratio as a bar against its statutory lines: 早期健全化基準 (yellow) and 財政再生基準 (red). */
import type { EChartsOption } from "echarts";
import { formatNumber } from "../core/format.ts";
import { RATIO_NAMES, type RatioKind } from "./soundness.ts";

export interface RatioBar {
  kind: RatioKind;
  value: number;
  earlyWarning: { min: number; max: number };
  rehabilitation: number | null;
}

export function ratioChartOption(bar: RatioBar): EChartsOption {
  const top = Math.max(bar.value, bar.earlyWarning.max, bar.rehabilitation ?? 0) * 1.15;
  const bottom = Math.min(0, bar.value * 1.3);
  // Labels sit at the top of their line; a range of early-warning lines is labelled once, at its
  // lower end, so that it keeps clear of the rehabilitation label.
  const { min, max } = bar.earlyWarning;
  const early =
    min === max
      ? `早期健全化基準 ${formatNumber(min)}%`
      : `早期健全化基準 ${formatNumber(min)}〜${formatNumber(max)}%`;
  const line = (at: number, label: string, color: string) => ({
    xAxis: at,
    lineStyle: { color, width: 2, type: "solid" as const },
    label: { show: label !== "", formatter: label, color: "#1a1a1a", position: "end" as const },
  });
  const lines = [line(min, early, "#b78f00")];
  if (max !== min) lines.push(line(max, "", "#b78f00"));
  if (bar.rehabilitation !== null) {
    lines.push(
      line(bar.rehabilitation, `財政再生基準 ${formatNumber(bar.rehabilitation)}%`, "#b3000b"),
    );
  }
  return {
    grid: { left: 16, right: 24, top: 56, bottom: 32, containLabel: true },
    xAxis: {
      type: "value",
      min: Math.floor(bottom),
      max: Math.ceil(top),
      axisLabel: { formatter: "{value}%", color: "#333333" },
    },
    yAxis: { type: "category", data: [RATIO_NAMES[bar.kind]], axisLabel: { color: "#333333" } },
    series: [
      {
        type: "bar",
        barWidth: 28,
        data: [bar.value],
        itemStyle: { color: "#0031d8" },
        label: {
          show: true,
          position: "right",
          formatter: `${formatNumber(bar.value)}%`,
          color: "#1a1a1a",
        },
        markLine: { symbol: "none", silent: true, data: lines },
        markArea: {
          silent: true,
          data: [
            [
              { xAxis: bar.earlyWarning.min, itemStyle: { color: "rgba(255, 212, 61, 0.25)" } },
              { xAxis: bar.rehabilitation ?? Math.ceil(top) },
            ],
            ...(bar.rehabilitation !== null
              ? [
                  [
                    { xAxis: bar.rehabilitation, itemStyle: { color: "rgba(179, 0, 11, 0.12)" } },
                    { xAxis: Math.ceil(top) },
                  ],
                ]
              : []),
          ] as never,
        },
      },
    ],
  };
}
