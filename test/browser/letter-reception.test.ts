/**
 * The admin's page of the letters' reception in a real browser: the demo's form is open with its
 * receiver; the admin assigns another, takes the planner off, closes the form — the public form
 * then answers with the page that says so — and opens it again. Pages pass axe-core.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { DEMO } from "../support/staff.ts";
import { expectAxeClean, type Portal, signedInPage, startPortal } from "./support.ts";

const CODE = "082058";
let portal: Portal;

beforeAll(async () => {
  portal = await startPortal();
});
afterAll(async () => {
  await portal?.close();
});

it("an admin opens and closes the letters form and assigns who receives the letters", async () => {
  const admin = await signedInPage(portal, CODE, DEMO.admin);
  const main = admin.getByRole("main");
  await main.getByRole("link", { name: "市長へのたよりの受付" }).click();
  await admin.waitForURL(`**/${CODE}/manage/letters/reception`);
  expect(await main.getByRole("heading", { level: 1 }).textContent()).toBe("市長へのたよりの受付");
  expect(await main.textContent()).toContain("受付中です。");
  await expectAxeClean(admin);

  await main.getByRole("button", { name: "デモ入力担当（行革推進課）を指定する" }).click();
  await admin.waitForURL(/done=assigned/);
  expect(await main.getByRole("status").textContent()).toBe("受け取る職員に指定しました。");
  await main.getByRole("button", { name: "デモ企画担当（政策企画課）の指定を外す" }).click();
  await admin.waitForURL(/done=unassigned/);
  const assigned = main.getByRole("table", { name: "指定済み" });
  expect(await assigned.getByRole("rowheader").allTextContents()).toEqual([
    "デモ入力担当（行革推進課）",
  ]);
  expect(await assigned.getByRole("cell", { name: "行革推進課", exact: true }).count()).toBe(1);

  await main.getByRole("button", { name: "受付を停止する" }).click();
  await admin.waitForURL(/done=closed/);
  expect(await main.textContent()).toContain("受付停止中です。受付を開始していないため");
  await expectAxeClean(admin);

  const citizen = await admin.context().browser()!.newPage({ baseURL: portal.baseUrl });
  const closed = await citizen.goto(`/${CODE}/letters/new`);
  expect(closed?.status()).toBe(404);
  expect(await citizen.getByRole("main").getByRole("heading", { level: 1 }).textContent()).toBe(
    "市長へのたよりの受け付けは行っていません",
  );
  await expectAxeClean(citizen);
  await citizen.goto(`/${CODE}/letters`);
  expect(
    await citizen.getByRole("main").getByRole("link", { name: "市長へのたよりを送る" }).count(),
  ).toBe(0);

  await main.getByRole("button", { name: "受付を開始する" }).click();
  await admin.waitForURL(/done=opened/);
  expect(await main.textContent()).toContain("受付中です。");
  expect((await citizen.goto(`/${CODE}/letters/new`))?.status()).toBe(200);
});
