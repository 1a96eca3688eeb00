/**
 * The portal in a real browser: every page type passes axe-core (WCAG 2.1 A/AA and best
 * practice), has ordered headings, table headers and a visible keyboard focus; the indicator
 * filters work with JavaScript (auto-submit) and without it (submit button, CSV link); the
 * registry fits a phone screen; the chart is an image with a name next to its data table.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  expectAxeClean,
  headingLevels,
  headingProblems,
  type Portal,
  startPortal,
} from "./support.ts";

const CODE = "082058";
const REGISTRY = `/${CODE}/indicators`;

const PAGES: { name: string; path: string; status: number }[] = [
  { name: "municipality list", path: "/", status: 200 },
  { name: "municipality home", path: `/${CODE}/`, status: 200 },
  { name: "plan", path: `/${CODE}/plans/gyozaisei-taiko`, status: 200 },
  { name: "measure", path: `/${CODE}/measures/GZ-2`, status: 200 },
  { name: "indicator registry", path: REGISTRY, status: 200 },
  { name: "indicator", path: `/${CODE}/indicators/GZ-5-R1`, status: 200 },
  { name: "finance", path: `/${CODE}/finance`, status: 200 },
  { name: "programs (samples)", path: `/${CODE}/programs`, status: 200 },
  { name: "program (sample)", path: `/${CODE}/programs/01-02-01-05-001`, status: 200 },
  { name: "a measure's programs and costs", path: `/${CODE}/measures/GZ-2/programs`, status: 200 },
  {
    name: "programs filtered by direction",
    path: `/${CODE}/programs?fiscalYear=2024&direction=reduce`,
    status: 200,
  },
  { name: "staff sign-in", path: `/${CODE}/manage/sign-in`, status: 200 },
  { name: "not found", path: "/no-such-page", status: 404 },
  { name: "unknown indicator", path: `/${CODE}/indicators/NO-SUCH`, status: 404 },
];

let portal: Portal;
/** One tab with JavaScript on a desktop-sized screen, shared by the tests in turn. */
let page: Page;

beforeAll(async () => {
  portal = await startPortal();
  const context = await portal.browser.newContext({ baseURL: portal.baseUrl, locale: "ja-JP" });
  page = await context.newPage();
});

afterAll(async () => {
  // Closing the browser closes its contexts and tabs too.
  await portal?.close();
});

/** The indicator codes listed in the registry table, in order (none when it is not shown). */
async function rowCodes(page: Page): Promise<string[]> {
  return page.locator("table.responsive tbody tr > th[scope=row] > .muted").allTextContents();
}

/** Waits for the address change that a filter change causes and returns the new query. */
async function afterSubmit(page: Page, change: () => Promise<unknown>, expected: RegExp) {
  await Promise.all([page.waitForURL(expected), change()]);
  await page.waitForLoadState("load");
  return new URL(page.url()).searchParams;
}

