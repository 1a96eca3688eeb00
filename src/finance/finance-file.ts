/**
 * The finance file of a municipality (data/municipalities/<code>/finance/soundness.yaml): the
 * soundness ratios per fiscal year as published (reported) — components come later — and which
 * indicators of the plans show them, so that their actuals are filled from here, never typed twice.
 */
import { z } from "zod";
import { FiscalYearNumber, StableCode } from "../plan/index.ts";

export const RATIO_KINDS = [
  "realDeficit",
  "consolidatedRealDeficit",
  "realDebtService",
  "futureBurden",
] as const;
const RatioKind = z.enum(RATIO_KINDS);

export const SoundnessYear = z.object({
  fiscalYear: FiscalYearNumber,
  /** Where the figures were published (document, page). */
  source: z.string().min(1),
  /** Published ratios in percent; null where the body published 「−」. */
  reported: z.partialRecord(RatioKind, z.number().nullable()),
  note: z.string().min(1).optional(),
});

/** A figure a plan or report prints about the finances, kept as printed (often approximate). */
export const PublishedFigures = z.object({
  fiscalYear: FiscalYearNumber,
  source: z.string().min(1),
  figures: z.array(z.object({ label: z.string().min(1), text: z.string().min(1) })).min(1),
});

/** A text block of a plan node to show on the finance page (e.g. 「基金」とは). */
export const ExplanationRef = z.object({ node: StableCode, title: z.string().min(1) });

export const FinanceFile = z.object({
  municipality: z.string().regex(/^\d{6}$/),
  /** How a surplus (negative deficit ratio) is shown: −5.76, △5.76 or −. */
  surplusDisplay: z.enum(["minus", "triangle", "dash"]).default("minus"),
  /** The plan indicators that show each ratio. */
  indicators: z.partialRecord(RatioKind, StableCode).default({}),
  soundness: z.array(SoundnessYear).default([]),
  /** Published overall figures (歳入, 市税, 自主財源比率 …) as printed. */
  overview: z.array(PublishedFigures).default([]),
  explanations: z.array(ExplanationRef).default([]),
});
export type FinanceFile = z.infer<typeof FinanceFile>;
export type PublishedFigures = z.infer<typeof PublishedFigures>;
export type ExplanationRef = z.infer<typeof ExplanationRef>;
