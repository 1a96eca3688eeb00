import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addRates,
  applyGrowth,
  applyRate,
  EXPENDITURE_CATEGORIES,
  EXPENDITURE_LABELS,
  type FrameYear,
  MANDATORY_EXPENDITURE,
  OWN_SOURCE_REVENUE,
  prorate,
  REVENUE_CATEGORIES,
  REVENUE_LABELS,
  totalExpenditure,
  totalRevenue,
  validateFrameYear,
  validateYears,
} from "./frame.ts";
import {
  effectiveAllocationTax,
  fiscalAdjustmentFundRatio,
  mandatoryExpenditure,
  mandatoryExpenditureRatio,
  ownSourceRatio,
  ownSourceRevenue,
  perCapita,
} from "./frame-indicators.ts";

const OKU = 100_000_000; // 1億円

/**
 * テスト用の架空の数値 (人口7万人規模の市を想定した丸めた額で、実在の市の決算・予算ではない).
 * 歳入310億円: 市税100 + 譲与税・交付金18 + 地方交付税52 + 国庫支出金60 + 県支出金24 + 地方債20
 * (うち臨財債3) + 繰入金8 + その他28. 歳出310億円: 人件費50 + 扶助費80 + 公債費28 + 物件費45 +
 * 補助費等27 + 普通建設事業費35 + 繰出金33 + 積立金4 + その他8.
 */
const budget: FrameYear = {
  fiscalYear: 2024,
  kind: "budget",
  revenue: {
    cityTax: 100 * OKU,
    transferTaxes: 18 * OKU,
    localAllocationTax: 52 * OKU,
    nationalDisbursements: 60 * OKU,
    prefecturalDisbursements: 24 * OKU,
    localBonds: 20 * OKU,
    transfersFromFunds: 8 * OKU,
    otherRevenue: 28 * OKU,
  },
  extraordinaryFiscalBonds: 3 * OKU,
  expenditure: {
    personnel: 50 * OKU,
    socialAssistance: 80 * OKU,
    debtService: 28 * OKU,
    materials: 45 * OKU,
    subsidies: 27 * OKU,
    construction: 35 * OKU,
    transfersOut: 33 * OKU,
    fundDeposits: 4 * OKU,
    otherExpenditure: 8 * OKU,
  },
};

describe("区分", () => {
  it("歳入8区分・歳出9区分に日本語の名称がある", () => {
    expect(REVENUE_CATEGORIES.map((c) => REVENUE_LABELS[c])).toEqual([
      "市税",
      "地方譲与税・交付金",
      "地方交付税",
      "国庫支出金",
      "県支出金",
      "地方債",
      "繰入金",
      "その他",
    ]);
    expect(EXPENDITURE_CATEGORIES.map((c) => EXPENDITURE_LABELS[c])).toEqual([
      "人件費",
      "扶助費",
      "公債費",
      "物件費",
      "補助費等",
      "普通建設事業費",
      "繰出金",
      "積立金",
      "その他",
    ]);
  });
  it("自主財源は市税・繰入金・その他、義務的経費は人件費・扶助費・公債費", () => {
    expect(OWN_SOURCE_REVENUE.map((c) => REVENUE_LABELS[c])).toEqual(["市税", "繰入金", "その他"]);
    expect(MANDATORY_EXPENDITURE.map((c) => EXPENDITURE_LABELS[c])).toEqual([
      "人件費",
      "扶助費",
      "公債費",
    ]);
  });
});

describe("円単位の計算", () => {
  it("伸び率は小数として正確に掛け、円未満は四捨五入する（浮動小数点なら …100.4999998 で切り捨てになる）", () => {
    // 1,800,000,100 × 1.005 = 1,809,000,100.5 → 1,809,000,101
    expect(Math.round(1_800_000_100 * 1.005)).toBe(1_809_000_100);
    expect(applyGrowth(1_800_000_100, 0.005)).toBe(1_809_000_101);
    // 4,636,012,500 × 1.015 = 4,705,552,687.5 → 4,705,552,688
    expect(applyGrowth(4_636_012_500, 0.015)).toBe(4_705_552_688);
    expect(applyGrowth(100, -0.5)).toBe(50);
    expect(applyGrowth(3, -0.5)).toBe(2); // 1.5 → 2
    expect(applyGrowth(7, 1.5e-7)).toBe(7);
  });
  it("利息などの額 × 率、按分も四捨五入", () => {
    expect(applyRate(150, 0.01)).toBe(2); // 1.5 → 2
    expect(applyRate(149, 0.01)).toBe(1);
    expect(prorate(2_500_000_000, 200_000_000, 1_800_000_000)).toBe(277_777_778);
  });
  it("率の足し算は小数として行う", () => {
    expect(0.015 - 0.01).not.toBe(0.005);
    expect(addRates(0.015, -0.01)).toBe(0.005);
  });
  it("伸び率を上げても額は減らない", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e13 }),
        fc.integer({ min: -500, max: 500 }),
        fc.integer({ min: 0, max: 100 }),
        (amount, permille, more) => {
          const r = permille / 1000;
          expect(applyGrowth(amount, addRates(r, more / 100_000))).toBeGreaterThanOrEqual(
            applyGrowth(amount, r),
          );
        },
      ),
    );
  });
});