describe("every page type", () => {
  for (const p of PAGES) {
    it(`${p.name} (${p.path}) is accessible`, async () => {
      const res = await page.goto(p.path);
      expect(res?.status()).toBe(p.status);

      await expectAxeClean(page);

      const levels = await headingLevels(page);
      expect(headingProblems(levels), `headings h${levels.join(" h")}`).toEqual([]);

      const tables = page.locator("table");
      for (let i = 0; i < (await tables.count()); i++) {
        const table = tables.nth(i);
        expect(await table.locator("th").count(), `table #${i + 1} has no th`).toBeGreaterThan(0);
        expect(await table.locator("caption").count(), `table #${i + 1} has no caption`).toBe(1);
      }

      // The first Tab reaches the skip link, which comes into view with a visible outline.
      expect(await page.locator("main#main").count()).toBe(1);
      await page.keyboard.press("Tab");
      const skip = page.locator("a.skip");
      expect(await skip.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
      expect(await skip.getAttribute("href")).toBe("#main");
      const focus = await skip.evaluate((el) => {
        const s = el.ownerDocument.defaultView!.getComputedStyle(el);
        const r = el.getBoundingClientRect();
        return { width: s.outlineWidth, style: s.outlineStyle, left: r.left, top: r.top };
      });
      expect(parseFloat(focus.width), "outline width of the focused skip link").toBeGreaterThan(0);
      expect(focus.style).not.toBe("none");
      expect(focus.left, "the focused skip link is on screen").toBeGreaterThanOrEqual(0);
      expect(focus.top, "the focused skip link is on screen").toBeGreaterThanOrEqual(0);
    });
  }
});

describe("keyboard focus", () => {
  it("is visible on every stop from the skip link through the filter form and CSV link", async () => {
    await page.goto(REGISTRY);
    const stops: { what: string; outline: number; style: string }[] = [];
    for (let i = 0; i < 25; i++) {
      await page.keyboard.press("Tab");
      const stop = (await page.evaluate(`(() => {
        const el = document.activeElement;
        const s = getComputedStyle(el);
        return {
          what: el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") + " " + (el.textContent || "").trim().slice(0, 20),
          outline: parseFloat(s.outlineWidth),
          style: s.outlineStyle,
        };
      })()`)) as { what: string; outline: number; style: string };
      stops.push(stop);
      if (stop.what.startsWith("summary")) break; // 評価の見方, right after the CSV link
    }
    expect(stops.at(-1)?.what, "Tab never reached the legend").toMatch(/^summary/);
    for (const kind of ["a ", "input#f-q", "select#f-measure", "input#f-challenge", "button"]) {
      expect(stops.some((s) => s.what.startsWith(kind))).toBe(true);
    }
    const invisible = stops.filter((s) => !(s.outline > 0 && s.style !== "none"));
    expect(invisible, "focused without an outline").toEqual([]);
  });
});

describe("indicator registry filters with JavaScript", () => {
  it("keeps keyboard focus on a select while the results update", async () => {
    await page.goto(REGISTRY);
    const measure = page.getByLabel("基本施策", { exact: true });
    await measure.focus();
    await afterSubmit(page, () => page.keyboard.press("ArrowDown"), /[?&]measure=GZ-1(&|$)/);
    await page.waitForFunction(
      `document.querySelectorAll("table.responsive tbody tr").length === 2`,
    );
    expect(await rowCodes(page)).toEqual(["GZ-1-O1", "GZ-1-R1"]);
    expect(await page.evaluate("document.activeElement && document.activeElement.id")).toBe(
      "f-measure",
    );
    await afterSubmit(page, () => page.keyboard.press("ArrowDown"), /[?&]measure=GZ-2(&|$)/);
    await page.waitForFunction(
      `document.querySelectorAll("table.responsive tbody tr").length === 4`,
    );
    expect(await page.evaluate("document.activeElement && document.activeElement.id")).toBe(
      "f-measure",
    );
  });

  it("applies a choice as soon as it is made", async () => {
    await page.goto(REGISTRY);
    expect(await rowCodes(page)).toHaveLength(23);

    // 基本施策 → 基本施策5: the results and the address update to measure=GZ-5 and its six.
    const measure = page.getByLabel("基本施策", { exact: true });
    const label = (await measure.locator("option", { hasText: "基本施策5 " }).textContent()) ?? "";
    expect(label).toContain("基本施策5 デジタル化の推進");
    let query = await afterSubmit(
      page,
      () => measure.selectOption({ label }),
      /[?&]measure=GZ-5(&|$)/,
    );
    expect(query.get("measure")).toBe("GZ-5");
    expect(await rowCodes(page)).toEqual([
      "GZ-5-O1",
      "GZ-5-R1",
      "GZ-5-R2",
      "GZ-5-R3",
      "GZ-5-R4",
      "GZ-5-R5",
    ]);
    expect(await page.getByLabel("基本施策", { exact: true }).inputValue()).toBe("GZ-5");
    expect(await page.getByRole("status").textContent()).toMatch(/23 件中\s*6\s*件を表示/);
    await expectAxeClean(page);

    // チャレンジ指標のみ: the demo plan marks no indicator as a challenge, so nothing is left.
    query = await afterSubmit(
      page,
      () => page.getByLabel("チャレンジ指標のみ").check(),
      /[?&]challenge=true(&|$)/,
    );
    expect(query.get("measure")).toBe("GZ-5");
    expect(await page.getByLabel("チャレンジ指標のみ").isChecked()).toBe(true);
    expect(await rowCodes(page)).toEqual([]);
    expect(await page.getByText("条件に合う指標はありません。").count()).toBe(1);
    expect(await page.getByRole("status").textContent()).toMatch(/23 件中\s*0\s*件を表示/);

    // Unticking it brings the measure's six back.
    query = await afterSubmit(
      page,
      () => page.getByLabel("チャレンジ指標のみ").uncheck(),
      /^(?!.*challenge=).*[?&]measure=GZ-5(&|$)/,
    );
    expect(query.has("challenge")).toBe(false);
    expect(await rowCodes(page)).toHaveLength(6);

    // 評価: back to all measures, then only the indicators that cannot be assessed.
    await afterSubmit(
      page,
      () => page.getByLabel("基本施策", { exact: true }).selectOption(""),
      /[?&]measure=(&|$)/,
    );
    expect(await rowCodes(page)).toHaveLength(23);
    query = await afterSubmit(
      page,
      () => page.getByLabel("評価", { exact: true }).selectOption({ label: "評価不能" }),
      /[?&]status=not_assessable(&|$)/,
    );
    expect(query.get("status")).toBe("not_assessable");
    expect(await rowCodes(page)).toEqual(["GZ-3-R1", "GZ-6-R3", "GZ-P1"]);
    const statuses = await page
      .locator("table.responsive tbody td[data-label=評価] .status")
      .allTextContents();
    expect(statuses).toEqual(["評価不能", "評価不能", "評価不能"]);
  });
});

describe("indicator registry without JavaScript", () => {
  let noJs: Page;
  beforeAll(async () => {
    const context = await portal.browser.newContext({
      baseURL: portal.baseUrl,
      javaScriptEnabled: false,
      locale: "ja-JP",
    });
    noJs = await context.newPage();
  });

  it("filters by keyword with the submit button and offers the same list as CSV", async () => {
    await noJs.goto(REGISTRY);
    await noJs.getByLabel("キーワード").fill("アクセス");
    await Promise.all([
      noJs.waitForURL(/[?&]q=/),
      noJs.getByRole("button", { name: "絞り込む" }).click(),
    ]);
    const query = new URL(noJs.url()).searchParams;
    expect(query.get("q")).toBe("アクセス");
    expect(await rowCodes(noJs)).toEqual(["GZ-6-R1", "GZ-6-R2"]);
    expect(await noJs.getByLabel("キーワード").inputValue()).toBe("アクセス");

    const link = noJs.getByRole("link", { name: "この一覧をCSVでダウンロード" });
    const href = new URL((await link.getAttribute("href")) ?? "", noJs.url());
    expect(href.pathname).toBe(`/${CODE}/indicators.csv`);
    expect([...href.searchParams].sort()).toEqual([...query].sort());

    const res = await noJs.request.get(href.toString());
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toMatch(/^text\/csv; charset=utf-8/i);
    const bytes = await res.body();
    expect([...bytes.subarray(0, 3)], "UTF-8 BOM").toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString("utf8").split("\r\n").filter(Boolean);
    expect(lines).toHaveLength(3);
    expect(lines[0]?.startsWith("コード,指標名,")).toBe(true);
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["GZ-6-R1", "GZ-6-R2"]);

    // axe-core needs JavaScript: check the same result page in the tab that has it.
    await page.goto(noJs.url());
    expect(await rowCodes(page)).toEqual(["GZ-6-R1", "GZ-6-R2"]);
    await expectAxeClean(page);
  });
});

