import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FrameYear } from "./frame.ts";
import { indicators } from "./frame-indicators.ts";
import { newBorrowingDebtService, type ProjectedYear, project } from "./frame-projection.ts";
import {
  basicScenario,
  prudentFrom,
  type Scenario,
  type ScenarioAssumptions,
} from "./frame-scenario.ts";

/**
 * テスト用の架空の数値: 人口7万人規模の市を想定し、歳入・歳出とも約310億円、市税100億円。
 * 実在の市の予算・決算ではない。円未満の四捨五入が効くよう、譲与税・交付金とその他に端数を置く。
 */
const budget2024: FrameYear = {
  fiscalYear: 2024,
  kind: "budget",
  revenue: {
    cityTax: 10_000_000_000,
    transferTaxes: 1_800_000_100,
    localAllocationTax: 5_200_000_000,
    nationalDisbursements: 6_000_000_000,
    prefecturalDisbursements: 2_400_000_000,
    localBonds: 2_000_000_000,
    transfersFromFunds: 800_000_000,
    otherRevenue: 2_799_999_900,
  },
  extraordinaryFiscalBonds: 300_000_000,
  expenditure: {
    personnel: 5_000_000_000,
    socialAssistance: 8_000_000_000,
    debtService: 2_800_000_000,
    materials: 4_500_000_000,
    subsidies: 2_700_000_000,
    construction: 3_500_000_000,
    transfersOut: 3_300_000_000,
    fundDeposits: 400_000_000,
    otherExpenditure: 800_000_000,
  },
};
const settled2023: FrameYear = { ...budget2024, fiscalYear: 2023, kind: "settled" };

/** 基本の前提 (これも架空). */
const assumptions: ScenarioAssumptions = {
  revenueGrowth: {
    cityTax: 0.01,
    transferTaxes: 0.005,
    localAllocationTax: -0.01,
    nationalDisbursements: 0.02,
    prefecturalDisbursements: 0.015,
    localBonds: 0,
    otherRevenue: 0,
  },
  expenditureGrowth: {
    personnel: 0.01,
    socialAssistance: 0.03,
    debtService: 0.01,
    materials: 0.015,
    subsidies: 0,
    construction: -0.05,
    transfersOut: 0.02,
    otherExpenditure: 0,
  },
  plannedBorrowing: { 2025: 1_800_000_000, 2026: 2_500_000_000, 2027: 1_500_000_000 },
  plannedExtraordinaryFiscalBonds: { 2025: 200_000_000 },
  plannedDebtService: { 2025: 2_850_000_000, 2026: 2_900_000_000 },
  population: { kind: "rate", base: 70_000, annualRate: -0.005 },
  funds: {
    opening: {
      fiscalAdjustment: 1_200_000_000,
      debtReduction: 1_000_000_000,
      otherSpecific: 2_000_000_000,
    },
    plan: {
      2025: { otherSpecific: { drawdown: 500_000_000 }, debtReduction: { deposit: 100_000_000 } },
      2026: { otherSpecific: { drawdown: 300_000_000 } },
      2027: { otherSpecific: { deposit: 200_000_000 } },
    },
  },
  standardFiscalScale: { 2025: 19_000_000_000, 2026: 19_000_000_000, 2027: 19_000_000_000 },
};
const basic = basicScenario(assumptions);

const pick = (years: ProjectedYear[], f: (y: ProjectedYear) => unknown) => years.map(f);

