import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  municipalRealDeficitEarlyWarning,
  publishedThresholds,
  soundnessThresholds,
} from "./thresholds.ts";

const OKU = 100_000_000;
const early = (scale: number) =>
  publishedThresholds("municipality", scale).realDeficit.earlyWarning;
const consolidatedEarly = (scale: number) =>
  publishedThresholds("municipality", scale).consolidatedRealDeficit.earlyWarning;

describe("市町村の実質赤字比率の早期健全化基準（施行令第7条）", () => {
  it.each([
    ["標準財政規模が10億円の町の早期健全化基準は15%", 10 * OKU, 15],
    ["標準財政規模が50億円に1円足りない市の早期健全化基準は15%", 50 * OKU - 1, 15],
    ["標準財政規模が50億円の市の早期健全化基準は15%", 50 * OKU, 15],
    ["標準財政規模が50億円を1円超える市も公表値は15%", 50 * OKU + 1, 15],
    ["標準財政規模が90億円の市の早期健全化基準は14%", 90 * OKU, 14],
    ["標準財政規模が125億円の市の早期健全化基準は13.13%（13.125を四捨五入）", 125 * OKU, 13.13],
    [
      "標準財政規模が132億円の市の早期健全化基準は12.95%（裾野市 平成27年度の公表値）",
      132 * OKU,
      12.95,
    ],
    ["標準財政規模が200億円に1円足りない市も公表値は11.25%", 200 * OKU - 1, 11.25],
    ["標準財政規模が200億円の市の早期健全化基準は11.25%", 200 * OKU, 11.25],
    ["標準財政規模が1000億円の市の早期健全化基準は11.25%", 1000 * OKU, 11.25],
  ])("%s", (_sentence, scale, expected) => {
    expect(early(scale)).toBe(expected);
  });

  it("50億円を1円でも超えると、公表前の値は15%をわずかに下回る", () => {
    expect(municipalRealDeficitEarlyWarning(50 * OKU + 1)).toBeLessThan(15);
    expect(municipalRealDeficitEarlyWarning(50 * OKU + 1)).toBeGreaterThan(14.999);
  });
  it("200億円に1円足りないと、公表前の値は11.25%をわずかに上回る", () => {
    expect(municipalRealDeficitEarlyWarning(200 * OKU - 1)).toBeGreaterThan(11.25);
    expect(municipalRealDeficitEarlyWarning(200 * OKU - 1)).toBeLessThan(11.2501);
  });

  it("石岡市の計画に載る12.58%・17.58%は、帯の中の標準財政規模（146.7億円）で再現できる", () => {
    const ishioka = 14_670_000_000;
    expect(municipalRealDeficitEarlyWarning(ishioka)).toBeCloseTo(12.5825, 10);
    expect(early(ishioka)).toBe(12.58);
    expect(consolidatedEarly(ishioka)).toBe(17.58);
  });

  it("標準財政規模が大きくなっても早期健全化基準は上がらない", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1e12 }),
        fc.integer({ min: 0, max: 1e12 }),
        (a, more) => {
          const b = a + more;
          expect(municipalRealDeficitEarlyWarning(b)).toBeLessThanOrEqual(
            municipalRealDeficitEarlyWarning(a),
          );
          expect(early(b)).toBeLessThanOrEqual(early(a));
        },
      ),
    );
  });
  it("早期健全化基準はいつも11.25%以上15%以下", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }), (scale) => {
        const t = municipalRealDeficitEarlyWarning(scale);
        expect(t).toBeGreaterThanOrEqual(11.25);
        expect(t).toBeLessThanOrEqual(15);
      }),
    );
  });
  it("連結実質赤字比率の早期健全化基準はいつも実質赤字比率の基準の5ポイント上", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e12 }), (scale) => {
        const t = soundnessThresholds("municipality", scale);
        expect(t.consolidatedRealDeficit.earlyWarning - t.realDeficit.earlyWarning).toBeCloseTo(
          5,
          10,
        );
      }),
    );
  });
});

describe("団体の種類ごとの基準", () => {
  it("市町村: 再生基準は実質赤字20%・連結30%、実質公債費比率25%・35%（許可18%）、将来負担比率350%", () => {
    expect(publishedThresholds("municipality", 14_670_000_000)).toEqual({
      realDeficit: { earlyWarning: 12.58, rehabilitation: 20 },
      consolidatedRealDeficit: { earlyWarning: 17.58, rehabilitation: 30 },
      realDebtService: { earlyWarning: 25, rehabilitation: 35, permissionRequired: 18 },
      futureBurden: { earlyWarning: 350, rehabilitation: null },
    });
  });
  it("道府県: 実質赤字3.75%・5%、連結8.75%・15%、将来負担比率400%で、標準財政規模によらない", () => {
    const expected = {
      realDeficit: { earlyWarning: 3.75, rehabilitation: 5 },
      consolidatedRealDeficit: { earlyWarning: 8.75, rehabilitation: 15 },
      realDebtService: { earlyWarning: 25, rehabilitation: 35, permissionRequired: 18 },
      futureBurden: { earlyWarning: 400, rehabilitation: null },
    };
    expect(publishedThresholds("prefecture", 2_207 * OKU)).toEqual(expected);
    expect(publishedThresholds("prefecture", 30 * OKU)).toEqual(expected);
  });
  it("指定都市: 赤字比率は市町村と同じ規模の区分で、将来負担比率は400%", () => {
    const big = publishedThresholds("designated_city", 3_000 * OKU);
    expect(big.realDeficit).toEqual({ earlyWarning: 11.25, rehabilitation: 20 });
    expect(big.consolidatedRealDeficit).toEqual({ earlyWarning: 16.25, rehabilitation: 30 });
    expect(big.futureBurden).toEqual({ earlyWarning: 400, rehabilitation: null });
    expect(publishedThresholds("designated_city", 132 * OKU).realDeficit.earlyWarning).toBe(12.95);
  });
  it("将来負担比率には財政再生基準がない", () => {
    for (const kind of ["municipality", "prefecture", "designated_city"] as const) {
      expect(soundnessThresholds(kind, 100 * OKU).futureBurden.rehabilitation).toBeNull();
    }
  });
});

describe("標準財政規模の検査", () => {
  it.each([
    ["0円", 0],
    ["負の額", -1],
    ["円未満の端数", 1.5],
    ["安全な整数を超える額", 2 ** 53],
  ])("%sは受け付けない", (_sentence, scale) => {
    expect(() => soundnessThresholds("municipality", scale)).toThrow(/standardFiscalScale/);
    expect(() => soundnessThresholds("prefecture", scale)).toThrow(/standardFiscalScale/);
  });
});
