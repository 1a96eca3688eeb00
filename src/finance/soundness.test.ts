import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type AccountBalance,
  computedRatio,
  consolidatedRealDeficit,
  consolidatedRealDeficitRatio,
  type DebtServiceYear,
  type FutureBurden,
  formatRatio,
  futureBurdenRatio,
  futureBurdenTotal,
  realDebtServiceRatio,
  realDeficitRatio,
  reportedRatio,
  roundDecimal,
  roundRatio,
  singleYearRealDebtServiceRatio,
} from "./soundness.ts";

const OKU = 100_000_000;
const MILLION = 1_000_000;

describe("実質赤字比率", () => {
  it("実質赤字額1億円・標準財政規模100億円なら1%", () => {
    expect(realDeficitRatio({ realDeficit: OKU, standardFiscalScale: 100 * OKU })).toBe(1);
  });
  it("黒字なら負の比率になる", () => {
    expect(
      realDeficitRatio({ realDeficit: -5.76 * OKU, standardFiscalScale: 100 * OKU }),
    ).toBeCloseTo(-5.76, 12);
  });
  it("赤字額が増えれば比率は下がらない", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -1e12, max: 1e12 }),
        fc.integer({ min: 0, max: 1e11 }),
        fc.integer({ min: 1, max: 1e13 }),
        (deficit, more, standardFiscalScale) => {
          const before = realDeficitRatio({ realDeficit: deficit, standardFiscalScale });
          const after = realDeficitRatio({ realDeficit: deficit + more, standardFiscalScale });
          expect(after).toBeGreaterThanOrEqual(before);
        },
      ),
    );
  });
  it("円未満の額や安全な整数を超える額は受け付けない", () => {
    expect(() => realDeficitRatio({ realDeficit: 0.5, standardFiscalScale: OKU })).toThrow(
      /realDeficit/,
    );
    expect(() => realDeficitRatio({ realDeficit: 2 ** 53, standardFiscalScale: OKU })).toThrow(
      RangeError,
    );
    expect(() => realDeficitRatio({ realDeficit: 1, standardFiscalScale: 0 })).toThrow(
      /standardFiscalScale/,
    );
  });
});

describe("連結実質赤字比率", () => {
  const accounts: AccountBalance[] = [
    { name: "一般会計", kind: "general", deficit: -3 * OKU },
    { name: "国民健康保険事業特別会計", kind: "other_general", deficit: 1 * OKU },
    { name: "水道事業会計", kind: "public_enterprise", deficit: -2 * OKU },
    { name: "病院事業会計", kind: "public_enterprise", deficit: 7 * OKU },
  ];

  it("会計ごとの赤字・資金不足から黒字・資金剰余を差し引く（法第2条第2号イ〜ニ）", () => {
    expect(consolidatedRealDeficit(accounts)).toEqual({
      accountDeficits: 1 * OKU,
      fundShortfalls: 7 * OKU,
      accountSurpluses: 3 * OKU,
      fundSurpluses: 2 * OKU,
      total: 3 * OKU,
    });
  });
  it("標準財政規模150億円に対する連結実質赤字3億円は2%", () => {
    expect(consolidatedRealDeficitRatio({ accounts, standardFiscalScale: 150 * OKU })).toBeCloseTo(
      2,
      12,
    );
  });
  it("すべての会計が黒字なら負の比率になる", () => {
    const surplus = accounts.map((a) => ({ ...a, deficit: -Math.abs(a.deficit) }));
    expect(
      consolidatedRealDeficitRatio({ accounts: surplus, standardFiscalScale: 100 * OKU }),
    ).toBe(-13);
  });
  it("会計がなければ0%", () => {
    expect(consolidatedRealDeficitRatio({ accounts: [], standardFiscalScale: OKU })).toBe(0);
  });
  it("どの会計の赤字が増えても比率は下がらない", () => {
    const kind = fc.constantFrom("general", "other_general", "public_enterprise") as fc.Arbitrary<
      AccountBalance["kind"]
    >;
    const account = fc.record({
      name: fc.constant("会計"),
      kind,
      deficit: fc.integer({ min: -1e10, max: 1e10 }),
    });
    fc.assert(
      fc.property(
        fc.array(account, { minLength: 1, maxLength: 8 }),
        fc.nat(),
        fc.integer({ min: 0, max: 1e10 }),
        (list, at, more) => {
          const i = at % list.length;
          const worse = list.map((a, j) => (j === i ? { ...a, deficit: a.deficit + more } : a));
          const standardFiscalScale = 100 * OKU;
          expect(
            consolidatedRealDeficitRatio({ accounts: worse, standardFiscalScale }),
          ).toBeGreaterThanOrEqual(
            consolidatedRealDeficitRatio({ accounts: list, standardFiscalScale }),
          );
        },
      ),
    );
  });
});

