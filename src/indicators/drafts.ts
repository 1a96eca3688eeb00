/**
 * Drafts of actuals and their publication. Staff (and API tokens) write drafts; a planner
 * publishes them, which is the only way a value entered by hand reaches the portal and the
 * public API. Every write is one transaction with its audit entry.
 */
import { and, asc, eq } from "drizzle-orm";
import { mayUpdateFor, type Principal } from "../accounts/index.ts";
import { type Actor, audit } from "../core/audit.ts";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { AppError } from "../core/errors.ts";
import { reportable } from "../core/reporting-years.ts";
import { readReopenings, readRounds } from "../reporting/index.ts";
import {
  checkActualEntry,
  type DraftActual,
  type EntryInput,
  type Expected,
  isCorrection,
  isStale,
  type PublishedActual,
  refusal,
  refusedError,
  sameAsPublished,
} from "./entry.ts";
import { loadFeeds } from "./feeds.ts";
import { loadOwners, type Owner } from "./owners.ts";
import { actualDrafts, indicatorActuals, indicators } from "./schema.ts";

export interface ActualRef {
  indicatorCode: string;
  fiscalYear: number;
}

export type SaveResult =
  | { status: "saved"; draft: DraftActual }
  /** The entry equals what is published: the draft, if any, was dropped. */
  | { status: "unchanged" }
  | {
      status: "conflict";
      published: PublishedActual | undefined;
      draft: DraftActual | undefined;
      submitted: { value: string | number | null; note?: string | null; reason?: string | null };
    };

/** The indicator (locked for the rest of the transaction) and the sections that own it. */
async function lockIndicator(tx: Tx, mc: string, code: string) {
  const [row] = await tx
    .select({ id: indicators.id, name: indicators.name })
    .from(indicators)
    .where(and(eq(indicators.municipalityCode, mc), eq(indicators.code, code)))
    .for("update");
  if (!row) return undefined;
  const owners = (await loadOwners(tx, mc, row.id)).get(row.id) ?? [];
  return { ...row, owners };
}

/** The stored values of a draft made from an entry, over what is published and drafted now. */
export function draftValues(
  entry: EntryInput,
  published: PublishedActual | undefined,
  draft: { version: number } | undefined,
  actor: Actor,
) {
  return {
    value: entry.value,
    note: entry.note,
    reason: isCorrection(entry, published) ? entry.reason : null,
    baseVersion: published?.version ?? 0,
    version: (draft?.version ?? 0) + 1,
    updatedBy: actor.label,
    updatedAt: new Date(),
  };
}

export async function readState(tx: Tx, indicatorId: number, fiscalYear: number) {
  const [[published], [draft]] = await Promise.all([
    tx
      .select({
        value: indicatorActuals.value,
        note: indicatorActuals.note,
        version: indicatorActuals.version,
        origin: indicatorActuals.origin,
      })
      .from(indicatorActuals)
      .where(
        and(
          eq(indicatorActuals.indicatorId, indicatorId),
          eq(indicatorActuals.fiscalYear, fiscalYear),
        ),
      ),
    tx
      .select()
      .from(actualDrafts)
      .where(
        and(eq(actualDrafts.indicatorId, indicatorId), eq(actualDrafts.fiscalYear, fiscalYear)),
      ),
  ]);
  return { published: published as PublishedActual | undefined, draft };
}

export const shown = (s: { value: number | null; note: string | null } | undefined) =>
  s ? { value: s.value, note: s.note } : null;

/**
 * Saves an entry as a draft, if the entry rule (entry.ts checkActualEntry) allows it; a refusal
 * is thrown with its status. `expected` is what the form was opened on (null: no check, for API
 * clients that do not send one). A stale form gets a conflict with both versions.
 */
