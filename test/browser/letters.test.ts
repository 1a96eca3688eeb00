/**
 * A letter to the mayor in a real browser: a citizen sends one (first with a mistake, then
 * corrected), reads the receipt; a planner triages it, is refused publication while the personal
 * data typed into the text (the writer's name, a phone number) is neither masked nor kept, masks
 * the private ones and keeps the library's number, publishes it, and records it as adopted into an
 * initiative; the public list, page and API show the redacted text and the timeline.
 * Every page type passes axe-core and has a sound heading outline.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO } from "../support/staff.ts";
import {
  expectAxeClean,
  headingLevels,
  headingProblems,
  type Portal,
  startPortal,
} from "./support.ts";

const CODE = "082058";
const NAME = "霞ヶ浦 三四郎";
const PHONE = "0299-11-2233";
/** Typed into the letter's text, not into the contact fields. */
const TYPED_PHONE = "0299-11-2222";
const LIBRARY_PHONE = "0299-24-1111";

let portal: Portal;

beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

async function checkPage(page: Page) {
  await expectAxeClean(page);
  expect(headingProblems(await headingLevels(page))).toEqual([]);
}

it("a citizen's letter goes from the form to a published, adopted proposal", async () => {
  const context = await portal.browser.newContext({ baseURL: portal.baseUrl, locale: "ja-JP" });
  const citizen = await context.newPage();
  await citizen.goto(`/${CODE}/letters/new`);
  await checkPage(citizen);
  await citizen.getByLabel("件名").fill("図書館の開館時間を延ばして");
  await citizen
    .getByLabel("内容")
    .fill(
      `平日の夜も開けてください。図書館（${LIBRARY_PHONE}）でも人手が足りないと聞きました。夜は ${TYPED_PHONE} にお電話ください。${NAME}`,
    );
  await citizen.getByLabel("分野").selectOption("childcare");
  await citizen.getByLabel("提案", { exact: true }).check();
  await citizen.getByLabel("お名前").fill(NAME);
  await citizen.getByLabel("電話番号").fill(PHONE);
  await citizen.locator("#consentPublish-yes").check();
  // The contact question is left unanswered: the form comes back with the error and the values.
  await citizen.getByRole("button", { name: "送信する" }).click();
  expect(await citizen.getByRole("alert").textContent()).toContain("市からの連絡への同意");
  expect(await citizen.getByLabel("件名").inputValue()).toBe("図書館の開館時間を延ばして");
  await checkPage(citizen);
  await citizen.locator("#consentContact-no").check();
  await citizen.getByRole("button", { name: "送信する" }).click();
  await citizen.waitForURL(/\/letters\/status\/[A-Za-z0-9_-]+\?sent=1$/);
  const receipt = /受付番号は (\S+) です/.exec(
    (await citizen.getByRole("status").textContent()) ?? "",
  )?.[1];
  expect(receipt).toMatch(/^\d{4}-\d{4}$/);
  await checkPage(citizen);

  const staffContext = await portal.browser.newContext({
    baseURL: portal.baseUrl,
    locale: "ja-JP",
  });
  const planner = await staffContext.newPage();
  await planner.goto(`/${CODE}/manage/sign-in`);
  await planner.getByLabel("メールアドレス").fill(DEMO.planner.email);
  await planner.getByLabel("パスワード").fill(DEMO.planner.password);
  await Promise.all([
    planner.waitForURL(`**/${CODE}/manage/`),
    planner.getByRole("button", { name: "サインイン" }).click(),
  ]);
  await planner.getByRole("main").getByRole("link", { name: "市長へのたより" }).click();
  await checkPage(planner);
  await planner.getByRole("link", { name: receipt! }).click();
  await checkPage(planner);
  await planner.getByLabel("担当課").selectOption("gyokaku-suishin");
  await planner
    .getByRole("group", { name: "関連する施策・取組（任意・複数可）" })
    .getByRole("checkbox", { name: /^GZ-6 / })
    .check();
  await planner.getByRole("button", { name: "分類と担当課を保存する" }).click();
  expect(await planner.getByRole("status").textContent()).toContain("分類と担当課を保存しました");
  // The page comes back where the clerk was, with the notice in that section, not at the top.
  expect(new URL(planner.url()).hash).toBe("#letter-triage");
  expect(await planner.locator("#letter-triage").getByRole("status").count()).toBe(1);
  expect(await planner.evaluate<number>("window.scrollY")).toBeGreaterThan(0);

  // The public version still has the name and two phone numbers, each marked in the editor:
  // publishing is refused until each is masked or kept.
  const publicLetters = async () =>
    JSON.stringify(
      await (await fetch(`${portal.baseUrl}/api/v1/municipalities/${CODE}/letters`)).json(),
    );
  const redaction = planner.getByRole("group", { name: /個人情報の確認（3件）/ });
  expect(await redaction.locator("mark").allTextContents()).toEqual([
    LIBRARY_PHONE,
    TYPED_PHONE,
    NAME,
  ]);
  await planner.getByRole("button", { name: "保存して公開する" }).click();
  const refused = (await planner.getByRole("alert").textContent()) ?? "";
  expect(refused).toContain("個人情報が残っています");
  expect(refused).toContain(`電話番号「${TYPED_PHONE}」`);
  expect(refused).toContain(`お名前「${NAME}」`);
  await checkPage(planner);
  expect(await publicLetters()).not.toContain("図書館の開館時間を延ばして");
  const finding = (name: RegExp) => planner.getByRole("group", { name });
  await finding(new RegExp(`電話番号「${TYPED_PHONE}」`))
    .getByLabel("＊＊＊に置き換える")
    .check();
  await finding(new RegExp(`お名前「${NAME}」`))
    .getByLabel("＊＊＊に置き換える")
    .check();
  // One left undecided: still refused, and the choices made stay chosen.
  await planner.getByRole("button", { name: "保存して公開する" }).click();
  expect(await planner.getByRole("alert").textContent()).toContain(`電話番号「${LIBRARY_PHONE}」`);
  expect(await planner.getByRole("alert").textContent()).not.toContain(TYPED_PHONE);
  expect(await publicLetters()).not.toContain("図書館の開館時間を延ばして");
  await finding(new RegExp(`電話番号「${LIBRARY_PHONE}」`))
    .getByLabel(/このまま載せる/)
    .check();
  await planner.getByRole("button", { name: "保存して公開する" }).click();
  expect(await planner.getByRole("status").textContent()).toContain("公開しました");
  expect(await planner.getByLabel("公開用の本文").inputValue()).toBe(
    `平日の夜も開けてください。図書館（${LIBRARY_PHONE}）でも人手が足りないと聞きました。夜は ＊＊＊ にお電話ください。＊＊＊`,
  );
  const api = await publicLetters();
  expect(api).toContain("夜は ＊＊＊ にお電話ください");
  expect(api).toContain(LIBRARY_PHONE);
  expect(api).not.toContain(TYPED_PHONE);
  expect(api).not.toContain(NAME);
  // The audit entry records what was kept as written.
  await planner.goto(`/${CODE}/manage/audit?action=letter.publish&record=${receipt}`);
  expect(await planner.getByRole("main").textContent()).toContain(`電話番号「${LIBRARY_PHONE}」`);
  await planner.goto(`/${CODE}/manage/letters/${receipt}`);

  await planner.getByLabel("段階").selectOption("outcome");
  await planner.getByLabel("結果", { exact: true }).selectOption("adopted");
  await planner
    .getByLabel("反映先の取組・事務事業（採用・一部採用のとき）")
    .selectOption("GZ-6-01");
  await planner.getByLabel("反映する年度（西暦、任意）").fill("2027");
  await planner.getByLabel("公開するコメント（回答のときは必須）").fill("来年度から試行します。");
  await planner.getByRole("button", { name: "記録する" }).click();
  expect(await planner.getByRole("status").textContent()).toContain("対応の記録を追加しました");
  expect(new URL(planner.url()).hash).toBe("#letter-steps");

  await citizen.goto(`/${CODE}/letters`);
  await checkPage(citizen);
  await citizen.getByRole("link", { name: "図書館の開館時間を延ばして" }).click();
  await checkPage(citizen);
  const text = (await citizen.locator("main").textContent()) ?? "";
  expect(text).toContain("夜は ＊＊＊ にお電話ください。＊＊＊");
  expect(text).not.toContain(TYPED_PHONE);
  expect(text).toContain("採用（施策に反映）");
  expect(text).toContain("来年度から試行します。");
  expect(text).not.toContain(NAME);
  expect(text).not.toContain(PHONE);

  // The initiative it was adopted into: its measure's page leads to the proposals that touched it.
  await citizen.getByRole("link", { name: /GZ-6-01/ }).click();
  await citizen.waitForURL(/\/measures\/GZ-6#GZ-6-01$/);
  await citizen.getByRole("link", { name: "この基本施策に寄せられた提案と対応" }).click();
  await checkPage(citizen);
  const touched = (await citizen.locator("main").textContent()) ?? "";
  expect(touched).toContain("図書館の開館時間を延ばして");
  expect(touched).toContain("採用（施策に反映）");
  expect(touched).not.toContain(NAME);
  expect(touched).not.toContain(PHONE);
  await context.close();
  await staffContext.close();
}, 300_000);

it("town meetings, the measure's proposals and staff proposals pass axe-core on every page type", async () => {
  const context = await portal.browser.newContext({ baseURL: portal.baseUrl, locale: "ja-JP" });
  const planner = await context.newPage();
  planner.setDefaultTimeout(5000);
  await planner.goto(`/${CODE}/manage/sign-in`);
  await planner.getByLabel("メールアドレス").fill(DEMO.planner.email);
  await planner.getByLabel("パスワード").fill(DEMO.planner.password);
  await Promise.all([
    planner.waitForURL(`**/${CODE}/manage/`),
    planner.getByRole("button", { name: "サインイン" }).click(),
  ]);

  // A meeting: first with a mistake (the list page with errors), then recorded.
  await planner.goto(`/${CODE}/manage/meetings`);
  await checkPage(planner);
  await planner.getByLabel("開催日").fill("2026-05-20");
  await planner.getByLabel("会場").fill("中央公民館");
  await planner.getByLabel("テーマ").fill("公共交通のこれから");
  await planner.getByLabel("参加団体").fill("石岡地区区長会");
  await planner.getByLabel("参加者数（人）").fill("たくさん");
  await planner.getByLabel("概要（公開されます）").fill("バス路線について意見を交わしました。");
  await planner.getByRole("button", { name: "記録する", exact: true }).click();
  expect(await planner.getByRole("alert").textContent()).toContain("参加者数は");
  await checkPage(planner);
  await planner.getByLabel("参加者数（人）").fill("18");
  await planner.getByRole("button", { name: "記録する", exact: true }).click();
  expect(await planner.getByRole("status").textContent()).toContain("会を記録しました");
  await checkPage(planner);
  // A draft until published.
  await planner.getByRole("button", { name: "この記録を公開する" }).click();
  expect(await planner.getByRole("status").textContent()).toContain("会の記録を公開しました");
  await planner.getByLabel("提案の件名").fill("デマンドタクシーの予約を前日まで");
  await planner.getByLabel("提案の内容").fill("当日の朝でも予約できるようにしてほしい。");
  await planner.getByLabel("分野").selectOption("roads");
  await planner.getByRole("button", { name: "提案を記録する" }).click();
  expect(await planner.getByRole("status").textContent()).toContain("提案を記録しました");

  // Relate the proposal to a measure through the letter pages, adopt it.
  await planner
    .getByRole("link", { name: /^\d{4}-\d{4}$/ })
    .first()
    .click();
  await checkPage(planner);
  await planner
    .getByRole("group", { name: "関連する施策・取組（任意・複数可）" })
    .getByRole("checkbox", { name: /^GZ-6 / })
    .check();
  await planner.getByRole("button", { name: "分類と担当課を保存する" }).click();
  await planner.getByLabel("段階").selectOption("outcome");
  await planner.getByLabel("結果", { exact: true }).selectOption("under_study");
  await planner.getByLabel("公開するコメント（回答のときは必須）").fill("運行事業者と検討します。");
  await planner.getByRole("button", { name: "記録する" }).click();
  expect(await planner.getByRole("status").textContent()).toContain("対応の記録を追加しました");

  const citizen = await (
    await portal.browser.newContext({ baseURL: portal.baseUrl, locale: "ja-JP" })
  ).newPage();
  await citizen.goto(`/${CODE}/meetings`);
  await checkPage(citizen);
  await citizen.getByRole("link", { name: "公共交通のこれから" }).click();
  await checkPage(citizen);
  expect(await citizen.locator("main").textContent()).toContain("継続して検討");
  await citizen.goto(`/${CODE}/measures/GZ-6`);
  await citizen.getByRole("link", { name: "この基本施策に寄せられた提案と対応" }).click();
  await checkPage(citizen);
  expect(await citizen.locator("main").textContent()).toContain("デマンドタクシーの予約を前日まで");

  // Staff proposals: the list, the form (with a mistake, then sent), one proposal, criteria.
  await planner.goto(`/${CODE}/manage/proposals`);
  await checkPage(planner);
  await planner.getByRole("link", { name: "提案する" }).click();
  await checkPage(planner);
  await planner.getByLabel("提案の名称").fill("会議資料のペーパーレス化");
  await planner.getByLabel("現状の問題点").fill("会議のたびに大量に印刷している。");
  await planner.getByLabel("提案の内容", { exact: true }).fill("タブレットで資料を配る。");
  await planner.getByLabel("期待される効果").fill("印刷費の削減。");
  await planner.getByLabel("削減できる金額（年間・円、任意）").fill("たくさん");
  await planner.getByRole("button", { name: "提案を出す" }).click();
  expect(await planner.getByRole("alert").textContent()).toContain(
    "関係する課を1つ以上選んでください",
  );
  await checkPage(planner);
  await planner.getByLabel("削減できる金額（年間・円、任意）").fill("200000");
  await planner
    .getByRole("group", { name: "関係する課（複数可）" })
    .locator('input[value="somu"]')
    .check();
  await planner.getByRole("button", { name: "提案を出す" }).click();
  expect(await planner.getByRole("status").textContent()).toContain("提案を受け付けました");
  await checkPage(planner);
  await planner.getByLabel("審査結果", { exact: true }).selectOption("adopted");
  await planner.getByLabel("理由（提案者に伝わります）").fill("効果が明確です。");
  await planner.getByRole("button", { name: "審査結果を保存する" }).click();
  expect(await planner.getByRole("status").textContent()).toContain("審査結果を保存しました");
  await checkPage(planner);
  await planner.goto(`/${CODE}/manage/proposals/criteria`);
  await checkPage(planner);
  await context.close();
  await citizen.context().close();
}, 300_000);