describe("on a phone (375×740)", () => {
  let phone: Page;
  beforeAll(async () => {
    const context = await portal.browser.newContext({
      baseURL: portal.baseUrl,
      viewport: { width: 375, height: 740 },
      isMobile: true,
      hasTouch: true,
      locale: "ja-JP",
    });
    phone = await context.newPage();
  });

  const width = async () =>
    (await phone.evaluate(
      "({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })",
    )) as { scroll: number; client: number };

  it("the registry fits the screen width and stays accessible", async () => {
    await phone.goto(REGISTRY);
    const { scroll, client } = await width();
    expect(client).toBe(375);
    expect(scroll, "the document scrolls sideways").toBeLessThanOrEqual(client);
    await expectAxeClean(phone);
  });

  it("an indicator's values table fits too, even with a value in words", async () => {
    // GZ-P1's target is 「目指す方向（原文では空欄）」: on one line it pushed the table past the
    // screen, into a scrolling box without a keyboard stop (axe: scrollable-region-focusable).
    await phone.goto(`/${CODE}/indicators/GZ-P1`);
    const overflowing = await phone
      .locator(".table-wrap")
      .evaluateAll((els) => els.filter((e) => e.scrollWidth > e.clientWidth).length);
    expect(overflowing, "tables wider than their box").toBe(0);
    await expectAxeClean(phone);
  });

  it("no other page scrolls sideways either", async () => {
    for (const p of PAGES.filter((x) => x.path !== REGISTRY)) {
      await phone.goto(p.path);
      const { scroll, client } = await width();
      expect(scroll, `${p.path} scrolls sideways`).toBeLessThanOrEqual(client);
    }
  });
});

describe("indicator page", () => {
  it("shows the chart as a named image next to the values table", async () => {
    await page.goto(`/${CODE}/indicators/GZ-5-R1`);
    const title = (await page.locator("h1").textContent())?.trim() ?? "";
    expect(title).not.toBe("");

    const chart = page.locator("figure.chart svg");
    expect(await chart.count()).toBe(1);
    expect(await chart.getAttribute("role")).toBe("img");
    // Its accessible name is the <title> it points at (aria-labelledby), as the browser sees it.
    const named = page.getByRole("img", { name: `${title}の推移` });
    expect(await named.count()).toBe(1);
    expect(await named.evaluate((el) => el.tagName.toLowerCase())).toBe("svg");

    const table = page.locator("table", {
      has: page.locator("caption", { hasText: `${title}の年度ごとの値` }),
    });
    expect(await table.count()).toBe(1);
    expect(await table.locator("thead th").allTextContents()).toEqual(
      expect.arrayContaining(["年度", "区分", "値"]),
    );
    const kinds = await table.locator("tbody tr > td:nth-of-type(1)").allTextContents();
    expect(kinds[0]).toBe("基準値");
    expect(kinds.at(-1)).toBe("目標");
    expect(await table.locator("tbody th[scope=row]").count()).toBe(kinds.length);
  });
});
