/**
 * The open data catalogue in a real browser without JavaScript: the public list filters by
 * standard type, the dataset page shows its metadata, the first rows and every download, and
 * the staff pages (the catalogue, a dataset with its upload form) work; axe-core finds nothing
 * on any of them, on a desktop or a 360 px phone.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { expectAxeClean, type Portal, startPortal } from "./support.ts";

const CODE = "082058";
let portal: Portal;
let noJs: Page;

beforeAll(async () => {
  portal = await startPortal();
  const context = await portal.browser.newContext({
    baseURL: portal.baseUrl,
    javaScriptEnabled: false,
    locale: "ja-JP",
  });
  noJs = await context.newPage();
});

afterAll(async () => {
  await portal?.close();
});

it("filters the public catalogue without JavaScript", async () => {
  expect((await noJs.goto(`/${CODE}/opendata`))?.status()).toBe(200);
  // The 3 sample uploads and the 5 datasets made from the municipality's own data.
  expect(await noJs.getByRole("status").textContent()).toContain("8 件");
  await noJs.getByLabel("標準データセット").selectOption({ label: "公衆トイレ一覧" });
  await noJs.getByRole("button", { name: "絞り込む" }).click();
  expect(new URL(noJs.url()).searchParams.get("standard")).toBe("public-toilets");
  expect(await noJs.getByRole("status").textContent()).toContain("1 件");
  await noJs.getByRole("link", { name: "公衆トイレ一覧" }).click();
  expect(await noJs.getByRole("heading", { level: 1 }).textContent()).toContain("サンプル");
  expect(await noJs.getByRole("table").first().locator("tbody tr").count()).toBe(3);
  for (const name of ["CSV（UTF-8）", "CSV（Shift_JIS）", "Excel（.xlsx）", "JSON"])
    expect(await noJs.getByRole("link", { name, exact: true }).count()).toBe(1);
});

it("is axe-clean on the list, a dataset page and the staff pages, desktop and phone", async () => {
  const staff = await portal.browser.newContext({ baseURL: portal.baseUrl, locale: "ja-JP" });
  const page = await staff.newPage();
  await page.goto(`/${CODE}/manage/sign-in`);
  await page.getByLabel("メールアドレス").fill("planner@demo.invalid");
  await page.getByLabel("パスワード").fill("demo-planner-082058");
  await page.getByRole("button", { name: "サインイン" }).click();
  for (const width of [1280, 360]) {
    await page.setViewportSize({ width, height: 800 });
    for (const path of [
      `/${CODE}/opendata`,
      `/${CODE}/opendata/public-toilets`,
      `/${CODE}/manage/opendata`,
      `/${CODE}/manage/opendata/care-services`,
    ]) {
      expect((await page.goto(path))?.status(), path).toBe(200);
      await expectAxeClean(page);
    }
  }
});
