/**
 * Staff pages of staff proposals (職員提案制度). Every signed-in person may submit and read their
 * own proposals and the finally decided ones; the committee (planners) reads all, scores, decides
 * and records the implementation. Nothing here is public.
 */
import { type Context, Hono } from "hono";
import type { StaffEnv } from "../accounts/index.ts";
import type { Db } from "../core/db/client.ts";
import { AppError, notFound } from "../core/errors.ts";
import { type FormBody, formList, formText } from "../core/forms.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import { Layout } from "../core/views/layout.tsx";
import { isReceiptNumber } from "../letters/index.ts";
import { listSections } from "../municipalities/index.ts";
import {
  decideProposal,
  findProposal,
  listProposals,
  loadCriteria,
  recordImplementation,
  saveCriteria,
  scoreProposal,
  submitProposal,
} from "./proposals.ts";
import {
  isCommittee,
  PROPOSAL_LIMITS,
  validateCriteria,
  validateDecision,
  validateImplementation,
  validateProposal,
  validateScores,
} from "./rules.ts";
import { CriteriaPage, ProposalFormPage } from "./views/forms.tsx";
import { ProposalListPage, ProposalPage } from "./views/pages.tsx";

const home = (code: string) => ({ href: `/${code}/manage/`, label: "職員用ページ" });
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

const invalid = (details: Errors["details"]) =>
  new AppError("bad_request", "入力内容を確認してください", details);

const committeeOnly = () =>
  new AppError(
    "forbidden",
    "職員提案の審査（採点・審査結果・実施の記録・審査の観点）は、企画担当（planner）以上の方が行います",
  );

