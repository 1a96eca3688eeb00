/**
 * Made-up soundness components for tests (not any city's figures): 標準財政規模160億円, every
 * ratio computable, the three years of debt service ending in `fiscalYear`.
 */
import type { SoundnessComponents } from "../../src/finance/components.ts";

const OKU = 100_000_000;

export const fullComponents = (fiscalYear: number): SoundnessComponents => ({
  standardFiscalScale: 160 * OKU,
  includedDebtService: 10 * OKU,
  realDeficit: -8 * OKU,
  accounts: [
    { name: "一般会計", kind: "general", deficit: -8 * OKU },
    { name: "下水道事業", kind: "public_enterprise", deficit: 1.6 * OKU },
  ],
  debtService: [fiscalYear - 2, fiscalYear - 1, fiscalYear].map((year) => ({
    fiscalYear: year,
    principalAndInterest: 20 * OKU,
    quasiPrincipalAndInterest: 2 * OKU,
    specificRevenue: 1 * OKU,
    includedDebtService: 9 * OKU,
    standardFiscalScale: 159 * OKU,
  })),
  futureBurden: {
    localBondBalance: 300 * OKU,
    debtBurdenActExpenditure: 10 * OKU,
    publicEnterpriseBondTransfers: 40 * OKU,
    jointAuthorityBurden: 5 * OKU,
    retirementAllowanceBurden: 25 * OKU,
    establishedCorporationLiabilities: 0,
    consolidatedRealDeficit: 0,
    jointAuthorityConsolidatedDeficitBurden: 0,
  },
  offsets: {
    availableFunds: 100 * OKU,
    specificRevenueOutlook: 30 * OKU,
    includedBondDemandOutlook: 200 * OKU,
  },
});
