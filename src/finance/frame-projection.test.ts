import { describe, expect, it } from "vitest";
/**
 * テスト用の架空の数値: 人口7万人規模の市を想定し、歳入・歳出とも約310億円、市税100億円。
 * 実在の市の予算・決算ではない。円未満の四捨五入が効くよう、譲与税・交付金とその他に端数を置く。
 */
import {
  basic,
  budget2024,
  deepFreeze,
  pick,
  settled2023,
} from "../../test/support/finance-frame.ts";
import { indicators } from "./frame-indicators.ts";
import { project } from "./frame-projection.ts";

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
