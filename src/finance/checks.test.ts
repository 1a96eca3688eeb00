import { describe, expect, it } from "vitest";
import {
  checkTarget,
  impliedStandardFiscalScale,
  rehabilitationLine,
  statutoryRange,
  zoneOf,
} from "./checks.ts";

const city = "municipality" as const;

describe("a plan's soundness targets against the statutory early-warning thresholds", () => {
  it("石岡市の実質赤字比率の目標 12.58%未満 は標準財政規模 約146.8億円 の早期健全化基準と一致する", () => {
    const check = checkTarget({
      kind: "realDeficit",
      bodyKind: city,
      target: { value: 12.58, text: "12.58%未満" },
      latest: { value: -5.76, fiscalYear: 2020 },
    });
    expect(check.finding).toBe("matches");
    expect(check.message).toContain("約146.8億円");
    expect(impliedStandardFiscalScale(12.58)).toBe(14_680_000_000);
  });

  it("連結実質赤字比率の目標 17.58%未満 は同じ規模の基準（実質赤字比率 + 5）と一致する", () => {
    const check = checkTarget({
      kind: "consolidatedRealDeficit",
      bodyKind: city,
      target: { value: 17.58, text: "17.58%未満" },
      latest: null,
    });
    expect(check.finding).toBe("matches");
    expect(check.message).toContain("約146.8億円");
  });

  it("実質公債費比率の目標 25.0%未満 は法定の 25% と一致する", () => {
    expect(
      checkTarget({
        kind: "realDebtService",
        bodyKind: city,
        target: { value: 25, text: "25.0%未満" },
        latest: null,
      }).finding,
    ).toBe("matches");
  });

  it("将来負担比率の目標 18.0%未満 は法定の 350% と異なり、現状値 33.3% は目標を上回る", () => {
    const check = checkTarget({
      kind: "futureBurden",
      bodyKind: city,
      target: { value: 18, text: "18.0%未満" },
      latest: { value: 33.3, fiscalYear: 2020 },
    });
    expect(check.finding).toBe("differs");
    expect(check.statutory).toEqual({ min: 350, max: 350 });
    expect(check.message).toContain("350%");
    expect(check.message).toContain(
      "現状値 33.3% は計画の目標を上回っていますが、法定の基準を大きく下回っています",
    );
  });

  it("uses the prefecture and designated-city lines", () => {
    expect(statutoryRange("futureBurden", "designated_city")).toEqual({ min: 400, max: 400 });
    expect(statutoryRange("realDeficit", "prefecture")).toEqual({ min: 3.75, max: 3.75 });
  });

  it("says so when the plan's target is not a number", () => {
    expect(
      checkTarget({ kind: "futureBurden", bodyKind: city, target: null, latest: null }).finding,
    ).toBe("no_target");
  });
});

describe("where a ratio stands", () => {
  it("a surplus of −5.76% is healthy whatever the 標準財政規模", () => {
    expect(
      zoneOf(-5.76, statutoryRange("realDeficit", city), rehabilitationLine("realDeficit", city)),
    ).toBe("healthy");
  });
  it("将来負担比率 33.3% is far below 350%", () => {
    expect(zoneOf(33.3, statutoryRange("futureBurden", city), null)).toBe("healthy");
  });
  it("実質公債費比率 of 25% or more is at the early-warning line, 35% or more at rehabilitation", () => {
    expect(zoneOf(25, statutoryRange("realDebtService", city), 35)).toBe("early_warning");
    expect(zoneOf(35.2, statutoryRange("realDebtService", city), 35)).toBe("rehabilitation");
  });
  it("a deficit inside the band of possible lines cannot be judged without 標準財政規模", () => {
    expect(zoneOf(13, statutoryRange("realDeficit", city), 20)).toBe("unknown");
  });
});
