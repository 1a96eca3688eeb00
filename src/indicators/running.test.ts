import { describe, expect, it } from "vitest";
import {
  baselineReason,
  computedBaselineNote,
  computedYearState,
  fillsBaseline,
  runningLabel,
} from "./running.ts";

const open = (fiscalYear: number) => ({ fiscalYear, closedAt: null });
const closed = (fiscalYear: number) => ({ fiscalYear, closedAt: new Date("2026-06-30") });

describe("computedYearState", () => {
  it("keeps the year in progress running, with or without a round", () => {
    expect(computedYearState(2026, 2026, [])).toBe("running");
    expect(computedYearState(2026, 2026, [open(2026)])).toBe("running");
    expect(computedYearState(2027, 2026, [])).toBe("running");
  });

  it("makes a closed round's year final, even before the year ends", () => {
    expect(computedYearState(2025, 2026, [closed(2025)])).toBe("final");
    expect(computedYearState(2026, 2026, [closed(2026)])).toBe("final");
  });

  it("keeps an ended year running while its round is open, final when it has none", () => {
    expect(computedYearState(2025, 2026, [open(2025)])).toBe("running");
    expect(computedYearState(2024, 2026, [open(2025)])).toBe("final");
    expect(computedYearState(2024, 2026, [])).toBe("final");
  });
});

describe("runningLabel", () => {
  it("names the day in Japan", () => {
    expect(runningLabel(new Date("2026-12-07T04:00:00Z"))).toBe("集計中（12月7日時点）");
    // 23:30 UTC on 31 March is already 1 April in Japan.
    expect(runningLabel(new Date("2026-03-31T23:30:00Z"))).toBe("集計中（4月1日時点）");
  });
});

describe("fillsBaseline", () => {
  it("fills a baseline the plan printed as 「●●%」 (no value yet)", () => {
    expect(
      fillsBaseline({ value: null, fiscalYear: 2021, note: "今年度中にアンケート実施" }, 2026),
    ).toBe(true);
  });

  it("recomputes a baseline computed from the same year, and leaves a printed one alone", () => {
    // Dated to the plan's baseline year (2021); its note says the survey was of 2026.
    const note = computedBaselineNote(2026, "市民意識調査「意識調査」", "意識調査の問…");
    expect(note).toBe("計算：令和8年度の市民意識調査「意識調査」による。意識調査の問…");
    const computed = { value: 41.2, fiscalYear: 2021, note };
    expect(fillsBaseline(computed, 2026)).toBe(true);
    expect(fillsBaseline(computed, 2027)).toBe(false);
    expect(fillsBaseline(computed, 2021)).toBe(false);
    expect(fillsBaseline({ value: 50.48, fiscalYear: 2021, note: null }, 2021)).toBe(false);
  });

  it("says why in the correction history", () => {
    expect(
      baselineReason(
        { text: "●●%", note: "今年度中にアンケート実施" },
        "市民意識調査「令和8年度」",
      ),
    ).toBe(
      "基準値「●●%」（今年度中にアンケート実施）は未確定のため、市民意識調査「令和8年度」の結果を基準値としました",
    );
  });
});
