/**
 * A staff proposal (職員提案) saved as a draft in a real browser: an editor starts one with only its
 * name, leaves, finds it under 自分の下書き, fills in more and submits it with a gap (every gap is
 * listed at once by the server, the browser asks for nothing), then submits it whole. The public
 * API's 職員提案の提案数 (集計中) counts it only once it is submitted; a planner never sees the draft.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO } from "../support/staff.ts";
import { expectAxeClean, type Portal, startPortal } from "./support.ts";

const CODE = "082058";
const TITLE = "庁内の会議室予約を一つにまとめる（ブラウザ試験）";

let portal: Portal;

beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

async function signedIn(who: { email: string; password: string }) {
  const context = await portal.browser.newContext({ baseURL: portal.baseUrl, locale: "ja-JP" });
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

/** 職員提案の提案数 of the year in progress (集計中) as the public API gives it. */
async function runningCount() {
  const res = await fetch(`${portal.baseUrl}/api/v1/municipalities/${CODE}/indicators/GZ-1-R1`);
  expect(res.status).toBe(200);
  const body = (await res.json()) as { running: { value: number | null }[] };
  return body.running.reduce((n, r) => n + (r.value ?? 0), 0);
}

it("an editor saves a proposal as a draft, resumes it and submits it; only then is it counted", async () => {
  const before = await runningCount();
  const editor = await signedIn(DEMO.editor);
  await editor.goto(`/${CODE}/manage/proposals`);
  await editor.getByRole("main").getByRole("link", { name: "提案する" }).click();
  await editor.getByLabel("提案の名称").fill(TITLE);
  await editor.getByRole("button", { name: "下書きとして保存" }).click();
  expect(await editor.getByRole("status").textContent()).toContain("下書きを保存しました");
  await expectAxeClean(editor);
  expect(await runningCount()).toBe(before);

  // Elsewhere and back: the draft is in the list, and opens with what was typed.
  await editor.goto(`/${CODE}/manage/proposals`);
  const drafts = editor.getByRole("main");
  expect(await drafts.textContent()).toContain("自分の下書き");
  await drafts.getByRole("link", { name: TITLE }).click();
  expect(await editor.getByLabel("提案の名称").inputValue()).toBe(TITLE);
  await editor.getByLabel("現状の問題点").fill("会議室の予約の方法が課ごとに違う。");
  await editor
    .getByLabel("提案の内容", { exact: true })
    .fill("予約を庁内ポータルの一か所にまとめる。");
  await editor.getByRole("button", { name: "提案を出す" }).click();
  const gaps = (await editor.getByRole("alert").textContent()) ?? "";
  expect(gaps).toContain("期待される効果を入力してください");
  expect(gaps).toContain("関係する課を1つ以上選んでください");
  expect(await editor.title()).toMatch(/^エラー：/);
  expect(await editor.getByLabel("提案の内容", { exact: true }).inputValue()).toBe(
    "予約を庁内ポータルの一か所にまとめる。",
  );
  await expectAxeClean(editor);
  expect(await runningCount()).toBe(before);

  // A planner (the committee) does not see another's draft.
  const planner = await signedIn(DEMO.planner);
  await planner.goto(`/${CODE}/manage/proposals`);
  expect(await planner.getByRole("main").textContent()).not.toContain(TITLE);

  await editor.getByLabel("期待される効果").fill("予約の重なりと問い合わせが減る。");
  await editor
    .getByRole("group", { name: "関係する課（複数可）" })
    .getByLabel("総務課", { exact: true })
    .check();
  await editor.getByRole("button", { name: "提案を出す" }).click();
  expect(await editor.getByRole("status").textContent()).toContain("提案を受け付けました");
  expect(await runningCount()).toBe(before + 1);
  await editor.goto(`/${CODE}/manage/proposals`);
  const list = (await editor.getByRole("main").textContent()) ?? "";
  expect(list).not.toContain("自分の下書き");
  expect(list).toContain(TITLE);
  await planner.goto(`/${CODE}/manage/proposals`);
  expect(await planner.getByRole("main").textContent()).toContain(TITLE);
  await editor.context().close();
  await planner.context().close();
}, 300_000);
