/**
 * The staff workspace in a real browser: an editor signs in, finds the indicator in their
 * updates, enters a value; a planner checks the diff and publishes it; the public page shows
 * it in the table and the chart. A stale edit gets the conflict page, a forged form is refused,
 * repeated wrong passwords are slowed down, and every staff page type passes axe-core.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO } from "../support/staff.ts";
import { expectAxeClean, type Portal, startPortal } from "./support.ts";

const CODE = "082058";
const INDICATOR = "GZ-1-O1";

let portal: Portal;

beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

async function signedIn(browser: Browser, who: { email: string; password: string }) {
  const context = await browser.newContext({ baseURL: portal.baseUrl, locale: "ja-JP" });
  const page = await context.newPage();
  await page.goto(`/${CODE}/manage/sign-in`);
  await page.getByLabel("メールアドレス").fill(who.email);
  await page.getByLabel("パスワード").fill(who.password);
  await Promise.all([
    page.waitForURL(`**/${CODE}/manage/`),
    page.getByRole("button", { name: "サインイン" }).click(),
  ]);
  return page;
}

describe("an editor's value reaches the public page through a planner", () => {
  let editor: Page;
  let planner: Page;

  beforeAll(async () => {
    editor = await signedIn(portal.browser, DEMO.editor);
    planner = await signedIn(portal.browser, DEMO.planner);
  });

  it("enter, review the diff, publish, read it publicly", async () => {
    await expectAxeClean(editor);
    await editor.getByRole("main").getByRole("link", { name: "実績値の入力" }).click();
    expect(await editor.locator("h1").textContent()).toBe("実績値の入力");
    await expectAxeClean(editor);

    await editor.getByRole("link", { name: "仕事にやりがいを持つ市職員の割合" }).click();
    expect(await editor.locator("h1").textContent()).toContain(INDICATOR);
    await expectAxeClean(editor);
    await editor.getByLabel("値（%）").fill("52.5");
    await editor.getByLabel("注記（任意）").fill("職員アンケート");
    await editor.getByRole("button", { name: "下書きとして保存" }).click();
    expect(await editor.getByRole("status").textContent()).toContain("下書きとして保存しました");

    await planner.goto(`/${CODE}/manage/publish`);
    await expectAxeClean(planner);
    const row = planner.locator("tbody tr", { hasText: INDICATOR });
    expect(await row.textContent()).toContain("52.50%（職員アンケート）");
    expect(await row.getByRole("checkbox").isChecked()).toBe(true);
    await planner.getByRole("button", { name: "選んだ下書きを公開する" }).click();
    expect(await planner.getByRole("status").textContent()).toContain("1 件を公開しました");

    const reader = await portal.browser.newPage({ baseURL: portal.baseUrl });
    await reader.goto(`/${CODE}/indicators/${INDICATOR}`);
    expect(await reader.locator("main table").first().textContent()).toBeTruthy();
    expect(await reader.locator("main").textContent()).toContain("52.50%");
    const chart = reader.locator("figure.chart svg[role=img]");
    expect(await chart.count()).toBe(1);
    expect(await chart.locator("desc, title").allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining("52.5")]),
    );
    await reader.close();
  });

  it("shows the conflict page when someone saved after the form was opened", async () => {
    await editor.goto(`/${CODE}/manage/indicators/${INDICATOR}?fy=2023#entry`);
    await planner.goto(`/${CODE}/manage/indicators/${INDICATOR}?fy=2023#entry`);
    await planner.getByLabel("値（%）").fill("51");
    await planner.getByRole("button", { name: "下書きとして保存" }).click();
    expect(await planner.getByRole("status").textContent()).toContain("下書きとして保存しました");

    await editor.getByLabel("値（%）").fill("49.5");
    const [response] = await Promise.all([
      editor.waitForResponse((r) => r.request().method() === "POST"),
      editor.getByRole("button", { name: "下書きとして保存" }).click(),
    ]);
    expect(response.status()).toBe(409);
    expect(await editor.locator("h1").textContent()).toBe("ほかの人が先に保存しました");
    const table = await editor.locator("table").textContent();
    expect(table).toContain("49.5");
    expect(table).toContain("51.00%");
    await expectAxeClean(editor);
  });

  it("lists the person's API tokens and shows a new one once", async () => {
    await editor.goto(`/${CODE}/manage/tokens`);
    await expectAxeClean(editor);
    await editor.getByLabel("ラベル（用途）").fill("庶務システム連携");
    await editor.getByRole("button", { name: "トークンを作る" }).click();
    expect(await editor.locator(".token").textContent()).toMatch(/^shisaku_[\w-]{40,}$/);
    await expectAxeClean(editor);
    await editor.goto(`/${CODE}/manage/tokens`);
    expect(await editor.locator(".token").count()).toBe(0);
    expect(await editor.locator("tbody").textContent()).toContain("庶務システム連携");
  });

  it("refuses a form whose CSRF token was tampered with", async () => {
    await editor.goto(`/${CODE}/manage/indicators/${INDICATOR}?fy=2022#entry`);
    const csrfFields = editor.locator("input[name=_csrf]");
    for (let i = 0; i < (await csrfFields.count()); i++)
      await csrfFields.nth(i).evaluate((input, v) => input.setAttribute("value", v), "forged");
    await editor.getByLabel("値（%）").fill("1");
    const [response] = await Promise.all([
      editor.waitForResponse((r) => r.request().method() === "POST"),
      editor.getByRole("button", { name: "下書きとして保存" }).click(),
    ]);
    expect(response.status()).toBe(403);
    expect(await editor.locator("main").textContent()).toContain("不正な送信です");
  });
});

describe("sign-in", () => {
  it("slows repeated wrong passwords down with a wait it names, instead of locking the account", async () => {
    const context = await portal.browser.newContext({ baseURL: portal.baseUrl, locale: "ja-JP" });
    const page = await context.newPage();
    let last = "";
    // Five failures are free; then each makes the next attempt wait 1 s, 2 s, 4 s …: within a
    // few more attempts one comes during a wait, and is answered with the seconds to wait.
    for (let i = 0; i < 15 && !last.includes("秒後にもう一度お試しください"); i++) {
      await page.goto(`/${CODE}/manage/sign-in`);
      await page.getByLabel("メールアドレス").fill(DEMO.viewer.email);
      await page.getByLabel("パスワード").fill(`wrong-${i}`);
      await page.getByRole("button", { name: "サインイン" }).click();
      last = (await page.getByRole("alert").textContent()) ?? "";
    }
    expect(last).toMatch(/\d+秒後にもう一度お試しください/);
    await expectAxeClean(page);
    await context.close();
  });
});