describe("年度の検証", () => {
  it("正しい年度はそのまま通る", () => {
    expect(validateFrameYear(budget)).toBe(budget);
    expect(totalRevenue(budget)).toBe(310 * OKU);
    expect(totalExpenditure(budget)).toBe(310 * OKU);
  });
  it("負の額・円未満の額は項目名を示して拒む", () => {
    const negative = { ...budget, revenue: { ...budget.revenue, cityTax: -1 } };
    expect(() => validateFrameYear(negative, "base[0]")).toThrow(RangeError);
    expect(() => validateFrameYear(negative, "base[0]")).toThrow(/base\[0\]\.revenue\.cityTax/);
    const fractional = { ...budget, expenditure: { ...budget.expenditure, personnel: 0.5 } };
    expect(() => validateFrameYear(fractional)).toThrow(/year\.expenditure\.personnel/);
  });
  it("区分の欠け・未知の区分を拒む", () => {
    const { cityTax: _, ...missing } = budget.revenue;
    expect(() =>
      validateFrameYear({ ...budget, revenue: missing as FrameYear["revenue"] }),
    ).toThrow(/revenue\.cityTax/);
    const extra = { ...budget.revenue, cityTaxes: 1 } as FrameYear["revenue"];
    expect(() => validateFrameYear({ ...budget, revenue: extra })).toThrow(/revenue\.cityTaxes/);
  });
  it("臨時財政対策債は地方債の内数なので、地方債を超えられない", () => {
    expect(() => validateFrameYear({ ...budget, extraordinaryFiscalBonds: 21 * OKU })).toThrow(
      /extraordinaryFiscalBonds/,
    );
  });
  it("年度は連続していなければならない", () => {
    const a = { ...budget, fiscalYear: 2022, kind: "settled" as const };
    expect(() => validateYears([a, budget])).toThrow(/years\[1\]\.fiscalYear/);
    expect(() => validateYears([])).toThrow(RangeError);
    expect(() => validateFrameYear({ ...budget, fiscalYear: 2024.5 })).toThrow(/fiscalYear/);
    expect(() => validateFrameYear({ ...budget, kind: "toString" as "budget" })).toThrow(/kind/);
  });
});

describe("指標", () => {
  it("歳入310億円のうち自主財源136億円（市税100・繰入金8・その他28）で自主財源比率は43.87…%", () => {
    expect(ownSourceRevenue(budget)).toBe(136 * OKU);
    expect(ownSourceRatio(budget)).toBeCloseTo((136 / 310) * 100, 12);
    expect(ownSourceRatio(budget)).toBeCloseTo(43.871, 3);
  });
  it("歳出310億円のうち義務的経費158億円（人件費50・扶助費80・公債費28）で義務的経費比率は50.97…%", () => {
    expect(mandatoryExpenditure(budget)).toBe(158 * OKU);
    expect(mandatoryExpenditureRatio(budget)).toBeCloseTo((158 / 310) * 100, 12);
  });
  it("地方交付税52億円に臨財債3億円を足すと実質的な地方交付税は55億円", () => {
    expect(effectiveAllocationTax(budget)).toBe(55 * OKU);
  });
  it("財政調整基金19億円・標準財政規模190億円なら10%", () => {
    expect(fiscalAdjustmentFundRatio(19 * OKU, 190 * OKU)).toBe(10);
    expect(() => fiscalAdjustmentFundRatio(19 * OKU, 0)).toThrow(/分母/);
  });
  it("歳入がなければ比率は算出できない", () => {
    const empty = {
      ...budget,
      revenue: Object.fromEntries(REVENUE_CATEGORIES.map((c) => [c, 0])),
      extraordinaryFiscalBonds: 0,
    } as FrameYear;
    expect(() => ownSourceRatio(empty)).toThrow(RangeError);
  });
});

describe("一人当たりの額", () => {
  it("人口7万人で歳入310億円なら一人当たり442,857円（442,857.14…を四捨五入）", () => {
    expect(perCapita(310 * OKU, 70_000)).toBe(442_857);
  });
  it("ちょうど0.5円は切り上げ、0.5円未満は切り捨て", () => {
    expect(perCapita(35, 70)).toBe(1); // 0.5
    expect(perCapita(34, 70)).toBe(0); // 0.4857…
    expect(perCapita(105, 70)).toBe(2); // 1.5
    expect(perCapita(30_713_000_001, 69_650)).toBe(440_962); // 440,961.95…
  });
  it("人口は正の整数、額は0以上の円", () => {
    expect(() => perCapita(OKU, 0)).toThrow(/population/);
    expect(() => perCapita(OKU, 70_000.5)).toThrow(/population/);
    expect(() => perCapita(-1, 70_000)).toThrow(/amount/);
  });
  it("四捨五入の誤差は0.5円以内", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e13 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        (amount, population) => {
          const result = perCapita(amount, population);
          expect(Math.abs(result * population - amount)).toBeLessThanOrEqual(population / 2);
        },
      ),
    );
  });
});
