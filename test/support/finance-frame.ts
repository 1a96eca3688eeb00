import type { FrameYear } from "../../src/finance/frame.ts";
import type { ProjectedYear } from "../../src/finance/frame-projection.ts";
import { basicScenario, type ScenarioAssumptions } from "../../src/finance/frame-scenario.ts";

/**
 * テスト用の架空の数値: 人口7万人規模の市を想定し、歳入・歳出とも約310億円、市税100億円。
 * 実在の市の予算・決算ではない。円未満の四捨五入が効くよう、譲与税・交付金とその他に端数を置く。
 */

export const budget2024: FrameYear = {
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
export const settled2023: FrameYear = { ...budget2024, fiscalYear: 2023, kind: "settled" };

/** 基本の前提 (これも架空). */
export const assumptions: ScenarioAssumptions = {
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
export const basic = basicScenario(assumptions);

export const pick = (years: ProjectedYear[], f: (y: ProjectedYear) => unknown) => years.map(f);

export function deepFreeze(value: unknown): void {
  if (typeof value !== "object" || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const v of Object.values(value)) deepFreeze(v);
}
