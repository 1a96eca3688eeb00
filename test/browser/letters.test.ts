/**
 * A letter to the mayor in a real browser: a citizen sends one (first with a mistake, then
 * corrected), reads the receipt; a planner triages, redacts and publishes it, and records it as
 * adopted into an initiative; the public list and page show the redacted text and the timeline.
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
  await citizen.getByLabel("内容").fill(`平日の夜も開けてください。${NAME}`);
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
  await planner.getByRole("link", { name: "市長へのたより" }).click();
  await checkPage(planner);
  await planner.getByRole("link", { name: receipt! }).click();
  await checkPage(planner);
  await planner.getByLabel("担当課").selectOption("gyokaku-suishin");
  await planner.getByLabel("関連する施策・取組（任意・複数可）").selectOption(["GZ-6"]);
  await planner.getByRole("button", { name: "分類と担当課を保存する" }).click();
  expect(await planner.getByRole("status").textContent()).toContain("分類と担当課を保存しました");

  // The public version still has the name: refused, then redacted and published.
  await planner.getByRole("button", { name: "保存して公開する" }).click();
  expect(await planner.getByRole("alert").textContent()).toContain("個人情報が残っています");
  await checkPage(planner);
  await planner.getByLabel("公開用の本文").fill("平日の夜も開けてください。（氏名は伏せています）");
  await planner.getByRole("button", { name: "保存して公開する" }).click();
  expect(await planner.getByRole("status").textContent()).toContain("公開しました");

  await planner.getByLabel("段階").selectOption("outcome");
  await planner.getByLabel("結果", { exact: true }).selectOption("adopted");
  await planner
    .getByLabel("反映先の取組・事務事業（採用・一部採用のとき）")
    .selectOption("GZ-6-01");
  await planner.getByLabel("反映する年度（西暦、任意）").fill("2027");
  await planner.getByLabel("公開するコメント（回答のときは必須）").fill("来年度から試行します。");
  await planner.getByRole("button", { name: "記録する" }).click();
  expect(await planner.getByRole("status").textContent()).toContain("対応の記録を追加しました");

  await citizen.goto(`/${CODE}/letters`);
  await checkPage(citizen);
  await citizen.getByRole("link", { name: "図書館の開館時間を延ばして" }).click();
  await checkPage(citizen);
  const text = (await citizen.locator("main").textContent()) ?? "";
  expect(text).toContain("（氏名は伏せています）");
  expect(text).toContain("採用（施策に反映）");
  expect(text).toContain("来年度から試行します。");
  expect(text).not.toContain(NAME);
  expect(text).not.toContain(PHONE);
  await context.close();
  await staffContext.close();
});
