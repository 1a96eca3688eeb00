/**
 * Answering a survey in a real browser on a phone-sized screen, pages without any script
 * (axe-core needs JavaScript to run, so the pages are checked to carry none instead): the code
 * opens the form, a section per page, the follow-up question appears after 「そう思わない」,
 * the answers are sent once; the demo's sample results page shows its charts. axe-core checks
 * every page on the way.
 */
import ExcelJS from "exceljs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { listSurveys } from "../../src/surveys/index.ts";
import { walkEnv } from "../support/audit-walk.ts";
import { DEMO } from "../support/staff.ts";
import { doubleEntrySplit, keyedTwice, openSurvey } from "../support/surveys.ts";
import {
  downloadedBytes,
  expectAxeClean,
  type Portal,
  signedInPage,
  startPortal,
} from "./support.ts";

const CODE = "082058";
let portal: Portal;

beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

it("is answered on a phone with pages that need no script, once per code", async () => {
  const env = await walkEnv(portal.database.db);
  const { id, codes } = await openSurvey(env.as.planner);
  const context = await portal.browser.newContext({
    baseURL: portal.baseUrl,
    locale: "ja-JP",
    viewport: { width: 375, height: 667 },
  });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`/${CODE}/surveys/${id}`);
  // The pages carry no script: the form works as plain HTML.
  expect(await page.locator("script").count()).toBe(0);
  await expectAxeClean(page);
  await page.getByLabel("回答番号").fill(codes[0]!.toLowerCase());
  await Promise.all([
    page.waitForURL(/answer\?page=0/),
    page.getByRole("button", { name: "回答を始める" }).click(),
  ]);
  expect(await page.locator("script").count()).toBe(0);
  await expectAxeClean(page);
  // "Next" without the required answer: the errors, announced, and the page still clean.
  await Promise.all([
    page.waitForLoadState("load"),
    page.getByRole("button", { name: "次へ" }).click(),
  ]);
  expect(await page.getByRole("alert").textContent()).toContain("回答してください");
  await expectAxeClean(page);
  await page.getByLabel("そう思わない", { exact: true }).check();
  await page.getByLabel("本庁").check();
  await Promise.all([
    page.waitForURL(/answer\?page=1/),
    page.getByRole("button", { name: "次へ" }).click(),
  ]);
  expect(await page.getByLabel(/そう思わない理由/).isVisible()).toBe(true);
  await expectAxeClean(page);
  await page.getByLabel(/そう思わない理由/).fill("手続きに時間がかかる");
  await page.getByLabel(/市役所に来た回数/).fill("2");
  await Promise.all([
    page.waitForURL(/thanks/),
    page.getByRole("button", { name: /回答を送る/ }).click(),
  ]);
  expect(await page.getByRole("status").textContent()).toContain("回答を受け付けました");
  await expectAxeClean(page);
  // The same code again is refused.
  await page.goto(`/${CODE}/surveys/${id}`);
  await page.getByLabel("回答番号").fill(codes[0]!);
  await Promise.all([
    page.waitForLoadState("load"),
    page.getByRole("button", { name: "回答を始める" }).click(),
  ]);
  expect(await page.getByRole("alert").textContent()).toContain("もう回答が送られています");
  await context.close();
});

it("shows the sample survey's results with charts and their text", async () => {
  const [sample] = (await listSurveys(portal.database.db, CODE, { publicOnly: true })).filter(
    (s) => s.isSample,
  );
  const context = await portal.browser.newContext({ baseURL: portal.baseUrl, locale: "ja-JP" });
  const page = await context.newPage();
  await page.goto(`/${CODE}/surveys/${sample!.id}/results?by=ageBand`);
  expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("サンプル");
  expect(await page.getByRole("img").count()).toBeGreaterThan(2);
  expect(await page.locator("body").textContent()).toContain("回収率 50.0%");
  await expectAxeClean(page);
  await context.close();
});

it("lets an editor key a paper questionnaire in by its code, errors named where they are", async () => {
  const env = await walkEnv(portal.database.db);
  const { id, codes } = await openSurvey(env.as.planner);
  const page = await signedInPage(portal, CODE, DEMO.editor);
  page.setDefaultTimeout(20_000);
  await page.goto(`/${CODE}/manage/surveys/${id}`);
  const main = page.getByRole("main");
  expect(await main.getByRole("link", { name: "印刷用の調査票（PDF・A4）" }).count()).toBe(1);
  await Promise.all([
    page.waitForURL(/\/paper$/),
    main.getByRole("link", { name: "紙の調査票を入力する" }).click(),
  ]);
  await expectAxeClean(page);
  // The code without the required answer (the browser itself asks for the code): the
  // server's errors, announced.
  await main.getByLabel("調査票の回答番号").fill(codes[1]!);
  await Promise.all([
    page.waitForLoadState("load"),
    main.getByRole("button", { name: "この調査票の回答を登録する" }).click(),
  ]);
  expect(await page.title()).toMatch(/^エラー：/);
  await expectAxeClean(page);
  await main.getByLabel("調査票の回答番号").fill(codes[1]!);
  await main.getByLabel("ややそう思う", { exact: true }).check();
  await main.getByLabel(/市役所に来た回数/).fill("3");
  await Promise.all([
    page.waitForURL(/done=paper/),
    main.getByRole("button", { name: "この調査票の回答を登録する" }).click(),
  ]);
  expect(await main.getByRole("status").textContent()).toContain("紙の調査票の回答を入力しました");
  await expectAxeClean(page);
  await page.context().close();
});