/** 鳥取県「健全化法判断比率算定状況」平成27年度決算 (百万円): 元利償還金, 準元利償還金, 特定財源, 算入公債費等, 標準財政規模. */
const tottori: Record<number, DebtServiceYear> = Object.fromEntries(
  (
    [
      [2012, 57_237, 4_336, 439, 38_516, 215_679],
      [2013, 58_974, 4_093, 486, 40_271, 216_201],
      [2014, 61_319, 3_680, 485, 42_189, 216_218],
      [2015, 61_930, 3_123, 452, 43_568, 220_729],
    ] as const
  ).map(([fiscalYear, p, q, s, i, scale]) => [
    fiscalYear,
    {
      fiscalYear,
      principalAndInterest: p * MILLION,
      quasiPrincipalAndInterest: q * MILLION,
      specificRevenue: s * MILLION,
      includedDebtService: i * MILLION,
      standardFiscalScale: scale * MILLION,
    },
  ]),
);

describe("実質公債費比率", () => {
  it("単年度の比率は(元利償還金+準元利償還金−特定財源−算入公債費等)÷(標準財政規模−算入公債費等)", () => {
    expect(singleYearRealDebtServiceRatio(tottori[2015]!)).toBeCloseTo(
      (21_033 / 177_161) * 100,
      10,
    );
  });
  it("3か年の単年度比率の平均で、鳥取県の平成27年度決算は12.46…%、公表値は切り捨てて12.4%", () => {
    const ratio = realDebtServiceRatio([tottori[2013]!, tottori[2014]!, tottori[2015]!]);
    expect(ratio).toBeCloseTo(12.4606, 4);
    expect(roundRatio("realDebtService", ratio)).toBe(12.4);
  });
  it("前年度（平成26年度決算）の12.75…%は12.7%と公表されている", () => {
    const ratio = realDebtServiceRatio([tottori[2012]!, tottori[2013]!, tottori[2014]!]);
    expect(roundRatio("realDebtService", ratio)).toBe(12.7);
  });
  it("年度の並び順は結果を変えない", () => {
    const a = realDebtServiceRatio([tottori[2013]!, tottori[2014]!, tottori[2015]!]);
    expect(realDebtServiceRatio([tottori[2015]!, tottori[2013]!, tottori[2014]!])).toBeCloseTo(
      a,
      12,
    );
  });
  it("3か年度分でなければ、また連続した年度でなければ算定しない", () => {
    expect(() => realDebtServiceRatio([tottori[2013]!, tottori[2014]!])).toThrow(/3か年度/);
    expect(() => realDebtServiceRatio([tottori[2012]!, tottori[2013]!, tottori[2015]!])).toThrow(
      /連続/,
    );
  });
  it("元利償還金が増えれば比率は下がらない", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e10 }), (more) => {
        const base = tottori[2015]!;
        const worse = { ...base, principalAndInterest: base.principalAndInterest + more };
        expect(singleYearRealDebtServiceRatio(worse)).toBeGreaterThanOrEqual(
          singleYearRealDebtServiceRatio(base),
        );
      }),
    );
  });
  it("特定財源と算入公債費等が償還額を上回れば負の比率になる", () => {
    const y = { ...tottori[2015]!, specificRevenue: 30_000 * MILLION };
    expect(singleYearRealDebtServiceRatio(y)).toBeLessThan(0);
  });
});

const burden: FutureBurden = {
  localBondBalance: 300 * OKU,
  debtBurdenActExpenditure: 5 * OKU,
  publicEnterpriseBondTransfers: 40 * OKU,
  jointAuthorityBurden: 3 * OKU,
  retirementAllowanceBurden: 30 * OKU,
  establishedCorporationLiabilities: 2 * OKU,
  consolidatedRealDeficit: 0,
  jointAuthorityConsolidatedDeficitBurden: 0,
};
const offsets = {
  availableFunds: 60 * OKU,
  specificRevenueOutlook: 20 * OKU,
  includedBondDemandOutlook: 250 * OKU,
};

