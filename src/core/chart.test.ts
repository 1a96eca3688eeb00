import { describe, expect, it } from "vitest";
import { stableNames } from "./chart.ts";

describe("stableNames", () => {
  it("names ECharts' classes and clip paths after the chart and their order, not the process's counters", () => {
    const first =
      '<svg><style>.zr4-cls-30{fill:red}.zr4-cls-31{fill:blue}</style><clipPath id="zr4-c0"/>' +
      '<g clip-path="url(#zr4-c0)"><path class="zr4-cls-30"/><path class="zr4-cls-31"/></g></svg>';
    const later = first
      .replaceAll("zr4-cls-30", "zr12-cls-68")
      .replaceAll("zr4-cls-31", "zr12-cls-69")
      .replaceAll("zr4-c0", "zr12-c7");
    expect(stableNames(first, "trend")).toBe(stableNames(later, "trend"));
    expect(stableNames(first, "trend")).toBe(
      '<svg><style>.trend-cls-0{fill:red}.trend-cls-1{fill:blue}</style><clipPath id="trend-c2"/>' +
        '<g clip-path="url(#trend-c2)"><path class="trend-cls-0"/><path class="trend-cls-1"/></g></svg>',
    );
  });
});
