/**
 * Messages about mail that tell the truth (issue 17, item 3), in a real browser as the planner who
 * does it: 「今日のお知らせを用意する」 says how many reminders it prepared — exactly those the
 * outbox then holds — and, pressed again, that it prepared nothing; a town meeting's proposal has
 * no writer, so recording it and its steps claims no mail, and the outbox stays as it was, while
 * the public page shows the proposal only once the meeting is published.
 *
 * A staff proposal changes no public actual (item 5): the year in progress shows 職員提案の提案数 as
 * 「集計中」 on the public page and API, outside the actuals and the status, until a planner
 * publishes it as the year's actual from 集計中の値.
 *
 * And the header's staff navigation and the staff home as each demo role: every link opens (no
 * 403) and no page shows an internal id (user:N, token:N).
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { listOutbox } from "../../src/core/outbox.ts";
import { reportingYear } from "../../src/core/reporting-years.ts";
import { DEMO } from "../support/staff.ts";
import { expectAxeClean, type Portal, signedInPage, startPortal } from "./support.ts";

const CODE = "082058";
const M = `/${CODE}/manage`;

let portal: Portal;

beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

/** Presses a button of the page's main part and waits for the page the form leads to. */
const press = (page: Page, name: string, within = page.getByRole("main")) =>
  Promise.all([
    page.waitForLoadState("load"),
    within.getByRole("button", { name, exact: true }).click(),
  ]);

const tokyoDay = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toLocaleDateString("sv-SE", { timeZone: "Asia/Tokyo" });

const outboxSize = async () => (await listOutbox(portal.database.db, CODE)).length;

it("says how many reminders it prepared, which the outbox then holds, and that it prepared none when none was due", async () => {
  const planner = await signedInPage(portal, CODE, DEMO.planner);
  const fy = reportingYear();
  await planner.goto(`${M}/rounds`);
  await planner.getByLabel("報告する年度").selectOption(String(fy));
  // Three days before the deadline: the reminders of the seventh day before are due.
  await planner.getByLabel("入力期限").fill(tokyoDay(3));
  await press(planner, "報告を開始する");
  expect(planner.url()).toContain(`${M}/rounds/${fy}?done=opened`);

  const before = await outboxSize();
  expect(before).toBe(0);
  await press(planner, "今日のお知らせを用意する");
  const said = (await planner.getByRole("status").textContent()) ?? "";
  const prepared = Number(/お知らせのメールを(\d+)件用意しました/.exec(said)?.[1]);
  expect(prepared, said).toBeGreaterThan(0);
  await expectAxeClean(planner);
  // The outbox holds exactly what the message counted, and its page lists each.
  expect(await outboxSize()).toBe(before + prepared);
  await Promise.all([
    planner.waitForLoadState("load"),
    planner.getByRole("main").getByRole("link", { name: "お知らせメールの送信予定" }).click(),
  ]);
  const outbox = planner.getByRole("main");
  expect(await outbox.getByRole("heading", { level: 2 }).count()).toBe(prepared);
  expect(await outbox.textContent()).toContain("editor@demo.invalid");

  // Pressed again the same day: nothing more is due, the page says so, the outbox is unchanged.
  await planner.goto(`${M}/rounds/${fy}`);
  await press(planner, "今日のお知らせを用意する");
  const again = (await planner.getByRole("status").textContent()) ?? "";
  expect(again).toContain("今日送るお知らせはありませんでした");
  expect(again).toContain("何も用意していません");
  expect(again).not.toMatch(/用意しました/);
  expect(await outboxSize()).toBe(before + prepared);
  await planner.context().close();
}, 300_000);

it("records a town meeting's proposal without claiming mail to a writer, and shows it publicly once the meeting is published", async () => {
  const planner = await signedInPage(portal, CODE, DEMO.planner);
  const before = await outboxSize();
  await planner.goto(`${M}/meetings`);
  const main = planner.getByRole("main");
  await main.getByLabel("開催日").fill("2025-07-20");
  await main.getByLabel("会場").fill("石岡市民会館");
  await main.getByLabel("テーマ").fill("公共交通の使いやすさ（ブラウザ試験）");
  await main.getByLabel("参加団体").fill("石岡地区区長会");
  await main.getByLabel("参加者数（人）").fill("18");
  await main.getByLabel("概要（公開されます）").fill("バスの便について語り合いました。");
  await press(planner, "記録する");
  expect(await planner.getByRole("status").textContent()).toContain(
    "下書きのため、公開ページには表示されません",
  );
  const meetingPage = planner.url().replace(/\?.*$/, "");
  const meetingId = /\/meetings\/(\d+)$/.exec(meetingPage)![1];

  await planner.getByLabel("提案の件名").fill("バスの最終便を遅く");
  await planner.getByLabel("提案の内容").fill("最終便を21時台にしてほしい。");
  await press(planner, "提案を記録する");
  const recorded = (await planner.getByRole("status").textContent()) ?? "";
  expect(recorded).toContain("提案を記録しました");
  expect(recorded).toContain("会の記録が下書きのため、公開ページにはまだ表示されません");
  expect(recorded).not.toContain("メール");
  await expectAxeClean(planner);
  expect(await outboxSize()).toBe(before);
  // Not public yet.
  const reader = await portal.browser.newPage({ baseURL: portal.baseUrl });
  expect((await reader.goto(`/${CODE}/meetings/${meetingId}`))?.status()).toBe(404);

  // The proposal's page: labelled as a meeting's proposal; a step mails nobody and says so.
  await Promise.all([
    planner.waitForLoadState("load"),
    planner
      .getByRole("main")
      .getByRole("link", { name: /^\d{4}-\d{4}$/ })
      .click(),
  ]);
  expect(await planner.getByRole("heading", { level: 1 }).textContent()).toContain(
    "市長と語ろう会の提案",
  );
  const steps = planner.locator("#letter-steps");
  await steps.getByLabel("段階").selectOption("assigned");
  await press(planner, "記録する", steps);
  const step = (await planner.getByRole("status").textContent()) ?? "";
  expect(step).toContain("市長と語ろう会の提案で投稿者がいないため、お知らせのメールはありません");
  expect(step).not.toContain("メールを送信予定の一覧に用意しました");
  expect(step).not.toContain("投稿者にはお知らせのメールを用意しました");
  await expectAxeClean(planner);
  expect(await outboxSize()).toBe(before);

  // Published: the public page shows the meeting and its proposal.
  await planner.goto(meetingPage);
  await press(planner, "この記録を公開する");
  expect(await planner.getByRole("status").textContent()).toContain(
    "会の記録を公開しました。公開ページに表示されています",
  );
  expect((await reader.goto(`/${CODE}/meetings/${meetingId}`))?.status()).toBe(200);
  expect(await reader.getByRole("main").textContent()).toContain("バスの最終便を遅く");
  expect(await outboxSize()).toBe(before);
  await reader.close();
  await planner.context().close();
}, 300_000);

