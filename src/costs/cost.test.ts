import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CostSettings,
  checkFunding,
  checkProgramYear,
  costBasis,
  type Funding,
  fteHundredths,
  type ProgramYear,
  programCost,
  STAFF_KINDS,
  staffCost,
  staffFte,
  unitCost,
  unitPersonnelCostFor,
  yearCost,
} from "./cost.ts";

const MAN = 10_000; // 1万円

/** 令和5年度まで決算確定済み; 人件費単価は正規職員800万円、会計年度任用職員250万円. */
const settings: CostSettings = {
  lastClosedFiscalYear: 2023,
  unitPersonnelCosts: {
    2023: { regular: 800 * MAN, partTime: 250 * MAN },
    2024: { regular: 820 * MAN, partTime: 260 * MAN },
    2025: { regular: 830 * MAN },
  },
};

const funding = (general: number, national = 0): Funding => ({
  national,
  prefectural: 0,
  bonds: 0,
  otherSpecific: 0,
  general,
});

/** 令和5年度（決算確定）: 当初1,000万円、最終1,200万円、決算1,150万円. */
const closed: ProgramYear = {
  fiscalYear: 2023,
  initialBudget: 1_000 * MAN,
  finalBudget: 1_200 * MAN,
  settlement: 1_150 * MAN,
  funding: funding(650 * MAN, 500 * MAN),
  staff: { regular: 0.5, partTime: 1.2 },
};
/** 令和6年度（未確定）: 決算額が入力されていても最終予算額で見る. */
const open: ProgramYear = {
  ...closed,
  fiscalYear: 2024,
  settlement: 1_100 * MAN,
  funding: funding(700 * MAN, 500 * MAN),
};

describe("事業費", () => {
  it("決算確定済みの年度は決算額、未確定の年度は最終予算額とする", () => {
    expect(costBasis(2023, settings)).toBe("settlement");
    expect(programCost(closed, settings)).toBe(1_150 * MAN);
    expect(costBasis(2024, settings)).toBe("finalBudget");
    expect(programCost(open, settings)).toBe(1_200 * MAN);
  });
  it("決算確定済みの年度がなければ、どの年度も最終予算額とする", () => {
    expect(programCost(closed, { lastClosedFiscalYear: null })).toBe(1_200 * MAN);
  });
  it("決算確定済みなのに決算額がなければ算定しない", () => {
    expect(() => programCost({ ...closed, settlement: null }, settings)).toThrow(
      "令和5年度は決算確定済みですが、決算額が入力されていません",
    );
  });
});

describe("人件費", () => {
  it("正規職員0.5人×800万円と会計年度任用職員1.2人×250万円で700万円", () => {
    expect(staffCost(closed.staff, unitPersonnelCostFor(2023, settings))).toEqual({
      regular: 400 * MAN,
      partTime: 300 * MAN,
      total: 700 * MAN,
    });
  });
  it("単価が一つだけ設定された年度は、会計年度任用職員にも同じ単価を使う", () => {
    expect(unitPersonnelCostFor(2025, settings)).toEqual({
      regular: 830 * MAN,
      partTime: 830 * MAN,
    });
  });
  it("単価が設定されていない年度は算定しない", () => {
    expect(() => unitPersonnelCostFor(2026, settings)).toThrow(
      "令和8年度の人件費単価が設定されていません",
    );
  });
  it("円未満は種別ごとに四捨五入する: 0.33人×7,777,777円 = 2,566,666.41円 → 2,566,666円", () => {
    const unit = { regular: 7_777_777, partTime: 3 };
    expect(staffCost({ regular: 0.33, partTime: 0.5 }, unit)).toEqual({
      regular: 2_566_666,
      partTime: 2, // 1.5 → 2
      total: 2_566_668,
    });
  });
  it("従事職員数は小数第2位まで、正確に足す（0.1人＋0.2人＝0.3人）", () => {
    expect(staffFte({ regular: 0.1, partTime: 0.2 })).toBe(0.3);
    expect(fteHundredths(0.07)).toBe(7);
    expect(fteHundredths(0.125)).toBeNull();
    expect(fteHundredths(-1)).toBeNull();
    expect(() => staffFte({ regular: 0.125, partTime: 0 })).toThrow(/正規職員の従事職員数/);
  });
  it("人件費の誤差は種別ごとに0.5円以内で、内訳の合計が人件費になる", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 10_000 }),
        fc.integer({ min: 0, max: 20_000_000 }),
        fc.integer({ min: 0, max: 20_000_000 }),
        (r, p, regular, partTime) => {
          const cost = staffCost({ regular: r / 100, partTime: p / 100 }, { regular, partTime });
          expect(Math.abs(cost.regular * 100 - r * regular)).toBeLessThanOrEqual(50);
          expect(Math.abs(cost.partTime * 100 - p * partTime)).toBeLessThanOrEqual(50);
          expect(cost.total).toBe(cost.regular + cost.partTime);
        },
      ),
    );
  });
});

