/**
 * Program evaluation in a real browser: the section's editor completes and submits the
 * self-evaluation; a planner (行革推進課) records a secondary evaluation with another direction,
 * confirms and publishes it; the public program page and the PDF sheet show both directions.
 * axe-core checks every page on the way. Uses the demo's sample program
 * マイナンバーカード交付促進事業 (市民課), a 令和6年度 draft.
 */
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { addUser } from "../../src/accounts/actions.ts";
import { DEMO } from "../support/staff.ts";
import { expectAxeClean, type Portal, startPortal } from "./support.ts";

const CODE = "082058";
const PROGRAM = "01-02-03-01-002";
const NAME = "マイナンバーカード交付促進事業";
const SHIMIN = { email: "shimin-browser@demo.invalid", password: "shimin-browser-082058" };
const FINDINGS = "休日窓口の利用が伸び、交付率が上がった（ブラウザ試験）";

let portal: Portal;

beforeAll(async () => {
  portal = await startPortal();
  await addUser(portal.database.db, {
    municipality: CODE,
    role: "editor",
    sections: ["shimin"],
    ...SHIMIN,
  });
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

const click = (page: Page, name: string) =>
  Promise.all([page.waitForLoadState("load"), page.getByRole("button", { name }).click()]);

async function pdfText(bytes: Buffer) {
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  let text = "";
  for (let i = 1; i <= pdf.numPages; i++)
    text += (await (await pdf.getPage(i)).getTextContent()).items
      .map((x) => ("str" in x ? x.str : ""))
      .join("");
  await pdf.destroy();
  return text.replace(/\s+/g, "");
}

it("self-evaluation, a secondary evaluation with another direction, published on the page and the PDF", async () => {
  const editor = await signedIn(portal.browser, SHIMIN);
  await editor.goto(`/${CODE}/manage/evaluations?fy=2024`);
  await expectAxeClean(editor);
  await editor.getByRole("link", { name: new RegExp(NAME) }).click();
  expect(await editor.locator("h1").textContent()).toContain(NAME);
  await expectAxeClean(editor);
  // A draft saves whatever is filled in (the browser asks for nothing); submitting checks
  // everything at once on the server and lists every gap.
  await editor.getByLabel("評価の所見（成果と課題）").fill(FINDINGS);
  await click(editor, "下書きとして保存");
  expect(await editor.getByRole("status").textContent()).toContain("下書きとして保存しました");
  expect(await editor.getByLabel("評価の所見（成果と課題）").inputValue()).toBe(FINDINGS);
  await click(editor, "保存して提出");
  const gaps = (await editor.getByRole("alert").textContent()) ?? "";
  for (const gap of [
    "有効性の評価が未入力です",
    "公平性の評価が未入力です",
    "今後の方向性の理由が未入力です",
  ])
    expect(gaps).toContain(gap);
  expect(await editor.title()).toMatch(/^エラー：/);
  await expectAxeClean(editor);
  const api = await editor.request.get(`/api/v1/municipalities/${CODE}/programs/${PROGRAM}`);
  expect(await api.text()).not.toContain(FINDINGS);
  for (const [aspect, level] of [
    ["necessity", "A"],
    ["effectiveness", "B"],
    ["efficiency", "B"],
    ["equity", "A"],
  ])
    await editor.check(`input[name="ratings.${aspect}"][value="${level}"]`);
  await editor.getByLabel("評価の所見（成果と課題）").fill(FINDINGS);
  await editor.check('input[name="direction"][value="expand"]');
  await editor.getByLabel("方向性の理由").fill("出張窓口を未申請の多い地区に広げる。");
  await click(editor, "保存して提出");
  expect(await editor.getByRole("status").textContent()).toContain("一次評価を提出しました");
  await expectAxeClean(editor);

  const planner = await signedIn(portal.browser, DEMO.planner);
  await planner.goto(`/${CODE}/manage/programs/${PROGRAM}/evaluations/2024`);
  await expectAxeClean(planner);
  await planner.check('input[name="secondary.direction"][value="improve"]');
  await planner.getByLabel("二次評価のコメント").fill("交付の方法を見直したうえで実施すること。");
  await click(planner, "保存して二次評価の確定");
  expect(await planner.getByRole("status").textContent()).toContain("二次評価を確定しました");
  // Publishing cannot be undone: the page asks for a tick first.
  await planner
    .getByLabel("公表後は変更できないことを確認しました（この評価を公表します）")
    .check();
  await click(planner, "公表する");
  expect(await planner.getByRole("status").textContent()).toContain("評価を公表しました");
  await expectAxeClean(planner);

  const reader = await portal.browser.newPage({ baseURL: portal.baseUrl });
  await reader.goto(`/${CODE}/programs/${PROGRAM}`);
  await expectAxeClean(reader);
  const section = reader.locator("section", { hasText: "令和6年度" }).filter({ hasText: FINDINGS });
  const text = (await section.last().textContent()) ?? "";
  expect(text).toContain("拡充");
  expect(text).toContain("改善");
  expect(text).toContain("必要性 A：市が関与して実施する必要性が高い");

  const res = await reader.request.get(`/${CODE}/programs/${PROGRAM}/sheet-2024.pdf`);
  expect(res.status()).toBe(200);
  const pdf = await pdfText(await res.body());
  expect(pdf).toContain("今後の方向性（一次評価）拡充");
  expect(pdf).toContain("今後の方向性（二次評価）改善（一次評価と異なる）");
  expect(pdf).toContain("休日窓口の利用が伸び");
  await reader.close();
}, 300_000);
