/**
 * Staff pages of staff proposals (職員提案制度). Every signed-in person may submit and read their
 * own proposals and the finally decided ones; the committee (planners) reads all, scores, decides
 * and records the implementation. Nothing here is public.
 */
import { type Context, Hono } from "hono";
import {
  assertMay,
  type Permission,
  type Principal,
  permit,
  type StaffEnv,
  staffContext,
} from "../accounts/index.ts";
import type { Db } from "../core/db/client.ts";
import { AppError, notFound } from "../core/errors.ts";
import { type FormBody, formList, formText, requireVersion } from "../core/forms.ts";
import { answer } from "../core/http/answer.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import type { ActionContext, Outcome } from "../core/outcome.ts";
import { Layout, staffHome } from "../core/views/layout.tsx";
import { isReceiptNumber } from "../letters/index.ts";
import { listSections } from "../municipalities/index.ts";
import { saveProposalDraft } from "./drafts.ts";
import { permissions } from "./permissions.ts";
import {
  decideProposal,
  recordImplementation,
  saveCriteria,
  scoreProposal,
  submitProposal,
} from "./proposals.ts";
import { findMyDraft, findProposal, listMyDrafts, listProposals, loadCriteria } from "./queries.ts";
import { isCommittee, PROPOSAL_LIMITS } from "./rules.ts";
import { CriteriaPage, type DraftValues, ProposalFormPage } from "./views/forms.tsx";
import { ProposalListPage } from "./views/list-page.tsx";
import { ProposalPage } from "./views/proposal-page.tsx";

const listCrumb = (code: string) => ({ href: `/${code}/manage/proposals`, label: "職員提案" });
type Errors = { form: string; message: string; details: { location: string; message: string }[] };

const submittedOf = (form: FormBody) =>
  Object.fromEntries(
    Object.entries(form)
      .filter(([k]) => k !== "_csrf" && k !== "version")
      .map(([k, v]) => [k, Array.isArray(v) ? formList(v) : formText(v)]),
  );

/** The proposer's mail links to the proposal's page on this site. */
const notice = (c: Context) => ({ origin: new URL(c.req.url).origin });

