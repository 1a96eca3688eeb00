/** Staff pages of letters: the list, one letter (triage, timeline steps, public version), files. */

import { type Context, Hono } from "hono";
import { may, type Principal, permit, type StaffEnv, staffContext } from "../accounts/index.ts";
import type { Db } from "../core/db/client.ts";
import { AppError } from "../core/errors.ts";
import { type FormBody, formList, formText, requireVersion } from "../core/forms.ts";
import { answer } from "../core/http/answer.ts";
import { contentDisposition } from "../core/http/content-disposition.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import type { ActionContext, Outcome } from "../core/outcome.ts";
import { Layout, staffHome } from "../core/views/layout.tsx";
import { meetingManageRoutes } from "../meetings/index.ts";
import { listSections } from "../municipalities/index.ts";
import { staffProposalRoutes } from "../proposals/index.ts";
import { permissions } from "./permissions.ts";
import { findForStaff, listForStaff, readAttachment, type StaffFilter } from "./queries.ts";
import { isReceiver } from "./reception.ts";
import { receptionRoutes } from "./reception-routes.tsx";
import { isReceiptNumber, japanDate } from "./rules.ts";
import { addStep, mayHandle, savePublicVersion, triageLetter } from "./store.ts";
import {
  LETTER_SECTIONS,
  type LetterForm,
  letterKindTitle,
  ManageLetterPage,
} from "./views/manage-letter-page.tsx";
import { ManageListPage } from "./views/manage-list-page.tsx";

