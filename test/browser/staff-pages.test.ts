/**
 * Every staff page type in a real browser, as the role that sees its fullest version: each one
 * answers with the expected status, has one h1 and ordered headings, captioned tables, a visible
 * outline on every keyboard stop (the skip link first), passes axe-core (WCAG 2.1 A/AA and best
 * practice) on a desktop screen and on a 360px phone, and does not scroll sideways on the phone. Pages reached by a form (an error shown, a conflict, a new
 * token) are checked as the browser shows them after the submit.
 *
 * Adding a page is one line in PAGES.
 */
import type { BrowserContext, Locator, Page, Response } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO } from "../support/staff.ts";
import {
  expectAxeClean,
  headingLevels,
  headingProblems,
  type Portal,
  startPortal,
} from "./support.ts";

const CODE = "082058";
const M = `/${CODE}/manage`;
const INDICATOR = "GZ-1-O1";
const PHONE = { width: 360, height: 800 };
const DESKTOP = { width: 1280, height: 800 };

type Role = "admin" | "planner" | "editor" | "viewer";

/** The Japanese date (YYYY-MM-DD) `days` from today. */
const tokyoDay = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toLocaleDateString("sv-SE", { timeZone: "Asia/Tokyo" });

/** The fiscal year that ended last (the default year of the staff pages), as the app counts it. */
const now = new Date(Date.now() + 9 * 3_600_000); // Japan
const REPORTING_YEAR =
  (now.getUTCMonth() >= 3 ? now.getUTCFullYear() : now.getUTCFullYear() - 1) - 1;
/** Open with a deadline a few days away: reminders are due, nothing is overdue yet. */
const OPEN_YEAR = REPORTING_YEAR;
/** Opened with a past deadline (overdue indicators listed), then closed (the reopen form). */
const CLOSED_YEAR = REPORTING_YEAR - 1;
/** Years the value entry pages use: no round locks them. */
const ENTRY_YEAR = REPORTING_YEAR - 2;
const CONFLICT_YEAR = REPORTING_YEAR - 3;
/** The indicator whose definition the edit pages change (drafts only, never published). */
const DEFINED = "GZ-5-R1";

let portal: Portal;
const contexts = new Map<Role | "anonymous", BrowserContext>();

/** A browser context signed in as the role (cookies kept), or signed out for "anonymous". */
async function contextOf(role: Role | "anonymous") {
  const known = contexts.get(role);
  if (known) return known;
  const context = await portal.browser.newContext({
    baseURL: portal.baseUrl,
    locale: "ja-JP",
    viewport: DESKTOP,
  });
  contexts.set(role, context);
  if (role !== "anonymous") {
    const page = await context.newPage();
    await page.goto(`${M}/sign-in`);
    await page.getByLabel("メールアドレス").fill(DEMO[role].email);
    await page.getByLabel("パスワード").fill(DEMO[role].password);
    await Promise.all([
      page.waitForURL(`**${M}/`),
      page.getByRole("button", { name: "サインイン" }).click(),
    ]);
    await page.close();
  }
  return context;
}

/** Clicks a form's submit button and returns the response to its POST (the page now shown). */
async function submit(page: Page, button: string) {
  const [response] = await Promise.all([
    page.waitForResponse(
      (r) => r.request().method() === "POST" && r.request().isNavigationRequest(),
    ),
    page.getByRole("button", { name: button }).click(),
  ]);
  await page.waitForLoadState("load");
  return response;
}

/** Saves a value for an indicator's year through its entry form, as the page's person. */
async function saveDraft(page: Page, indicator: string, fy: number, value: string) {
  await page.goto(`${M}/indicators/${indicator}?fy=${fy}#entry`);
  await page.getByLabel(/^値/).fill(value);
  const response = await submit(page, "下書きとして保存");
  expect(response.status()).toBe(303);
  expect(await page.getByRole("status").textContent()).toContain("下書きとして保存しました");
}