it("keeps a submitted staff proposal's count 集計中, off the actuals and the status, until a planner publishes it", async () => {
  const api = async () => {
    const res = await fetch(`${portal.baseUrl}/api/v1/municipalities/${CODE}/indicators/GZ-1-R1`);
    return (await res.json()) as {
      running: { fiscalYear: number; value: number }[];
      actuals: { fiscalYear: number; value: number }[];
      statusCode: string | null;
      latestActual: unknown;
    };
  };
  const before = await api();
  const editor = await signedInPage(portal, CODE, DEMO.editor);
  await editor.goto(`${M}/proposals/new`);
  await editor.getByLabel("提案の名称").fill("庁内の文具を共同で購入する（ブラウザ試験）");
  await editor.getByLabel("現状の問題点").fill("課ごとに少量ずつ買っている。");
  await editor.getByLabel("提案の内容", { exact: true }).fill("年に2回まとめて購入する。");
  await editor.getByLabel("期待される効果").fill("単価が下がる。");
  await editor
    .getByRole("group", { name: "関係する課（複数可）" })
    .getByLabel("総務課", { exact: true })
    .check();
  await press(editor, "提案を出す");
  expect(await editor.getByRole("status").textContent()).toContain("提案を受け付けました");
  await editor.context().close();

  const running = await api();
  const counted = running.running.find(
    (r) => !before.running.some((b) => b.fiscalYear === r.fiscalYear && b.value === r.value),
  )!;
  expect(counted).toBeDefined();
  const fy = counted.fiscalYear;
  // Not an actual: the actuals, the latest actual and the status are as they were.
  expect(running.actuals).toEqual(before.actuals);
  expect(running.latestActual).toEqual(before.latestActual);
  expect(running.statusCode).toBe(before.statusCode);
  const reader = await portal.browser.newPage({ baseURL: portal.baseUrl });
  await reader.goto(`/${CODE}/indicators/GZ-1-R1`);
  expect(await reader.getByRole("main").textContent()).toMatch(/集計中（\d{1,2}月\d{1,2}日時点）/);

  // A planner publishes it from 集計中の値: then it is the year's actual.
  const planner = await signedInPage(portal, CODE, DEMO.planner);
  await planner.goto(`${M}/running-actuals`);
  const row = planner
    .getByRole("main")
    .getByRole("row")
    .filter({ has: planner.getByRole("link", { name: "職員提案の提案数" }) });
  await press(planner, "実績値として公開する", row);
  expect(await planner.getByRole("status").textContent()).toContain(
    "を実績値として公開しました。公開ページとAPIの実績値に載り",
  );
  await expectAxeClean(planner);
  const published = await api();
  expect(published.actuals.find((a) => a.fiscalYear === fy)?.value).toBe(counted.value);
  expect(published.running.some((r) => r.fiscalYear === fy)).toBe(false);
  await reader.close();
  await planner.context().close();
}, 300_000);

it("opens every link of the header's staff navigation and of the staff home for each demo role, showing no internal id", async () => {
  for (const role of ["viewer", "editor", "planner", "admin"] as const) {
    const page = await signedInPage(portal, CODE, DEMO[role]);
    const hrefs = async (scope: string) =>
      page
        .locator(`${scope} a[href^="${M}/"]`)
        .evaluateAll((links) => links.map((a) => a.getAttribute("href")!));
    const navigation = await hrefs('nav[aria-label="職員用"]');
    expect(navigation.length, role).toBeGreaterThan(5);
    const links = [...new Set([...navigation, ...(await hrefs("main"))])];
    const problems: string[] = [];
    for (const href of links) {
      // A download is fetched with the page's cookies (a browser would save it, not show it).
      if (/\.(csv|xlsx|pdf)(\?|$)|\/export\?/.test(href)) {
        const status = (await page.request.get(href)).status();
        if (status !== 200) problems.push(`${href}: ${status}`);
        continue;
      }
      const response = await page.goto(href);
      const status = response?.status();
      if (status !== 200) problems.push(`${href}: ${status}`);
      const type = response?.headers()["content-type"] ?? "";
      if (!type.includes("text/html")) continue;
      const text = (await page.locator("body").textContent()) ?? "";
      const id = /\b(?:user|token):\d+/.exec(text);
      if (id) problems.push(`${href}: ${id[0]}`);
    }
    expect(problems, `a ${role}'s staff links`).toEqual([]);
    await page.context().close();
  }
}, 600_000);