export function letterManageRoutes(db: Db) {
  const app = new Hono<StaffEnv>();
  const manage = permit(permissions.manage);
  // The admin's reception page first: its path would otherwise be read as a receipt number.
  app.route("/", receptionRoutes(db));

  app.get("/:code/manage/letters", manage, async (c) => {
    const m = municipalityOf(c);
    const who = c.get("staff");
    const q = (k: string) => c.req.query(k)?.trim() || undefined;
    const filter: StaffFilter = {
      status: q("status"),
      kind: q("kind"),
      section: q("section"),
      published: q("published"),
    };
    // A receiver of letters sees every letter, as a planner does.
    const onlyOwn = !may(who, permissions.seeAll) && !(await isReceiver(db, m.code, who));
    const [rows, sections] = await Promise.all([
      listForStaff(db, m.code, filter, onlyOwn ? who.sectionCodes : null),
      listSections(db, m.code),
    ]);
    return c.html(
      <Layout
        title="市長へのたより"
        municipality={m}
        crumbs={[staffHome(m.code), { label: "市長へのたより" }]}
      >
        <ManageListPage
          code={m.code}
          rows={rows}
          sections={sections}
          filter={filter}
          today={japanDate(new Date())}
          onlyOwn={onlyOwn}
          meetings={may(who, permissions.seeAll)}
          mayConfigure={may(who, permissions.reception)}
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
    const who = c.get("staff");
    const receiver = await isReceiver(db, m.code, who);
    if (!mayHandle(who, view.letter) && !receiver)
      throw new AppError(
        "forbidden",
        "このたよりは、担当課の方、たよりを受け取る職員と企画担当（planner）以上の方だけが見られます",
      );
    return { m, view, receiver };
  };

  const letterPage = async (
    c: Context<StaffEnv>,
    extra: Pick<Parameters<typeof ManageLetterPage>[0], "done" | "errors" | "submitted"> = {},
    status: 200 | 400 | 409 = 200,
  ) => {
    const { m, view, receiver } = await load(c);
    const who = c.get("staff");
    const sections = await listSections(db, m.code);
    return c.html(
      <Layout
        title={`${letterKindTitle(view.letter)} ${view.letter.receiptNumber}`}
        municipality={m}
        crumbs={[
          staffHome(m.code),
          { href: `/${m.code}/manage/letters`, label: "市長へのたより" },
          { label: view.letter.receiptNumber },
        ]}
      >
        <ManageLetterPage
          code={m.code}
          view={view}
          sections={sections}
          csrf={who.csrfToken}
          mayTriage={may(who, permissions.triage) || receiver}
          mayStep={mayHandle(who, view.letter)}
          {...extra}
        />
      </Layout>,
      status,
    );
  };

  app.get("/:code/manage/letters/:receiptNumber", manage, (c) =>
    letterPage(c, { done: c.req.query("done") }),
  );

  /** Answers an action on one letter: back to its page, or the page with the form's errors. */
  const act = (
    path: string,
    form: LetterForm,
    run: (
      ctx: ActionContext<Principal>,
      receipt: string,
      body: FormBody,
      c: Context<StaffEnv>,
    ) => Promise<Outcome<unknown, unknown>>,
    done: (value: unknown, body: FormBody) => string,
  ) =>
    app.post(`/:code/manage/letters/:receiptNumber/${path}`, manage, async (c) => {
      const { m, view } = await load(c);
      const receipt = view.letter.receiptNumber;
      const body = (await c.req.parseBody({ all: true })) as FormBody;
      return answer(await run(staffContext(db, c), receipt, body, c), {
        saved: (value) =>
          c.redirect(
            `/${m.code}/manage/letters/${receipt}?done=${done(value, body)}#${LETTER_SECTIONS[form]}`,
            303,
          ),
        invalid: (o) =>
          letterPage(
            c,
            {
              errors: { form, message: o.message, details: o.details },
              submitted: Object.fromEntries(
                Object.entries(body)
                  .filter(([k]) => k !== "_csrf" && k !== "version")
                  .map(([k, v]) => [k, Array.isArray(v) ? formList(v) : formText(v)]),
              ),
            },
            400,
          ),
        // A stale form shows the current record, not what was typed over it.
        conflict: (o) => letterPage(c, { errors: { form, message: o.message, details: [] } }, 409),
      });
    });

  act(
    "triage",
    "triage",
    (ctx, receipt, body) =>
      triageLetter(ctx, {
        receipt,
        version: requireVersion(body),
        kind: formText(body.kind),
        category: formText(body.category),
        section: formText(body.section),
        dueDate: formText(body.dueDate),
        nodes: formList(body.nodes),
      }),
    () => "triaged",
  );

  act(
    "steps",
    "step",
    (ctx, receipt, body, c) =>
      addStep(ctx, {
        receipt,
        version: requireVersion(body),
        submission: {
          kind: formText(body.stepKind),
          outcome: formText(body.outcome),
          reason: formText(body.reason),
          publicComment: formText(body.publicComment),
          reflectedNode: formText(body.reflectedNode),
          reflectedFromFiscalYear: formText(body.reflectedFromFiscalYear),
        },
        municipalityName: municipalityOf(c).name,
      }),
    // The page says which mail was really prepared, and none when there was no one to write to.
    (value) => {
      const v = value as { mailed: boolean; contactErased: boolean };
      return v.mailed ? "step" : v.contactErased ? "step-unmailed" : "step-nomail";
    },
  );

  const publicMode = (body: FormBody) => {
    const action = formText(body.action);
    return action === "publish" || action === "unpublish" ? action : "save";
  };
  /** Each finding of personal data (redactKey.N) and what was chosen for it (redact.N). */
  const redactions = (body: FormBody) => {
    const mask: string[] = [];
    const keep: string[] = [];
    for (let i = 0; body[`redactKey.${i}`] !== undefined; i++) {
      const choice = formText(body[`redact.${i}`]);
      if (choice === "mask") mask.push(formText(body[`redactKey.${i}`]));
      if (choice === "keep") keep.push(formText(body[`redactKey.${i}`]));
    }
    return { mask, keep };
  };
  act(
    "public",
    "public",
    (ctx, receipt, body) =>
      savePublicVersion(ctx, {
        receipt,
        version: requireVersion(body),
        publicSubject: formText(body.publicSubject),
        publicBody: formText(body.publicBody),
        mode: publicMode(body),
        ...redactions(body),
      }),
    (_, body) => {
      const chosen = publicMode(body);
      return chosen === "save" ? "saved" : `${chosen}ed`;
    },
  );

  app.get("/:code/manage/letters/:receiptNumber/attachments/:attachmentId", manage, async (c) => {
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