describe("基本シナリオの3か年推計（手計算と一致する）", () => {
  const years = project([settled2023, budget2024], basic, 2027);

  it("令和7〜9年度の3年度を推計する", () => {
    expect(pick(years, (y) => [y.fiscalYear, y.kind])).toEqual([
      [2025, "projection"],
      [2026, "projection"],
      [2027, "projection"],
    ]);
  });

  it("歳入: 前年度 × (1 + 伸び率) を円未満四捨五入、地方債は計画額、繰入金は基金の計画取崩し", () => {
    // 市税     100億 × 1.01 = 10,100,000,000 → × 1.01 = 10,201,000,000 → × 1.01 = 10,303,010,000
    // 譲与税等 1,800,000,100 × 1.005 = 1,809,000,100.5 → 1,809,000,101
    //          × 1.005 = 1,818,045,101.505 → 1,818,045,102; × 1.005 = 1,827,135,327.51 → 1,827,135,328
    // 交付税   52億 × 0.99 = 5,148,000,000 → 5,096,520,000 → 5,045,554,800
    // 国庫     60億 × 1.02 = 6,120,000,000 → 6,242,400,000 → 6,367,248,000
    // 県       24億 × 1.015 = 2,436,000,000 → 2,472,540,000 → 2,509,628,100
    // 地方債   計画 18億 / 25億 / 15億
    // 繰入金   特定目的基金の取崩し 5億 / 3億 / 0
    // その他   2,799,999,900 (伸び率0)
    expect(pick(years, (y) => y.revenue)).toEqual([
      {
        cityTax: 10_100_000_000,
        transferTaxes: 1_809_000_101,
        localAllocationTax: 5_148_000_000,
        nationalDisbursements: 6_120_000_000,
        prefecturalDisbursements: 2_436_000_000,
        localBonds: 1_800_000_000,
        transfersFromFunds: 500_000_000,
        otherRevenue: 2_799_999_900,
      },
      {
        cityTax: 10_201_000_000,
        transferTaxes: 1_818_045_102,
        localAllocationTax: 5_096_520_000,
        nationalDisbursements: 6_242_400_000,
        prefecturalDisbursements: 2_472_540_000,
        localBonds: 2_500_000_000,
        transfersFromFunds: 300_000_000,
        otherRevenue: 2_799_999_900,
      },
      {
        cityTax: 10_303_010_000,
        transferTaxes: 1_827_135_328,
        localAllocationTax: 5_045_554_800,
        nationalDisbursements: 6_367_248_000,
        prefecturalDisbursements: 2_509_628_100,
        localBonds: 1_500_000_000,
        transfersFromFunds: 0,
        otherRevenue: 2_799_999_900,
      },
    ]);
  });

  it("臨財債は計画額、計画がなければ前年度の地方債に占める割合を保つ", () => {
    // 2025: 計画 2億. 2026: 25億 × 2億 / 18億 = 277,777,777.7… → 277,777,778.
    // 2027: 15億 × 277,777,778 / 25億 = 166,666,666.8 → 166,666,667.
    expect(pick(years, (y) => y.extraordinaryFiscalBonds)).toEqual([
      200_000_000, 277_777_778, 166_666_667,
    ]);
  });

  it("歳出: 公債費は計画額（計画のない2027年度は伸び率1%）、積立金は基金の計画積立", () => {
    // 人件費   50億 × 1.01 = 5,050,000,000 → 5,100,500,000 → 5,151,505,000
    // 扶助費   80億 × 1.03 = 8,240,000,000 → 8,487,200,000 → 8,741,816,000
    // 公債費   計画 28.5億 / 29億, 2027: 29億 × 1.01 = 2,929,000,000
    // 物件費   45億 × 1.015 = 4,567,500,000 → 4,636,012,500 → 4,705,552,687.5 → 4,705,552,688
    // 普通建設 35億 × 0.95 = 3,325,000,000 → 3,158,750,000 → 3,000,812,500
    // 繰出金   33億 × 1.02 = 3,366,000,000 → 3,433,320,000 → 3,501,986,400
    // 積立金   減債基金へ1億 / 0 / 特定目的基金へ2億; 補助費等 27億・その他 8億は据え置き
    expect(pick(years, (y) => y.expenditure)).toEqual([
      {
        personnel: 5_050_000_000,
        socialAssistance: 8_240_000_000,
        debtService: 2_850_000_000,
        materials: 4_567_500_000,
        subsidies: 2_700_000_000,
        construction: 3_325_000_000,
        transfersOut: 3_366_000_000,
        fundDeposits: 100_000_000,
        otherExpenditure: 800_000_000,
      },
      {
        personnel: 5_100_500_000,
        socialAssistance: 8_487_200_000,
        debtService: 2_900_000_000,
        materials: 4_636_012_500,
        subsidies: 2_700_000_000,
        construction: 3_158_750_000,
        transfersOut: 3_433_320_000,
        fundDeposits: 0,
        otherExpenditure: 800_000_000,
      },
      {
        personnel: 5_151_505_000,
        socialAssistance: 8_741_816_000,
        debtService: 2_929_000_000,
        materials: 4_705_552_688,
        subsidies: 2_700_000_000,
        construction: 3_000_812_500,
        transfersOut: 3_501_986_400,
        fundDeposits: 200_000_000,
        otherExpenditure: 800_000_000,
      },
    ]);
  });

  it("収支差は初年度に財政調整基金を取り崩し、翌年度の黒字は積み立て、3年度目に基金が尽きて収支不足が残る", () => {
    // 2025: 歳入 30,713,000,001 − 歳出 30,998,500,000 = −285,499,999 → 財調から取崩し
    //       財調 12億 − 285,499,999 = 914,500,001
    // 2026: 31,430,505,002 − 31,215,782,500 = +214,722,502 → 財調へ積立 → 1,129,222,503
    // 2027: 30,352,576,128 − 31,730,672,588 = −1,378,096,460 → 財調 1,129,222,503 を全額取崩し、
    //       収支不足 1,378,096,460 − 1,129,222,503 = 248,873,957
    expect(pick(years, (y) => [y.totalRevenue, y.totalExpenditure, y.gap])).toEqual([
      [30_713_000_001, 30_998_500_000, -285_499_999],
      [31_430_505_002, 31_215_782_500, 214_722_502],
      [30_352_576_128, 31_730_672_588, -1_378_096_460],
    ]);
    expect(pick(years, (y) => y.gapClosing)).toEqual([
      { fund: "fiscalAdjustment", deposit: 0, drawdown: 285_499_999 },
      { fund: "fiscalAdjustment", deposit: 214_722_502, drawdown: 0 },
      { fund: "fiscalAdjustment", deposit: 0, drawdown: 1_129_222_503 },
    ]);
    expect(pick(years, (y) => [y.shortfall, y.cumulativeShortfall])).toEqual([
      [0, 0],
      [0, 0],
      [248_873_957, 248_873_957],
    ]);
  });

  it("基金残高は 年度当初 + 積立 − 取崩し = 年度末 で繰り越す", () => {
    // 減債基金: 10億 + 1億 = 11億. 特定目的基金: 20億 − 5億 = 15億 − 3億 = 12億 + 2億 = 14億.
    expect(pick(years, (y) => y.funds)).toEqual([
      {
        fiscalAdjustment: {
          opening: 1_200_000_000,
          deposits: 0,
          drawdowns: 285_499_999,
          closing: 914_500_001,
        },
        debtReduction: {
          opening: 1_000_000_000,
          deposits: 100_000_000,
          drawdowns: 0,
          closing: 1_100_000_000,
        },
        otherSpecific: {
          opening: 2_000_000_000,
          deposits: 0,
          drawdowns: 500_000_000,
          closing: 1_500_000_000,
        },
      },
      {
        fiscalAdjustment: {
          opening: 914_500_001,
          deposits: 214_722_502,
          drawdowns: 0,
          closing: 1_129_222_503,
        },
        debtReduction: {
          opening: 1_100_000_000,
          deposits: 0,
          drawdowns: 0,
          closing: 1_100_000_000,
        },
        otherSpecific: {
          opening: 1_500_000_000,
          deposits: 0,
          drawdowns: 300_000_000,
          closing: 1_200_000_000,
        },
      },
      {
        fiscalAdjustment: {
          opening: 1_129_222_503,
          deposits: 0,
          drawdowns: 1_129_222_503,
          closing: 0,
        },
        debtReduction: {
          opening: 1_100_000_000,
          deposits: 0,
          drawdowns: 0,
          closing: 1_100_000_000,
        },
        otherSpecific: {
          opening: 1_200_000_000,
          deposits: 200_000_000,
          drawdowns: 0,
          closing: 1_400_000_000,
        },
      },
    ]);
  });

  it("人口は年0.5%減: 70,000 → 69,650 → 69,301.75 → 69,302 → 68,955.49 → 68,955", () => {
    expect(pick(years, (y) => y.population)).toEqual([69_650, 69_302, 68_955]);
  });

  it("指標: 一人当たりの額は円未満四捨五入、財調残高は標準財政規模190億円に対する割合", () => {
    const first = indicators(years[0]!);
    // 30,713,000,001 ÷ 69,650 = 440,961.95… → 440,962; 30,998,500,000 ÷ 69,650 = 445,061.02… → 445,061
    // 財調 914,500,001 ÷ 69,650 = 13,129.93… → 13,130; 減債 11億 ÷ 69,650 = 15,793.25… → 15,793
    expect(first.perCapita).toEqual({
      revenue: 440_962,
      expenditure: 445_061,
      funds: { fiscalAdjustment: 13_130, debtReduction: 15_793, otherSpecific: 21_536 },
    });
    // 914,500,001 ÷ 19,000,000,000 = 4.8131579…%
    expect(first.fiscalAdjustmentFundRatio).toBeCloseTo(4.8131579, 7);
    // 自主財源 = 市税 10,100,000,000 + 繰入金 500,000,000 + その他 2,799,999,900 = 13,399,999,900
    expect(first.ownSourceRatio).toBeCloseTo((13_399_999_900 / 30_713_000_001) * 100, 12);
    // 義務的経費 = 5,050,000,000 + 8,240,000,000 + 2,850,000,000 = 16,140,000,000
    expect(first.mandatoryExpenditureRatio).toBeCloseTo(
      (16_140_000_000 / 30_998_500_000) * 100,
      12,
    );
    expect(indicators(years[2]!).fiscalAdjustmentFundRatio).toBe(0);
  });

  it("推計しても入力は変わらず、同じ入力からは同じ結果になる", () => {
    const frozen = structuredClone({ base: [settled2023, budget2024], basic });
    deepFreeze(frozen);
    expect(project(frozen.base, frozen.basic, 2027)).toEqual(years);
  });

  it("推計の終わりが基準年度なら推計年度はない", () => {
    expect(project([budget2024], basic, 2024)).toEqual([]);
  });
});

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

function deepFreeze(value: unknown): void {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}
