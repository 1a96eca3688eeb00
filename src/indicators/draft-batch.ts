/**
 * Many drafts of actuals at once (a spreadsheet import): the same rule as entering one value
 * by hand (entry.ts checkActualEntry: the person's own sections, fed values and closed years
 * refused, a reason for correcting a published value), a draft equal to the published value
 * dropped — but read with a few queries for all the cells and written with a few statements,
 * inside the caller's transaction. Every cell still gets its own audit entry, as when entered
 * by hand.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Principal } from "../accounts/index.ts";
import { type Actor, type AuditEntry, auditMany } from "../core/audit.ts";
import type { Tx } from "../core/db/client.ts";
import { jsonRows } from "../core/db/json-rows.ts";
import { AppError, type ErrorDetail } from "../core/errors.ts";
import { shortFiscalYearLabel } from "../core/fiscal-year.ts";
import { readReopenings, readRounds } from "../reporting/index.ts";
import { draftValues, shown } from "./drafts.ts";
import {
  type ActualDetails,
  checkActualEntry,
  detailsOf,
  type PublishedActual,
  sameAsPublished,
} from "./entry.ts";
import { feedsFrom } from "./feeds.ts";
import { loadOwners } from "./owners.ts";
import { actualDrafts, indicators } from "./schema.ts";

export interface BatchEntry {
  indicatorCode: string;
  fiscalYear: number;
  /** A number, or (a milestone's) words as a cell holds them. */
  value: number | string | null;
  /**
   * undefined: keep the note (and the words, 達成したか, 時点, 見込) the cell carries now (the
   * year columns hold values only).
   */
  note?: string | null;
  text?: string | null;
  done?: boolean | string | null;
  asOf?: string | null;
  estimate?: boolean | string | null;
  reason: string | null;
  /**
   * The value the cell was seen with (its draft's, else the published one, else null; a
   * milestone's words where it has no number): if it holds another now, nothing is saved
   * (conflict). undefined: no check.
   */
  seen?: number | string | null;
}

/** A cell's published value, with its cell. */
export type PublishedCell = PublishedActual & { indicatorId: number; fiscalYear: number };

/** A cell's draft, with its cell. */
export interface DraftCell extends Partial<ActualDetails> {
  id: number;
  indicatorId: number;
  fiscalYear: number;
  value: number | null;
  note: string | null;
  reason: string | null;
  version: number;
  /** When the draft was last written (ISO text). */
  updatedAt: string;
}

/**
 * Every year's published value and draft of some indicators (thousands of rows: read as JSON,
 * core/db/json-rows.ts).
 */
export async function readActualCells(tx: Tx, mc: string, ids: readonly number[]) {
  const some = sql`any(${sql.param([...ids])}::int[])`;
  const published = await jsonRows<PublishedCell>(
    tx,
    sql`select indicator_id as "indicatorId", fiscal_year as "fiscalYear", value, note, version,
               origin, text, done, as_of as "asOf", estimate
          from indicator_actuals where municipality_code = ${mc} and indicator_id = ${some}`,
  );
  const drafts = await jsonRows<DraftCell>(
    tx,
    sql`select id, indicator_id as "indicatorId", fiscal_year as "fiscalYear", value, note, reason,
               version, updated_at as "updatedAt", text, done, as_of as "asOf", estimate
          from actual_drafts where municipality_code = ${mc} and indicator_id = ${some}`,
  );
  return { published, drafts };
}

/** Rows per insert statement (well below PostgreSQL's limit of 65,535 parameters). */
const CHUNK = 500;

const cellKey = (indicatorId: number, fy: number) => `${indicatorId}/${fy}`;

/**
 * Saves every entry as a draft, or none: a refused entry throws with every refused cell named.
 * Returns how many cells became drafts and how many drafts were dropped as equal to the
 * published value. `written` is told the progress.
 */
