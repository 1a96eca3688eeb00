/**
 * The chart of one choice question: horizontal bars of the weighted share of each option with
 * its 95% interval in the label, rendered to SVG on the server (core/chart.ts). Its text
 * alternative lists the same figures; the page shows the table beside it.
 */
import { renderChartSvg } from "../core/chart.ts";
import { percent } from "./estimates.ts";
import type { Question } from "./questionnaire.ts";
import type { QuestionResult } from "./results.ts";

export function questionChart(q: Question, r: QuestionResult): Promise<string> {
  const options = [...r.options].reverse();
  const description = `${q.text}（重み付きの割合、n=${r.n}）: ${r.options
    .map(
      (o) =>
        `${o.text} ${percent(o.weightedShare)}%（95%信頼区間 ${percent(o.ci95[0])}〜${percent(o.ci95[1])}%）`,
    )
    .join("、")}`;
  return renderChartSvg(
    {
      grid: { left: 200, right: 80, top: 10, bottom: 30 },
      xAxis: { type: "value", max: 100, axisLabel: { formatter: "{value}%" } },
      yAxis: {
        type: "category",
        data: options.map((o) => (o.text.length > 14 ? `${o.text.slice(0, 13)}…` : o.text)),
      },
      series: [
        {
          type: "bar",
          data: options.map((o) => percent(o.weightedShare)),
          itemStyle: { color: "#0031d8" },
          label: { show: true, position: "right", formatter: "{c}%" },
        },
      ],
    },
    { id: `chart-${q.key}`, title: q.text, description },
    { width: 640, height: 40 + 36 * options.length },
  );
}
