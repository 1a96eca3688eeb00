import { describe, expect, it } from "vitest";
import { REGISTRIES } from "./definitions.ts";
import { checkRecord, mixRefusal } from "./fields.ts";
import {
  computeYears,
  counted,
  floorAreaByYear,
  type RegistryItem,
  yearsToCompute,
} from "./formulas.ts";

const item = (
  fields: RegistryItem["fields"],
  retiredOn: string | null = null,
  name = "記録",
): RegistryItem => ({ name, fields, retiredOn, sample: false });

describe("agreements: in force at the end of the fiscal year", () => {
  const items = [
    item({ signedOn: "2016-03-01", endsOn: null }),
    item({ signedOn: "2025-03-31", endsOn: null }), // FY2024: signed on its last day
    item({ signedOn: "2020-04-01", endsOn: "2025-03-30" }), // ended the day before FY2024's end
    item({ signedOn: "2019-01-01", endsOn: null }, "2026-03-31"), // retired on FY2025's last day
  ];
  it("counts each record once by its dates and retirement", () => {
    expect(computeYears("agreements", items, [2023, 2024, 2025]).map((y) => y.value)).toEqual([
      3, 3, 2,
    ]);
    expect(computeYears("agreements", items, [2024])[0]!.source).toBe(
      "連携協定の台帳から自動計算：令和6年度（2024）の年度末（2025年3月31日）に有効な協定 3件",
    );
  });
});

describe("joint bodies: active at any time in the year", () => {
  it("counts undated items and those retired within the year", () => {
    const items = [
      item({ since: null }),
      item({ since: null }, "2025-06-01"),
      item({ since: "2026-04-01" }),
    ];
    expect(computeYears("joint-bodies", items, [2024, 2025, 2026]).map((y) => y.value)).toEqual([
      2, 2, 2,
    ]);
  });
});

describe("contracts: 建設工事の発注時期の平準化 by count", () => {
  const items = [
    item({ orderedOn: "2025-04-10", amount: 1_000_000, construction: "建設工事" }),
    item({ orderedOn: "2025-06-30", amount: 1_000_000, construction: "建設工事" }),
    item({ orderedOn: "2025-07-01", amount: 8_000_000, construction: "建設工事" }),
    item({ orderedOn: "2025-05-01", amount: 9_000_000, construction: "建設工事以外" }),
    item({ orderedOn: "2025-05-02", amount: 5_000_000, construction: "建設工事" }, "2025-05-03"),
  ];
  it("divides the April–June construction orders by the year's, the amount share beside it", () => {
    const [y] = computeYears("contracts", items, [2025]);
    expect(y!.value).toBe(66.7);
    expect(y!.source).toContain("4～6月に発注した建設工事 2件 ÷ 令和7年度（2025）の建設工事 3件");
    expect(y!.source).toContain("金額では 20%");
  });
  it("gives no value for a year without construction orders", () => {
    expect(computeYears("contracts", items, [2024])).toEqual([]);
  });
});

