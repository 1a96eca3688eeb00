import { describe, expect, it } from "vitest";
import { assess } from "./achievement.ts";
import { chartYears, indicatorChartDescription, plottedActuals, valueRange } from "./chart.ts";
import type { IndicatorRecord } from "./queries.ts";

function record(over: Partial<IndicatorRecord>): IndicatorRecord {
  const base = {
    id: 1,
    code: "X",
    kind: "outcome",
    name: "指標",
    definition: null,
    unit: "%",
    decimals: null,
    challenge: false,
    valueKind: "annual",
    yearKind: "fiscal",
    source: null,
    nodeId: 1,
    baseline: { value: -5.76, fiscalYear: 2020, text: "-5.76%", note: null },
    target: {
      form: "below",
      value: 12.58,
      fiscalYear: 2031,
      text: "12.58%未満",
      note: null,
      interim: [],
    },
    note: null,
    sections: [],
    actuals: [],
    appearances: [],
    ...over,
  } as Omit<IndicatorRecord, "assessment">;
  return { ...base, assessment: assess(base) };
}

describe("the indicator chart", () => {
  it("spans the years from the baseline to the target", () => {
    expect(chartYears(record({}))).toEqual(Array.from({ length: 12 }, (_, i) => 2020 + i));
  });

  it("draws both the baseline (実質赤字比率 −5.76%) and the target line (12.58%未満) inside the axis", () => {
    const { min, max } = valueRange(record({}), new Map()) as { min: number; max: number };
    expect(min).toBeLessThan(-5.76);
    expect(max).toBeGreaterThan(12.58);
  });

  it("starts the axis at zero for values that cannot be negative", () => {
    const r = record({
      baseline: { value: 20, fiscalYear: 2020, text: "20 件", note: null },
      target: {
        form: "at_least",
        value: 30,
        fiscalYear: 2023,
        text: "30 件",
        note: null,
        interim: [],
      },
    });
    expect(valueRange(r, new Map([[2021, 22]]))).toMatchObject({ min: 0 });
  });

  const actual = (fiscalYear: number, value: number) => ({
    fiscalYear,
    value,
    text: null,
    done: null,
    asOf: null,
    estimate: false,
    note: null,
    source: null,
    origin: "entered" as const,
  });
  const training = {
    baseline: { value: 2, fiscalYear: 2020, text: "2回", note: null },
    target: {
      form: "at_least" as const,
      value: 10,
      fiscalYear: 2025,
      text: "10回",
      note: null,
      interim: [{ fiscalYear: 2023, value: 7, text: "7回" }],
    },
    actuals: [actual(2021, 2), actual(2022, 3)],
  };

  it("plots a sum_of_annual indicator as running totals from the baseline (2回 + 2 + 3)", () => {
    const r = record({ valueKind: "sum_of_annual", ...training });
    expect([...plottedActuals(r)]).toEqual([
      [2021, 4],
      [2022, 7],
    ]);
    expect(indicatorChartDescription(r)).toContain("実績値（累計）は 令和3年度 4%、令和4年度 7%。");
    expect(indicatorChartDescription(r)).toContain("中間目標は令和5年度に7回。");
  });

  it("plots a running_total indicator as entered", () => {
    const r = record({ valueKind: "running_total", ...training });
    expect([...plottedActuals(r)]).toEqual([
      [2021, 2],
      [2022, 3],
    ]);
  });

  it("labels calendar years as 年, not 年度", () => {
    const r = record({ yearKind: "calendar", ...training });
    expect(indicatorChartDescription(r)).toContain("2021年 2%");
  });
});