export function staffProposalRoutes(db: Db) {
  const app = new Hono<StaffEnv>();

  app.get("/:code/manage/proposals", async (c) => {
    const m = municipalityOf(c);
    const who = c.get("staff");
    const rows = await listProposals(db, m.code, who);
    return c.html(
      <Layout title="職員提案" municipality={m} crumbs={[home(m.code), { label: "職員提案" }]}>
        <ProposalListPage
          code={m.code}
          rows={rows}
          userId={who.userId}
          committee={isCommittee(who)}
        />
      </Layout>,
    );
  });

  const formPage = async (
    c: Context<StaffEnv>,
    extra: { errors?: Errors; submitted?: Record<string, string | string[]> } = {},
    status: 200 | 400 = 200,
  ) => {
    const m = municipalityOf(c);
    const sections = await listSections(db, m.code);
    return c.html(
      <Layout
        title="職員提案を出す"
        municipality={m}
        crumbs={[home(m.code), listCrumb(m.code), { label: "提案する" }]}
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

  app.get("/:code/manage/proposals/new", (c) => formPage(c));

  app.post("/:code/manage/proposals/new", async (c) => {
    const m = municipalityOf(c);
    const form = (await c.req.parseBody({ all: true })) as FormBody;
    const sections = await listSections(db, m.code);
    const checked = validateProposal(
      {
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
      },
      sections.map((s) => s.code),
    );
    if (!checked.ok)
      return formPage(
        c,
        {
          errors: { form: "new", message: "入力内容を確認してください", details: checked.details },
          submitted: submittedOf(form),
        },
        400,
      );
    const number = await submitProposal(
      db,
      m.code,
      c.get("staff"),
      c.get("actor"),
      checked.value,
      new Date(),
      notice(c),
    );
    return c.redirect(`/${m.code}/manage/proposals/${number}?done=submitted`, 303);
  });

  const criteriaPage = async (
    c: Context<StaffEnv>,
    extra: {
      done?: boolean;
      errors?: Errors;
      criteria?: { name: string; description: string | null }[];
    } = {},
    status: 200 | 400 = 200,
  ) => {
    if (!isCommittee(c.get("staff"))) throw committeeOnly();
    const m = municipalityOf(c);
    const criteria = extra.criteria ?? (await loadCriteria(db, m.code));
    return c.html(
      <Layout
        title="職員提案の審査の観点"
        municipality={m}
        crumbs={[home(m.code), listCrumb(m.code), { label: "審査の観点" }]}
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

  app.post("/:code/manage/proposals/criteria", async (c) => {
    if (!isCommittee(c.get("staff"))) throw committeeOnly();
    const m = municipalityOf(c);
    const form = (await c.req.parseBody({ all: true })) as FormBody;
    const rows = Array.from({ length: PROPOSAL_LIMITS.criteria + 3 }, (_, i) => ({
      name: formText(form[`name${i}`]),
      description: formText(form[`description${i}`]),
    }));
    const checked = validateCriteria(rows);
    if (!checked.ok)
      return criteriaPage(
        c,
        {
          errors: {
            form: "criteria",
            message: "入力内容を確認してください",
            details: checked.details,
          },
          criteria: rows
            .filter((r) => r.name.trim() !== "" || r.description.trim() !== "")
            .map((r) => ({ name: r.name, description: r.description || null })),
        },
        400,
      );
    await saveCriteria(db, m.code, c.get("staff"), c.get("actor"), checked.value);
    return c.redirect(`/${m.code}/manage/proposals/criteria?done=1`, 303);
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
        crumbs={[home(m.code), listCrumb(m.code), { label: view.proposal.number }]}
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

  const act = (
    path: string,
    run: (c: Context<StaffEnv>, number: string, body: FormBody) => Promise<string>,
  ) =>
    app.post(`/:code/manage/proposals/:proposalNumber/${path}`, async (c) => {
      if (!isCommittee(c.get("staff"))) throw committeeOnly();
      const { m, view } = await load(c);
      const body = (await c.req.parseBody({ all: true })) as FormBody;
      try {
        const done = await run(c, view.proposal.number, body);
        return c.redirect(`/${m.code}/manage/proposals/${view.proposal.number}?done=${done}`, 303);
      } catch (e) {
        if (e instanceof AppError && (e.code === "bad_request" || e.code === "conflict"))
          return proposalPage(
            c,
            {
              errors: { form: path, message: e.message, details: e.details },
              submitted: e.code === "conflict" ? undefined : submittedOf(body),
            },
            e.status as 400 | 409,
          );
        throw e;
      }
    });

  act("score", async (c, number, body) => {
    const mc = c.req.param("code")!;
    const criteria = await loadCriteria(db, mc);
    const raw = Object.fromEntries(
      criteria.map((_, i) => [`score${i}`, formText(body[`score${i}`])]),
    );
    const checked = validateScores(raw, criteria);
    if (!checked.ok) throw invalid(checked.details);
    await scoreProposal(db, mc, c.get("staff"), c.get("actor"), number, checked.value, notice(c));
    return "scored";
  });

  act("decision", async (c, number, body) => {
    const checked = validateDecision({
      decision: formText(body.decision),
      reason: formText(body.reason),
    });
    if (!checked.ok) throw invalid(checked.details);
    await decideProposal(
      db,
      c.req.param("code")!,
      c.get("staff"),
      c.get("actor"),
      number,
      { ...checked.value, version: Number(formText(body.version)) || 0 },
      notice(c),
    );
    return "decided";
  });

  act("implementation", async (c, number, body) => {
    const { view } = await load(c);
    const checked = validateImplementation(
      {
        implementation: formText(body.implementation),
        implementedOn: formText(body.implementedOn),
        measuredEffect: formText(body.measuredEffect),
        measuredHours: formText(body.measuredHours),
        measuredYen: formText(body.measuredYen),
      },
      view.proposal.decision,
    );
    if (!checked.ok) throw invalid(checked.details);
    await recordImplementation(
      db,
      c.req.param("code")!,
      c.get("staff"),
      c.get("actor"),
      number,
      { ...checked.value, version: Number(formText(body.version)) || 0 },
      notice(c),
    );
    return "implemented";
  });

  return app;
}
