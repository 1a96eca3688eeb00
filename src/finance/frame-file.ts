/**
 * The frame file of a municipality (data/municipalities/<code>/finance/frame.yaml): the settled
 * (決算) and budget (予算) years of its 財政フレーム, and the scenarios 基本 and 慎重 the projection
 * runs on. Amounts are yen. Every year and scenario says whether it is sample data and where it
 * comes from; the ranges and cross-field rules are the pure ones of frame.ts / frame-scenario.ts,
 * checked by the import so that there is one rule in one place.
 */
import { z } from "zod";
import { FiscalYearNumber } from "../plan/index.ts";
import { EXPENDITURE_CATEGORIES, FUND_KINDS, REVENUE_CATEGORIES } from "./frame.ts";
import { GROWN_EXPENDITURE_CATEGORIES, GROWN_REVENUE_CATEGORIES } from "./frame-scenario.ts";

const Amount = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const Rate = z.number().min(-0.5).max(0.5);
const YearKey = z.string().regex(/^\d{4}$/, "年度は西暦4桁で書いてください");
const ByYear = <T extends z.ZodType>(value: T) => z.record(YearKey, value);
const Text = z.string().min(1);

const FundYear = z.strictObject({
  closing: Amount,
  deposits: Amount.optional(),
  drawdowns: Amount.optional(),
});

export const FrameFileYear = z.strictObject({
  fiscalYear: FiscalYearNumber,
  kind: z.enum(["settled", "budget"]),
  /** true: figures made up for the demo (shown as 「サンプル」); false: published figures. */
  sample: z.boolean(),
  source: Text,
  revenue: z.record(z.enum(REVENUE_CATEGORIES), Amount),
  extraordinaryFiscalBonds: Amount.default(0),
  expenditure: z.record(z.enum(EXPENDITURE_CATEGORIES), Amount),
  /** 年度末現在高 of the funds (and the year's movements where known). */
  funds: z.partialRecord(z.enum(FUND_KINDS), FundYear).optional(),
  population: z.number().int().min(1).optional(),
  standardFiscalScale: Amount.optional(),
  /** Published approximate figures of the year, as printed, with their source. */
  published: z
    .strictObject({
      source: Text,
      figures: z.array(z.strictObject({ label: Text, text: Text })).min(1),
    })
    .optional(),
  note: Text.optional(),
});

const FundMovement = z.strictObject({ deposit: Amount.optional(), drawdown: Amount.optional() });

export const FrameAssumptions = z.strictObject({
  revenueGrowth: z.record(z.enum(GROWN_REVENUE_CATEGORIES), Rate),
  expenditureGrowth: z.record(z.enum(GROWN_EXPENDITURE_CATEGORIES), Rate),
  plannedBorrowing: ByYear(Amount).optional(),
  plannedExtraordinaryFiscalBonds: ByYear(Amount).optional(),
  plannedDebtService: ByYear(Amount).optional(),
  debtServiceRule: z
    .strictObject({
      existing: ByYear(Amount),
      termYears: z.number().int().min(1).max(60),
      graceYears: z.number().int().min(0).max(59),
      interestRate: z.number().min(0).max(0.5),
    })
    .optional(),
  population: z
    .discriminatedUnion("kind", [
      z.strictObject({ kind: z.literal("byYear"), byYear: ByYear(z.number().int().min(1)) }),
      z.strictObject({ kind: z.literal("rate"), base: z.number().int().min(1), annualRate: Rate }),
    ])
    .optional(),
  funds: z.strictObject({
    opening: z.record(z.enum(FUND_KINDS), Amount),
    plan: ByYear(z.partialRecord(z.enum(FUND_KINDS), FundMovement)).optional(),
  }),
  standardFiscalScale: ByYear(Amount).optional(),
  gapRule: z
    .strictObject({
      minimumBalance: Amount.optional(),
      surplusTo: z.enum(["fiscalAdjustment", "debtReduction"]).optional(),
    })
    .optional(),
  soundnessInputs: z
    .strictObject({
      quasiPrincipalAndInterest: ByYear(Amount),
      specificRevenue: ByYear(Amount),
      includedDebtService: ByYear(Amount),
    })
    .optional(),
});

const ScenarioMeta = {
  sample: z.boolean(),
  source: Text,
  note: Text.optional(),
};

export const FrameFile = z.strictObject({
  municipality: z.string().regex(/^\d{6}$/),
  years: z.array(FrameFileYear).min(1),
  scenarios: z.strictObject({
    /** 基本: the assumptions as stated, projected through `untilFiscalYear`. */
    basic: z.strictObject({
      ...ScenarioMeta,
      untilFiscalYear: FiscalYearNumber,
      assumptions: FrameAssumptions,
    }),
    /** 慎重: 基本 with 市税 growing less and 扶助費 more (frame-scenario.ts `prudentFrom`). */
    prudent: z.strictObject({
      ...ScenarioMeta,
      deltas: z.strictObject({
        cityTaxGrowthDelta: z.number().min(-0.5).max(0),
        socialAssistanceGrowthDelta: z.number().min(0).max(0.5),
      }),
    }),
  }),
});
export type FrameFile = z.infer<typeof FrameFile>;
export type FrameFileYear = z.infer<typeof FrameFileYear>;
