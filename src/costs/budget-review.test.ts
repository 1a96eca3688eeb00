import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DIRECTIONS, type Direction } from "../evaluations/index.ts";
import {
  type BudgetRequest,
  budgetReviewRows,
  contradictionReport,
  reviewRequest,
  SHRINKING_DIRECTIONS,
} from "./budget-review.ts";

const MAN = 10_000;
const request = (
  programKey: string,
  direction: Direction | null,
  baseBudget: number,
  requestedBudget: number,
): BudgetRequest => ({
  programKey,
  programName: `事業 ${programKey}`,
  fiscalYear: 2025,
  baseBudget,
  requestedBudget,
  direction,
});

describe("要求額と方向性", () => {
  it("方向性が縮小なのに要求額が増えていれば、金額と増加率を示して指摘する", () => {
    expect(reviewRequest(request("01-02-01-01-004", "reduce", 100 * MAN, 120 * MAN))).toEqual({
      ...request("01-02-01-01-004", "reduce", 100 * MAN, 120 * MAN),
      change: 20 * MAN,
      changeRate: 20,
      contradicts: true,
      message:
        "今後の方向性は「縮小」ですが、令和7年度の要求額（1,200,000円）が前年度当初予算額（1,000,000円）より200,000円（20.0%）増えています",
    });
  });
  it("前年度に予算がなかった事業の要求は、増加率なしで指摘する", () => {
    const row = reviewRequest(request("A", "abolish", 0, 50 * MAN));
    expect(row.changeRate).toBeNull();
    expect(row.message).toBe(
      "今後の方向性は「廃止」ですが、令和7年度の要求額（500,000円）が前年度当初予算額（0円）より500,000円増えています",
    );
  });
  it("縮小・休止・廃止でも、要求額が同額以下なら指摘しない", () => {
    expect(reviewRequest(request("A", "suspend", 100 * MAN, 100 * MAN)).contradicts).toBe(false);
    expect(reviewRequest(request("A", "reduce", 100 * MAN, 80 * MAN))).toMatchObject({
      change: -20 * MAN,
      changeRate: -20,
      contradicts: false,
      message: null,
    });
  });
  it("拡充・継続・改善・統合や、方向性のない事業は、増えても指摘しない", () => {
    for (const d of ["expand", "continue", "improve", "merge", null] as const)
      expect(reviewRequest(request("A", d, 100 * MAN, 200 * MAN)).contradicts).toBe(false);
  });
  it("円単位の整数でない額は、事務事業を示して受け付けない", () => {
    expect(() => reviewRequest(request("A", "reduce", 100, -1))).toThrow(
      "事務事業 A の要求額は0以上の整数（円）で指定してください: -1",
    );
  });
});

describe("査定の一覧と報告", () => {
  const requests = [
    request("03", "reduce", 100 * MAN, 110 * MAN),
    request("01", "continue", 100 * MAN, 300 * MAN),
    request("02", "abolish", 100 * MAN, 150 * MAN),
    request("04", "suspend", 100 * MAN, 110 * MAN),
  ];
  it("一覧はすべての事業を与えた順に並べる", () => {
    expect(budgetReviewRows(requests).map((r) => r.programKey)).toEqual(["03", "01", "02", "04"]);
  });
  it("報告は矛盾する事業だけを、増加額の大きい順（同額なら事業コード順）に並べる", () => {
    expect(contradictionReport(requests).map((r) => r.programKey)).toEqual(["02", "03", "04"]);
  });
  it("報告に載るのは、要求額が増え方向性が縮小・休止・廃止の事業ちょうど", () => {
    const arbitrary = fc.record({
      programKey: fc.string(),
      programName: fc.string(),
      fiscalYear: fc.integer({ min: 2020, max: 2030 }),
      baseBudget: fc.integer({ min: 0, max: 1e12 }),
      requestedBudget: fc.integer({ min: 0, max: 1e12 }),
      direction: fc.constantFrom<Direction | null>(...DIRECTIONS, null),
    });
    fc.assert(
      fc.property(fc.array(arbitrary, { maxLength: 20 }), (list) => {
        const expected = list.filter(
          (r) =>
            r.requestedBudget > r.baseBudget &&
            r.direction !== null &&
            SHRINKING_DIRECTIONS.includes(r.direction),
        );
        const report = contradictionReport(list);
        expect(report).toHaveLength(expected.length);
        for (let i = 1; i < report.length; i++)
          expect(report[i - 1]!.change).toBeGreaterThanOrEqual(report[i]!.change);
      }),
    );
  });
});
