/**
 * Drafts of definitions — a plan node, an indicator definition — and their publication: the
 * mechanics every editable record shares. A form carries the versions it was opened on; a stale
 * one gets a conflict with both versions. A save writes the draft and its audit entry; the
 * public side never reads a draft. Publishing applies the drafts a planner has seen, all or
 * nothing. Each module describes its records with a DraftableRecord; this file knows none.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import { type Actor, audit } from "./audit.ts";
import type { Tx } from "./db/client.ts";
import { AppError, type ErrorDetail } from "./errors.ts";
import { type FieldChange, sameFields } from "./field-changes.ts";
import { readVersion } from "./forms.ts";
import { recordDrafts } from "./record-drafts-schema.ts";

export interface Published<F> {
  fields: F;
  version: number;
}

/** How a module's record is read, written and compared. */
export interface DraftableRecord<F> {
  /** record_drafts.record_type and the audit record type, e.g. "plan_node". */
  type: string;
  /** What a person calls it, e.g. 「計画の項目」. */
  label: string;
  /** Which one it is, in words, beside its key (「主要施策「資源化の推進」」), when the key is not enough. */
  about?(fields: F): string;
  /** The published fields and version; `forUpdate` locks the row for the transaction. */
  load(tx: Tx, mc: string, key: string, forUpdate: boolean): Promise<Published<F> | undefined>;
  /** Writes the fields as the published state and raises the version. */
  apply(tx: Tx, mc: string, key: string, fields: F): Promise<void>;
  /** The changed fields, named and shown as text. */
  changes(before: F, after: F): FieldChange[];
  /** The staff page that edits the record. */
  editPath(mc: string, key: string): string;
}

export interface RecordDraft<F> {
  id: number;
  version: number;
  baseVersion: number;
  fields: F;
  updatedBy: string;
  updatedAt: Date;
}

/** The versions a form was opened on; draftVersion 0 = there was no draft. */
export interface ExpectedVersions {
  publishedVersion: number;
  draftVersion: number;
}

export type RecordSaveResult<F> =
  | { status: "saved"; draft: RecordDraft<F> }
  | { status: "unchanged" }
  | { status: "conflict"; published: Published<F>; draft: RecordDraft<F> | undefined };

/** The hidden version fields of an edit form, or undefined when they are missing or broken. */
export function readExpectedVersions(form: Record<string, unknown>): ExpectedVersions | undefined {
  const publishedVersion = readVersion(form, "publishedVersion");
  const draftVersion = readVersion(form, "draftVersion");
  if (publishedVersion === undefined || draftVersion === undefined) return undefined;
  return { publishedVersion, draftVersion };
}

const draftOf = <F>(row: typeof recordDrafts.$inferSelect): RecordDraft<F> => ({
  id: row.id,
  version: row.version,
  baseVersion: row.baseVersion,
  fields: row.fields as F,
  updatedBy: row.updatedBy,
  updatedAt: row.updatedAt,
});

export async function readRecordDraft<F>(
  tx: Tx,
  mc: string,
  kind: DraftableRecord<F>,
  key: string,
): Promise<RecordDraft<F> | undefined> {
  const [row] = await tx
    .select()
    .from(recordDrafts)
    .where(
      and(
        eq(recordDrafts.municipalityCode, mc),
        eq(recordDrafts.recordType, kind.type),
        eq(recordDrafts.recordKey, key),
      ),
    );
  return row ? draftOf<F>(row) : undefined;
}

async function loadOrFail<F>(tx: Tx, mc: string, kind: DraftableRecord<F>, key: string) {
  const published = await kind.load(tx, mc, key, true);
  if (!published) throw new AppError("not_found", `${kind.label} ${key} が見つかりません`);
  return published;
}

/** The published state and the draft of one record, for its edit page. */
export async function loadForEdit<F>(tx: Tx, mc: string, kind: DraftableRecord<F>, key: string) {
  const published = await kind.load(tx, mc, key, false);
  if (!published) throw new AppError("not_found", `${kind.label} ${key} が見つかりません`);
  return { published, draft: await readRecordDraft(tx, mc, kind, key) };
}

/**
 * Saves edited fields as the record's draft. `fieldsOf` reads them from the submitted form
 * against the published record and throws (bad_request, naming each field) when they are
 * wrong. Fields equal to the published ones drop the draft. A form opened on other versions
 * than the current ones gets a conflict and changes nothing.
 */
export async function saveRecordDraft<F>(
  tx: Tx,
  mc: string,
  actor: Actor,
  kind: DraftableRecord<F>,
  key: string,
  fieldsOf: (published: F) => F,
  expected: ExpectedVersions,
): Promise<RecordSaveResult<F>> {
  const published = await loadOrFail(tx, mc, kind, key);
  const draft = await readRecordDraft(tx, mc, kind, key);
  if (
    published.version !== expected.publishedVersion ||
    (draft?.version ?? 0) !== expected.draftVersion
  )
    return { status: "conflict", published, draft };
  const fields = fieldsOf(published.fields);
  const entry = { municipality: mc, recordType: kind.type, recordKey: key };
  if (sameFields(fields, published.fields)) {
    if (!draft) return { status: "unchanged" };
    await tx.delete(recordDrafts).where(eq(recordDrafts.id, draft.id));
    await audit(tx, actor, {
      ...entry,
      action: "definition.draft_discard",
      before: draft.fields,
      after: published.fields,
    });
    return { status: "unchanged" };
  }
  const values = {
    fields,
    baseVersion: published.version,
    version: (draft?.version ?? 0) + 1,
    updatedBy: actor.label,
    updatedAt: new Date(),
  };
  const [row] = await tx
    .insert(recordDrafts)
    .values({ municipalityCode: mc, recordType: kind.type, recordKey: key, ...values })
    .onConflictDoUpdate({
      target: [recordDrafts.municipalityCode, recordDrafts.recordType, recordDrafts.recordKey],
      set: values,
    })
    .returning();
  await audit(tx, actor, {
    ...entry,
    action: "definition.draft",
    before: draft?.fields ?? published.fields,
    after: fields,
  });
  return { status: "saved", draft: draftOf<F>(row!) };
}

