import { describe, expect, it } from "vitest";
import { soundnessOverview } from "./overview.ts";
import type { SoundnessRow } from "./queries.ts";

const row = (kind: SoundnessRow["kind"], value: number | null): SoundnessRow => ({
  id: 0,
  municipalityCode: "082058",
  fiscalYear: 2020,
  kind,
  origin: "reported",
  value,
  source: "チャレンジする市役所 基本施策2",
  note: null,
});

describe("the finance overview of 石岡市's 令和2年度", () => {
  const overview = soundnessOverview({
    ratios: [
      row("realDeficit", -5.76),
      row("consolidatedRealDeficit", -14.06),
      row("realDebtService", 7.8),
      row("futureBurden", 33.3),
    ],
    bodyKind: "municipality",
    surplusDisplay: "triangle",
    indicatorOf: { futureBurden: "GZ-2-O4" },
    targetOf: (code) =>
      code === "GZ-2-O4" ? { form: "below", value: 18, text: "18.0%未満" } : undefined,
  });

  it("shows every ratio below its early-warning line, the surplus with △ as set", () => {
    expect(overview.fiscalYear).toBe(2020);
    expect(overview.lines.map((l) => [l.kind, l.display, l.zone])).toEqual([
      ["realDeficit", "△5.76%", "healthy"],
      ["consolidatedRealDeficit", "△14.06%", "healthy"],
      ["realDebtService", "7.8%", "healthy"],
      ["futureBurden", "33.3%", "healthy"],
    ]);
  });

  it("checks only the targets of the indicators it knows, and finds 将来負担比率's differing", () => {
    expect(overview.checks.map((c) => [c.kind, c.finding])).toEqual([["futureBurden", "differs"]]);
  });

  it("says where a municipality has published nothing yet", () => {
    const empty = soundnessOverview({
      ratios: [],
      bodyKind: "municipality",
      surplusDisplay: "minus",
      indicatorOf: {},
      targetOf: () => undefined,
    });
    expect(empty).toEqual({ fiscalYear: null, source: null, lines: [], checks: [] });
  });
});
