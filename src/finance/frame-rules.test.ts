import fc from "fast-check";
import { describe, expect, it } from "vitest";
/**
 * テスト用の架空の数値: 人口7万人規模の市を想定し、歳入・歳出とも約310億円、市税100億円。
 * 実在の市の予算・決算ではない。円未満の四捨五入が効くよう、譲与税・交付金とその他に端数を置く。
 */
import {
  assumptions,
  basic,
  budget2024,
  pick,
  settled2023,
} from "../../test/support/finance-frame.ts";
import { newBorrowingDebtService, project } from "./frame-projection.ts";
import {
  basicScenario,
  prudentFrom,
  type Scenario,
  type ScenarioAssumptions,
} from "./frame-scenario.ts";

describe("前提を変えると推計が変わる", () => {
  it("市税の伸びを2%にすると初年度の財調取崩しは1億円少ない185,499,999円", () => {
    const higher = basicScenario({
      ...assumptions,
      revenueGrowth: { ...assumptions.revenueGrowth, cityTax: 0.02 },
    });
    const [first] = project([budget2024], higher, 2025);
    // 市税 100億 × 1.02 = 102億: 歳入が1億円増え、収支差は −185,499,999
    expect(first!.gapClosing.drawdown).toBe(185_499_999);
  });

  it("慎重シナリオ（市税の伸び −1ポイント、扶助費の伸び +1ポイント）は収支不足が1,355,579,957円に広がる", () => {
    const prudent = prudentFrom(basic, {
      cityTaxGrowthDelta: -0.01,
      socialAssistanceGrowthDelta: 0.01,
    });
    expect(prudent.name).toBe("慎重");
    expect(prudent.revenueGrowth.cityTax).toBe(0);
    expect(prudent.expenditureGrowth.socialAssistance).toBe(0.04);
    const years = project([budget2024], prudent, 2027);
    // 市税は100億のまま; 扶助費 80億 × 1.04 = 8,320,000,000 → 8,652,800,000 → 8,998,912,000
    // 2025: 30,613,000,001 − 31,078,500,000 = −465,499,999 → 財調 734,500,001
    // 2026: 31,229,505,002 − 31,381,382,500 = −151,877,498 → 財調 582,622,503
    // 2027: 30,049,566,128 − 31,987,768,588 = −1,938,202,460 → 財調を使い切り、不足 1,355,579,957
    expect(pick(years, (y) => y.expenditure.socialAssistance)).toEqual([
      8_320_000_000, 8_652_800_000, 8_998_912_000,
    ]);
    expect(pick(years, (y) => y.gap)).toEqual([-465_499_999, -151_877_498, -1_938_202_460]);
    expect(pick(years, (y) => y.funds.fiscalAdjustment.closing)).toEqual([
      734_500_001, 582_622_503, 0,
    ]);
    expect(years[2]!.shortfall).toBe(1_355_579_957);
    expect(basic.revenueGrowth.cityTax).toBe(0.01); // 基本は変わらない
  });

  it("慎重シナリオの差分は市税を下げる方向・扶助費を上げる方向にしか取れない", () => {
    expect(() =>
      prudentFrom(basic, { cityTaxGrowthDelta: 0.01, socialAssistanceGrowthDelta: 0 }),
    ).toThrow(/cityTaxGrowthDelta/);
    expect(() =>
      prudentFrom(basic, { cityTaxGrowthDelta: 0, socialAssistanceGrowthDelta: -0.01 }),
    ).toThrow(/socialAssistanceGrowthDelta/);
    expect(() =>
      prudentFrom(basic, { cityTaxGrowthDelta: 0, socialAssistanceGrowthDelta: 0.48 }),
    ).toThrow(/scenario\.expenditureGrowth\.socialAssistance/); // 3% + 48% = 51%
  });

  it("財調の下限を標準財政規模の5%（9.5億円）にすると、それ以上は取り崩さず収支不足とする", () => {
    const floor = basicScenario({ ...assumptions, gapRule: { minimumBalance: 950_000_000 } });
    const [first] = project([budget2024], floor, 2025);
    // 12億 − 9.5億 = 2.5億しか取り崩せない: 不足 285,499,999 − 250,000,000 = 35,499,999
    expect(first!.gapClosing.drawdown).toBe(250_000_000);
    expect(first!.shortfall).toBe(35_499_999);
    expect(first!.funds.fiscalAdjustment.closing).toBe(950_000_000);
  });

  it("黒字を減債基金に積み立てる規則も選べる", () => {
    const toDebt = basicScenario({ ...assumptions, gapRule: { surplusTo: "debtReduction" } });
    const second = project([budget2024], toDebt, 2026)[1]!;
    expect(second.gapClosing).toEqual({ fund: "debtReduction", deposit: 214_722_502, drawdown: 0 });
    expect(second.funds.debtReduction.closing).toBe(1_100_000_000 + 214_722_502);
  });
});

