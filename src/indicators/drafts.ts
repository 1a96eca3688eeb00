/**
 * Drafts of actuals and their publication. Staff (and API tokens) write drafts; a planner
 * publishes them, which is the only way a value entered by hand reaches the portal and the
 * public API. Every write is one transaction with its audit entry.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { mayUpdateFor, type Principal } from "../accounts/index.ts";
import { type Actor, audit } from "../core/audit.ts";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { AppError, type ErrorDetail } from "../core/errors.ts";
import {
  type ActionContext,
  conflict,
  forbidden,
  type Outcome,
  saved,
  unchanged,
} from "../core/outcome.ts";
import { reportable } from "../core/reporting-years.ts";
import { roundFactsJson, roundFactsOf } from "../reporting/index.ts";
import {
  type ActualDetails,
  checkActualEntry,
  type DraftActual,
  detailsOf,
  type EntryConflict,
  type EntryInput,
  type Expected,
  isCorrection,
  isStale,
  type PublishedActual,
  refusal,
  refusalOutcome,
  refusedError,
  sameAsPublished,
} from "./entry.ts";
import { type Feed, feedSql } from "./feeds.ts";
import { loadOwners, type Owner, ownersJson } from "./owners.ts";
import { actualDrafts, indicatorActuals, indicators } from "./schema.ts";

export interface ActualRef {
  indicatorCode: string;
  fiscalYear: number;
}

/** An actual as entered on the form or sent through the API, and the versions it was made on. */
export interface ActualInput extends ActualRef {
  value: string | number | null;
  /** The actual in words, 達成したか, 時点, 見込 (entry.ts ActualSubmission). */
  text?: string | null;
  done?: boolean | string | null;
  asOf?: string | null;
  estimate?: boolean | string | null;
  note?: string | null;
  reason?: string | null;
  /** What the form was opened on; null: no check (API clients that send none). */
  expected: Expected | null;
}

/** The saved draft; none when the entry equals what is published (a draft, if any, was dropped). */
export interface SavedActual {
  draft?: DraftActual;
}

/**
 * Why an entry is a conflict: the year is closed (entry rule), or the form was stale — then
 * with what is saved now.
 */
export type ActualConflict =
  | (EntryConflict & { reason: Exclude<EntryConflict["reason"], "stale"> })
  | {
      reason: "stale";
      details: ErrorDetail[];
      published: PublishedActual | undefined;
      draft: DraftActual | undefined;
    };

/**
 * The indicator (locked for the rest of the transaction), the sections that own it, whether
 * another source feeds it (feeds.ts: a published value not entered by hand, or a value still
 * 集計中) and, given a fiscal year, that year's round and the indicator's reopenings of it: one
 * statement.
 */
async function lockIndicator(tx: Tx, mc: string, code: string, fiscalYear?: number) {
  const result = await tx.execute(sql`
    select i.id, i.name, i.target_form as "targetForm",
           ${ownersJson(mc, sql`i.id`, sql`i.node_id`)} as owners,
           ${feedSql(mc, sql`i.id`)} as feed,
           ${fiscalYear === undefined ? sql`null` : roundFactsJson(mc, fiscalYear, sql`i.id`)} as rounds
      from indicators i
     where i.municipality_code = ${mc} and i.code = ${code}
       for update of i`);
  const [row] = (result as unknown as { rows: LockedRow[] }).rows;
  if (!row) return undefined;
  const json = <T>(v: unknown) => (typeof v === "string" ? JSON.parse(v) : v) as T;
  return {
    id: row.id,
    name: row.name,
    targetForm: row.targetForm,
    owners: json<Owner[]>(row.owners),
    feed: (row.feed ?? undefined) as Feed | undefined,
    roundFacts: row.rounds === null ? undefined : roundFactsOf(row.rounds),
  };
}

