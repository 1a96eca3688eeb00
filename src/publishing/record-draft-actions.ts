/**
 * The two actions on a record edited as a draft (a plan node, an indicator definition): save
 * the edited fields as the draft, and discard the draft. Each domain says how its record is
 * edited (its DraftEditing: the record kind, how its form is read, who may).
 */
import { type Permission, type Principal, refusal } from "../accounts/index.ts";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import type { ErrorDetail } from "../core/errors.ts";
import type { FieldChange } from "../core/field-changes.ts";
import type { FormBody } from "../core/forms.ts";
import {
  type ActionContext,
  conflict,
  invalid,
  type Outcome,
  saved,
  unchanged,
} from "../core/outcome.ts";
import {
  type DraftableRecord,
  discardRecordDraft,
  type ExpectedVersions,
  loadForEdit,
  type Published,
  type RecordDraft,
  readRecordDraft,
  saveRecordDraft,
} from "../core/record-drafts.ts";
import { type DefinitionFields, definitionEditing } from "../indicators/index.ts";
import { listSectionsIn } from "../municipalities/index.ts";
import { type NodeFields, nodeEditing } from "../plan/index.ts";

export interface DraftEditing<F> {
  /** Who may edit the record's draft. */
  permission: Permission;
  kind(sectionNames: ReadonlyMap<string, string>): DraftableRecord<F>;
  /** Reads the edit form against the published fields and the municipality's section codes. */
  read(
    form: FormBody,
    published: F,
    sectionCodes: string[],
  ): { fields: F } | { errors: ErrorDetail[] };
}

/** What is current when a form was opened on older versions, and what the form would change. */
export interface DraftConflict<F> {
  published: Published<F>;
  draft: RecordDraft<F> | undefined;
  changes: FieldChange[];
}

/** The records edited as drafts, by record type, with their fields. */
export interface DraftFields {
  plan_node: NodeFields;
  indicator: DefinitionFields;
}
export type DraftRecordType = keyof DraftFields;

/** How a record of the type is edited. */
export const editingOf = <T extends DraftRecordType>(type: T) =>
  ({ plan_node: nodeEditing, indicator: definitionEditing })[type] as DraftEditing<DraftFields[T]>;

export interface SaveDraftInput<T extends DraftRecordType = DraftRecordType> {
  record: T;
  key: string;
  form: FormBody;
  /** The versions the form was opened on. */
  expected: ExpectedVersions;
}

/** The saved draft, or none when the fields equal the published ones (the draft was dropped). */
export interface SavedDraft<F> {
  draft?: RecordDraft<F>;
}

/** The record kind, its sections named, inside one tenant transaction. */
async function kindIn<F>(tx: Tx, mc: string, editing: Pick<DraftEditing<F>, "kind">) {
  const sections = await listSectionsIn(tx, mc);
  return { sections, kind: editing.kind(new Map(sections.map((s) => [s.code, s.name]))) };
}

/** An edit page's record: its published state, its draft, and the sections to choose from. */
export function loadDraftEdit<T extends DraftRecordType>(
  db: Db,
  mc: string,
  record: T,
  key: string,
) {
  return withTenant(db, mc, async (tx) => {
    const { sections, kind } = await kindIn(tx, mc, editingOf(record));
    return { sections, kind, ...(await loadForEdit(tx, mc, kind, key)) };
  });
}

/** The form's fields break a rule: carried out of the transaction, nothing written. */
class FormErrors {
  constructor(readonly details: ErrorDetail[]) {}
}

export interface DiscardDraftInput {
  record: DraftRecordType;
  key: string;
  /** The draft's version the page showed. */
  draftVersion: number;
}

/** Saves the edited fields as the record's draft (fields equal to the published drop it). */
export async function saveDraft<T extends DraftRecordType>(
  ctx: ActionContext<Principal>,
  input: SaveDraftInput<T>,
): Promise<Outcome<SavedDraft<DraftFields[T]>, DraftConflict<DraftFields[T]>>> {
  const editing = editingOf(input.record);
  const no = refusal(ctx.who, editing.permission);
  if (no) return no;
  const { municipality: mc } = ctx;
  try {
    return await withTenant(ctx.db, mc, async (tx) => {
      const { sections, kind } = await kindIn(tx, mc, editing);
      const codes = sections.map((s) => s.code);
      const result = await saveRecordDraft(
        tx,
        mc,
        ctx.actor,
        kind,
        input.key,
        (published) => {
          const read = editing.read(input.form, published, codes);
          if ("errors" in read) throw new FormErrors(read.errors);
          return read.fields;
        },
        input.expected,
      );
      if (result.status === "saved") return saved({ draft: result.draft });
      if (result.status === "unchanged")
        // A draft dropped because the fields are the published ones again is a write.
        return input.expected.draftVersion > 0 ? saved({}) : unchanged({});
      const current = result.draft?.fields ?? result.published.fields;
      const submitted = editing.read(input.form, result.published.fields, codes);
      return conflict({
        published: result.published,
        draft: result.draft,
        changes: "fields" in submitted ? kind.changes(current, submitted.fields) : [],
      });
    });
  } catch (e) {
    if (e instanceof FormErrors) return invalid(e.details);
    throw e;
  }
}

/** Drops the record's draft; the published state stays. */
export async function discardDraft(
  ctx: ActionContext<Principal>,
  input: DiscardDraftInput,
): Promise<Outcome> {
  const editing = editingOf(input.record);
  const no = refusal(ctx.who, editing.permission);
  if (no) return no;
  const { municipality: mc } = ctx;
  return withTenant(ctx.db, mc, async (tx) => {
    const { kind } = await kindIn(tx, mc, editing);
    const draft = await readRecordDraft(tx, mc, kind, input.key);
    if (draft && draft.version !== input.draftVersion)
      return conflict(undefined, "下書きはほかの人が更新しました。ページを開き直してください");
    // A missing record or draft is a 404 (thrown there).
    await discardRecordDraft(tx, mc, ctx.actor, kind, input.key, input.draftVersion);
    return saved(undefined);
  });
}