describe("公債費の規則（既発債の償還予定 + 推計期間の新規発行分）", () => {
  it("10億円・年1%・5年（据置1年）の元金均等: 端数は初回の元金に足す", () => {
    const bonds = [{ fiscalYear: 2025, amount: 1_000_000_003 }];
    const terms = { termYears: 5, graceYears: 1, interestRate: 0.01 };
    // 2026: 据置, 利息 10,000,000.03 → 10,000,000
    // 2027: 元金 250,000,003 + 利息 10,000,000; 2028: 250,000,000 + 7,500,000
    // 2029: 250,000,000 + 5,000,000; 2030: 250,000,000 + 2,500,000; 2031: 償還済み
    expect(
      [2025, 2026, 2027, 2028, 2029, 2030, 2031].map((fy) =>
        newBorrowingDebtService(bonds, fy, terms),
      ),
    ).toEqual([0, 10_000_000, 260_000_003, 257_500_000, 255_000_000, 252_500_000, 0]);
  });

  it("無利子なら償還年限の間の公債費の合計は発行額に等しい", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e11 }),
        fc.integer({ min: 1, max: 30 }),
        fc.nat(),
        (amount, term, g) => {
          const terms = { termYears: term, graceYears: g % term, interestRate: 0 };
          let total = 0;
          for (let fy = 2025; fy <= 2025 + term + 1; fy++)
            total += newBorrowingDebtService([{ fiscalYear: 2025, amount }], fy, terms);
          expect(total).toBe(amount);
        },
      ),
    );
  });

  it("推計では既発債の公債費に、前年度までの推計期間の地方債の元利償還金を足す", () => {
    const ruled = basicScenario({
      ...assumptions,
      plannedDebtService: undefined,
      debtServiceRule: {
        existing: { 2025: 2_800_000_000, 2026: 2_700_000_000, 2027: 2_600_000_000 },
        termYears: 10,
        graceYears: 1,
        interestRate: 0.01,
      },
    });
    // 2025: 既発 28億. 2026: 27億 + 2025年度債18億の利息1,800万 (据置).
    // 2027: 26億 + 2025年度債 元金 18億 ÷ 9 = 2億 + 利息1,800万 + 2026年度債25億の利息2,500万.
    expect(pick(project([budget2024], ruled, 2027), (y) => y.expenditure.debtService)).toEqual([
      2_800_000_000, 2_718_000_000, 2_843_000_000,
    ]);
    const missing = basicScenario({
      ...ruled,
      debtServiceRule: { ...ruled.debtServiceRule!, existing: { 2025: 2_800_000_000 } },
    });
    expect(() => project([budget2024], missing, 2026)).toThrow(/debtServiceRule\.existing\[2026\]/);
  });
});