/** Saves a draft of an indicator's definition with a new name, through its edit form. */
async function saveDefinitionDraft(page: Page, indicator: string, name: string) {
  await page.goto(`${M}/indicators/${indicator}/definition`);
  await page.getByLabel("指標名").fill(name);
  const response = await submit(page, "下書きとして保存");
  expect(response.status()).toBe(303);
  expect(await page.getByRole("status").textContent()).toContain("下書きを保存しました");
}

/** The text of the elements an element's aria-describedby points at. */
function describedBy(locator: Locator) {
  return locator.evaluate((el) =>
    (el.getAttribute("aria-describedby") ?? "")
      .split(/\s+/)
      .map((id: string) => el.ownerDocument.getElementById(id)?.textContent?.trim() ?? "")
      .join(" "),
  );
}

/** Opens the round of a fiscal year through the form on the rounds page, unless it is open. */
async function openRound(page: Page, fy: number, deadline: string) {
  const existing = await page.goto(`${M}/rounds/${fy}`);
  if (existing?.status() === 200) return;
  await page.goto(`${M}/rounds`);
  await page.getByLabel("報告する年度").selectOption(String(fy));
  await page.getByLabel("入力期限").fill(deadline);
  const response = await submit(page, "報告を開始する");
  expect(response.status()).toBe(303);
  expect(page.url()).toContain(`${M}/rounds/${fy}?done=opened`);
}

/** The open round with its reminders prepared, so that the outbox has mail in it. */
async function openRoundWithReminders(page: Page) {
  await openRound(page, OPEN_YEAR, tokyoDay(3));
  await page.goto(`${M}/rounds/${OPEN_YEAR}`);
  await submit(page, "今日のお知らせを用意する");
  // The first time today it prepares mail; a second time (another page type) it says that
  // nothing more was due (the outbox keeps the first mails).
  expect(await page.getByRole("status").textContent()).toMatch(
    /お知らせのメールを\d+件用意しました|今日送るお知らせはありませんでした/,
  );
}

/** A past round: opened with a deadline gone by, then closed. */
async function closedRound(page: Page) {
  await openRound(page, CLOSED_YEAR, `${CLOSED_YEAR + 1}-06-30`);
  await page.goto(`${M}/rounds/${CLOSED_YEAR}`);
  if ((await page.getByRole("button", { name: "報告を締め切る" }).count()) > 0) {
    // Closing asks first, on its own page.
    await page.getByRole("button", { name: "報告を締め切る" }).click();
    await page.waitForURL(/\/close/);
    await submit(page, "締め切りを確定する");
    expect(await page.getByRole("status").textContent()).toContain("締め切りました");
  }
}

interface StaffPage {
  name: string;
  /** Who looks at it: the role that sees the fullest version, or "anonymous" (signed out). */
  role: Role | "anonymous";
  /** Where the browser goes first. */
  path: string;
  /** Sets up the data the page should show (drafts, rounds, mail), before it is loaded. */
  prepare?: (page: Page) => Promise<void>;
  /** For a page shown in answer to a form: fills and posts it, returns that response. */
  submit?: (page: Page) => Promise<Response>;
  /** The expected status; 200 unless told. */
  status?: number;
  /** What the page must show, beyond the checks every page gets. */
  expectations?: (page: Page) => Promise<void>;
}

