/**
 * The distribution chart of a peer comparison: how many municipalities fall in each range of
 * values, the municipality's range marked in another colour and named. Rendered to SVG on the
 * server (core/chart.ts); the description says the same in words.
 */
import type { EChartsOption } from "echarts";
import { formatNumber, formatValue } from "../core/format.ts";
import type { IndicatorComparison } from "./compare.ts";
import { binIndex, bins } from "./rules.ts";

const BAR = "#7f8fa6";
const MARK = "#d1461f";

export function distributionOption(c: IndicatorComparison): EChartsOption {
  const values = c.rows.flatMap((r) => (r.value === null ? [] : [r.value]));
  const b = bins(values, 20);
  const d = c.indicator.decimals;
  const mine = c.subjectRow?.value;
  const at = mine === undefined || mine === null ? -1 : binIndex(b, mine);
  return {
    grid: { left: 56, right: 24, top: 40, bottom: 64 },
    xAxis: {
      type: "category",
      name: c.indicator.unit ? `${c.indicator.name}（${c.indicator.unit}）` : c.indicator.name,
      nameLocation: "middle",
      nameGap: 44,
      data: b.map((x) => `${formatNumber(x.from, d)}〜`),
      axisLabel: { rotate: 40, fontSize: 10 },
    },
    yAxis: { type: "value", name: "団体数", minInterval: 1 },
    series: [
      {
        type: "bar",
        barCategoryGap: "8%",
        data: b.map((x, i) => ({
          value: x.count,
          itemStyle: { color: i === at ? MARK : BAR },
          ...(i === at
            ? {
                label: {
                  show: true,
                  position: "top" as const,
                  formatter: c.subject?.name ?? "",
                  color: MARK,
                  fontWeight: "bold" as const,
                },
              }
            : {}),
        })),
      },
    ],
  };
}

export function distributionDescription(c: IndicatorComparison): string {
  const { unit, decimals, name } = c.indicator;
  const s = c.summary;
  const v = (x: number | null) => formatValue(x, unit, decimals);
  const parts = [
    `${c.groupLabel}の${name}の分布（${c.fiscalYear ?? "—"}年度、値のある ${s.count} 団体）。`,
    `最小 ${v(s.min)}、第1四分位 ${v(s.q1)}、中央値 ${v(s.median)}、第3四分位 ${v(s.q3)}、最大 ${v(s.max)}。`,
  ];
  if (c.subject) {
    const r = c.subjectRow;
    parts.push(
      r?.value === null || r?.value === undefined
        ? `${c.subject.name}の値はありません${r?.note ? `（${r.note}）` : ""}。`
        : `${c.subject.name}は ${v(r.value)}（${s.count} 団体中 ${r.rank} 位。1位は値が${c.indicator.rankOrder === "asc" ? "最も小さい" : "最も大きい"}団体）。`,
    );
  }
  if (c.sample) parts.push("サンプル（架空の値）を含みます。");
  return parts.join("");
}
