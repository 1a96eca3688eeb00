/**
 * A crawl of every staff page as each demo role (issue 17): from the staff home, every link to a
 * staff page — the header's staff navigation, the page's own links and its GET forms (closing a
 * round asks on a page of its own) — is followed, one page of each kind (the same path with other
 * ids or queries is one kind), until none is left. None answers 403 (the pages link only to what
 * the role may open) and no page shows an internal id such as 「user:3」. The kinds each role
 * reached are compared with the known list, so that the crawl cannot silently shrink.
 *
 * Before the crawl the demo gains what some pages need to exist: an open reporting round, a letter,
 * a town meeting with a proposal, and an editor's staff proposal and draft.
 */
import { beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../support/app.ts";
import { receiveQuietLetter } from "../support/letters.ts";
import { DEMO, staffOf } from "../support/staff.ts";

const MC = "082058";
/** More pages than any role reaches; the crawl asserts it stopped before. */
const LIMIT = 500;
const ROLES = ["viewer", "editor", "planner", "admin"] as const;
type Role = (typeof ROLES)[number];

const REGISTRIES = [
  "agreement-projects",
  "agreements",
  "card-applications",
  "contracts",
  "facilities",
  "joint-bodies",
  "online-procedures",
  "standard-systems",
  "training-sessions",
];
const EXPORTS = [
  "actuals",
  "evaluations",
  "frame",
  "indicators",
  "program-costs",
  ...REGISTRIES.map((r) => `registry-${r}`),
];

/** The kinds of staff page every role reaches (the path after /{code}/manage, ids as N). */
const READER_KINDS = [
  "/",
  "/evaluations",
  "/finance",
  "/finance/frame",
  "/finance/frame/scenarios/X",
  "/finance/frame/years/N",
  "/finance/soundness/N",
  "/opendata",
  "/opendata/care-services",
  "/opendata/public-toilets",
  "/opendata/public-wifi",
  "/programs/N-N-N-N-N",
  "/programs/N-N-N-N-N/evaluations/N",
  "/programs/N-N-N-N-N/years/N",
  "/proposals",
  "/proposals/new",
  "/publish",
  "/registries",
  ...REGISTRIES.map((r) => `/registries/${r}`),
  "/registries/facilities/N",
  "/registries/joint-bodies/N",
  "/rounds",
  "/rounds/N",
  "/rounds/N/status.csv",
  "/running-actuals",
  "/spreadsheets",
  ...EXPORTS.map((d) => `/spreadsheets/${d}/export`),
  "/surveys",
  "/surveys/N",
  "/surveys/N/questionnaire.pdf",
  "/surveys/N/results",
  "/tokens",
  "/updates",
];
/**
 * What an editor reaches besides: the entry forms of the open round, the letters, their own
 * staff proposal and draft, new registry records, a year of the financial frame, the upload of a
 * survey's paper forms.
 */
const EDITOR_KINDS = [
  ...READER_KINDS,
  "/finance/frame/years",
  "/indicators/GZ-N-ON",
  "/indicators/GZ-N-RN",
  "/letters",
  "/proposals/N-N",
  "/proposals/drafts/N",
  ...REGISTRIES.map((r) => `/registries/${r}/new`),
  // A survey's paper forms as a spreadsheet: the template and the upload (linked for keyers).
  "/spreadsheets/survey-answers/N",
  "/spreadsheets/survey-answers/N/export",
];
/**
 * What a planner (and an admin) reaches besides: the audit log, the plan and the definitions, the
 * letters and meetings, the outbox, closing a round, the survey's codes. (Not the editor's draft.)
 */
const PLANNER_KINDS = [
  ...EDITOR_KINDS.filter((k) => k !== "/proposals/drafts/N"),
  "/audit",
  "/audit.csv",
  "/evaluations/budget-review",
  "/evaluations/round",
  "/evaluations/settings",
  "/indicators/GZ-N-RN/definition",
  "/indicators/GZ-PN",
  "/indicators/GZ-PN/definition",
  "/letters/N-N",
  "/meetings",
  "/meetings/N",
  "/outbox",
  "/plan",
  "/plan/nodes/GZ",
  "/plan/nodes/GZ-N",
  "/plan/nodes/GZ-N-N",
  "/programs/cost-settings",
  "/proposals/criteria",
  "/rounds/N/close",
  "/surveys/N/codes.csv",
];
const KNOWN: Record<Role, string[]> = {
  viewer: READER_KINDS,
  editor: EDITOR_KINDS,
  planner: PLANNER_KINDS,
  /** An admin's pages besides: the staff and their roles, the registries kept. */
  admin: [...PLANNER_KINDS, "/registry-settings", "/staff"],
};

const PREFIX = `/${MC}/manage`;

/** A staff address in an attribute (href or action), without its fragment. */
const staffAddress = (attribute: string, tag: string) =>
  new RegExp(`\\b${attribute}="(/082058/manage/[^"#]*)(?:#[^"]*)?"`).exec(tag)?.[1];

/**
 * The staff links of a page — its links, and its GET forms as sent with the values they show
 * (closing a round asks first on a page of its own) — without attachments (files a person
 * uploaded). A form's target is marked: sent empty it may answer 400 with what to fill in.
 */
const staffLinks = (html: string) => {
  const links = [...html.matchAll(/<a [^>]*>/g)]
    .map((m) => staffAddress("href", m[0]))
    .filter((href): href is string => !!href)
    .map((href) => ({ href: href.replace(/&amp;/g, "&"), form: false }));
  const forms = [...html.matchAll(/<form ([^>]*)>([\s\S]*?)<\/form>/g)]
    .filter((m) => /method="get"/i.test(m[1]!))
    .flatMap((m) => {
      const action = staffAddress("action", m[1]!);
      if (!action) return [];
      const query = new URLSearchParams();
      for (const input of m[2]!.matchAll(/<input ([^>]*)>/g)) {
        const name = /name="([^"]+)"/.exec(input[1]!)?.[1];
        if (name) query.append(name, /value="([^"]*)"/.exec(input[1]!)?.[1] ?? "");
      }
      for (const select of m[2]!.matchAll(
        /<select [^>]*name="([^"]+)"[^>]*>([\s\S]*?)<\/select>/g,
      )) {
        const options = [...select[2]!.matchAll(/<option value="([^"]*)"([^>]*)>/g)];
        const chosen = options.find((o) => /selected/.test(o[2]!)) ?? options[0];
        query.append(select[1]!, chosen?.[1] ?? "");
      }
      const q = query.toString();
      return [{ href: `${action.replace(/&amp;/g, "&")}${q ? `?${q}` : ""}`, form: true }];
    });
  return [...links, ...forms].filter(({ href }) => !/\/attachments\//.test(href));
};

