/**
 * Tenant isolation, route by route: an admin of a second municipality (082015), holding their
 * own session cookie, CSRF token and API token, walks every route the application registers
 * with the first municipality's (082058) codes and ids. Staff pages and API writes refuse,
 * public pages show nothing unpublished or personal, and nothing of 082058 changes.
 *
 * The routes are read from the app itself (`app.routes`), so a new route is walked without
 * editing this file — unless it has a parameter or a kind this file does not know yet, and then
 * the first test fails and says what to add. test/integration/tenancy.test.ts covers the public
 * side (one municipality's published data never shown on the other's pages).
 */
import path from "node:path";
import { asc, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { addUser, listUsers } from "../../src/accounts/actions.ts";
import { apiTokens, sessions } from "../../src/accounts/schema.ts";
import { actorOf, resolveSession } from "../../src/accounts/sessions.ts";
import { createTokenFor } from "../../src/accounts/tokens.ts";
import { CLI_ACTOR } from "../../src/core/audit.ts";
import { auditLog } from "../../src/core/audit-schema.ts";
import { withTenant } from "../../src/core/db/tenant.ts";
import { readDrafts, saveActual } from "../../src/indicators/drafts.ts";
import { indicatorActuals } from "../../src/indicators/schema.ts";
import { recordMeeting } from "../../src/meetings/meetings.ts";
import { importPlans } from "../../src/plan/plan-import.ts";
import { saveProposalDraft } from "../../src/proposals/drafts.ts";
import { submitProposal } from "../../src/proposals/proposals.ts";
import { listSurveys } from "../../src/surveys/index.ts";
import { surveyResponses } from "../../src/surveys/schema.ts";
import { describeEachBackend } from "../support/app.ts";
import { cookieOf, csrfOf, DEMO, ORIGIN, signInWith, staffOf } from "../support/staff.ts";

/** The municipality whose data must stay its own. */
const VICTIM = "082058";
/** The municipality the walking person belongs to. */
const ATTACKER = "082015";
const INTRUDER = { email: "intruder@other.example", password: "intruder-password-082015" };

/** 082058's indicator with the draft (GZ-1-O1 also exists, as another indicator, in 082015). */
const INDICATOR = "GZ-1-O1";
const FY = 2024;
/** The unpublished draft: neither value nor note may show anywhere but 082058's staff pages. */
const DRAFT = { value: 87.65, note: "未公開の下書きメモ（082058）" };
const TOKEN_LABEL = "被害側の連携トークン";
/** A staff proposal of 082058: never shown to anyone outside it, nor publicly. */
const PROPOSAL_TITLE = "被害側の職員提案（未審査）";

/** Every HTTP route of the app, without the middleware entries (method ALL), once each. */
interface Route {
  method: string;
  path: string;
}
type Kind = "staff" | "sign-in" | "api-write" | "public" | "public-form";

/** Routes under /{code}/manage that are open by design; every other one needs a session. */
const OPEN_STAFF: Record<string, Kind> = {
  "GET /:code/manage/sign-in": "public",
  /** Only a redirect to the staff home with its trailing slash (which is then guarded). */
  "GET /:code/manage": "public",
  "POST /:code/manage/sign-in": "sign-in",
  /** The public letter form (市長へのたより): anyone may send one; it writes only a new letter. */
  "POST /:code/letters/new": "public-form",
  /**
   * The writer's request to erase their contact details: guarded by the status link's secret
   * token, which only the writer has (walked below with a token that is not one).
   */
  "POST /:code/letters/status/:token/erase-contact": "public-form",
  /**
   * CKAN's Action API takes a read's parameters as a POST JSON body too, as CKAN does; it only
   * reads published data (walked as the public GET of the same action).
   */
  "POST /api/3/action/:name": "public",
  /**
   * A survey's answering form: opened only by a one-time access code of that survey (walked
   * below with a code that is not one of 082058's).
   */
  "POST /:code/surveys/:survey": "public-form",
  "POST /:code/surveys/:survey/answer": "public-form",
};

/** What a route is, by its method and path; undefined for a kind this file does not know. */
function kindOf(r: Route): Kind | undefined {
  const open = OPEN_STAFF[`${r.method} ${r.path}`];
  if (open) return open;
  if (/\/manage(\/|$)/.test(r.path)) return "staff";
  if (r.path.startsWith("/api/")) return r.method === "GET" ? "public" : "api-write";
  if (r.method === "GET") return "public";
  return undefined;
}

/** `:name` and `:name{regex}` (one level of braces inside, as in `{[0-9]{6}}`), maybe optional. */
const PARAM = /:(\w+)(?:\{(?:[^{}]|\{[^{}]*\})*\})?\??/g;

/** The route's path with every parameter filled from the table; fails on one it does not know. */
function fill(r: Route, values: Record<string, string>) {
  if (r.path.includes("*"))
    throw new Error(
      `${r.method} ${r.path} ends in a wildcard: walk a concrete path of it in test/integration/tenant-walk.test.ts`,
    );
  return r.path.replace(PARAM, (_, name: string) => {
    const value = values[name];
    if (value === undefined)
      throw new Error(
        `${r.method} ${r.path} has the parameter :${name}, which test/integration/tenant-walk.test.ts does not know: add a real ${name} of ${VICTIM} to paramsOf()`,
      );
    return encodeURIComponent(value);
  });
}

const REFUSED = [401, 403, 404];
const isRedirect = (status: number) => status >= 300 && status < 400;

describeEachBackend("a person of one municipality walking every route of another", (t) => {
  let routes: (Route & { kind: Kind | undefined })[];
  /** Path parameters: 082058's real codes and ids, with `code` set to the municipality walked. */
  let paramsOf: (code: string) => Record<string, string>;
  /** What only 082058's staff may see: the draft, their addresses, the token and its label. */
  let secrets: string[];
  let intruder: { cookie: string; csrf: string; token: string; setCookie: string };
  let victimToken: { id: number; token: string };
  let draft: { id: number; version: number };
  let before: Awaited<ReturnType<typeof victimState>>;

  /** Everything of 082058 a cross-tenant write could touch, read as 082058. */
  async function victimState() {
    const db = t.database.db;
    const drafts = await withTenant(db, VICTIM, (tx) => readDrafts(tx, VICTIM));
    const users = await listUsers(db, VICTIM);
    const rows = await withTenant(db, VICTIM, async (tx) => ({
      tokens: await tx
        .select()
        .from(apiTokens)
        .where(eq(apiTokens.municipalityCode, VICTIM))
        .orderBy(asc(apiTokens.id)),
      sessions: await tx
        .select()
        .from(sessions)
        .where(eq(sessions.municipalityCode, VICTIM))
        .orderBy(asc(sessions.idHash)),
      actuals: await tx
        .select()
        .from(indicatorActuals)
        .where(eq(indicatorActuals.municipalityCode, VICTIM))
        .orderBy(asc(indicatorActuals.id)),
      audit: await tx
        .select()
        .from(auditLog)
        .where(eq(auditLog.municipalityCode, VICTIM))
        .orderBy(asc(auditLog.id)),
    }));
    return { drafts, users, ...rows };
  }

  function expectNothingOf082058(where: string, body: string) {
    for (const s of secrets) expect.soft(body.includes(s), `${where} shows ${s}`).toBe(false);
  }

  /** No 082058 session was handed out: at most the clearing of the cookie at 082058's path. */
  function expectNoSessionGiven(where: string, res: Response) {
    const set = res.headers.get("set-cookie") ?? "";
    expect
      .soft(/shisaku_session=[^;\s]/.test(set), `${where} set a session cookie: ${set}`)
      .toBe(false);
  }

  function expectRefused(where: string, res: Response) {
    const location = res.headers.get("location");
    const ok = isRedirect(res.status)
      ? location === `/${VICTIM}/manage/sign-in`
      : REFUSED.includes(res.status);
    expect
      .soft(ok, `${where} answered ${res.status}${location ? ` → ${location}` : ""}`)
      .toBe(true);
  }

  /** A form with every field the staff forms read, aimed at 082058's draft. */
  const form = (csrf: string) =>
    new URLSearchParams({
      _csrf: csrf,
      value: "1",
      note: "intruder",
      reason: "intruder",
      publishedVersion: "0",
      draftVersion: String(draft.version),
      draft: `${draft.id}:${draft.version}`,
      label: "intruder",
      email: INTRUDER.email,
      password: INTRUDER.password,
    }).toString();

  const staffRequest = (r: Route, url: string, who: { cookie: string; csrf: string }) =>
    t.get(url, {
      method: r.method,
      headers: {
        cookie: who.cookie,
        authorization: `Bearer ${intruder.token}`,
        origin: ORIGIN,
        ...(r.method === "GET" ? {} : { "content-type": "application/x-www-form-urlencoded" }),
      },
      body: r.method === "GET" ? undefined : form(who.csrf),
    });

  const apiWrite = (r: Route, url: string, headers: Record<string, string>) =>
    t.get(url, {
      method: r.method,
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ value: 1, note: "intruder", reason: "intruder" }),
    });

  /** Why a route cannot be walked yet: an unknown kind or path parameter. */
  function problemsOf(r: Route & { kind: Kind | undefined }) {
    const problems: string[] = [];
    if (!r.kind)
      problems.push(
        `${r.method} ${r.path} is neither a public GET, an API write nor a staff page: say in test/integration/tenant-walk.test.ts (kindOf) how it is guarded`,
      );
    try {
      fill(r, paramsOf(VICTIM));
    } catch (e) {
      problems.push((e as Error).message);
    }
    return problems;
  }

  const walkable = () => routes.filter((r) => problemsOf(r).length === 0);
  const walk = (kind: Kind) => walkable().filter((r) => r.kind === kind);

  beforeAll(async () => {
    const db = t.database.db;

    // 082058, the victim: a draft by a planner, an API token of the admin; audit entries exist.
    const planner = (await listUsers(db, VICTIM)).find((u) => u.email === DEMO.planner.email)!;
    const principal = {
      userId: planner.id,
      email: planner.email,
      role: planner.role,
      sectionCodes: planner.sections,
    };
    const saved = await saveActual(
      { db: db, municipality: VICTIM, who: principal, actor: actorOf(principal) },
      { indicatorCode: INDICATOR, fiscalYear: FY, ...DRAFT, expected: null },
    );
    if (saved.status !== "saved") throw new Error(`draft not saved: ${saved.status}`);
    draft = (await withTenant(db, VICTIM, (tx) => readDrafts(tx, VICTIM))).find(
      (d) => d.indicatorCode === INDICATOR && d.fiscalYear === FY,
    )!;
    // A town meeting and a staff proposal of 082058, walked by their real id and number.
    const recorded = await recordMeeting(
      { db, municipality: VICTIM, who: principal, actor: actorOf(principal) },
      {
        heldOn: "2026-06-01",
        place: "石岡市役所",
        theme: "被害側の語ろう会",
        participantGroup: "被害側の団体",
        participantCount: "10",
        summary: "概要",
      },
    );
    if (recorded.status !== "saved") throw new Error(`meeting not recorded: ${recorded.status}`);
    const meetingId = recorded.value;
    const submitted = await submitProposal(
      { db, municipality: VICTIM, who: principal, actor: actorOf(principal) },
      {
        submission: {
          title: PROPOSAL_TITLE,
          problem: "問題",
          proposal: "提案",
          expectedEffect: "効果",
          expectedHours: "",
          expectedYen: "",
          sections: ["somu"],
          applicant: "individual",
          groupName: "",
          memberNames: "",
        },
      },
    );
    if (submitted.status !== "saved")
      throw new Error(`proposal not submitted: ${submitted.status}`);
    const proposalNumber = submitted.value;
    const drafted = await saveProposalDraft(
      { db, municipality: VICTIM, who: principal, actor: actorOf(principal) },
      {
        id: null,
        version: null,
        submission: {
          title: PROPOSAL_TITLE,
          problem: "",
          proposal: "",
          expectedEffect: "",
          expectedHours: "",
          expectedYen: "",
          sections: [],
          applicant: "individual",
          groupName: "",
          memberNames: "",
        },
      },
    );
    if (drafted.status !== "saved") throw new Error(`draft not saved: ${drafted.status}`);
    victimToken = await createTokenFor(
      db,
      VICTIM,
      { email: DEMO.admin.email, label: TOKEN_LABEL },
      CLI_ACTOR,
    );

    // 082015, the walking side: an admin signed in through 082015's sign-in page, and a token.
    await importPlans(db, path.resolve("test/fixtures/second-municipality"));
    await addUser(db, { municipality: ATTACKER, role: "admin", ...INTRUDER });
    const signedIn = await signInWith(t, ATTACKER, INTRUDER.email, INTRUDER.password);
    if (signedIn.status !== 303) throw new Error(`sign-in failed: ${signedIn.status}`);
    const cookie = cookieOf(signedIn);
    intruder = {
      cookie,
      csrf: await csrfOf(t, ATTACKER, cookie),
      setCookie: signedIn.headers.get("set-cookie") ?? "",
      token: (
        await createTokenFor(db, ATTACKER, { email: INTRUDER.email, label: "他団体" }, CLI_ACTOR)
      ).token,
    };

    const [sampleSurvey] = await listSurveys(db, VICTIM, { publicOnly: true });
    const surveyId = sampleSurvey!.id;
    const [response] = await withTenant(db, VICTIM, (tx) =>
      tx
        .select({ id: surveyResponses.id })
        .from(surveyResponses)
        .where(eq(surveyResponses.surveyId, surveyId))
        .limit(1),
    );
    paramsOf = (code) => ({
      code,
      indicator: INDICATOR,
      indicatorCode: INDICATOR,
      fiscalYear: String(FY),
      fy: String(FY),
      /** …/tokens/:id/revoke. A route whose :id is another kind of row: name it apart. */
      id: String(victimToken.id),
      planCode: "gyozaisei-taiko",
      nodeCode: "GZ-1",
      /** A registry whose records of 082058 are real (the seed's joint bodies). */
      registry: "joint-bodies",
      /** A fiscal frame scenario of 082058. */
      scenario: "基本",
      programCode: "01-02-01-05-001",
      /** The evaluation sheet PDF and the workbook of a year. */
      sheet: "sheet-2024.pdf",
      workbook: "sheets-2024.xlsx",
      receiptNumber: "2026-0001",
      /** A town meeting (市長と語ろう会) and a staff proposal (職員提案) of 082058. */
      meetingId: String(meetingId),
      proposalNumber,
      /** A staff proposal draft (下書き) of 082058. */
      draftId: String(drafted.value),
      token: "not-a-real-status-token-of-082058",
      attachmentId: "1",
      /** A stored spreadsheet import and a running preview job (neither 082015's to see). */
      importId: "1",
      jobId: "not-a-job-of-082058",
      /** Static files, the same for every municipality (and a CKAN action that does not exist). */
      name: "style.css",
      /** The demo's open data dataset, its resource, a download format and a version. */
      slug: "public-toilets",
      file: "public-toilets.jsonld",
      resource: "public-toilets",
      format: "csv",
      number: "1",
      /** A standard open data type (its Table Schema, the same for every municipality). */
      type: "public-toilets",
      /** The demo's sample citizen survey (市民意識調査（サンプル）) of 082058. */
      survey: String(surveyId),
      /** The same survey as the subject of its paper forms' spreadsheet (survey-answers/{id}). */
      subject: String(surveyId),
      /** One of its responses (a paper form's double entry is settled by it). */
      response: String(response!.id),
      /** A shared indicator of the national catalogue (the same for every municipality). */
      shared: "real-debt-service-ratio",
    });
    secrets = [
      PROPOSAL_TITLE,
      DRAFT.note,
      String(DRAFT.value),
      victimToken.token,
      TOKEN_LABEL,
      ...(await listUsers(db, VICTIM)).map((u) => u.email),
    ];

    const seen = new Map<string, Route & { kind: Kind | undefined }>();
    for (const r of t.app.routes) {
      if (r.method === "ALL") continue; // middleware
      const route = { method: r.method, path: r.path };
      seen.set(`${r.method} ${r.path}`, { ...route, kind: kindOf(route) });
    }
    routes = [...seen.values()];

    before = await victimState();
  });

  it("knows every route's parameters and kind, and finds routes of each kind", () => {
    expect(routes.flatMap(problemsOf)).toEqual([]);
    expect(walk("staff").length).toBeGreaterThanOrEqual(10);
    expect(walk("api-write").length).toBeGreaterThanOrEqual(1);
    expect(walk("public").length).toBeGreaterThanOrEqual(15);
    expect(walk("sign-in")).toHaveLength(1);
  });

  it("erases no writer's contact details of 082058 without the status link's secret", async () => {
    const forms = walkable().filter((r) => r.kind === "public-form" && r.path.includes(":token"));
    expect(forms.length).toBeGreaterThanOrEqual(1);
    for (const r of forms) {
      const url = fill(r, paramsOf(VICTIM));
      const res = await t.get(url, {
        method: "POST",
        headers: {
          origin: ORIGIN,
          cookie: intruder.cookie,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: "confirm=1",
      });
      expect(res.status, `POST ${url}`).toBe(404);
    }
  });

  it("opens no survey of 082058 without one of its access codes", async () => {
    const forms = walkable().filter((r) => r.kind === "public-form" && r.path.includes(":survey"));
    expect(forms.length).toBe(2);
    for (const r of forms) {
      const url = fill(r, paramsOf(VICTIM));
      const res = await t.get(url, {
        method: "POST",
        headers: {
          origin: ORIGIN,
          cookie: intruder.cookie,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: "code=NOT-A-CODE-OF-082058",
      });
      // Refused, or sent back to the survey's start page to type a code; never given one.
      const start = `/${VICTIM}/surveys/${paramsOf(VICTIM).survey}`;
      expect(
        res.status >= 400 || (res.status === 303 && res.headers.get("location") === start),
        `POST ${url} answered ${res.status} → ${res.headers.get("location")}`,
      ).toBe(true);
      expect(res.headers.get("set-cookie") ?? "", `POST ${url}`).not.toContain("survey");
    }
  });

  it("is set up so that a leak would show: 082058's staff see the draft, the intruder's credentials work at home", async () => {
    const planner = await staffOf(t, VICTIM, DEMO.planner.email, DEMO.planner.password);
    const review = await (await planner.page(`/${VICTIM}/manage/publish`)).text();
    expect(review).toContain(DRAFT.note);
    expect(review).toContain(String(DRAFT.value));
    expect(before.audit.length).toBeGreaterThan(0);
    expect(before.tokens.map((x) => x.id)).toContain(victimToken.id);

    const home = await t.get(`/${ATTACKER}/manage/tokens`, {
      headers: { cookie: intruder.cookie },
    });
    expect(home.status).toBe(200);
    const put = await t.get(
      `/api/v1/municipalities/${ATTACKER}/indicators/${INDICATOR}/actuals/${FY}`,
      {
        method: "PUT",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${intruder.token}`,
        },
        body: JSON.stringify({ value: 3 }),
      },
    );
    expect(put.status).toBe(200);
    before = await victimState(); // the session above was used (last seen)
  });

  it("sends every staff route of 082058 to its sign-in page or refuses it", async () => {
    for (const r of walk("staff")) {
      const url = fill(r, paramsOf(VICTIM));
      const where = `${r.method} ${url}`;
      const res = await staffRequest(r, url, intruder);
      expectRefused(where, res);
      expectNoSessionGiven(where, res);
      expectNothingOf082058(where, await res.text());
    }
  });

  it("does not sign the intruder in to 082058 with their own password", async () => {
    for (const r of walk("sign-in")) {
      const url = fill(r, paramsOf(VICTIM));
      const res = await staffRequest(r, url, intruder);
      expect.soft(res.status, `${r.method} ${url}`).toBe(401);
      expectNoSessionGiven(url, res);
      expectNothingOf082058(url, await res.text());
    }
  });

  it("refuses the intruder's token and session on every API write of 082058", async () => {
    for (const r of walk("api-write")) {
      const url = fill(r, paramsOf(VICTIM));
      for (const [how, headers] of [
        ["token", { authorization: `Bearer ${intruder.token}` }],
        ["session cookie", { cookie: intruder.cookie }],
        ["nothing", {}],
      ] as const) {
        const where = `${r.method} ${url} with the intruder's ${how}`;
        const res = await apiWrite(r, url, headers);
        expect.soft(REFUSED, `${where} answered ${res.status}`).toContain(res.status);
        expectNothingOf082058(where, await res.text());
      }
    }
  });

  it("shows no draft, staff address or token on any public page or API read", async () => {
    for (const r of walk("public")) {
      const url = fill(r, paramsOf(VICTIM));
      for (const [how, headers] of [
        ["anonymous", {}],
        [
          "with the intruder's cookie and token",
          { cookie: intruder.cookie, authorization: `Bearer ${intruder.token}` },
        ],
      ] as const) {
        const where = `GET ${url} ${how}`;
        const res = await t.get(url, { headers });
        expect.soft(res.status, where).toBeLessThan(500);
        expectNoSessionGiven(where, res);
        expectNothingOf082058(where, await res.text());
      }
    }
  });

  it("scopes the session cookie to /082015/manage, and it opens nothing of 082058 when sent there anyway", async () => {
    expect(intruder.setCookie).toMatch(/Path=\/082015\/manage(;|$)/);
    expect(intruder.setCookie).toMatch(/HttpOnly/i);
    // Paths a browser might send a /082015/manage cookie with, or that name 082058 oddly.
    const tricks = [
      `/${VICTIM}/manage/`,
      `/${VICTIM}/manage/tokens?code=${ATTACKER}`,
      `/${ATTACKER}/manage/../../${VICTIM}/manage/tokens`,
      `/${ATTACKER}/manage/%2e%2e/%2e%2e/${VICTIM}/manage/tokens`,
      `/${ATTACKER}/manage/..%2f..%2f${VICTIM}/manage/tokens`,
      `/${ATTACKER}/manage/%2F${VICTIM}/manage/publish`,
      `//${VICTIM}/manage/publish`,
      `/%30%38%32%30%35%38/manage/publish`,
      `/${VICTIM}/manage//publish`,
      `/${VICTIM}%2Fmanage/publish`,
    ];
    for (const url of tricks) {
      const res = await t.get(url, { headers: { cookie: intruder.cookie } });
      const location = res.headers.get("location") ?? "";
      const ok = isRedirect(res.status)
        ? location.endsWith("/manage/sign-in") && !location.startsWith(`/${ATTACKER}/`)
        : REFUSED.includes(res.status);
      expect
        .soft(ok, `GET ${url} answered ${res.status}${location ? ` → ${location}` : ""}`)
        .toBe(true);
      expectNoSessionGiven(url, res);
      expectNothingOf082058(url, await res.text());
    }
  });

  it("reaches nothing of 082058 through 082015's own routes given 082058's ids", async () => {
    let who = await staffOf(t, ATTACKER, INTRUDER.email, INTRUDER.password);
    for (const r of walkable().filter((x) => x.path.includes(":code"))) {
      const url = fill(r, paramsOf(ATTACKER));
      const where = `${r.method} ${url}`;
      // A live session each time: the walk signs out along the way, so one is signed in again
      // when the last one ended (or its CSRF token changed); a sign-in for every route cost
      // most of this test's time.
      const live = await resolveSession(
        t.database.db,
        ATTACKER,
        decodeURIComponent(who.cookie.slice(who.cookie.indexOf("=") + 1)),
      );
      if (live?.csrfToken !== who.csrf)
        who = await staffOf(t, ATTACKER, INTRUDER.email, INTRUDER.password);
      const res =
        r.kind === "api-write"
          ? await apiWrite(r, url, { authorization: `Bearer ${intruder.token}` })
          : await staffRequest(r, url, who);
      expect.soft(res.status, where).toBeLessThan(500);
      expectNothingOf082058(where, await res.text());
    }
  }, 180_000); // grows with the routes, not a timing assertion

  it("leaves 082058's drafts, tokens, users, sessions, actuals and audit log as they were", async () => {
    const after = await victimState();
    expect
      .soft(after.audit.slice(before.audit.length), "audit entries written for 082058")
      .toEqual([]);
    expect.soft(after.drafts, "drafts").toEqual(before.drafts);
    expect.soft(after.tokens, "API tokens").toEqual(before.tokens);
    expect.soft(after.users, "users").toEqual(before.users);
    expect.soft(after.sessions, "sessions").toEqual(before.sessions);
    expect.soft(after.actuals, "published actuals").toEqual(before.actuals);
    expect.soft(after.audit, "audit log").toEqual(before.audit);
  });
});
