import { describe, expect, it } from "vitest";
import type { CostSettings } from "./cost.ts";
import { checkYearCosts, EMPTY_COSTS, readAmount, readCostsForm, readFte } from "./cost-input.ts";

const settings: CostSettings = {
  lastClosedFiscalYear: 2024,
  unitPersonnelCosts: { 2024: { regular: 8_000_000 } },
};

describe("reading what staff type", () => {
  it("reads amounts with separators, full-width digits and 円; blank is null", () => {
    expect(readAmount("1,234,000")).toBe(1234000);
    expect(readAmount("１２３４円")).toBe(1234);
    expect(readAmount("  ")).toBeNull();
    expect(readAmount("1.5")).toBeNaN();
    expect(readAmount("-3")).toBeNaN();
  });
  it("reads FTE with decimals; blank is 0", () => {
    expect(readFte("０．２５")).toBe(0.25);
    expect(readFte("")).toBe(0);
    expect(readFte("1人")).toBe(1);
    expect(readFte("a")).toBeNaN();
  });
  it("names every field it cannot read, and requires the budgets", () => {
    const read = readCostsForm({ initialBudget: "", finalBudget: "x", "staff.partTime": "二" });
    expect(!read.ok && read.details.map((e) => e.location)).toEqual([
      "initialBudget",
      "finalBudget",
      "staff.partTime",
    ]);
  });
  it("reads a complete form: blank funding is 0, facilities one per line", () => {
    const read = readCostsForm({
      initialBudget: "100",
      finalBudget: "120",
      settlement: "",
      "funding.general": "120",
      "staff.regular": "0.5",
      facilities: " 本庁舎 \r\n\r\n市民会館",
      leadingProject: "on",
    });
    expect(read).toEqual({
      ok: true,
      value: {
        ...EMPTY_COSTS,
        initialBudget: 100,
        finalBudget: 120,
        funding: { ...EMPTY_COSTS.funding, general: 120 },
        staff: { regular: 0.5, partTime: 0 },
        facilities: ["本庁舎", "市民会館"],
        leadingProject: true,
      },
    });
  });
});

describe("checking a year's costs", () => {
  const closed = {
    ...EMPTY_COSTS,
    initialBudget: 100,
    finalBudget: 120,
    settlement: 110,
    funding: { ...EMPTY_COSTS.funding, national: 10, general: 100 },
  };
  it("accepts funding adding up to the settlement of a closed year", () => {
    expect(checkYearCosts(2024, closed, settings)).toEqual([]);
  });
  it("names the funding when it does not add up, and a closed year without settlement", () => {
    expect(
      checkYearCosts(2024, { ...closed, funding: { ...closed.funding, general: 90 } }, settings),
    ).toEqual([
      {
        location: "funding",
        message: "令和6年度の財源内訳の合計（100円）が事業費（110円）と一致しません",
      },
    ]);
    expect(
      checkYearCosts(2024, { ...closed, settlement: null }, settings).map((i) => i.location),
    ).toEqual(["settlement"]);
  });
  it("leaves a missing unit cost to the page, but checks FTE and facilities", () => {
    const open = { ...closed, settlement: null, funding: { ...closed.funding, general: 110 } };
    expect(checkYearCosts(2025, open, settings)).toEqual([]);
    const issues = checkYearCosts(
      2025,
      { ...open, staff: { regular: 0.125, partTime: 0 }, facilities: ["本庁舎", "本庁舎"] },
      settings,
    );
    expect(issues.map((i) => i.location)).toEqual(["staff.regular", "facilities"]);
  });
});