const PAGES: StaffPage[] = [
  { name: "sign-in", role: "anonymous", path: `${M}/sign-in` },
  {
    name: "sign-in after a wrong password",
    role: "anonymous",
    path: `${M}/sign-in`,
    submit: async (page) => {
      await page.getByLabel("メールアドレス").fill(DEMO.viewer.email);
      await page.getByLabel("パスワード").fill("not-the-password");
      return submit(page, "サインイン");
    },
    status: 401,
    expectations: async (page) => {
      expect(await page.getByRole("alert").textContent()).toContain("正しくありません");
      expect(await page.getByLabel("メールアドレス").inputValue()).toBe(DEMO.viewer.email);
    },
  },
  {
    name: "shared indicator links",
    role: "planner",
    path: `${M}/shared-indicators`,
    expectations: async (page) => {
      expect(await page.locator("tbody tr").count()).toBeGreaterThan(0);
      expect(await page.getByLabel(`${INDICATOR} の共通指標`).count()).toBe(1);
    },
  },
  {
    name: "staff home",
    role: "admin",
    path: `${M}/`,
    expectations: async (page) => {
      expect(await page.locator("main").textContent()).toContain("管理者");
      expect(await page.getByRole("button", { name: "サインアウト", exact: true }).count()).toBe(1);
    },
  },
  {
    name: "my updates (editor, round open)",
    role: "editor",
    path: `${M}/updates`,
    prepare: async () => {
      const planner = await pageAs("planner");
      await openRoundWithReminders(planner);
      await planner.close();
    },
    expectations: async (page) => {
      expect(await page.locator("main").textContent()).toContain("あなたの担当課");
      expect(await page.locator(".notice").textContent()).toContain("入力期限");
      expect(await page.locator("tbody tr").count()).toBeGreaterThan(0);
    },
  },
  {
    name: "my updates (planner, every section)",
    role: "planner",
    path: `${M}/updates?fy=${ENTRY_YEAR}`,
    expectations: async (page) => {
      expect(await page.locator("main").textContent()).toContain("すべての担当課");
      expect(await page.locator("tbody tr").count()).toBeGreaterThan(0);
    },
  },
  {
    name: "indicator entry with a draft",
    role: "planner",
    path: `${M}/indicators/${INDICATOR}?fy=${ENTRY_YEAR}`,
    prepare: (page) => saveDraft(page, INDICATOR, ENTRY_YEAR, "48.5"),
    expectations: async (page) => {
      expect(await page.locator("h1").textContent()).toContain(INDICATOR);
      expect(await page.getByRole("button", { name: "下書きを取り消す" }).count()).toBe(1);
    },
  },
  {
    name: "indicator entry showing a validation error",
    role: "planner",
    path: `${M}/indicators/${INDICATOR}?fy=${ENTRY_YEAR}#entry`,
    submit: async (page) => {
      await page.getByLabel(/^値/).fill("abc");
      return submit(page, "下書きとして保存");
    },
    status: 400,
    expectations: async (page) => {
      expect(await page.getByRole("alert").textContent()).toBeTruthy();
      const value = page.getByLabel(/^値/);
      expect(await value.inputValue()).toBe("abc");
      expect(await value.getAttribute("aria-invalid")).toBe("true");
      expect(await value.getAttribute("aria-describedby")).toContain("value-error");
    },
  },
  {
    name: "conflict (someone saved after the form was opened)",
    role: "planner",
    path: `${M}/indicators/${INDICATOR}?fy=${CONFLICT_YEAR}#entry`,
    submit: async (page) => {
      // The same form in a second tab is saved first; this tab's form is now stale.
      const other = await page.context().newPage();
      await saveDraft(other, INDICATOR, CONFLICT_YEAR, "51");
      await other.close();
      await page.getByLabel(/^値/).fill("49.5");
      return submit(page, "下書きとして保存");
    },
    status: 409,
    expectations: async (page) => {
      expect(await page.locator("h1").textContent()).toBe("ほかの人が先に保存しました");
      const table = await page.locator("table").textContent();
      expect(table).toContain("49.5");
      expect(table).toContain("51.00%");
    },
  },
  {
    name: "publish with drafts waiting",
    role: "planner",
    path: `${M}/publish`,
    prepare: async (page) => {
      await saveDraft(page, "GZ-1-R1", ENTRY_YEAR, "12");
      await saveDefinitionDraft(page, DEFINED, "公開前の確認で見る指標名");
    },
    expectations: async (page) => {
      expect(await page.locator("tbody tr", { hasText: "GZ-1-R1" }).count()).toBe(1);
      expect(await page.locator("tbody", { hasText: DEFINED }).textContent()).toContain(
        "公開前の確認で見る指標名",
      );
      expect(await page.getByRole("checkbox").count()).toBeGreaterThan(0);
      expect(await page.getByRole("button", { name: "選んだ下書きを公開する" }).count()).toBe(1);
    },
  },
  {
    name: "plan and indicators to edit",
    role: "planner",
    path: `${M}/plan`,
    prepare: (page) => saveDefinitionDraft(page, DEFINED, "一覧で下書きありと示す指標名"),
    expectations: async (page) => {
      expect(
        await page.locator(`main a[href$="/manage/indicators/${DEFINED}/definition"]`).count(),
      ).toBe(1);
      expect(await page.locator("main a[href*='/manage/plan/nodes/']").count()).toBeGreaterThan(0);
    },
  },
  {
    name: "plan node edit",
    role: "planner",
    path: `${M}/plan/nodes/GZ-1`,
    expectations: async (page) => {
      expect(await page.locator("form.stack input[type=text]").count()).toBeGreaterThan(0);
    },
  },
  {
    name: "indicator definition edit with a draft",
    role: "planner",
    path: `${M}/indicators/${DEFINED}/definition`,
    prepare: (page) => saveDefinitionDraft(page, DEFINED, "下書きの指標名"),
    expectations: async (page) => {
      expect(await page.getByLabel("指標名").inputValue()).toBe("下書きの指標名");
      expect(await page.getByRole("button", { name: "下書きを取り消す" }).count()).toBe(1);
    },
  },
  {
    name: "indicator definition edit showing a validation error",
    role: "planner",
    path: `${M}/indicators/${DEFINED}/definition`,
    submit: async (page) => {
      await page.getByLabel("表示する小数点以下の桁数").fill("たくさん");
      return submit(page, "下書きとして保存");
    },
    status: 400,
    expectations: async (page) => {
      expect(await page.getByRole("alert").textContent()).toBeTruthy();
      const decimals = page.getByLabel("表示する小数点以下の桁数");
      expect(await decimals.inputValue()).toBe("たくさん");
      expect(await decimals.getAttribute("aria-invalid")).toBe("true");
    },
  },
  {
    name: "definition conflict (someone saved after the form was opened)",
    role: "planner",
    path: `${M}/indicators/${DEFINED}/definition`,
    submit: async (page) => {
      const other = await page.context().newPage();
      await saveDefinitionDraft(other, DEFINED, "先に保存された指標名");
      await other.close();
      await page.getByLabel("指標名").fill("後から保存しようとした指標名");
      return submit(page, "下書きとして保存");
    },
    status: 409,
    expectations: async (page) => {
      const main = await page.locator("main").textContent();
      expect(main).toContain("先に保存された指標名");
      expect(main).toContain("後から保存しようとした指標名");
    },
  },
  {
    name: "API tokens with one listed",
    role: "editor",
    path: `${M}/tokens`,
    prepare: async (page) => {
      await page.goto(`${M}/tokens`);
      await page.getByLabel("ラベル（用途）").fill("集計表の取り込み");
      expect((await submit(page, "トークンを作る")).status()).toBe(200);
    },
    expectations: async (page) => {
      expect(await page.locator("tbody").textContent()).toContain("集計表の取り込み");
      expect(await page.locator(".token").count()).toBe(0);
    },
  },
  {
    name: "API token just created",
    role: "editor",
    path: `${M}/tokens`,
    submit: async (page) => {
      await page.getByLabel("ラベル（用途）").fill("庶務システム連携（長いラベルの例）");
      return submit(page, "トークンを作る");
    },
    expectations: async (page) => {
      expect(await page.locator(".token").textContent()).toMatch(/^shisaku_[\w-]{40,}$/);
    },
  },
  {
    name: "rounds list with the open form",
    role: "planner",
    path: `${M}/rounds`,
    prepare: (page) => openRound(page, OPEN_YEAR, tokyoDay(3)),
    expectations: async (page) => {
      expect(await page.locator("tbody tr").count()).toBeGreaterThan(0);
      expect(await page.getByLabel("入力期限").count()).toBe(1);
    },
  },
  {
    name: "rounds list with the open form's errors",
    role: "planner",
    path: `${M}/rounds`,
    prepare: (page) => openRound(page, OPEN_YEAR, tokyoDay(3)),
    submit: async (page) => {
      // The round of this year is open already: the form comes back with the error.
      await page.getByLabel("報告する年度").selectOption(String(OPEN_YEAR));
      await page.getByLabel("入力期限").fill(tokyoDay(10));
      return submit(page, "報告を開始する");
    },
    status: 400,
    expectations: async (page) => {
      expect(await page.getByRole("alert").textContent()).toContain("すでに開始されています");
      expect(await page.getByLabel("報告する年度").getAttribute("aria-invalid")).toBe("true");
    },
  },
  {
    name: "round overview, just opened",
    role: "planner",
    path: `${M}/rounds/${OPEN_YEAR}?done=opened`,
    prepare: (page) => openRound(page, OPEN_YEAR, tokyoDay(3)),
    expectations: async (page) => {
      expect(await page.getByRole("status").textContent()).toContain("報告を開始しました");
      expect(await page.locator("table").count()).toBe(2);
      // The warning next to each button is read out with it.
      expect(await describedBy(page.getByRole("button", { name: "報告を締め切る" }))).toContain(
        "変更できなくなります",
      );
      expect(
        await describedBy(page.getByRole("button", { name: "今日のお知らせを用意する" })),
      ).toContain("入力担当者へのお知らせ");
    },
  },
  {
    name: "round overview, closed, with overdue indicators and the reopen form",
    role: "planner",
    path: `${M}/rounds/${CLOSED_YEAR}`,
    prepare: closedRound,
    expectations: async (page) => {
      expect(await page.locator("dl.meta").textContent()).toContain("締切済み");
      expect(await page.getByLabel("再開する理由").count()).toBe(1);
      const overdue = page.locator("h2:has-text('期限を過ぎて未入力の指標') + ul li");
      expect(await overdue.count()).toBeGreaterThan(0);
    },
  },
  {
    name: "outbox with mail prepared",
    role: "planner",
    path: `${M}/outbox`,
    prepare: openRoundWithReminders,
    expectations: async (page) => {
      expect(await page.locator("section.box").count()).toBeGreaterThan(0);
    },
  },
  { name: "spreadsheet export and import", role: "editor", path: `${M}/spreadsheets` },
  {
    name: "spreadsheet import preview, with errors",
    role: "editor",
    path: `${M}/spreadsheets`,
    submit: async (page) => {
      const form = page.locator("section#actuals form[enctype='multipart/form-data']");
      await form
        .getByLabel("ファイル（.xlsx または .csv）")
        .setInputFiles("test/fixtures/spreadsheets/unknown-code.csv");
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === "POST"),
        form.getByRole("button", { name: "確認する" }).click(),
      ]);
      await page.waitForLoadState("load");
      return response;
    },
    status: 422,
    expectations: async (page) => {
      expect(await page.getByRole("alert").textContent()).toContain(
        "指標コード「ZZ-9-X1」は登録されていません",
      );
    },
  },
  { name: "program evaluations of a year", role: "planner", path: `${M}/evaluations?fy=2024` },
  {
    name: "a program's evaluation form",
    role: "planner",
    path: `${M}/programs/01-02-01-05-001/evaluations/2024`,
  },
  {
    name: "a program's costs of a year with the budget request",
    role: "editor",
    path: `${M}/programs/01-02-01-05-001/years/2024`,
  },
  { name: "cost settings", role: "planner", path: `${M}/programs/cost-settings` },
  { name: "a program's master data", role: "planner", path: `${M}/programs/01-02-01-08-001` },
  {
    name: "a program's master data (section)",
    role: "editor",
    path: `${M}/programs/01-02-01-05-001`,
  },
  {
    name: "budget review of a year",
    role: "planner",
    path: `${M}/evaluations/budget-review?fiscalYear=2024`,
  },
  {
    name: "rating scale settings",
    role: "planner",
    path: `${M}/evaluations/settings`,
    expectations: async (page) => {
      expect(await page.locator("fieldset").count()).toBe(4);
    },
  },
  {
    name: "rating scale settings refusing to drop a level in use",
    role: "planner",
    path: `${M}/evaluations/settings`,
    submit: async (page) => {
      await page.locator("#levels\\.0\\.remove").check();
      return submit(page, "保存する");
    },
    status: 400,
    expectations: async (page) => {
      expect(await page.getByRole("alert").textContent()).toContain("削除できません");
    },
  },
  {
    name: "evaluation round, not opened yet",
    role: "planner",
    path: `${M}/evaluations/round?fy=2023`,
    expectations: async (page) => {
      expect(await page.getByLabel("提出期限").count()).toBe(1);
    },
  },
  {
    name: "evaluation round, open, with overdue programs",
    role: "planner",
    path: `${M}/evaluations/round?fy=2024`,
    prepare: async (page) => {
      await page.goto(`${M}/evaluations/round?fy=2024`);
      if ((await page.getByLabel("提出期限").count()) === 0) return;
      await page.getByLabel("提出期限").fill("2025-07-31");
      expect((await submit(page, "事務事業評価を開始する")).status()).toBe(303);
    },
    expectations: async (page) => {
      const overdue = page.locator("h2:has-text('期限を過ぎて未提出の事務事業') + ul li");
      expect(await overdue.count()).toBeGreaterThan(0);
      expect(
        await describedBy(page.getByRole("button", { name: "事務事業評価を締め切る" })),
      ).toContain("変更・提出できなくなります");
    },
  },
  { name: "letters received", role: "planner", path: `${M}/letters` },
  {
    name: "audit with a filter",
    role: "planner",
    path: `${M}/audit?action=actual.draft&record=${INDICATOR}`,
    prepare: (page) => saveDraft(page, INDICATOR, ENTRY_YEAR, "47.25"),
    expectations: async (page) => {
      expect(await page.getByLabel("対象").inputValue()).toBe(INDICATOR);
      expect(await page.locator("tbody tr").count()).toBeGreaterThan(0);
    },
  },
  {
    name: "audit with a filter that has an error",
    role: "admin",
    path: `${M}/audit?from=2024-13-40`,
    status: 400,
    expectations: async (page) => {
      expect(await page.getByRole("alert").count()).toBe(1);
      expect(await page.getByLabel("期間の開始日").getAttribute("aria-invalid")).toBe("true");
    },
  },
  {
    name: "forbidden (an editor opens the audit trail)",
    role: "editor",
    path: `${M}/audit`,
    status: 403,
  },
  {
    name: "not found (an unknown indicator)",
    role: "editor",
    path: `${M}/indicators/NO-SUCH`,
    status: 404,
  },
  { name: "finance index", role: "planner", path: `${M}/finance` },
  { name: "soundness components", role: "planner", path: `${M}/finance/soundness/2020` },
  { name: "fiscal frame index", role: "planner", path: `${M}/finance/frame` },
  {
    name: "fiscal frame year",
    role: "planner",
    path: `${M}/finance/frame/years/2019?kind=settled`,
  },
  {
    name: "fiscal frame scenario",
    role: "planner",
    path: `${M}/finance/frame/scenarios/${encodeURIComponent("基本")}`,
  },
];