export function staffProposalRoutes(db: Db) {
  const app = new Hono<StaffEnv>();

  app.get("/:code/manage/proposals", async (c) => {
    const m = municipalityOf(c);
    const who = c.get("staff");
    const [rows, drafts] = await Promise.all([
      listProposals(db, m.code, who),
      listMyDrafts(db, m.code, who),
    ]);
    return c.html(
      <Layout title="職員提案" municipality={m} crumbs={[staffHome(m.code), { label: "職員提案" }]}>
        <ProposalListPage
          code={m.code}
          rows={rows}
          drafts={drafts}
          userId={who.userId}
          committee={isCommittee(who)}
        />
      </Layout>,
    );
  });

  const formPage = async (
    c: Context<StaffEnv>,
    extra: {
      errors?: Errors;
      submitted?: Record<string, string | string[]>;
      draft?: DraftValues;
      done?: string;
    } = {},
    status: 200 | 400 = 200,
  ) => {
    const m = municipalityOf(c);
    const sections = await listSections(db, m.code);
    const title = extra.draft ? "職員提案の下書き" : "職員提案を出す";
    return c.html(
      <Layout
        title={title}
        municipality={m}
        crumbs={[
          staffHome(m.code),
          listCrumb(m.code),
          { label: extra.draft ? "下書き" : "提案する" },
        ]}
      >
        <ProposalFormPage
          code={m.code}
          sections={sections}
          csrf={c.get("staff").csrfToken}
          {...extra}
        />
      </Layout>,
      status,
    );
  };

  const submissionOf = (form: FormBody) => ({
    title: formText(form.title),
    problem: formText(form.problem),
    proposal: formText(form.proposal),
    expectedEffect: formText(form.expectedEffect),
    expectedHours: formText(form.expectedHours),
    expectedYen: formText(form.expectedYen),
    sections: formList(form.sections),
    applicant: formText(form.applicant),
    groupName: formText(form.groupName),
    memberNames: formText(form.memberNames),
  });

  /** This person's draft, as the form shows it; 404 for another's or a submitted one. */
  const loadDraft = async (c: Context<StaffEnv>): Promise<DraftValues> => {
    const m = municipalityOf(c);
    const id = Number(c.req.param("draftId"));
    const row = Number.isSafeInteger(id)
      ? await findMyDraft(db, m.code, c.get("staff"), id)
      : undefined;
    if (!row) throw notFound("この職員提案の下書き");
    return {
      id: row.id,
      version: row.version,
      updatedAt: row.updatedAt,
      fields: {
        title: row.title,
        problem: row.problem,
        proposal: row.proposal,
        expectedEffect: row.expectedEffect,
        expectedHours: row.expectedHours,
        expectedYen: row.expectedYen,
        sections: row.sectionCodes,
        applicant: row.applicant,
        groupName: row.groupName,
        memberNames: row.memberNames,
      },
    };
  };

  /** Save as a draft (action=draft) or submit, from the new form or a draft (`draft`). */
  const saveOrSubmit = async (c: Context<StaffEnv>, draft?: DraftValues) => {
    const m = municipalityOf(c);
    const form = (await c.req.parseBody({ all: true })) as FormBody;
    const submission = submissionOf(form);
    const version = draft ? requireVersion(form) : null;
    const back = (o: { message: string; details: Errors["details"] }) =>
      formPage(
        c,
        {
          errors: { form: "new", message: o.message, details: o.details },
          submitted: submittedOf(form),
          ...(draft ? { draft: { ...draft, version: version! } } : {}),
        },
        400,
      );
    if (formText(form.action) === "draft")
      return answer(
        await saveProposalDraft(staffContext(db, c), {
          id: draft?.id ?? null,
          version,
          submission,
        }),
        {
          saved: (id) => c.redirect(`/${m.code}/manage/proposals/drafts/${id}?done=draft`, 303),
          invalid: back,
        },
      );
    return answer(
      await submitProposal(staffContext(db, c), {
        submission,
        notice: notice(c),
        ...(draft ? { draft: { id: draft.id, version: version! } } : {}),
      }),
      {
        saved: (number) => c.redirect(`/${m.code}/manage/proposals/${number}?done=submitted`, 303),
        invalid: back,
      },
    );
  };

  app.get("/:code/manage/proposals/new", (c) => formPage(c));
  app.post("/:code/manage/proposals/new", permit(permissions.submit), (c) => saveOrSubmit(c));

  app.get("/:code/manage/proposals/drafts/:draftId", async (c) =>
    formPage(c, { draft: await loadDraft(c), done: c.req.query("done") }),
  );
  app.post("/:code/manage/proposals/drafts/:draftId", permit(permissions.submit), async (c) =>
    saveOrSubmit(c, await loadDraft(c)),
  );

  const criteriaPage = async (
    c: Context<StaffEnv>,
    extra: {
      done?: boolean;
      errors?: Errors;
      criteria?: { name: string; description: string | null }[];
    } = {},
    status: 200 | 400 = 200,
  ) => {
    assertMay(c.get("staff"), permissions.review);
    const m = municipalityOf(c);
    const criteria = extra.criteria ?? (await loadCriteria(db, m.code));
    return c.html(
      <Layout
        title="職員提案の審査の観点"
        municipality={m}
        crumbs={[staffHome(m.code), listCrumb(m.code), { label: "審査の観点" }]}
      >
        <CriteriaPage
          code={m.code}
          criteria={criteria}
          csrf={c.get("staff").csrfToken}
          done={extra.done}
          errors={extra.errors}
        />
      </Layout>,
      status,
    );
  };

  app.get("/:code/manage/proposals/criteria", (c) =>
    criteriaPage(c, { done: c.req.query("done") === "1" }),
  );

  app.post("/:code/manage/proposals/criteria", permit(permissions.saveCriteria), async (c) => {
    const m = municipalityOf(c);
    const form = (await c.req.parseBody({ all: true })) as FormBody;
    const rows = Array.from({ length: PROPOSAL_LIMITS.criteria + 3 }, (_, i) => ({
      name: formText(form[`name${i}`]),
      description: formText(form[`description${i}`]),
    }));
    return answer(await saveCriteria(staffContext(db, c), rows), {
      saved: () => c.redirect(`/${m.code}/manage/proposals/criteria?done=1`, 303),
      invalid: (o) =>
        criteriaPage(
          c,
          {
            errors: { form: "criteria", message: o.message, details: o.details },
            criteria: rows
              .filter((r) => r.name.trim() !== "" || r.description.trim() !== "")
              .map((r) => ({ name: r.name, description: r.description || null })),
          },
          400,
        ),
    });
  });

  /** The proposal if this person may see it: 404 for an unknown one, 403 for another's undecided one. */
  const load = async (c: Context<StaffEnv>) => {
    const m = municipalityOf(c);
    const number = c.req.param("proposalNumber")!;
    const found = isReceiptNumber(number)
      ? await findProposal(db, m.code, c.get("staff"), number)
      : { found: false as const };
    if (!found.found) throw notFound(`提案番号 ${number} の職員提案`);
    if (!found.allowed)
      throw new AppError(
        "forbidden",
        "審査中の職員提案は、提案者と審査会（企画担当）の方だけが見られます",
      );
    return { m, view: found };
  };

  const proposalPage = async (
    c: Context<StaffEnv>,
    extra: { done?: string; errors?: Errors; submitted?: Record<string, string | string[]> } = {},
    status: 200 | 400 | 409 = 200,
  ) => {
    const { m, view } = await load(c);
    const who = c.get("staff");
    const sections = await listSections(db, m.code);
    return c.html(
      <Layout
        title={`職員提案 ${view.proposal.number}`}
        municipality={m}
        crumbs={[staffHome(m.code), listCrumb(m.code), { label: view.proposal.number }]}
      >
        <ProposalPage
          code={m.code}
          proposal={view.proposal}
          proposerName={view.proposerName}
          steps={view.steps}
          mailed={view.mailed}
          sections={sections}
          criteria={view.criteria}
          scores={view.scores}
          userId={who.userId}
          committee={isCommittee(who)}
          csrf={who.csrfToken}
          {...extra}
        />
      </Layout>,
      status,
    );
  };

  app.get("/:code/manage/proposals/:proposalNumber", (c) =>
    proposalPage(c, { done: c.req.query("done") }),
  );

  /** Answers a committee action on one proposal: back to its page, or the page with the form's errors. */
  const act = (
    path: string,
    permission: Permission,
    done: string,
    run: (
      ctx: ActionContext<Principal>,
      number: string,
      body: FormBody,
      c: Context<StaffEnv>,
    ) => Promise<Outcome<unknown, unknown>>,
  ) =>
    app.post(`/:code/manage/proposals/:proposalNumber/${path}`, permit(permission), async (c) => {
      const { m, view } = await load(c);
      const number = view.proposal.number;
      const body = (await c.req.parseBody({ all: true })) as FormBody;
      return answer(await run(staffContext(db, c), number, body, c), {
        saved: () => c.redirect(`/${m.code}/manage/proposals/${number}?done=${done}`, 303),
        invalid: (o) =>
          proposalPage(
            c,
            {
              errors: { form: path, message: o.message, details: o.details },
              submitted: submittedOf(body),
            },
            400,
          ),
        conflict: (o) =>
          proposalPage(c, { errors: { form: path, message: o.message, details: [] } }, 409),
      });
    });

  act("score", permissions.score, "scored", (ctx, number, body, c) =>
    scoreProposal(ctx, {
      number,
      scores: Object.fromEntries(
        Object.entries(body)
          .filter(([k]) => /^score\d+$/.test(k))
          .map(([k, v]) => [k, formText(v)]),
      ),
      notice: notice(c),
    }),
  );

  act("decision", permissions.decide, "decided", (ctx, number, body, c) =>
    decideProposal(ctx, {
      number,
      version: requireVersion(body),
      decision: formText(body.decision),
      reason: formText(body.reason),
      notice: notice(c),
    }),
  );

  act("implementation", permissions.implement, "implemented", (ctx, number, body, c) =>
    recordImplementation(ctx, {
      number,
      version: requireVersion(body),
      submission: {
        implementation: formText(body.implementation),
        implementedOn: formText(body.implementedOn),
        measuredEffect: formText(body.measuredEffect),
        measuredHours: formText(body.measuredHours),
        measuredYen: formText(body.measuredYen),
      },
      notice: notice(c),
    }),
  );

  return app;
}
