/**
 * Indicators the voice module fills itself: their actuals are computed from letters and staff
 * proposals (origin "computed", the formula as the source), never typed.
 */
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "../core/db/client.ts";
import { indicatorActuals, indicators } from "../indicators/schema.ts";
import { isProposalShareIndicator, proposalShare, shareSource } from "./proposal-share.ts";
import { letters } from "./schema.ts";

/**
 * Writes computed actuals (origin "computed", the formula as the source) of one indicator,
 * one per fiscal year; a row changes only when its value or source does.
 */
export async function fillComputedActuals(
  tx: Tx,
  mc: string,
  indicatorId: number,
  years: { fiscalYear: number; value: number; source: string }[],
) {
  for (const y of years) {
    const values = { value: y.value, origin: "computed" as const, source: y.source, note: null };
    await tx
      .insert(indicatorActuals)
      .values({
        municipalityCode: mc,
        indicatorId,
        fiscalYear: y.fiscalYear,
        publishedAt: new Date(),
        ...values,
      })
      .onConflictDoUpdate({
        target: [indicatorActuals.indicatorId, indicatorActuals.fiscalYear],
        set: {
          ...values,
          publishedAt: new Date(),
          version: sql`${indicatorActuals.version} + 1`,
        },
        setWhere: sql`${indicatorActuals.value} is distinct from excluded.value or ${indicatorActuals.source} is distinct from excluded.source or ${indicatorActuals.origin} <> 'computed'`,
      });
  }
}

/** The registry's indicators of the municipality that a predicate picks. */
export async function indicatorsWhere(
  tx: Tx,
  mc: string,
  pick: (i: { name: string; definition: string | null }) => boolean,
) {
  return (
    await tx
      .select({ id: indicators.id, name: indicators.name, definition: indicators.definition })
      .from(indicators)
      .where(eq(indicators.municipalityCode, mc))
  ).filter(pick);
}

/**
 * Fills the proposal share indicator (origin "computed") for every fiscal year with letters,
 * from each letter's current kind. Only letters from the form count (not proposals raised at
 * town meetings). Does nothing when the registry has no such indicator.
 */
export async function recomputeShare(tx: Tx, mc: string) {
  const found = await indicatorsWhere(tx, mc, isProposalShareIndicator);
  if (found.length === 0) return [];
  const years = proposalShare(
    await tx
      .select({ fiscalYear: letters.fiscalYear, kind: letters.kind })
      .from(letters)
      .where(and(eq(letters.municipalityCode, mc), eq(letters.source, "letter"))),
  );
  for (const indicator of found)
    await fillComputedActuals(
      tx,
      mc,
      indicator.id,
      years.map((y) => ({ fiscalYear: y.fiscalYear, value: y.percent, source: shareSource(y) })),
    );
  return years;
}