/** The links of the header's staff navigation. */
const navigationLinks = (html: string) => {
  const nav = /<nav class="staff-nav" aria-label="職員用">([\s\S]*?)<\/nav>/.exec(html)?.[1] ?? "";
  return [...nav.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!);
};

/** The kind of a staff page: its path after /{code}/manage, an escaped name as X, ids as N. */
const kindOf = (href: string) =>
  href
    .replace(/\?.*$/, "")
    .slice(PREFIX.length)
    .replace(/(%[0-9A-Fa-f]{2})+/g, "X")
    .replace(/\d+/g, "N");

describeEachBackend("staff pages crawled as each role", (t) => {
  const staff = {} as Record<Role, Awaited<ReturnType<typeof staffOf>>>;
  beforeAll(async () => {
    for (const role of ROLES)
      staff[role] = await staffOf(t, MC, DEMO[role].email, DEMO[role].password);
    const { planner, editor } = staff;
    // An open round (its page and its close page), a letter, a meeting with a proposal.
    const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    expect((await planner.post(`${PREFIX}/rounds`, { fiscalYear: "2025", deadline })).status).toBe(
      303,
    );
    await receiveQuietLetter(t.database.db, MC);
    const meeting = await planner.post(`${PREFIX}/meetings`, {
      heldOn: "2025-07-20",
      place: "石岡市民会館",
      theme: "公共交通の使いやすさ",
      participantGroup: "石岡地区区長会",
      participantCount: "18",
      summary: "バスの便について語り合いました。",
    });
    expect(meeting.status).toBe(303);
    const proposal = await planner.post(
      `${meeting.headers.get("location")!.replace(/\?.*$/, "")}/proposals`,
      { subject: "バスの最終便を遅く", body: "最終便を21時台にしてほしい。", category: "roads" },
    );
    expect(proposal.status).toBe(303);
    // An editor's staff proposal and a draft of another.
    const submission = new URLSearchParams({
      title: "巡回の提案",
      problem: "問題",
      proposal: "提案",
      expectedEffect: "効果",
      applicant: "individual",
      sections: "somu",
    });
    submission.set("action", "submit");
    expect((await editor.post(`${PREFIX}/proposals/new`, submission)).status).toBe(303);
    submission.set("action", "draft");
    expect((await editor.post(`${PREFIX}/proposals/new`, submission)).status).toBe(303);
  });

  it.each(ROLES)(
    "links a %s only to pages they may open, never showing an internal id, through every staff page",
    async (role) => {
      const who = staff[role];
      const start = `${PREFIX}/`;
      const seen = new Set<string>([kindOf(start)]);
      const queue: { href: string; form: boolean; from: string }[] = [
        { href: start, form: false, from: "(start)" },
      ];
      const forbidden: string[] = [];
      const failed: string[] = [];
      const ids: string[] = [];
      let navigation: string[] = [];
      let pages = 0;
      while (queue.length && pages < LIMIT) {
        const { href: path, form, from } = queue.shift()!;
        const res = await who.page(path);
        pages++;
        if (res.status === 403) forbidden.push(`${path} (linked from ${from})`);
        // A link answers with its page; a form sent as shown may instead ask for what it lacks.
        else if (res.status !== 200 && !(form && res.status === 400))
          failed.push(`${path}: ${res.status} (linked from ${from})`);
        if (!(res.headers.get("content-type") ?? "").includes("text/html")) continue;
        const html = await res.text();
        if (path === start) navigation = navigationLinks(html);
        // What a person reads: the text, and the values of fields and attributes shown.
        const shown = html.replace(/<[^>]+>/g, " ");
        const id = /\b(?:user|token|membership|session):\d+|\bID\s*[:：=]\s*\d+/i.exec(shown);
        if (id) ids.push(`${path}: ${id[0]}`);
        for (const link of staffLinks(html)) {
          const kind = kindOf(link.href);
          if (seen.has(kind)) continue;
          seen.add(kind);
          queue.push({ ...link, from: path });
        }
      }
      expect(pages, "the crawl reached its limit").toBeLessThan(LIMIT);
      expect(queue).toEqual([]);
      expect(forbidden, `links that answer 403 to a ${role}`).toEqual([]);
      expect(failed, `links that do not answer 200 to a ${role}`).toEqual([]);
      expect(ids, `internal ids shown to a ${role}`).toEqual([]);
      // The header's staff navigation was followed, every link of it.
      expect(navigation.length).toBeGreaterThan(5);
      for (const href of navigation) expect(seen, href).toContain(kindOf(href));
      // Every kind of page this role is known to reach was reached.
      expect([...seen].sort()).toEqual(expect.arrayContaining(KNOWN[role]));
    },
  );

  it("keeps the header, the staff navigation and a way back on a refusal and a missing page", async () => {
    const editor = staff.editor;
    const refused = await t.get(`/${MC}/manage/audit`, {
      headers: { cookie: editor.cookie, referer: `http://localhost/${MC}/manage/updates?fy=2025` },
    });
    expect(refused.status).toBe(403);
    const html = await refused.text();
    expect(html).toMatch(/<title>エラー：[^<]*監査/);
    expect(html).toContain(`href="/${MC}/"`);
    expect(html).toContain('aria-label="職員用"');
    expect(html).toContain("デモ入力担当（行革推進課）");
    expect(html).toContain(`<a href="/${MC}/manage/updates?fy=2025">前のページに戻る</a>`);
    expect(html).not.toContain('<a href="/">トップページへ戻る</a>');
    // The navigation offers an editor only what an editor may open.
    expect(html).not.toContain(`href="/${MC}/manage/audit"`);

    const missing = await editor.page(`/${MC}/manage/no-such-page`);
    expect(missing.status).toBe(404);
    const page = await missing.text();
    expect(page).toContain('aria-label="職員用"');
    expect(page).toContain(`<a href="/${MC}/manage/">職員用ページに戻る</a>`);
  });
});