describe("総コスト", () => {
  it("総コストは事業費＋人件費: 令和5年度は1,150万円＋700万円＝1,850万円", () => {
    expect(yearCost(closed, settings)).toEqual({
      fiscalYear: 2023,
      basis: "settlement",
      programCost: 1_150 * MAN,
      staffCost: { regular: 400 * MAN, partTime: 300 * MAN, total: 700 * MAN },
      staffFte: 1.7,
      totalCost: 1_850 * MAN,
    });
  });
  it("令和6年度は最終予算1,200万円＋人件費（0.5人×820万円＋1.2人×260万円）", () => {
    const cost = yearCost(open, settings);
    expect(cost.staffCost.total).toBe(410 * MAN + 312 * MAN);
    expect(cost.totalCost).toBe(1_200 * MAN + 722 * MAN);
  });
  it("総コストは常に事業費と人件費の和", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 0, max: 5_000 }),
        fc.integer({ min: 0, max: 5_000 }),
        (finalBudget, r, p) => {
          const y = { ...open, finalBudget, staff: { regular: r / 100, partTime: p / 100 } };
          const cost = yearCost(y, settings);
          expect(cost.totalCost).toBe(finalBudget + cost.staffCost.total);
          expect(cost.staffFte * 100).toBeCloseTo(r + p, 9);
        },
      ),
    );
  });
});

describe("財源内訳", () => {
  it("合計が事業費と一致すれば問題はない", () => {
    expect(checkFunding(closed.funding, 1_150 * MAN)).toEqual([]);
  });
  it("合計が事業費と一致しなければ、金額を示して指摘する", () => {
    expect(checkFunding(funding(1_200_000), 1_000_000)).toEqual([
      {
        location: "funding",
        message: "財源内訳の合計（1,200,000円）が事業費（1,000,000円）と一致しません",
      },
    ]);
  });
  it("負の額や円未満の額は、その財源を示して指摘する", () => {
    const bad = { ...funding(1_000), bonds: -1, otherSpecific: 0.5 };
    expect(checkFunding(bad, 1_000).map((i) => i.location)).toEqual([
      "funding.bonds",
      "funding.otherSpecific",
    ]);
    expect(checkFunding(bad, 1_000)[0]!.message).toBe(
      "地方債は0以上の整数（円）で入力してください（-1）",
    );
  });
});

describe("年度ごとの検証", () => {
  it("正しい年度には指摘がない", () => {
    expect(checkProgramYear(closed, settings)).toEqual([]);
    expect(checkProgramYear(open, settings)).toEqual([]);
  });
  it("未確定の年度の財源内訳は最終予算額と照合し、年度を付けて指摘する", () => {
    expect(checkProgramYear({ ...open, funding: closed.funding }, settings)).toEqual([
      {
        location: "years.2024.funding",
        message: "令和6年度の財源内訳の合計（11,500,000円）が事業費（12,000,000円）と一致しません",
      },
    ]);
  });
  it("決算額の欠け、単価の未設定、従事職員数の誤りをまとめて指摘する", () => {
    const y = {
      ...closed,
      fiscalYear: 2022,
      settlement: null,
      staff: { regular: -1, partTime: 0 },
    };
    expect(checkProgramYear(y, settings)).toEqual([
      {
        location: "years.2022.staff.regular",
        message:
          "令和4年度の正規職員の従事職員数は0以上、小数第2位までの数で入力してください（-1）",
      },
      {
        location: "years.2022.settlement",
        message: "令和4年度の決算額が入力されていません（決算確定済みの年度です）",
      },
      {
        location: "settings.unitPersonnelCosts.2022",
        message: "令和4年度の人件費単価が設定されていません",
      },
    ]);
  });
  it("額の誤りは項目名で指摘する", () => {
    const issues = checkProgramYear({ ...open, initialBudget: 1.5 }, settings);
    expect(issues).toEqual([
      {
        location: "years.2024.initialBudget",
        message: "令和6年度の当初予算額は0以上の整数（円）で入力してください（1.5）",
      },
    ]);
  });
});

describe("単位当たりコスト", () => {
  it("総コスト1,000万円で活動実績250件なら1件当たり4万円", () => {
    expect(unitCost(1_000 * MAN, 250)).toBe(4 * MAN);
  });
  it("実績がない、または0なら算出しない", () => {
    expect(unitCost(1_000 * MAN, null)).toBeNull();
    expect(unitCost(1_000 * MAN, undefined)).toBeNull();
    expect(unitCost(1_000 * MAN, 0)).toBeNull();
  });
  it("負の実績は受け付けない", () => {
    expect(() => unitCost(1_000 * MAN, -1)).toThrow(/活動指標の実績値/);
  });
  it("単位当たりコスト×実績は総コストに戻る", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e12 }),
        fc.integer({ min: 1, max: 1e7 }),
        (total, actual) => {
          expect(unitCost(total, actual)! * actual).toBeCloseTo(total, 0);
        },
      ),
    );
  });
});

it("職員の種別は正規職員と会計年度任用職員", () => {
  expect(STAFF_KINDS).toEqual(["regular", "partTime"]);
});