describe("入力の検証（項目名を示す RangeError）", () => {
  const withScenario = (patch: Partial<ScenarioAssumptions>) => () =>
    project([budget2024], { ...basic, ...patch } as Scenario, 2027);

  it("伸び率は −50%〜+50%", () => {
    expect(() =>
      project(
        [budget2024],
        { ...basic, revenueGrowth: { ...basic.revenueGrowth, cityTax: 0.51 } },
        2025,
      ),
    ).toThrow(/scenario\.revenueGrowth\.cityTax/);
    expect(
      withScenario({ expenditureGrowth: { ...basic.expenditureGrowth, personnel: -0.501 } }),
    ).toThrow(/scenario\.expenditureGrowth\.personnel/);
    expect(
      withScenario({ expenditureGrowth: { ...basic.expenditureGrowth, personnel: Number.NaN } }),
    ).toThrow(RangeError);
    expect(
      withScenario({ expenditureGrowth: { ...basic.expenditureGrowth, personnel: -0.5 } }),
    ).not.toThrow();
    const { cityTax: _, ...noCityTax } = basic.revenueGrowth;
    expect(withScenario({ revenueGrowth: noCityTax as Scenario["revenueGrowth"] })).toThrow(
      /revenueGrowth\.cityTax/,
    );
    expect(withScenario({ population: { kind: "rate", base: 70_000, annualRate: 0.6 } })).toThrow(
      /population\.annualRate/,
    );
  });

  it("計画額は0以上の円", () => {
    expect(withScenario({ plannedBorrowing: { 2025: -1 } })).toThrow(
      /scenario\.plannedBorrowing\[2025\]/,
    );
    expect(withScenario({ plannedDebtService: { 2026: 1.5 } })).toThrow(
      /scenario\.plannedDebtService\[2026\]/,
    );
    expect(
      withScenario({
        funds: { ...basic.funds, opening: { ...basic.funds.opening, debtReduction: -1 } },
      }),
    ).toThrow(/funds\.opening\.debtReduction/);
    expect(
      withScenario({
        funds: { ...basic.funds, plan: { 2025: { otherSpecific: { deposit: -1 } } } },
      }),
    ).toThrow(/funds\.plan\[2025\]\.otherSpecific\.deposit/);
    expect(
      withScenario({ funds: { ...basic.funds, plan: { 2025: { reserve: {} } as never } } }),
    ).toThrow(/funds\.plan\[2025\]\.reserve/);
    expect(withScenario({ gapRule: { minimumBalance: -1 } })).toThrow(/gapRule\.minimumBalance/);
  });

  it("計画の取崩しが基金残高を超えれば拒む（残高は負にならない）", () => {
    const plan = { 2026: { debtReduction: { drawdown: 1_100_000_001 } } };
    expect(withScenario({ funds: { ...basic.funds, plan } })).toThrow(
      /scenario\.funds\.plan\[2026\]\.debtReduction\.drawdown/,
    );
  });

  it("臨財債の計画額が地方債を超えれば拒む", () => {
    expect(withScenario({ plannedExtraordinaryFiscalBonds: { 2025: 1_800_000_001 } })).toThrow(
      /plannedExtraordinaryFiscalBonds\[2025\]/,
    );
  });

  it("基準年度は連続した決算・予算の年度で、推計の終わりは基準年度以降", () => {
    expect(() => project([{ ...settled2023, fiscalYear: 2022 }, budget2024], basic, 2027)).toThrow(
      /base\[1\]\.fiscalYear/,
    );
    expect(() =>
      project([budget2024, { ...budget2024, fiscalYear: 2025, kind: "settled" }], basic, 2027),
    ).toThrow(/base\[1\]\.kind/);
    expect(() => project([{ ...budget2024, kind: "projection" }], basic, 2027)).toThrow(
      /base\[0\]\.kind/,
    );
    expect(() => project([], basic, 2027)).toThrow(/base/);
    expect(() => project([budget2024], basic, 2023)).toThrow(/untilFiscalYear/);
    expect(() => project([budget2024], basic, 2025.5)).toThrow(/untilFiscalYear/);
  });
});

function _deepFreeze(value: unknown): void {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) _deepFreeze(v);
}
