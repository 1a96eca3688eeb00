/** Properties of the projection under random assumptions (generated, not any city's figures). */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addRates,
  EXPENDITURE_CATEGORIES,
  type FrameYear,
  FUND_KINDS,
  type FundKind,
  REVENUE_CATEGORIES,
} from "./frame.ts";
import { type ProjectedYear, project } from "./frame-projection.ts";
import { basicScenario, type Scenario } from "./frame-scenario.ts";

const amount = (max: number) => fc.integer({ min: 0, max });
const growth = fc.integer({ min: -100, max: 100 }).map((permille) => permille / 1000);
const recordOf = <K extends string>(keys: readonly K[], arb: fc.Arbitrary<number>) =>
  fc
    .tuple(...keys.map(() => arb))
    .map((values) => Object.fromEntries(keys.map((k, i) => [k, values[i]!])) as Record<K, number>);

const HORIZON = 6;
const baseYear = fc
  .record({
    revenue: recordOf(REVENUE_CATEGORIES, amount(5e10)),
    expenditure: recordOf(EXPENDITURE_CATEGORIES, amount(5e10)),
    share: fc.integer({ min: 0, max: 100 }),
  })
  .map(
    ({ revenue, expenditure, share }): FrameYear => ({
      fiscalYear: 2024,
      kind: "budget",
      revenue,
      expenditure,
      extraordinaryFiscalBonds: Math.floor((revenue.localBonds * share) / 100),
    }),
  );

const scenario = fc
  .record({
    revenueGrowth: recordOf(
      REVENUE_CATEGORIES.filter((c) => c !== "transfersFromFunds"),
      growth,
    ),
    expenditureGrowth: recordOf(
      EXPENDITURE_CATEGORIES.filter((c) => c !== "fundDeposits"),
      growth,
    ),
    borrowing: fc.array(fc.option(amount(5e9)), { minLength: HORIZON, maxLength: HORIZON }),
    opening: recordOf(FUND_KINDS, amount(1e10)),
    deposits: fc.array(recordOf(FUND_KINDS, amount(1e9)), {
      minLength: HORIZON,
      maxLength: HORIZON,
    }),
    drawShares: fc.array(fc.integer({ min: 0, max: 100 }), {
      minLength: HORIZON,
      maxLength: HORIZON,
    }),
    minimumBalance: fc.option(amount(5e9)),
    surplusTo: fc.constantFrom("fiscalAdjustment", "debtReduction") as fc.Arbitrary<
      "fiscalAdjustment" | "debtReduction"
    >,
  })
  .map((s): Scenario => {
    // 特定目的基金・減債基金の計画取崩しは、年度当初残高の 1/HORIZON 以内（計画で負にならない）
    const plan: Record<
      number,
      Partial<Record<FundKind, { deposit: number; drawdown?: number }>>
    > = {};
    s.deposits.forEach((d, i) => {
      const draw = (f: FundKind) => Math.floor((s.opening[f] * s.drawShares[i]!) / 100 / HORIZON);
      plan[2025 + i] = {
        fiscalAdjustment: { deposit: d.fiscalAdjustment },
        debtReduction: { deposit: d.debtReduction, drawdown: draw("debtReduction") },
        otherSpecific: { deposit: d.otherSpecific, drawdown: draw("otherSpecific") },
      };
    });
    const plannedBorrowing: Record<number, number> = {};
    s.borrowing.forEach((b, i) => {
      if (b !== null) plannedBorrowing[2025 + i] = b;
    });
    return basicScenario({
      revenueGrowth: s.revenueGrowth,
      expenditureGrowth: s.expenditureGrowth,
      plannedBorrowing,
      funds: { opening: s.opening, plan },
      gapRule: { minimumBalance: s.minimumBalance ?? undefined, surplusTo: s.surplusTo },
    });
  });

const sumFunds = (y: ProjectedYear, f: (r: ProjectedYear["funds"][FundKind]) => number) =>
  FUND_KINDS.reduce((acc, k) => acc + f(y.funds[k]), 0);

describe("性質（ランダムな前提で）", () => {
  it("基金残高は負にならず、年度末 = 年度当初 + 積立 − 取崩し、翌年度の年度当初に繰り越す", () => {
    fc.assert(
      fc.property(baseYear, scenario, fc.integer({ min: 1, max: HORIZON }), (base, s, n) => {
        const years = project([base], s, 2024 + n);
        expect(years).toHaveLength(n);
        let opening = s.funds.opening;
        for (const y of years) {
          for (const f of FUND_KINDS) {
            const roll = y.funds[f];
            expect(roll.closing).toBeGreaterThanOrEqual(0);
            expect(roll.closing).toBe(roll.opening + roll.deposits - roll.drawdowns);
            expect(roll.opening).toBe(opening[f]);
          }
          opening = Object.fromEntries(FUND_KINDS.map((f) => [f, y.funds[f].closing])) as Record<
            FundKind,
            number
          >;
        }
      }),
    );
  });

  it("歳入 − 歳出 = 収支の調整による基金の増減 − 収支不足（円単位で正確に）", () => {
    fc.assert(
      fc.property(baseYear, scenario, (base, s) => {
        let cumulative = 0;
        for (const y of project([base], s, 2024 + HORIZON)) {
          expect(y.gap).toBe(y.totalRevenue - y.totalExpenditure);
          expect(y.gap).toBe(y.gapClosing.deposit - y.gapClosing.drawdown - y.shortfall);
          expect(y.shortfall).toBeGreaterThanOrEqual(0);
          // 基金の出入りを除いた収支 = すべての基金の増減 − 収支不足
          const net =
            y.totalRevenue -
            y.revenue.transfersFromFunds -
            (y.totalExpenditure - y.expenditure.fundDeposits);
          expect(net).toBe(sumFunds(y, (r) => r.closing - r.opening) - y.shortfall);
          cumulative += y.shortfall;
          expect(y.cumulativeShortfall).toBe(cumulative);
          expect(y.extraordinaryFiscalBonds).toBeLessThanOrEqual(y.revenue.localBonds);
        }
      }),
    );
  });

  it("収支不足が出るのは財調を下限まで取り崩した年度だけ", () => {
    fc.assert(
      fc.property(baseYear, scenario, (base, s) => {
        const floor = s.gapRule?.minimumBalance ?? 0;
        for (const y of project([base], s, 2024 + HORIZON)) {
          if (y.shortfall > 0)
            expect(y.funds.fiscalAdjustment.closing).toBe(
              Math.min(floor, y.funds.fiscalAdjustment.closing + y.gapClosing.drawdown),
            );
        }
      }),
    );
  });

  it("市税の伸びを上げると、財調の取崩しと収支不足は増えず、財調残高は減らない", () => {
    fc.assert(
      fc.property(baseYear, scenario, fc.integer({ min: 0, max: 50 }), (base, s, more) => {
        const higher = {
          ...s,
          revenueGrowth: {
            ...s.revenueGrowth,
            cityTax: addRates(s.revenueGrowth.cityTax, more / 1000),
          },
        };
        const a = project([base], s, 2024 + HORIZON);
        const b = project([base], higher, 2024 + HORIZON);
        expect(b[0]!.gapClosing.drawdown).toBeLessThanOrEqual(a[0]!.gapClosing.drawdown);
        a.forEach((y, i) => {
          expect(b[i]!.funds.fiscalAdjustment.closing).toBeGreaterThanOrEqual(
            y.funds.fiscalAdjustment.closing,
          );
          expect(b[i]!.cumulativeShortfall).toBeLessThanOrEqual(y.cumulativeShortfall);
        });
      }),
    );
  });
});