it("shows the double entry's disagreements and lets the third look settle one", async () => {
  const env = await walkEnv(portal.database.db);
  const { id, codes } = await openSurvey(env.as.planner);
  const code = doubleEntrySplit(id, codes).twice[0]!;
  await keyedTwice(env.as.editor, env.as.planner, id, code, [{ q1: ["5"] }, { q1: ["4"] }]);
  const page = await signedInPage(portal, CODE, DEMO.editor);
  page.setDefaultTimeout(20_000);
  await page.goto(`/${CODE}/manage/surveys/${id}`);
  const main = page.getByRole("main");
  await Promise.all([
    page.waitForURL(/\/double-entry$/),
    main.getByRole("link", { name: "二重入力の照合" }).click(),
  ]);
  expect(await main.textContent()).toContain("100%（食い違った項目 ÷ 比べた項目）");
  const row = main.getByRole("row", { name: /市役所は改善・改革/ });
  expect(await row.textContent()).toContain("5（そう思う）");
  expect(await row.textContent()).toContain("4（ややそう思う）");
  await expectAxeClean(page);
  await main.getByLabel("二回目の値").check();
  await Promise.all([
    page.waitForURL(/done=settled/),
    main.getByRole("button", { name: /確定する/ }).click(),
  ]);
  expect(await main.getByRole("status").textContent()).toContain("不一致を確定しました");
  expect(await main.textContent()).toContain("食い違い 1項目（確定済み）");
  await expectAxeClean(page);
  await page.context().close();
});

it("takes paper forms as a filled Excel template: download, upload, preview, apply", async () => {
  const env = await walkEnv(portal.database.db);
  const { id, codes } = await openSurvey(env.as.planner);
  const { once } = doubleEntrySplit(id, codes);
  const page = await signedInPage(portal, CODE, DEMO.editor);
  page.setDefaultTimeout(20_000);
  await page.goto(`/${CODE}/manage/surveys/${id}`);
  const main = page.getByRole("main");
  await Promise.all([
    page.waitForURL(/\/spreadsheets\/survey-answers\/\d+$/),
    main.getByRole("link", { name: "紙の調査票を Excel・CSV で取り込む" }).click(),
  ]);
  await expectAxeClean(page);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    main.getByRole("button", { name: "ひな形を書き出す" }).click(),
  ]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await downloadedBytes(download)) as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet("紙の調査票")!;
  ws.getRow(4).values = [once[0]!, 2, "1;2", null, 3];
  ws.getRow(5).values = [once[1]!, 9];
  const upload = async (bytes: Buffer) => {
    await main.getByLabel("ファイル（.xlsx または .csv）").setInputFiles({
      name: "紙の調査票.xlsx",
      mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      buffer: bytes,
    });
    await Promise.all([
      page.waitForLoadState("load"),
      main.getByRole("button", { name: "確認する" }).click(),
    ]);
  };
  // A choice that is not an option: the error named by sheet, row and question, nothing to apply.
  await upload(Buffer.from(await wb.xlsx.writeBuffer()));
  expect(await page.getByRole("alert").textContent()).toContain(
    "紙の調査票 の 5 行目『問1』列: 問1: 選択肢の番号は 1〜5 です（「9」）",
  );
  expect(await main.getByRole("button", { name: "この内容で確定する" }).count()).toBe(0);
  await expectAxeClean(page);
  ws.getRow(5).values = [once[1]!, 5, null, "説明が分かりにくい", null];
  await page.goto(`/${CODE}/manage/spreadsheets/survey-answers/${id}`);
  await upload(Buffer.from(await wb.xlsx.writeBuffer()));
  expect(await main.textContent()).toContain("入力（集計に入ります）");
  await expectAxeClean(page);
  await Promise.all([
    page.waitForURL(/\/result\?/),
    main.getByRole("button", { name: "この内容で確定する" }).click(),
  ]);
  expect(await main.getByRole("status").textContent()).toContain(
    "2 行・2 セルの変更を取り込みました",
  );
  await expectAxeClean(page);
  await page.context().close();
});
