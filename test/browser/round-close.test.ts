/**
 * Closing a reporting round (issue 17 item 10), in a real browser as the roles that do it: the
 * planner is asked first, with the round's completion, and sent to 公開前の確認 while drafts
 * block the close; after the close the editor's entry form is read-only with the reason and whom
 * to ask, and a save that raced the close keeps the typed value inside the site's layout.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { reportingYear } from "../../src/core/reporting-years.ts";
import { DEMO } from "../support/staff.ts";
import { expectAxeClean, type Portal, signedInPage, startPortal } from "./support.ts";

const CODE = "082058";
const M = `/${CODE}/manage`;
/** 仕事にやりがいを持つ市職員の割合 (%), reported by the demo editor's section. */
const OWN = "GZ-1-O1";
const FY = reportingYear();

let portal: Portal;

beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

const tokyoDay = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toLocaleDateString("sv-SE", { timeZone: "Asia/Tokyo" });

/** Clicks a button and waits for the page it leads to. */
async function click(page: Page, name: string) {
  const [response] = await Promise.all([
    page.waitForEvent("framenavigated").then(() => page.waitForLoadState("load")),
    page.getByRole("button", { name, exact: true }).click(),
  ]);
  return response;
}

it("asks before closing, sends to 公開前の確認 while drafts wait, then makes the year read-only and keeps a raced value", async () => {
  const planner = await signedInPage(portal, CODE, DEMO.planner);
  const existing = await planner.goto(`${M}/rounds/${FY}`);
  if (existing?.status() !== 200) {
    await planner.goto(`${M}/rounds`);
    await planner.getByLabel("報告する年度").selectOption(String(FY));
    await planner.getByLabel("入力期限").fill(tokyoDay(13));
    await click(planner, "報告を開始する");
    expect(planner.url()).toContain(`${M}/rounds/${FY}?done=opened`);
  }

  // The editor saves a draft: it waits for the planner to publish it.
  const editor = await signedInPage(portal, CODE, DEMO.editor);
  await editor.goto(`${M}/indicators/${OWN}?fy=${FY}#entry`);
  await editor.getByLabel(/^値/).fill("47");
  await click(editor, "下書きとして保存");
  expect(await editor.getByRole("status").textContent()).toContain("下書きとして保存しました");

  // 報告を締め切る asks first: the completion, and the drafts that keep the round open.
  await planner.goto(`${M}/rounds/${FY}`);
  await click(planner, "報告を締め切る");
  expect(planner.url()).toContain(`${M}/rounds/${FY}/close`);
  const main = planner.getByRole("main");
  expect(await main.locator("#close-summary").textContent()).toMatch(
    /^\d+件中\d+件入力済み・(締切の\d+日前|締切当日|締切を\d+日過ぎています)$/,
  );
  expect(await main.textContent()).toContain("下書きがあるうちは締め切れません");
  expect(await main.getByRole("button", { name: "締め切りを確定する" }).count()).toBe(0);
  await expectAxeClean(planner);
  await Promise.all([
    planner.waitForURL(`**${M}/publish`),
    main.getByRole("link", { name: "公開前の確認" }).click(),
  ]);
  await click(planner, "選んだ下書きを公開する");
  expect(await planner.getByRole("status").textContent()).toContain("公開しました");

  // The editor starts typing a correction while the planner closes the round.
  await editor.goto(`${M}/indicators/${OWN}?fy=${FY}#entry`);
  await editor.getByLabel(/^値/).fill("52.5");
  await editor.getByLabel(/^訂正の理由/).fill("集計の誤りを直すため");

  await planner.goto(`${M}/rounds/${FY}/close`);
  expect(await planner.getByRole("main").textContent()).not.toContain("下書きがあるうちは");
  await click(planner, "締め切りを確定する");
  expect(planner.url()).toContain(`${M}/rounds/${FY}?done=closed`);
  expect(await planner.getByRole("status").textContent()).toContain("報告を締め切りました");

  // The raced save: the typed value is still on the page, with why and whom to ask, in the layout.
  await click(editor, "下書きとして保存");
  expect(await editor.title()).toMatch(/^エラー：/);
  expect(await editor.getByRole("banner").count()).toBe(1);
  const kept = editor.getByRole("main");
  expect(await kept.textContent()).toContain("報告は締め切られています");
  expect(await kept.textContent()).toContain("企画担当");
  expect(await kept.getByLabel(/^入力した値/).inputValue()).toBe("52.5");
  expect(await kept.getByRole("button", { name: "下書きとして保存" }).count()).toBe(0);
  await expectAxeClean(editor);

  // Opened again, the form of the closed year is read-only with the reason and whom to ask.
  await editor.goto(`${M}/indicators/${OWN}?fy=${FY}#entry`);
  const closed = editor.locator("#closed");
  expect(await closed.textContent()).toContain("この年度の実績値は変更できません");
  expect(await closed.textContent()).toContain("再開を依頼してください");
  expect(await editor.getByRole("button", { name: "下書きとして保存" }).count()).toBe(0);
  await expectAxeClean(editor);
}, 300_000);
