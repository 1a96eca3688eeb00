/**
 * Staff screens that tell the truth (issue 17), in a real browser as the roles that do it: a
 * planner publishes an evaluation whose year lacks costs — warned first, then shown the public
 * addresses, which the public then reads; a section's saved costs stay off the public page until
 * published; a correction of a published letter's text says it is public at once.
 */
import { and, eq } from "drizzle-orm";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { withTenant } from "../../src/core/db/tenant.ts";
import { programYears } from "../../src/costs/schema.ts";
import { programs } from "../../src/programs/schema.ts";
import { receiveQuietLetter } from "../support/letters.ts";
import { DEMO } from "../support/staff.ts";
import { expectAxeClean, type Portal, signedInPage, startPortal } from "./support.ts";

const CODE = "082058";
/** 【サンプル】職員研修事業 (総務課): 令和6年度 reviewed, not published. */
const TRAINING = "01-02-01-01-003";
/** 【サンプル】行政評価・マネジメントシステム運用事業 (行革推進課, the demo editor's section). */
const OWN = "01-02-01-05-001";

let portal: Portal;

beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

const click = (page: Page, name: string) =>
  Promise.all([
    page.waitForLoadState("load"),
    page.getByRole("button", { name, exact: true }).click(),
  ]);

it("publishes an evaluation without costs where the message says, keeps draft costs private, and says a letter's correction is public", async () => {
  await withTenant(portal.database.db, CODE, async (tx) => {
    const [p] = await tx.select().from(programs).where(eq(programs.code, TRAINING));
    await tx
      .delete(programYears)
      .where(and(eq(programYears.programId, p!.id), eq(programYears.fiscalYear, 2024)));
  });
  const planner = await signedInPage(portal, CODE, DEMO.planner);
  await planner.goto(`/${CODE}/manage/programs/${TRAINING}/evaluations/2024`);
  expect(await planner.locator("#publish-gaps").textContent()).toContain(
    "令和6年度（2024）のコスト（予算額・決算額・財源・従事職員数）が登録されていません",
  );
  await expectAxeClean(planner);
  // Publishing cannot be undone: the page asks for a tick first.
  await planner
    .getByLabel("公表後は変更できないことを確認しました（この評価を公表します）")
    .check();
  await click(planner, "公表する");
  const status = planner.getByRole("status");
  expect(await status.textContent()).toContain("評価を公表しました");
  await expectAxeClean(planner);
  // The address the message names is the public page, and it shows the evaluation.
  await Promise.all([
    planner.waitForLoadState("load"),
    status
      .getByRole("link", { name: `${portal.baseUrl}/${CODE}/programs/${TRAINING}`, exact: true })
      .click(),
  ]);
  expect(planner.url()).toBe(`${portal.baseUrl}/${CODE}/programs/${TRAINING}`);
  expect(await planner.locator("main").textContent()).toContain(
    "未公表の評価（職員研修事業 令和6年度）",
  );
  const api = await planner.request.get(`/api/v1/municipalities/${CODE}/programs/${TRAINING}`);
  const year = (await api.json()).years.find((y: { fiscalYear: number }) => y.fiscalYear === 2024);
  expect(year.status).toBe("公表済");

  // The section's editor saves costs: a draft, not on the public page.
  const editor = await signedInPage(portal, CODE, DEMO.editor);
  await editor.goto(`/${CODE}/manage/programs/${OWN}/years/2024`);
  await editor.getByLabel("使用する施設（1行に1つ）").fill("ブラウザ試験の会議室");
  await click(editor, "保存");
  expect(await editor.getByRole("status").textContent()).toContain(
    "公開ページとAPIはまだ変わっていません",
  );
  await expectAxeClean(editor);
  const reader = await portal.browser.newPage({ baseURL: portal.baseUrl });
  await reader.goto(`/${CODE}/programs/${OWN}`);
  expect(await reader.locator("main").textContent()).not.toContain("ブラウザ試験の会議室");
  // A planner publishes them; the public page then shows them.
  await planner.goto(`/${CODE}/manage/programs/${OWN}/years/2024`);
  await click(planner, "この年度のコスト（版 2）を公開する");
  expect(await planner.getByRole("status").textContent()).toContain(
    "公開ページとAPIに載っています",
  );
  await reader.reload();
  expect(await reader.locator("main").textContent()).toContain("ブラウザ試験の会議室");

  // A published letter's text corrected: the message says the public page changed already.
  const receiptNumber = await receiveQuietLetter(portal.database.db, CODE);
  await planner.goto(`/${CODE}/manage/letters/${receiptNumber}`);
  await planner.getByLabel("公開用の本文").fill("夜8時まで開けてほしい。");
  await click(planner, "保存して公開する");
  await planner.getByLabel("公開用の本文").fill("平日は夜8時まで開けてほしい。");
  await click(planner, "保存する");
  const saved = (await planner.getByRole("status").textContent()) ?? "";
  expect(saved).toContain("公開中のため、公開ページはすでにこの文章に変わっています");
  expect(saved).not.toContain("まだ公開していません");
  await reader.goto(`/${CODE}/letters/${receiptNumber}`);
  expect(await reader.locator("main").textContent()).toContain("平日は夜8時まで開けてほしい。");
  await reader.close();
}, 300_000);
