/**
 * An older spreadsheet in a real browser (issue 17, item 7): the editor downloads the actuals
 * workbook, the planner then enters a value on the web, and the editor uploads the older file.
 * The preview lists that cell first, with the value now, who entered it and the file's value,
 * unticked; ticking it and confirming takes the file's value. The preview passes axe-core.
 */
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { reportingYear } from "../../src/core/reporting-years.ts";
import { DEMO } from "../support/staff.ts";
import { downloadedBytes, expectAxeClean, type Portal, startPortal } from "./support.ts";

const CODE = "082058";
const M = `/${CODE}/manage`;
/** 仕事にやりがいを持つ市職員の割合 (%), reported by the demo editor's section. */
const INDICATOR = "GZ-1-O1";
const FY = reportingYear();

let portal: Portal;

beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

async function signedIn(browser: Browser, who: { email: string; password: string }) {
  const context = await browser.newContext({
    baseURL: portal.baseUrl,
    locale: "ja-JP",
    acceptDownloads: true,
  });
  const page = await context.newPage();
  await page.goto(`${M}/sign-in`);
  await page.getByLabel("メールアドレス").fill(who.email);
  await page.getByLabel("パスワード").fill(who.password);
  await Promise.all([
    page.waitForURL(`**${M}/`),
    page.getByRole("button", { name: "サインイン" }).click(),
  ]);
  return page;
}

/** The job's page reloads itself until the answer is there (on a busy machine). */
const heading = (page: Page, name: string) =>
  page.getByRole("heading", { level: 1, name }).waitFor({ timeout: 60_000 });

it("lists a cell entered on the web after the export first, and takes the file's value when ticked", async () => {
  const editor = await signedIn(portal.browser, DEMO.editor);
  await editor.goto(`${M}/spreadsheets`);
  const actuals = editor.locator("section#actuals");
  const [download] = await Promise.all([
    editor.waitForEvent("download"),
    actuals.getByRole("button", { name: "書き出す" }).click(),
  ]);
  const older = await downloadedBytes(download);

  // After the export, the planner enters 12 on the web form.
  const planner = await signedIn(portal.browser, DEMO.planner);
  await planner.goto(`${M}/indicators/${INDICATOR}?fy=${FY}`);
  await planner.getByLabel("値（%）").fill("12");
  await planner.getByRole("button", { name: "下書きとして保存" }).click();
  await planner.waitForLoadState("load");

  // The editor uploads the file exported before: its empty cell would erase the entry.
  await actuals.getByLabel("ファイル（.xlsx または .csv）").setInputFiles({
    name: "実績値（古い書き出し）.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: older,
  });
  await actuals.getByRole("button", { name: "確認する" }).click();
  await heading(editor, "取り込みの確認: 実績値");
  const main = editor.getByRole("main");
  const conflicts = main.getByRole("region", { name: /書き出した後に Shisaku で変更されたセル/ });
  expect(await conflicts.getByRole("heading").textContent()).toBe(
    "書き出した後に Shisaku で変更されたセル（1 件）",
  );
  const cells = await conflicts.locator("tbody tr").first().locator("td").allTextContents();
  expect(cells[2]).toContain(INDICATOR);
  expect(cells[4]).toBe("12%");
  expect(cells[5]).toContain("デモ企画担当（政策企画課）");
  expect(cells[6]).toBe("（空欄）");
  // Listed before anything else; no other change.
  expect(await main.locator("table").count()).toBe(1);
  await expectAxeClean(editor);

  const take = conflicts.getByRole("checkbox");
  expect(await take.isChecked()).toBe(false);
  await take.check();
  await editor.getByRole("button", { name: "この内容で確定する" }).click();
  await heading(editor, "取り込みました: 実績値");
  expect(await editor.getByRole("status").textContent()).toContain(
    "1 行・1 セルの変更を取り込みました。",
  );

  // The planner's entry is gone: the cell is empty again, as in the file.
  await planner.goto(`${M}/indicators/${INDICATOR}?fy=${FY}`);
  expect(await planner.getByLabel("値（%）").inputValue()).toBe("");
}, 180_000);