interface FocusStop {
  what: string;
  outline: number;
  style: string;
}

/**
 * Presses Tab until the focus leaves the page or comes back to a stop it has visited, and
 * returns each stop with its outline as the browser draws it.
 */
async function focusStops(page: Page, max = 300): Promise<FocusStop[]> {
  const stops: FocusStop[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press("Tab");
    const stop = (await page.evaluate(`(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      // A date input takes several Tabs (year, month, day) on the same element.
      if (el === window.__lastStop) return "same";
      if (el.hasAttribute("data-visited")) return null;
      el.setAttribute("data-visited", "");
      window.__lastStop = el;
      const s = getComputedStyle(el);
      const name = (el.getAttribute("aria-label") || el.textContent || el.value || "").trim();
      return {
        what: el.tagName.toLowerCase() + (el.className ? "." + el.className : "") +
          (el.id ? "#" + el.id : "") + " " + name.slice(0, 30),
        outline: parseFloat(s.outlineWidth),
        style: s.outlineStyle,
      };
    })()`)) as FocusStop | "same" | null;
    if (stop === "same") continue;
    if (!stop) return stops;
    stops.push(stop);
  }
  throw new Error(`more than ${max} keyboard stops on ${page.url()}`);
}

/** A new tab in the role's signed-in context, on a desktop-sized screen. */
async function pageAs(role: Role | "anonymous") {
  return (await contextOf(role)).newPage();
}

