/**
 * Publishing drafts of actuals: the check and the write that publishing/publish runs for the
 * actuals a planner has seen, and the public correction history that publishing leaves.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { type Actor, audit } from "../core/audit.ts";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import type { ErrorDetail } from "../core/errors.ts";
import { fiscalYearLabel } from "../core/fiscal-year.ts";
import { actualLocked, readReopenings, readRounds } from "../reporting/index.ts";
import { readState, shown } from "./drafts.ts";
import { isCorrection, type PublishedActual, refusal } from "./entry.ts";
import { actualCorrections, actualDrafts, indicatorActuals, indicators } from "./schema.ts";

/**
 * Checks the drafts of actuals a planner has seen (id → the version shown) and returns the
 * problems and a commit that publishes them; the caller throws on problems, so that nothing is
 * published then (see publishing/publish).
 */
export async function prepareActualPublish(
  tx: Tx,
  mc: string,
  actor: Actor,
  seen: ReadonlyMap<number, number>,
) {
  const drafts = seen.size
    ? await tx
        .select({ draft: actualDrafts, code: indicators.code })
        .from(actualDrafts)
        .innerJoin(indicators, eq(indicators.id, actualDrafts.indicatorId))
        .where(
          and(eq(actualDrafts.municipalityCode, mc), inArray(actualDrafts.id, [...seen.keys()])),
        )
        .for("update", { of: actualDrafts })
    : [];
  const [rounds, reopenings] = await Promise.all([readRounds(tx, mc), readReopenings(tx, mc)]);
  const problems: ErrorDetail[] = [];
  for (const id of seen.keys())
    if (!drafts.some((d) => d.draft.id === id))
      problems.push({ location: `draft ${id}`, message: "公開済みか取り消された下書きです" });
  const states: {
    draft: typeof actualDrafts.$inferSelect;
    code: string;
    published: PublishedActual | undefined;
  }[] = [];
  for (const { draft, code } of drafts) {
    const where = `${code} ${fiscalYearLabel(draft.fiscalYear)}`;
    const { published } = await readState(tx, draft.indicatorId, draft.fiscalYear);
    if (draft.version !== seen.get(draft.id))
      problems.push({ location: where, message: "確認した後に下書きが更新されました" });
    else if (actualLocked(draft.fiscalYear, draft.indicatorId, rounds, reopenings))
      problems.push({
        location: where,
        message: refusal("year_closed", { indicatorCode: code, fiscalYear: draft.fiscalYear })
          .message,
      });
    else if (draft.baseVersion !== (published?.version ?? 0))
      problems.push({
        location: where,
        message: "下書きを作った後に公開値が変わりました。入力し直してください",
      });
    states.push({ draft, code, published });
  }
  const commit = async () => {
    const now = new Date();
    for (const { draft, code, published } of states) {
      await tx
        .insert(indicatorActuals)
        .values({
          municipalityCode: mc,
          indicatorId: draft.indicatorId,
          fiscalYear: draft.fiscalYear,
          value: draft.value,
          note: draft.note,
          text: draft.text,
          done: draft.done,
          asOf: draft.asOf,
          estimate: draft.estimate,
          origin: "entered",
          publishedAt: now,
        })
        .onConflictDoUpdate({
          target: [
            indicatorActuals.indicatorId,
            indicatorActuals.fiscalYear,
            indicatorActuals.municipalityCode,
          ],
          set: {
            value: draft.value,
            note: draft.note,
            text: draft.text,
            done: draft.done,
            asOf: draft.asOf,
            estimate: draft.estimate,
            publishedAt: now,
            version: sql`${indicatorActuals.version} + 1`,
          },
        });
      if (isCorrection(draft, published))
        await tx.insert(actualCorrections).values({
          municipalityCode: mc,
          indicatorId: draft.indicatorId,
          fiscalYear: draft.fiscalYear,
          oldValue: published!.value,
          newValue: draft.value,
          oldNote: published!.note,
          newNote: draft.note,
          reason: draft.reason ?? "",
          correctedAt: now,
        });
      await tx.delete(actualDrafts).where(eq(actualDrafts.id, draft.id));
      await audit(tx, actor, {
        municipality: mc,
        action: "actual.publish",
        recordType: "indicator_actual",
        recordKey: `${code}/${draft.fiscalYear}`,
        before: shown(published),
        after: { ...shown(draft), reason: draft.reason, by: draft.updatedBy },
      });
    }
    return states.length;
  };
  /** The indicators whose published values the commit changes. */
  const indicatorIds = [...new Set(states.map((s) => s.draft.indicatorId))];
  return { problems, commit, indicatorIds };
}

export interface Correction {
  fiscalYear: number;
  oldValue: number | null;
  newValue: number | null;
  oldNote: string | null;
  newNote: string | null;
  reason: string;
  correctedAt: Date;
}

/** The public correction history of one indicator, newest first. */
export function correctionsOf(db: Db, mc: string, indicatorId: number): Promise<Correction[]> {
  return withTenant(db, mc, (tx) =>
    tx
      .select({
        fiscalYear: actualCorrections.fiscalYear,
        oldValue: actualCorrections.oldValue,
        newValue: actualCorrections.newValue,
        oldNote: actualCorrections.oldNote,
        newNote: actualCorrections.newNote,
        reason: actualCorrections.reason,
        correctedAt: actualCorrections.correctedAt,
      })
      .from(actualCorrections)
      .where(
        and(
          eq(actualCorrections.municipalityCode, mc),
          eq(actualCorrections.indicatorId, indicatorId),
        ),
      )
      .orderBy(sql`${actualCorrections.correctedAt} desc, ${actualCorrections.id} desc`),
  );
}
