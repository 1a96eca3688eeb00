/**
 * Indicators the voice module fills itself: their actuals are computed from letters and staff
 * proposals (origin "computed", the formula as the source), never typed; written through
 * indicators' recordComputedActuals (a year in progress is shown as 集計中).
 */
import { and, eq } from "drizzle-orm";
import type { Change } from "../core/changes.ts";
import type { Tx } from "../core/db/client.ts";
import {
  type ComputedOptions,
  indicatorsWhere,
  recordComputedActuals,
} from "../indicators/index.ts";
import { isProposalShareIndicator, proposalShare, shareSource } from "./proposal-share.ts";
import { letters } from "./schema.ts";

/** A change of letters that touched no indicator (core/changes.ts). */
export const LETTERS_ONLY: Change = { topic: "letters", indicatorIds: [] };

/**
 * Computes the proposal share indicator for every fiscal year with letters,
 * from each letter's current kind. Only letters from the form count (not proposals raised at
 * town meetings). Does nothing when the registry has no such indicator. Returns the change to
 * announce (the indicators recomputed).
 */
export async function recomputeShare(
  tx: Tx,
  mc: string,
  options: ComputedOptions = {},
): Promise<Change> {
  const found = await indicatorsWhere(tx, mc, isProposalShareIndicator);
  if (found.length === 0) return LETTERS_ONLY;
  const years = proposalShare(
    await tx
      .select({ fiscalYear: letters.fiscalYear, kind: letters.kind })
      .from(letters)
      .where(and(eq(letters.municipalityCode, mc), eq(letters.source, "letter"))),
  );
  for (const indicator of found)
    await recordComputedActuals(
      tx,
      mc,
      indicator.id,
      years.map((y) => ({
        fiscalYear: y.fiscalYear,
        value: y.percent,
        source: shareSource(y),
        recordsPath: `/${mc}/letters`,
      })),
      options,
    );
  return { topic: "letters", indicatorIds: found.map((i) => i.id) };
}