beforeAll(async () => {
  portal = await startPortal();
});

afterAll(async () => {
  // Closing the browser closes its contexts and tabs too.
  await portal?.close();
});

describe("every staff page type", () => {
  for (const p of PAGES) {
    it(`${p.name} (${p.role}: ${p.path})`, async () => {
      const page = await pageAs(p.role);
      try {
        if (p.prepare) await p.prepare(page);
        let response = await page.goto(p.path);
        if (p.submit) {
          expect(response?.status(), `${p.path} before the submit`).toBe(200);
          response = await p.submit(page);
        }
        expect(response?.status()).toBe(p.status ?? 200);

        const h1 = page.locator("h1");
        expect(await h1.count()).toBe(1);
        expect((await h1.textContent())?.trim()).not.toBe("");
        const levels = await headingLevels(page);
        expect(headingProblems(levels), `headings h${levels.join(" h")}`).toEqual([]);
        const tables = page.locator("table");
        for (let i = 0; i < (await tables.count()); i++) {
          const table = tables.nth(i);
          expect(await table.locator("th").count(), `table #${i + 1} has no th`).toBeGreaterThan(0);
          expect(await table.locator("caption").count(), `table #${i + 1} has no caption`).toBe(1);
        }
        await p.expectations?.(page);

        await expectAxeClean(page);

        // Every keyboard stop shows where the focus is (axe does not check this); on a page
        // loaded from its top, the first stop is the skip link to the main content.
        expect(await page.locator("main#main").count()).toBe(1);
        // After a validation error the focus starts on the error summary (issue 17 item 16);
        // otherwise the first stop is the skip link.
        const summaryFocused = (await page.evaluate(
          `document.activeElement?.classList.contains("error-summary") ?? false`,
        )) as boolean;
        const hasSummary = (await page.locator(".error-summary").count()) > 0;
        if (hasSummary) expect(summaryFocused, "the error summary has the focus").toBe(true);
        const stops = await focusStops(page);
        expect(stops.length, "no keyboard stops").toBeGreaterThan(0);
        if (!new URL(page.url()).hash && !hasSummary)
          expect(stops[0]?.what).toBe("a.skip 本文へ移動");
        const invisible = stops.filter((s) => !(s.outline > 0 && s.style !== "none"));
        expect(invisible, "focused without a visible outline").toEqual([]);

        // On a phone: the page reflows instead of scrolling sideways, and stays accessible
        // (a table wider than its box would be a scrolling region a keyboard cannot reach).
        await page.setViewportSize(PHONE);
        const width = (await page.evaluate(
          "({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })",
        )) as { scroll: number; client: number };
        expect(width.client).toBe(PHONE.width);
        expect(width.scroll, `${p.path} scrolls sideways at ${PHONE.width}px`).toBeLessThanOrEqual(
          width.client,
        );
        await expectAxeClean(page);
      } finally {
        await page.close();
      }
    });
  }
});
