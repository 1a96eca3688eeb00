/** Staff pages of letters: the list, one letter (triage, timeline steps, public version), files. */

import { type Context, Hono } from "hono";
import { hasRole, requireRole, type StaffEnv } from "../accounts/index.ts";
import type { Db } from "../core/db/client.ts";
import { AppError } from "../core/errors.ts";
import { type FormBody, formList, formText } from "../core/forms.ts";
import { contentDisposition } from "../core/http/content-disposition.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import { Layout } from "../core/views/layout.tsx";
import { meetingManageRoutes } from "../meetings/index.ts";
import { listSections } from "../municipalities/index.ts";
import { staffProposalRoutes } from "../proposals/index.ts";
import { findForStaff, listForStaff, readAttachment, type StaffFilter } from "./queries.ts";
import { isReceiptNumber, japanDate } from "./rules.ts";
import { addStep, mayHandle, savePublicVersion, triageLetter } from "./store.ts";
import { type LetterForm, ManageLetterPage, ManageListPage } from "./views/manage-pages.tsx";

const home = (code: string) => ({ href: `/${code}/manage/`, label: "職員用ページ" });
const versionOf = (form: FormBody) => Number(formText(form.version)) || 0;

export function letterManageRoutes(db: Db) {
  const app = new Hono<StaffEnv>();
  const editor = requireRole("editor");

  app.get("/:code/manage/letters", editor, async (c) => {
    const m = municipalityOf(c);
    const who = c.get("staff");
    const q = (k: string) => c.req.query(k)?.trim() || undefined;
    const filter: StaffFilter = {
      status: q("status"),
      kind: q("kind"),
      section: q("section"),
      published: q("published"),
    };
    const onlyOwn = !hasRole(who.role, "planner");
    const [rows, sections] = await Promise.all([
      listForStaff(db, m.code, filter, onlyOwn ? who.sectionCodes : null),
      listSections(db, m.code),
    ]);
    return c.html(
      <Layout
        title="市長へのたより"
        municipality={m}
        crumbs={[home(m.code), { label: "市長へのたより" }]}
      >
        <ManageListPage
          code={m.code}
          rows={rows}
          sections={sections}
          filter={filter}
          today={japanDate(new Date())}
          onlyOwn={onlyOwn}
        />
      </Layout>,
    );
  });

  /** The letter, if this person may handle it: 404 for an unknown one, 403 for another section's. */
  const load = async (c: Context<StaffEnv>) => {
    const m = municipalityOf(c);
    const receipt = c.req.param("receiptNumber")!;
    const view = isReceiptNumber(receipt) ? await findForStaff(db, m.code, receipt) : undefined;
    if (!view) throw new AppError("not_found", `受付番号 ${receipt} のたよりが見つかりません`);
    if (!mayHandle(c.get("staff"), view.letter))
      throw new AppError(
        "forbidden",
        "このたよりは、担当課の方と企画担当（planner）以上の方だけが見られます",
      );
    return { m, view };
  };

  const letterPage = async (
    c: Context<StaffEnv>,
    extra: Pick<Parameters<typeof ManageLetterPage>[0], "done" | "errors" | "submitted"> = {},
    status: 200 | 400 | 409 = 200,
  ) => {
    const { m, view } = await load(c);
    const who = c.get("staff");
    const sections = await listSections(db, m.code);
    return c.html(
      <Layout
        title={`市長へのたより ${view.letter.receiptNumber}`}
        municipality={m}
        crumbs={[
          home(m.code),
          { href: `/${m.code}/manage/letters`, label: "市長へのたより" },
          { label: view.letter.receiptNumber },
        ]}
      >
        <ManageLetterPage
          code={m.code}
          view={view}
          sections={sections}
          csrf={who.csrfToken}
          mayTriage={hasRole(who.role, "planner")}
          mayStep={mayHandle(who, view.letter)}
          {...extra}
        />
      </Layout>,
      status,
    );
  };

  app.get("/:code/manage/letters/:receiptNumber", editor, (c) =>
    letterPage(c, { done: c.req.query("done") }),
  );

  const act = (
    path: string,
    form: LetterForm,
    run: (c: Context<StaffEnv>, receipt: string, body: FormBody) => Promise<string>,
  ) =>
    app.post(`/:code/manage/letters/:receiptNumber/${path}`, editor, async (c) => {
      const { m, view } = await load(c);
      const body = (await c.req.parseBody({ all: true })) as FormBody;
      try {
        const done = await run(c, view.letter.receiptNumber, body);
        return c.redirect(
          `/${m.code}/manage/letters/${view.letter.receiptNumber}?done=${done}`,
          303,
        );
      } catch (e) {
        if (e instanceof AppError && (e.code === "bad_request" || e.code === "conflict")) {
          const submitted = Object.fromEntries(
            Object.entries(body)
              .filter(([k]) => k !== "_csrf" && k !== "version")
              .map(([k, v]) => [k, Array.isArray(v) ? formList(v) : formText(v)]),
          );
          return letterPage(
            c,
            {
              errors: { form, message: e.message, details: e.details },
              // A stale form shows the current record, not what was typed over it.
              submitted: e.code === "conflict" ? undefined : submitted,
            },
            e.status as 400 | 409,
          );
        }
        throw e;
      }
    });

  act("triage", "triage", async (c, receipt, body) => {
    await triageLetter(db, c.req.param("code")!, c.get("staff"), c.get("actor"), receipt, {
      version: versionOf(body),
      kind: formText(body.kind),
      category: formText(body.category),
      section: formText(body.section),
      dueDate: formText(body.dueDate),
      nodes: formList(body.nodes),
    });
    return "triaged";
  });

  act("steps", "step", async (c, receipt, body) => {
    const m = municipalityOf(c);
    const { contactErased } = await addStep(
      db,
      m.code,
      c.get("staff"),
      c.get("actor"),
      receipt,
      {
        version: versionOf(body),
        kind: formText(body.stepKind),
        outcome: formText(body.outcome),
        reason: formText(body.reason),
        publicComment: formText(body.publicComment),
        reflectedNode: formText(body.reflectedNode),
        reflectedFromFiscalYear: formText(body.reflectedFromFiscalYear),
      },
      { municipalityName: m.name },
    );
    // No mail could be prepared: the page says so rather than promise one.
    return contactErased ? "step-unmailed" : "step";
  });

  act("public", "public", async (c, receipt, body) => {
    const action = formText(body.action);
    const chosen = action === "publish" || action === "unpublish" ? action : "save";
    await savePublicVersion(db, c.req.param("code")!, c.get("staff"), c.get("actor"), receipt, {
      version: versionOf(body),
      publicSubject: formText(body.publicSubject),
      publicBody: formText(body.publicBody),
      mode: chosen,
    });
    return chosen === "save" ? "saved" : `${chosen}ed`;
  });

  app.get("/:code/manage/letters/:receiptNumber/attachments/:attachmentId", editor, async (c) => {
    const { m, view } = await load(c);
    const id = Number(c.req.param("attachmentId"));
    const file = Number.isSafeInteger(id)
      ? await readAttachment(db, m.code, view.letter.receiptNumber, id)
      : undefined;
    if (!file) throw new AppError("not_found", "添付ファイルが見つかりません");
    return c.body(new Uint8Array(file.content), 200, {
      "Content-Type": file.contentType,
      "Content-Disposition": contentDisposition(file.name),
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    });
  });

  // Town meetings (planners) and staff proposals (everyone signed in): voice's other staff pages.
  app.route("/", meetingManageRoutes(db));
  app.route("/", staffProposalRoutes(db));

  return app;
}
