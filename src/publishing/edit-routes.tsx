/**
 * The routes of a definition edit page, the same for every kind of record: show the form (the
 * draft if there is one), save a draft, discard it, answer a stale form with the conflict page.
 * A module supplies its record kind, its draft actions (record-draft-actions.ts), how to read
 * its form, and its fields.
 */
import { type Context, Hono } from "hono";
import type { FC } from "hono/jsx";
import { permit, type StaffEnv, staffContext } from "../accounts/index.ts";
import type { Db } from "../core/db/client.ts";
import { AppError, type ErrorDetail } from "../core/errors.ts";
import { type FormBody, requireVersion, resubmitted } from "../core/forms.ts";
import { answer } from "../core/http/answer.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import { readExpectedVersions } from "../core/record-drafts.ts";
import { ConflictPage } from "../core/views/conflict-page.tsx";
import { type Crumb, Layout } from "../core/views/layout.tsx";
import {
  type DraftFields,
  type DraftRecordType,
  discardDraft,
  editingOf,
  loadDraftEdit,
  saveDraft,
} from "./record-draft-actions.ts";
import { EditFrame } from "./views/edit-frame.tsx";

export interface SectionChoice {
  code: string;
  name: string;
}

export interface FieldsProps<F> {
  values: F;
  /** The published record (what names the fields when an older draft does not). */
  published: F;
  /** The submitted form, shown again as typed when it had errors. */
  raw?: FormBody;
  sections: SectionChoice[];
  details?: ErrorDetail[];
  /**
   * Names of fields the domain words from the municipality's plans (RecordEditor.labels); a field
   * shown only where a plan knows it is left out when its name is missing.
   */
  labels?: Readonly<Record<string, string>>;
}

export interface RecordEditor<T extends DraftRecordType, F = DraftFields[T]> {
  /** The record type edited (its DraftEditing is the domain's). */
  record: T;
  /** The edit page's route, with :code and the record's key as `param`. */
  path: string;
  /** The route parameter holding the record's code, e.g. "nodeCode". */
  param: string;
  heading(fields: F, key: string): string;
  subject(fields: F, key: string): string;
  crumbs(mc: string, key: string): Crumb[];
  /** Names of the form's fields, for the error summary's links. */
  fieldNames(fields: F): string[];
  Fields: FC<FieldsProps<F>>;
  /** Field names that depend on the municipality's plans, read for the form (FieldsProps.labels). */
  labels?(db: Db, mc: string): Promise<Readonly<Record<string, string>>>;
}

export function recordEditRoutes<T extends DraftRecordType>(db: Db, editor: RecordEditor<T>) {
  const app = new Hono<StaffEnv>();
  const { record } = editor;
  const editing = editingOf(record);
  const may = permit(editing.permission);

  const page = async (
    c: Context<StaffEnv>,
    extra: { raw?: FormBody; errors?: { message: string; details: ErrorDetail[] }; done?: string },
    status: 200 | 400 = 200,
  ) => {
    const m = municipalityOf(c);
    const key = c.req.param(editor.param)!;
    const { sections, kind, published, draft } = await loadDraftEdit(db, m.code, record, key);
    const values = draft?.fields ?? published.fields;
    const heading = editor.heading(published.fields, key);
    return c.html(
      <Layout title={heading} municipality={m} crumbs={editor.crumbs(m.code, key)}>
        <EditFrame
          heading={heading}
          subject={editor.subject(published.fields, key)}
          action={kind.editPath(m.code, key)}
          publishPath={`/${m.code}/manage/publish`}
          csrf={c.get("staff").csrfToken}
          versions={{ publishedVersion: published.version, draftVersion: draft?.version ?? 0 }}
          draft={draft}
          done={extra.done}
          errors={extra.errors}
          fields={editor.fieldNames(values)}
        >
          <editor.Fields
            values={values}
            published={published.fields}
            raw={extra.raw}
            sections={sections}
            details={extra.errors?.details}
            labels={await editor.labels?.(db, m.code)}
          />
        </EditFrame>
      </Layout>,
      status,
    );
  };

  const editPath = (c: Context<StaffEnv>, key: string) =>
    editing.kind(new Map()).editPath(municipalityOf(c).code, key);

  app.get(editor.path, may, (c) => page(c, { done: c.req.query("done") }));

  app.post(editor.path, may, async (c) => {
    const m = municipalityOf(c);
    const key = c.req.param(editor.param)!;
    const form = await c.req.parseBody({ all: true });
    const expected = readExpectedVersions(form);
    if (!expected)
      throw new AppError("bad_request", "フォームが壊れています。ページを開き直してください");
    const done = (status: string) => c.redirect(`${editPath(c, key)}?done=${status}`, 303);
    return answer(await saveDraft(staffContext(db, c), { record, key, form, expected }), {
      saved: (v) => done(v.draft ? "saved" : "unchanged"),
      unchanged: () => done("unchanged"),
      invalid: (o) =>
        page(c, { raw: form, errors: { message: o.message, details: o.details } }, 400),
      conflict: ({ current }) =>
        c.html(
          <Layout title="ほかの人が先に保存しました" municipality={m}>
            <ConflictPage
              subject={editor.subject(current.published.fields, key)}
              currentLabel={`現在の内容${current.draft !== undefined ? "（下書き）" : "（公開中）"}`}
              editPath={editPath(c, key)}
              csrf={c.get("staff").csrfToken}
              changes={current.changes}
              basis={[
                ["publishedVersion", String(current.published.version)],
                ["draftVersion", String(current.draft?.version ?? 0)],
              ]}
              submitted={resubmitted(form, ["publishedVersion", "draftVersion"])}
            />
          </Layout>,
          409,
        ),
    });
  });

  app.post(`${editor.path}/discard`, may, async (c) => {
    const key = c.req.param(editor.param)!;
    const form = await c.req.parseBody();
    const draftVersion = requireVersion(form, "draftVersion");
    return answer(await discardDraft(staffContext(db, c), { record, key, draftVersion }), {
      saved: () => c.redirect(`${editPath(c, key)}?done=discarded`, 303),
      invalid: () => {
        throw new AppError("bad_request", "フォームが壊れています。ページを開き直してください");
      },
    });
  });

  return app;
}