export async function saveActualDrafts(
  tx: Tx,
  mc: string,
  who: Principal,
  actor: Actor,
  entries: BatchEntry[],
  written?: (done: number) => void,
): Promise<{ saved: number; dropped: number }> {
  const codes = [...new Set(entries.map((e) => e.indicatorCode))];
  // Locked for the rest of the transaction, as a single entry locks its indicator.
  const locked = new Map<string, number>();
  const formOf = new Map<number, string>();
  for (let i = 0; i < codes.length; i += CHUNK) {
    const rows = await tx
      .select({ id: indicators.id, code: indicators.code, targetForm: indicators.targetForm })
      .from(indicators)
      .where(
        and(
          eq(indicators.municipalityCode, mc),
          inArray(indicators.code, codes.slice(i, i + CHUNK)),
        ),
      )
      .for("update");
    for (const r of rows) {
      locked.set(r.code, r.id);
      formOf.set(r.id, r.targetForm);
    }
  }
  const ids = [...locked.values()];
  // One after another: a transaction is one connection. Thousands of rows: read as JSON.
  const owners = await loadOwners(tx, mc, ids);
  const rounds = await readRounds(tx, mc);
  const reopenings = await readReopenings(tx, mc);
  const { published, drafts } = await readActualCells(tx, mc, ids);
  const feeds = feedsFrom(published);
  const publishedOf = new Map(
    published.map(({ indicatorId, fiscalYear, ...p }) => [
      cellKey(indicatorId, fiscalYear),
      p as PublishedActual,
    ]),
  );
  const draftOf = new Map(drafts.map((d) => [cellKey(d.indicatorId, d.fiscalYear), d]));

  const errors: ErrorDetail[] = [];
  const stale: string[] = [];
  const upserts: (typeof actualDrafts.$inferInsert)[] = [];
  const dropped: number[] = [];
  const audits: AuditEntry[] = [];
  const today = new Date();
  for (const e of entries) {
    const location = `${e.indicatorCode}/${shortFiscalYearLabel(e.fiscalYear)}`;
    const id = locked.get(e.indicatorCode);
    const key = id === undefined ? "" : cellKey(id, e.fiscalYear);
    const pub = publishedOf.get(key);
    const draft = draftOf.get(key);
    const cell = draft ?? pub;
    const current = cell ? (cell.value ?? cell.text ?? null) : null;
    const note = e.note !== undefined ? e.note : (cell?.note ?? null);
    // What the cell says besides its value is kept unless the entry says otherwise.
    const kept = detailsOf(cell);
    // A cell shows the value, else the words: words typed are read from the value; a number typed
    // over words, or a cell emptied, leaves none. Words beside a number (「21校」 of 21) stay.
    const words =
      typeof e.value === "number" && cell !== undefined && cell.value !== null ? kept.text : null;
    const checked = checkActualEntry(
      {
        who,
        indicator:
          id === undefined
            ? undefined
            : {
                id,
                owners: owners.get(id) ?? [],
                feed: feeds.get(id),
                targetForm: formOf.get(id),
              },
        published: pub,
        rounds,
        reopenings,
        stale: e.seen !== undefined && e.seen !== current,
        now: today,
      },
      {
        indicatorCode: e.indicatorCode,
        fiscalYear: e.fiscalYear,
        value: e.value,
        text: e.text !== undefined ? e.text : words,
        done: e.done !== undefined ? e.done : kept.done,
        asOf: e.asOf !== undefined ? e.asOf : kept.asOf,
        estimate: e.estimate !== undefined ? e.estimate : kept.estimate,
        note,
        reason: e.reason,
      },
    );
    if (!checked.ok) {
      if (checked.refusals[0]?.reason === "stale") stale.push(location);
      else for (const r of checked.refusals) errors.push({ location, message: r.message });
      continue;
    }
    const entry = checked.entry;
    const recordKey = `${e.indicatorCode}/${e.fiscalYear}`;
    if (sameAsPublished(entry, pub)) {
      if (!draft) continue;
      dropped.push(draft.id);
      audits.push({
        municipality: mc,
        action: "actual.draft_discard",
        recordType: "indicator_actual",
        recordKey,
        before: shown(draft),
        after: shown(pub),
      });
      continue;
    }
    const values = draftValues(entry, pub, draft, actor);
    upserts.push({ municipalityCode: mc, indicatorId: id!, fiscalYear: e.fiscalYear, ...values });
    audits.push({
      municipality: mc,
      action: "actual.draft",
      recordType: "indicator_actual",
      recordKey,
      before: shown(draft ?? pub),
      after: { ...shown(entry), reason: values.reason },
    });
  }
  if (stale.length)
    throw new AppError(
      "conflict",
      `確認した後に値が変わりました（ほかの人が入力したなど: ${stale.slice(0, 5).join("、")}${stale.length > 5 ? " ほか" : ""}）。何も保存していません。もう一度アップロードして確認してください`,
    );
  if (errors.length)
    throw new AppError("bad_request", `${errors.length} 件の値を保存できません`, errors);

  if (dropped.length)
    await tx
      .delete(actualDrafts)
      .where(sql`${actualDrafts.id} = any(${sql.param(dropped)}::int[])`);
  // Written from one JSON value per chunk (one parameter, not ten per row).
  for (let i = 0; i < upserts.length; i += CHUNK) {
    const rows = upserts.slice(i, i + CHUNK);
    await tx.execute(sql`
      insert into actual_drafts (municipality_code, indicator_id, fiscal_year, value, note, reason,
                                 text, done, as_of, estimate,
                                 base_version, version, updated_by, updated_at)
      select "municipalityCode", "indicatorId", "fiscalYear", value, note, reason,
             text, done, "asOf", estimate,
             "baseVersion", version, "updatedBy", "updatedAt"
        from json_to_recordset(${JSON.stringify(rows)}::json) as x(
               "municipalityCode" char(6), "indicatorId" int, "fiscalYear" int, value float8,
               note text, reason text, text text, done boolean, "asOf" date, estimate boolean,
               "baseVersion" int, version int, "updatedBy" text, "updatedAt" timestamptz)
      on conflict (indicator_id, fiscal_year, municipality_code) do update
         set value = excluded.value, note = excluded.note, reason = excluded.reason,
             text = excluded.text, done = excluded.done, as_of = excluded.as_of,
             estimate = excluded.estimate,
             base_version = excluded.base_version, version = excluded.version,
             updated_by = excluded.updated_by, updated_at = excluded.updated_at`);
    written?.(Math.min(i + CHUNK, upserts.length));
  }
  await auditMany(tx, actor, audits);
  return { saved: upserts.length, dropped: dropped.length };
}
