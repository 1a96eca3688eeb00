/**
 * The routes of a definition edit page, the same for every kind of record: show the form (the
 * draft if there is one), save a draft, discard it, answer a stale form with the conflict page.
 * Planners only. A module supplies its record kind, how to read its form, and its fields.
 */
import { type Context, Hono } from "hono";
import type { FC } from "hono/jsx";
import { requireRole, type StaffEnv } from "../accounts/index.ts";
import type { Db } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { AppError, type ErrorDetail } from "../core/errors.ts";
import { type FormBody, formList } from "../core/forms.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import {
  type DraftableRecord,
  discardRecordDraft,
  loadForEdit,
  readExpectedVersions,
  saveRecordDraft,
} from "../core/record-drafts.ts";
import { ConflictPage } from "../core/views/conflict-page.tsx";
import { type Crumb, Layout } from "../core/views/layout.tsx";
import { listSectionsIn } from "../municipalities/index.ts";
import { EditFrame } from "./views/edit-frame.tsx";

export interface SectionChoice {
  code: string;
  name: string;
}

export interface FieldsProps<F> {
  values: F;
  /** The submitted form, shown again as typed when it had errors. */
  raw?: FormBody;
  sections: SectionChoice[];
  details?: ErrorDetail[];
}

export interface RecordEditor<F> {
  /** The edit page's route, with :code and the record's key as `param`. */
  path: string;
  /** The route parameter holding the record's code, e.g. "nodeCode". */
  param: string;
  kind(sectionNames: ReadonlyMap<string, string>): DraftableRecord<F>;
  read(
    form: FormBody,
    published: F,
    sectionCodes: string[],
  ): { fields: F } | { errors: ErrorDetail[] };
  heading(fields: F, key: string): string;
  subject(fields: F, key: string): string;
  crumbs(mc: string, key: string): Crumb[];
  /** Names of the form's fields, for the error summary's links. */
  fieldNames(fields: F): string[];
  Fields: FC<FieldsProps<F>>;
}

const VERSION_FIELDS = new Set(["_csrf", "publishedVersion", "draftVersion"]);

/** The submitted fields as name/value pairs, to post again from the conflict page. */
const pairsOf = (form: FormBody) =>
  Object.entries(form).flatMap(([name, v]) =>
    VERSION_FIELDS.has(name) ? [] : formList(v).map((x): [string, string] => [name, x]),
  );

export function recordEditRoutes<F>(db: Db, editor: RecordEditor<F>) {
  const app = new Hono<StaffEnv>();
  const planner = requireRole("planner");

  /** Sections and the record kind that names them, inside one tenant transaction. */
  const context = async (tx: Parameters<Parameters<typeof withTenant>[2]>[0], mc: string) => {
    const sections = await listSectionsIn(tx, mc);
    const kind = editor.kind(new Map(sections.map((s) => [s.code, s.name])));
    return { sections, kind };
  };

  const page = async (
    c: Context<StaffEnv>,
    extra: { raw?: FormBody; errors?: { message: string; details: ErrorDetail[] }; done?: string },
    status: 200 | 400 = 200,
  ) => {
    const m = municipalityOf(c);
    const key = c.req.param(editor.param)!;
    const { sections, kind, published, draft } = await withTenant(db, m.code, async (tx) => {
      const ctx = await context(tx, m.code);
      return { ...ctx, ...(await loadForEdit(tx, m.code, ctx.kind, key)) };
    });
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
            raw={extra.raw}
            sections={sections}
            details={extra.errors?.details}
          />
        </EditFrame>
      </Layout>,
      status,
    );
  };

  app.get(editor.path, planner, (c) => page(c, { done: c.req.query("done") }));

  app.post(editor.path, planner, async (c) => {
    const m = municipalityOf(c);
    const key = c.req.param(editor.param)!;
    const form = await c.req.parseBody({ all: true });
    const expected = readExpectedVersions(form);
    if (!expected)
      throw new AppError("bad_request", "フォームが壊れています。ページを開き直してください");
    const save = () =>
      withTenant(db, m.code, async (tx) => {
        const { sections, kind } = await context(tx, m.code);
        const codes = sections.map((s) => s.code);
        const result = await saveRecordDraft(
          tx,
          m.code,
          c.get("actor"),
          kind,
          key,
          (published) => {
            const read = editor.read(form, published, codes);
            if ("errors" in read)
              throw new AppError("bad_request", "入力内容を確認してください", read.errors);
            return read.fields;
          },
          expected,
        );
        if (result.status !== "conflict") return { result, kind };
        const current = result.draft?.fields ?? result.published.fields;
        const submitted = editor.read(form, result.published.fields, codes);
        return {
          result,
          kind,
          changes: "fields" in submitted ? kind.changes(current, submitted.fields) : [],
        };
      });
    let outcome: Awaited<ReturnType<typeof save>>;
    try {
      outcome = await save();
    } catch (e) {
      if (e instanceof AppError && e.code === "bad_request")
        return page(c, { raw: form, errors: { message: e.message, details: e.details } }, 400);
      throw e;
    }
    const { result, kind } = outcome;
    const editPath = kind.editPath(m.code, key);
    if (result.status === "conflict")
      return c.html(
        <Layout title="ほかの人が先に保存しました" municipality={m}>
          <ConflictPage
            subject={editor.subject(result.published.fields, key)}
            currentLabel={`現在の内容${result.draft !== undefined ? "（下書き）" : "（公開中）"}`}
            editPath={editPath}
            csrf={c.get("staff").csrfToken}
            changes={outcome.changes ?? []}
            basis={[
              ["publishedVersion", String(result.published.version)],
              ["draftVersion", String(result.draft?.version ?? 0)],
            ]}
            submitted={pairsOf(form)}
          />
        </Layout>,
        409,
      );
    return c.redirect(`${editPath}?done=${result.status}`, 303);
  });

  app.post(`${editor.path}/discard`, planner, async (c) => {
    const m = municipalityOf(c);
    const key = c.req.param(editor.param)!;
    const form = await c.req.parseBody();
    const path = await withTenant(db, m.code, async (tx) => {
      const { kind } = await context(tx, m.code);
      await discardRecordDraft(tx, m.code, c.get("actor"), kind, key, Number(form.draftVersion));
      return kind.editPath(m.code, key);
    });
    return c.redirect(`${path}?done=discarded`, 303);
  });

  return app;
}