interface LockedRow {
  id: number;
  name: string;
  targetForm: string;
  owners: unknown;
  feed: string | null;
  rounds: unknown;
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
    text: entry.text,
    done: entry.done,
    asOf: entry.asOf,
    estimate: entry.estimate,
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
        text: indicatorActuals.text,
        done: indicatorActuals.done,
        asOf: indicatorActuals.asOf,
        estimate: indicatorActuals.estimate,
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

/** An actual as the audit records it: value and note, and what it says besides when it does. */
export const shown = (
  s: ({ value: number | null; note: string | null } & Partial<ActualDetails>) | undefined,
) => {
  if (!s) return null;
  const d = detailsOf(s);
  return {
    value: s.value,
    note: s.note,
    ...(d.text !== null ? { text: d.text } : {}),
    ...(d.done !== null ? { done: d.done } : {}),
    ...(d.asOf !== null ? { asOf: d.asOf } : {}),
    ...(d.estimate ? { estimate: true } : {}),
  };
};

/**
 * Saves an entry as a draft, if the entry rule (entry.ts checkActualEntry) allows it; a refusal
 * is the outcome with the rule's status (an unknown indicator is a 404). A stale form gets a
 * conflict with both versions.
 */
export async function saveActual(
  ctx: ActionContext<Principal>,
  input: ActualInput,
): Promise<Outcome<SavedActual, ActualConflict>> {
  const { db, municipality: mc, who, actor } = ctx;
  const { expected, ...submitted } = input;
  const ref = { indicatorCode: input.indicatorCode, fiscalYear: input.fiscalYear };
  const now = new Date();
  return withTenant(db, mc, async (tx) => {
    // Nothing is stored for a year outside the reporting years (nor may it fit the column).
    const inYears = reportable(ref.fiscalYear, now);
    const indicator = await lockIndicator(
      tx,
      mc,
      ref.indicatorCode,
      inYears ? ref.fiscalYear : undefined,
    );
    const { published, draft } =
      indicator && inYears
        ? await readState(tx, indicator.id, ref.fiscalYear)
        : { published: undefined, draft: undefined };
    const checked = checkActualEntry(
      {
        who,
        indicator,
        published,
        rounds: indicator?.roundFacts?.rounds ?? [],
        reopenings: indicator?.roundFacts?.reopenings ?? [],
        stale: !!expected && isStale(expected, published, draft),
        now,
      },
      submitted,
    );
    if (!checked.ok) {
      const [first] = checked.refusals;
      if (first?.reason === "stale") {
        const current = draft ?? published;
        return conflict<ActualConflict>(
          {
            reason: "stale",
            published,
            draft,
            details: [
              {
                location: "publishedVersion",
                message: `現在の公開値の版は ${published?.version ?? 0}、下書きの版は ${draft?.version ?? 0}（値: ${current?.value ?? "なし"}）`,
              },
            ],
          },
          first.message,
        );
      }
      return refusalOutcome(checked.refusals) as Outcome<SavedActual, ActualConflict>;
    }
    const entry: EntryInput = checked.entry;
    const recordKey = `${ref.indicatorCode}/${ref.fiscalYear}`;
    if (sameAsPublished(entry, published)) {
      if (!draft) return unchanged<SavedActual>({});
      await tx.delete(actualDrafts).where(eq(actualDrafts.id, draft.id));
      await audit(tx, actor, {
        municipality: mc,
        action: "actual.draft_discard",
        recordType: "indicator_actual",
        recordKey,
        before: shown(draft),
        after: shown(published),
      });
      // The draft was dropped: a write, with no draft left.
      return saved<SavedActual>({});
    }
    const values = draftValues(entry, published, draft, actor);
    const [row] = await tx
      .insert(actualDrafts)
      .values({
        municipalityCode: mc,
        indicatorId: indicator!.id, // an entry for no indicator is refused above
        fiscalYear: ref.fiscalYear,
        ...values,
      })
      .onConflictDoUpdate({
        target: [actualDrafts.indicatorId, actualDrafts.fiscalYear, actualDrafts.municipalityCode],
        set: values,
      })
      .returning();
    await audit(tx, actor, {
      municipality: mc,
      action: "actual.draft",
      recordType: "indicator_actual",
      recordKey,
      before: shown(draft ?? published),
      after: { ...shown(entry), reason: values.reason },
    });
    return saved<SavedActual>({ draft: row! });
  });
}

/** Drops a draft of an actual; the published value (if any) stays. */
export async function discardActualDraft(
  ctx: ActionContext<Principal>,
  input: ActualRef & { draftVersion: number },
): Promise<Outcome> {
  const { db, municipality: mc, who, actor } = ctx;
  const ref = { indicatorCode: input.indicatorCode, fiscalYear: input.fiscalYear };
  return withTenant(db, mc, async (tx) => {
    const indicator = await lockIndicator(tx, mc, ref.indicatorCode);
    if (!indicator) throw refusedError([refusal("unknown_indicator", ref)]);
    if (
      !mayUpdateFor(
        who,
        indicator.owners.map((o) => o.code),
      )
    )
      return forbidden(refusal("not_permitted", { ...ref, owners: indicator.owners }).message);
    const { published, draft } = await readState(tx, indicator.id, ref.fiscalYear);
    if (!draft) throw new AppError("not_found", "取り消す下書きがありません");
    if (draft.version !== input.draftVersion)
      return conflict(undefined, "下書きはほかの人が更新しました。ページを開き直してください");
    await tx.delete(actualDrafts).where(eq(actualDrafts.id, draft.id));
    await audit(tx, actor, {
      municipality: mc,
      action: "actual.draft_discard",
      recordType: "indicator_actual",
      recordKey: `${ref.indicatorCode}/${ref.fiscalYear}`,
      before: shown(draft),
      after: shown(published),
    });
    return saved(undefined);
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