describe("other registries", () => {
  it("online procedures available at the year's end", () => {
    const items = [item({ since: "2021-04-01" }), item({ since: "2025-04-01" }, "2026-01-01")];
    expect(computeYears("online-procedures", items, [2024, 2025]).map((y) => y.value)).toEqual([
      1, 1,
    ]);
  });
  it("standard systems migrated by the year's end", () => {
    const items = [
      item({ migration: "移行済み", migratedOn: "2025-12-01" }),
      item({ migration: "移行作業中", migratedOn: null }),
    ];
    expect(computeYears("standard-systems", items, [2024, 2025]).map((y) => y.value)).toEqual([
      0, 1,
    ]);
  });
  it("training sessions held by the year's end (the plan prints a running total)", () => {
    const items = [
      item({ heldOn: "2025-05-01" }),
      item({ heldOn: "2026-03-31" }),
      item({ heldOn: "2026-04-01" }),
    ];
    expect(computeYears("training-sessions", items, [2025, 2026]).map((y) => y.value)).toEqual([
      2, 3,
    ]);
  });
  it("card applications: the year's latest count over its population", () => {
    const items = [
      item({ referenceOn: "2025-04-30", applications: 30000, population: 70000 }),
      item({ referenceOn: "2026-03-31", applications: 52500, population: 70000 }),
    ];
    const [y] = computeYears("card-applications", items, [2025]);
    expect(y!.value).toBe(75);
    expect(y!.source).toContain("2026-03-31時点の申請 52,500件 ÷ 人口 70,000人");
  });
  it("says サンプル when the records are samples", () => {
    const items = [{ ...item({ heldOn: "2025-05-01" }), sample: true }];
    expect(computeYears("training-sessions", items, [2025])[0]!.source).toContain("サンプル");
  });
  it("facilities: floor area in use on 31 March", () => {
    const items = [
      item({ floorArea: 1000, openedOn: null }),
      item({ floorArea: 500, openedOn: null }, "2025-10-01"),
    ];
    expect(floorAreaByYear(items, [2024, 2025])).toEqual([
      { fiscalYear: 2024, facilities: 2, floorArea: 1500 },
      { fiscalYear: 2025, facilities: 1, floorArea: 1000 },
    ]);
    expect(counted("facilities", items, 2025)).toHaveLength(1);
  });
});

describe("yearsToCompute", () => {
  it("runs from the year after the baseline (or the first dated year) to the current one", () => {
    const items = [item({ signedOn: "2016-03-01" })];
    expect(yearsToCompute("agreements", items, 2020, 2023)).toEqual([2021, 2022, 2023]);
    expect(yearsToCompute("agreements", [item({ signedOn: "2022-05-01" })], 2020, 2023)).toEqual([
      2022, 2023,
    ]);
    expect(yearsToCompute("joint-bodies", [item({ since: null })], 2021, 2026)).toEqual([2026]);
    expect(yearsToCompute("agreements", [], 2020, 2026)).toEqual([]);
  });
});

describe("checkRecord and the sample rule", () => {
  const def = REGISTRIES.contracts;
  it("reads each field by its kind and names the field of each error", () => {
    const ok = checkRecord(def, {
      name: "道路改良工事",
      fields: {
        number: "R7-1",
        orderedOn: "2025/4/1",
        amount: "1,200,000",
        method: "一般競争入札",
        construction: "建設工事",
      },
      sample: false,
    });
    expect(ok).toEqual({
      ok: true,
      value: {
        name: "道路改良工事",
        sample: false,
        fields: {
          number: "R7-1",
          section: null,
          orderedOn: "2025-04-01",
          amount: 1200000,
          method: "一般競争入札",
          construction: "建設工事",
        },
      },
    });
    const bad = checkRecord(def, {
      name: "工事（サンプル）",
      fields: {
        number: "",
        orderedOn: "2025-02-30",
        amount: "abc",
        method: "入札",
        construction: "建設工事",
      },
      sample: false,
    });
    expect(bad.ok ? [] : bad.details.map((d) => d.location)).toEqual([
      "sample", // named サンプル, not ticked
      "number",
      "orderedOn",
      "amount",
      "method",
    ]);
  });
  it("wants サンプル in a sample's name and refuses to mix samples with real records", () => {
    const r = checkRecord(REGISTRIES["training-sessions"], {
      name: "研修",
      fields: { heldOn: "2025-05-01" },
      sample: true,
    });
    expect(r.ok ? "" : r.details[0]!.message).toContain("「サンプル」を含めて");
    expect(mixRefusal(def, false, { sample: 2, real: 0 })?.message).toContain(
      "サンプル（デモ用）の記録が 2 件",
    );
    expect(mixRefusal(def, true, { sample: 0, real: 1 })?.message).toContain("実際の記録が 1 件");
    expect(mixRefusal(def, true, { sample: 3, real: 0 })).toBeUndefined();
  });
});