export async function saveActual(
  db: Db,
  mc: string,
  who: Principal,
  actor: Actor,
  ref: ActualRef,
  raw: { value: string | number | null; note?: string | null; reason?: string | null },
  expected: Expected | null,
): Promise<SaveResult> {
  const now = new Date();
  return withTenant(db, mc, async (tx) => {
    const indicator = await lockIndicator(tx, mc, ref.indicatorCode);
    const [rounds, reopenings] = await Promise.all([readRounds(tx, mc), readReopenings(tx, mc)]);
    // Nothing is stored for a year outside the reporting years (nor may it fit the column).
    const { published, draft } =
      indicator && reportable(ref.fiscalYear, now)
        ? await readState(tx, indicator.id, ref.fiscalYear)
        : { published: undefined, draft: undefined };
    const feed = indicator && (await loadFeeds(tx, mc, indicator.id)).get(indicator.id);
    const checked = checkActualEntry(
      {
        who,
        indicator: indicator && { ...indicator, feed },
        published,
        rounds,
        reopenings,
        stale: !!expected && isStale(expected, published, draft),
        now,
      },
      { ...ref, ...raw },
    );
    if (!checked.ok) {
      if (checked.refusals[0]?.reason === "stale")
        return { status: "conflict", published, draft, submitted: raw };
      throw refusedError(checked.refusals);
    }
    const entry: EntryInput = checked.entry;
    const recordKey = `${ref.indicatorCode}/${ref.fiscalYear}`;
    if (sameAsPublished(entry, published)) {
      if (!draft) return { status: "unchanged" };
      await tx.delete(actualDrafts).where(eq(actualDrafts.id, draft.id));
      await audit(tx, actor, {
        municipality: mc,
        action: "actual.draft_discard",
        recordType: "indicator_actual",
        recordKey,
        before: shown(draft),
        after: shown(published),
      });
      return { status: "unchanged" };
    }
    const values = draftValues(entry, published, draft, actor);
    const [saved] = await tx
      .insert(actualDrafts)
      .values({
        municipalityCode: mc,
        indicatorId: indicator!.id, // an entry for no indicator is refused above
        fiscalYear: ref.fiscalYear,
        ...values,
      })
      .onConflictDoUpdate({
        target: [actualDrafts.indicatorId, actualDrafts.fiscalYear],
        set: values,
      })
      .returning();
    await audit(tx, actor, {
      municipality: mc,
      action: "actual.draft",
      recordType: "indicator_actual",
      recordKey,
      before: shown(draft ?? published),
      after: { value: entry.value, note: entry.note, reason: values.reason },
    });
    return { status: "saved", draft: saved! };
  });
}

/** Drops a draft; the published value (if any) stays. */
export async function discardDraft(
  db: Db,
  mc: string,
  who: Principal,
  actor: Actor,
  ref: ActualRef,
  expectedDraftVersion: number,
) {
  await withTenant(db, mc, async (tx) => {
    const indicator = await lockIndicator(tx, mc, ref.indicatorCode);
    if (!indicator) throw refusedError([refusal("unknown_indicator", ref)]);
    if (
      !mayUpdateFor(
        who,
        indicator.owners.map((o) => o.code),
      )
    )
      throw refusedError([refusal("not_permitted", { ...ref, owners: indicator.owners })]);
    const { published, draft } = await readState(tx, indicator.id, ref.fiscalYear);
    if (!draft) throw new AppError("not_found", "取り消す下書きがありません");
    if (draft.version !== expectedDraftVersion)
      throw new AppError("conflict", "下書きはほかの人が更新しました。ページを開き直してください");
    await tx.delete(actualDrafts).where(eq(actualDrafts.id, draft.id));
    await audit(tx, actor, {
      municipality: mc,
      action: "actual.draft_discard",
      recordType: "indicator_actual",
      recordKey: `${ref.indicatorCode}/${ref.fiscalYear}`,
      before: shown(draft),
      after: shown(published),
    });
  });
}

export interface PendingDraft {
  id: number;
  version: number;
  indicatorCode: string;
  indicatorName: string;
  unit: string;
  decimals: number | null;
  fiscalYear: number;
  before: { value: number | null; note: string | null; version: number } | null;
  after: { value: number | null; note: string | null };
  reason: string | null;
  /** The published value changed after the draft was made (by an import, say). */
  outdated: boolean;
  updatedBy: string;
  updatedAt: Date;
}