/** Drops a record's draft; the published state stays. */
export async function discardRecordDraft<F>(
  tx: Tx,
  mc: string,
  actor: Actor,
  kind: DraftableRecord<F>,
  key: string,
  expectedDraftVersion: number,
) {
  const published = await loadOrFail(tx, mc, kind, key);
  const draft = await readRecordDraft(tx, mc, kind, key);
  if (!draft) throw new AppError("not_found", "取り消す下書きがありません");
  if (draft.version !== expectedDraftVersion)
    throw new AppError("conflict", "下書きはほかの人が更新しました。ページを開き直してください");
  await tx.delete(recordDrafts).where(eq(recordDrafts.id, draft.id));
  await audit(tx, actor, {
    municipality: mc,
    action: "definition.draft_discard",
    recordType: kind.type,
    recordKey: key,
    before: draft.fields,
    after: published.fields,
  });
}

export interface PendingRecordDraft {
  id: number;
  version: number;
  type: string;
  typeLabel: string;
  key: string;
  /** Which record it is, in words (DraftableRecord.about of the published record). */
  about?: string;
  editPath: string;
  changes: FieldChange[];
  /** The published record changed after the draft was made (by an import or another publish). */
  outdated: boolean;
  /** The record no longer exists. */
  missing: boolean;
  updatedBy: string;
  updatedAt: Date;
}

const kindOf = (kinds: readonly DraftableRecord<unknown>[], type: string) =>
  kinds.find((k) => k.type === type);

/** Every draft of the given kinds waiting for publication, with what it changes. */
export async function listRecordDrafts(
  tx: Tx,
  mc: string,
  kinds: readonly DraftableRecord<unknown>[],
): Promise<PendingRecordDraft[]> {
  const rows = await tx
    .select()
    .from(recordDrafts)
    .where(
      and(
        eq(recordDrafts.municipalityCode, mc),
        inArray(
          recordDrafts.recordType,
          kinds.map((k) => k.type),
        ),
      ),
    )
    .orderBy(asc(recordDrafts.recordType), asc(recordDrafts.recordKey));
  const pending: PendingRecordDraft[] = [];
  for (const row of rows) {
    const kind = kindOf(kinds, row.recordType)!;
    const published = await kind.load(tx, mc, row.recordKey, false);
    pending.push({
      id: row.id,
      version: row.version,
      type: kind.type,
      typeLabel: kind.label,
      key: row.recordKey,
      about: published && kind.about ? kind.about(published.fields) : undefined,
      editPath: kind.editPath(mc, row.recordKey),
      changes: published ? kind.changes(published.fields, row.fields as unknown) : [],
      outdated: published !== undefined && published.version !== row.baseVersion,
      missing: published === undefined,
      updatedBy: row.updatedBy,
      updatedAt: row.updatedAt,
    });
  }
  return pending;
}

/**
 * Checks the drafts a planner has seen (id → the version shown) and returns the problems and a
 * commit that applies them. The caller throws on problems, so nothing is applied then.
 */
export async function prepareRecordPublish(
  tx: Tx,
  mc: string,
  actor: Actor,
  kinds: readonly DraftableRecord<unknown>[],
  seen: ReadonlyMap<number, number>,
) {
  const rows = seen.size
    ? await tx
        .select()
        .from(recordDrafts)
        .where(
          and(eq(recordDrafts.municipalityCode, mc), inArray(recordDrafts.id, [...seen.keys()])),
        )
        .for("update")
    : [];
  const problems: ErrorDetail[] = [];
  for (const id of seen.keys())
    if (!rows.some((r) => r.id === id))
      problems.push({ location: `definition ${id}`, message: "公開済みか取り消された下書きです" });
  const ready: { row: (typeof rows)[number]; kind: DraftableRecord<unknown>; before: unknown }[] =
    [];
  for (const row of rows) {
    const kind = kindOf(kinds, row.recordType);
    const where = `${kind?.label ?? row.recordType} ${row.recordKey}`;
    const published = kind ? await kind.load(tx, mc, row.recordKey, true) : undefined;
    if (!kind || !published)
      problems.push({ location: where, message: "対象が見つかりません（削除されました）" });
    else if (row.version !== seen.get(row.id))
      problems.push({ location: where, message: "確認した後に下書きが更新されました" });
    else if (row.baseVersion !== published.version)
      problems.push({
        location: where,
        message: "下書きを作った後に公開内容が変わりました。編集し直してください",
      });
    else ready.push({ row, kind, before: published.fields });
  }
  const commit = async () => {
    for (const { row, kind, before } of ready) {
      await kind.apply(tx, mc, row.recordKey, row.fields as unknown);
      await tx.delete(recordDrafts).where(eq(recordDrafts.id, row.id));
      await audit(tx, actor, {
        municipality: mc,
        action: "definition.publish",
        recordType: kind.type,
        recordKey: row.recordKey,
        before,
        after: { ...(row.fields as object), by: row.updatedBy },
      });
    }
    return ready.length;
  };
  return { problems, commit };
}
