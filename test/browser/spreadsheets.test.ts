/**
 * The spreadsheet round trip in a real browser: an editor downloads the actuals workbook,
 * changes one value (ExcelJS, as Excel would), uploads it, reads the preview cell by cell and
 * applies it; a planner publishes; the public indicator page shows the new value. The upload,
 * preview and job pages pass axe-core.
 */
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { listUsers } from "../../src/accounts/actions.ts";
import { dayInJapan, shortFiscalYearLabel } from "../../src/core/fiscal-year.ts";
import { reportingYear } from "../../src/core/reporting-years.ts";
import { startJob } from "../../src/spreadsheets/jobs.ts";
import { DEMO } from "../support/staff.ts";
import { downloadedBytes, expectAxeClean, type Portal, startPortal } from "./support.ts";

const CODE = "082058";
const M = `/${CODE}/manage`;
/** 仕事にやりがいを持つ市職員の割合 (%), reported by the demo editor's section. */
const INDICATOR = "GZ-1-O1";
const YEAR = shortFiscalYearLabel(reportingYear());

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

async function edited(bytes: Buffer, value: number) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet("実績値")!;
  let col = 0;
  let row = 0;
  ws.getRow(1).eachCell((c, n) => {
    if (c.value === YEAR) col = n;
  });
  ws.eachRow((r, n) => {
    if (r.getCell(1).value === INDICATOR) row = n;
  });
  expect(col * row).toBeGreaterThan(0);
  ws.getCell(row, col).value = value;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

it("download, edit one cell, upload, preview, apply, publish, read it publicly", async () => {
  const editor: Page = await signedIn(portal.browser, DEMO.editor);
  await editor.goto(`${M}/spreadsheets`);
  await expectAxeClean(editor);
  const actuals = editor.locator("section#actuals");
  const [download] = await Promise.all([
    editor.waitForEvent("download"),
    actuals.getByRole("button", { name: "書き出す" }).click(),
  ]);
  // Named by the data, the section exported (the editor's own) and the day.
  expect(download.suggestedFilename()).toBe(`実績値_行革推進課_${dayInJapan(new Date())}.xlsx`);
  const file = await edited(await downloadedBytes(download), 63.5);

  await actuals.getByLabel("ファイル（.xlsx または .csv）").setInputFiles({
    name: "実績値（編集済み）.xlsx",
    mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    buffer: file,
  });
  await actuals.getByRole("button", { name: "確認する" }).click();
  await editor.waitForLoadState("load");
  expect(await editor.locator("h1").textContent()).toBe("取り込みの確認: 実績値");
  await expectAxeClean(editor);
  const rows = editor.locator("table tbody tr");
  expect(await rows.count()).toBe(1);
  const cells = await rows.first().locator("td").allTextContents();
  expect(cells[1]).toContain(INDICATOR);
  expect(cells[2]).toBe(YEAR);
  expect(cells[4]).toContain("63.5%");
  const reason = editor.getByLabel("訂正の理由");
  if ((await reason.count()) > 0) await reason.fill("集計を見直したため");
  await editor.getByRole("button", { name: "この内容で確定する" }).click();
  await editor.waitForLoadState("load");
  expect(await editor.getByRole("status").textContent()).toContain(
    "1 行・1 セルの変更を取り込みました。変更は下書きとして保存されます。",
  );
  // The applied file is listed for download again.
  await editor.goto(`${M}/spreadsheets`);
  expect(await editor.locator("#recent-imports").textContent()).toContain(
    "実績値（編集済み）.xlsx",
  );
  await expectAxeClean(editor);

  const planner = await signedIn(portal.browser, DEMO.planner);
  await planner.goto(`${M}/publish`);
  const row = planner.locator("tbody tr", { hasText: INDICATOR });
  expect(await row.textContent()).toContain("63.50%");
  await planner.getByRole("button", { name: "選んだ下書きを公開する" }).click();
  expect(await planner.getByRole("status").textContent()).toContain("1 件を公開しました");

  const reader = await portal.browser.newPage({ baseURL: portal.baseUrl });
  await reader.goto(`/${CODE}/indicators/${INDICATOR}`);
  expect(await reader.locator("main").textContent()).toContain("63.50%");
  await reader.close();
}, 120_000);

it("shows a running preview's progress and updates it in place (without JavaScript the page reloads itself)", async () => {
  const editor = await signedIn(portal.browser, DEMO.editor);
  const users = await listUsers(portal.database.db, CODE);
  const me = users.find((u) => u.email === DEMO.editor.email)!;
  // A job held at 4,500 of 20,000 rows checked (released when the test ends).
  let release = () => {};
  let advance: (p: { phase: "checking"; done: number; total: number }) => void = () => {};
  const job = startJob(
    { municipality: CODE, userId: me.id, dataset: "actuals" },
    { fileName: "大きなファイル.xlsx", bytes: new Uint8Array(), format: "auto" },
    (progress) =>
      new Promise((_, reject) => {
        progress({ phase: "checking", done: 4500, total: 20_000 });
        advance = progress;
        release = () => reject(new Error("released"));
      }),
  );
  try {
    const response = await editor.goto(`${M}/spreadsheets/jobs/${job.id}`);
    // Reloads itself only without JavaScript; with it, the status is updated in place.
    expect(response?.headers().refresh).toBeUndefined();
    expect(await response?.text()).toContain('<noscript><meta http-equiv="refresh" content="2"/>');
    expect(await editor.getByRole("status").textContent()).toBe("行を確認中: 4,500 / 20,000 行");
    expect(await editor.locator("progress").getAttribute("value")).toBe("4500");
    advance({ phase: "checking", done: 9000, total: 20_000 });
    await editor.getByText("行を確認中: 9,000 / 20,000 行").waitFor();
    expect(await editor.locator("progress").getAttribute("value")).toBe("9000");
    await expectAxeClean(editor);
  } finally {
    release();
  }
}, 60_000);