/** Every draft waiting for publication, with what it changes (the diff shown before publishing). */
export async function readDrafts(tx: Tx, mc: string): Promise<PendingDraft[]> {
  const rows = await tx
    .select({
      id: actualDrafts.id,
      version: actualDrafts.version,
      indicatorCode: indicators.code,
      indicatorName: indicators.name,
      unit: indicators.unit,
      decimals: indicators.decimals,
      fiscalYear: actualDrafts.fiscalYear,
      value: actualDrafts.value,
      note: actualDrafts.note,
      reason: actualDrafts.reason,
      baseVersion: actualDrafts.baseVersion,
      updatedBy: actualDrafts.updatedBy,
      updatedAt: actualDrafts.updatedAt,
      publishedValue: indicatorActuals.value,
      publishedNote: indicatorActuals.note,
      publishedVersion: indicatorActuals.version,
    })
    .from(actualDrafts)
    .innerJoin(indicators, eq(indicators.id, actualDrafts.indicatorId))
    .leftJoin(
      indicatorActuals,
      and(
        eq(indicatorActuals.indicatorId, actualDrafts.indicatorId),
        eq(indicatorActuals.fiscalYear, actualDrafts.fiscalYear),
      ),
    )
    .where(eq(actualDrafts.municipalityCode, mc))
    .orderBy(asc(indicators.code), asc(actualDrafts.fiscalYear));
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    indicatorCode: r.indicatorCode,
    indicatorName: r.indicatorName,
    unit: r.unit,
    decimals: r.decimals,
    fiscalYear: r.fiscalYear,
    before:
      r.publishedVersion === null
        ? null
        : { value: r.publishedValue, note: r.publishedNote, version: r.publishedVersion },
    after: { value: r.value, note: r.note },
    reason: r.reason,
    outdated: r.baseVersion !== (r.publishedVersion ?? 0),
    updatedBy: r.updatedBy,
    updatedAt: r.updatedAt,
  }));
}

export interface EntryState {
  indicatorId: number;
  owners: Owner[];
  years: Map<number, { published?: PublishedActual; draft?: DraftActual & { id: number } }>;
}

/** The published values with their versions and the drafts of one indicator (staff view). */
export function loadEntryState(db: Db, mc: string, indicatorCode: string): Promise<EntryState> {
  return withTenant(db, mc, async (tx) => {
    const [row] = await tx
      .select({ id: indicators.id })
      .from(indicators)
      .where(and(eq(indicators.municipalityCode, mc), eq(indicators.code, indicatorCode)));
    if (!row) throw new AppError("not_found", `指標 ${indicatorCode} が見つかりません`);
    const [owners, published, drafts] = await Promise.all([
      loadOwners(tx, mc, row.id).then((m) => m.get(row.id) ?? []),
      tx.select().from(indicatorActuals).where(eq(indicatorActuals.indicatorId, row.id)),
      tx.select().from(actualDrafts).where(eq(actualDrafts.indicatorId, row.id)),
    ]);
    const years: EntryState["years"] = new Map();
    for (const p of published) years.set(p.fiscalYear, { published: p });
    for (const d of drafts) years.set(d.fiscalYear, { ...years.get(d.fiscalYear), draft: d });
    return { indicatorId: row.id, owners, years };
  });
}

/** Drafts of a municipality by indicator id and fiscal year (to mark them on staff pages). */
export function draftKeys(db: Db, mc: string): Promise<Set<string>> {
  return withTenant(db, mc, async (tx) => {
    const rows = await tx
      .select({ indicatorId: actualDrafts.indicatorId, fiscalYear: actualDrafts.fiscalYear })
      .from(actualDrafts)
      .where(eq(actualDrafts.municipalityCode, mc));
    return new Set(rows.map((r) => `${r.indicatorId}/${r.fiscalYear}`));
  });
}