describe("将来負担比率", () => {
  it("将来負担額は8項目の合計", () => {
    expect(futureBurdenTotal(burden)).toBe(380 * OKU);
  });
  it("(将来負担額380億円−充当可能財源等330億円)÷(標準財政規模160億円−算入公債費等10億円)は33.3…%", () => {
    const ratio = futureBurdenRatio({
      burden,
      offsets,
      standardFiscalScale: 160 * OKU,
      includedDebtService: 10 * OKU,
    });
    expect(ratio).toBeCloseTo((50 / 150) * 100, 12);
    expect(formatRatio(computedRatio("futureBurden", ratio))).toBe("33.3");
  });
  it("充当可能財源等が上回れば負になり、「−」と表示する", () => {
    const ratio = futureBurdenRatio({
      burden,
      offsets: { ...offsets, availableFunds: 120 * OKU },
      standardFiscalScale: 160 * OKU,
      includedDebtService: 10 * OKU,
    });
    expect(ratio).toBeLessThan(0);
    expect(formatRatio(computedRatio("futureBurden", ratio))).toBe("−");
  });
  it("どの負担項目が増えても比率は下がらない", () => {
    const keys = Object.keys(burden) as (keyof FutureBurden)[];
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.integer({ min: 0, max: 1e11 }), (key, more) => {
        const input = { offsets, standardFiscalScale: 160 * OKU, includedDebtService: 10 * OKU };
        const worse = futureBurdenRatio({
          ...input,
          burden: { ...burden, [key]: burden[key] + more },
        });
        expect(worse).toBeGreaterThanOrEqual(futureBurdenRatio({ ...input, burden }));
      }),
    );
  });
  it("負の項目や、算入公債費等が標準財政規模以上の場合は算定しない", () => {
    const input = {
      burden,
      offsets,
      standardFiscalScale: 160 * OKU,
      includedDebtService: 10 * OKU,
    };
    expect(() =>
      futureBurdenRatio({ ...input, burden: { ...burden, localBondBalance: -1 } }),
    ).toThrow(/localBondBalance/);
    expect(() => futureBurdenRatio({ ...input, includedDebtService: 160 * OKU })).toThrow(
      RangeError,
    );
  });
});

describe("公表値への丸め", () => {
  it.each([
    ["四捨五入で12.585は12.59", 12.585, 2, "halfUp", 12.59],
    ["四捨五入で12.584は12.58", 12.584, 2, "halfUp", 12.58],
    ["黒字の−5.765は−5.77（絶対値で四捨五入）", -5.765, 2, "halfUp", -5.77],
    ["切り捨てで12.46は12.4", 12.46, 1, "truncate", 12.4],
    ["切り捨てで−1.86は−1.8（絶対値で切り捨て）", -1.86, 1, "truncate", -1.8],
    ["浮動小数点の誤差を拾わない: 0.1+0.2は0.3", 0.1 + 0.2, 1, "truncate", 0.3],
    ["1.005は1.01（2進の誤差で1.00にしない）", 1.005, 2, "halfUp", 1.01],
    ["−0.001は−0ではなく0", -0.001, 2, "halfUp", 0],
  ] as const)("%s", (_sentence, value, digits, mode, expected) => {
    expect(Object.is(roundDecimal(value, digits, mode), expected)).toBe(true);
  });
  it("赤字比率は小数第2位、実質公債費比率・将来負担比率は小数第1位", () => {
    expect(roundRatio("realDeficit", 12.5825)).toBe(12.58);
    expect(roundRatio("consolidatedRealDeficit", 17.5825)).toBe(17.58);
    expect(roundRatio("realDebtService", 7.89)).toBe(7.8);
    expect(roundRatio("futureBurden", 33.35)).toBe(33.4);
  });
});

describe("表示", () => {
  const ishioka = reportedRatio("realDeficit", -5.76); // 石岡市 令和2年度の公表値
  it.each([
    ["minus", "−5.76"],
    ["triangle", "△5.76"],
    ["dash", "−"],
  ] as const)("黒字の実質赤字比率は surplusDisplay=%s なら「%s」", (surplusDisplay, text) => {
    expect(formatRatio(ishioka, { surplusDisplay })).toBe(text);
  });
  it("既定では黒字を「−」と表示する", () => {
    expect(formatRatio(reportedRatio("consolidatedRealDeficit", -14.06))).toBe("−");
  });
  it("赤字は小数第2位まで、実質公債費比率は小数第1位まで表示する", () => {
    expect(formatRatio(computedRatio("realDeficit", 3.1))).toBe("3.10");
    expect(formatRatio(reportedRatio("realDebtService", 7.8))).toBe("7.8");
    expect(formatRatio(reportedRatio("futureBurden", 33.3))).toBe("33.3");
  });
  it("負の実質公債費比率は数値として表示する（大熊町 令和4年度 −1.8）", () => {
    expect(formatRatio(reportedRatio("realDebtService", -1.8))).toBe("−1.8");
    expect(
      formatRatio(reportedRatio("realDebtService", -1.8), { surplusDisplay: "triangle" }),
    ).toBe("△1.8");
  });
  it("「−」とだけ公表された値は null として持ち、「−」と表示する", () => {
    expect(formatRatio(reportedRatio("futureBurden", null))).toBe("−");
  });
});

describe("公表値と算定値", () => {
  it("公表値は内訳を持たず、算定値は全桁の値と公表値を持つ", () => {
    expect(reportedRatio("futureBurden", 33.3)).toEqual({
      source: "reported",
      kind: "futureBurden",
      published: 33.3,
    });
    expect(computedRatio("futureBurden", 100 / 3)).toEqual({
      source: "computed",
      kind: "futureBurden",
      value: 100 / 3,
      published: 33.3,
    });
  });
});
