/**
 * What a citizen and a member of staff see around the indicator model, in a real browser: the
 * Japanese web font is served and used on a machine without Japanese system fonts; phone inputs
 * look like the other inputs; the registry's 担当課 column is wide enough to read; the public and
 * staff pages name the same responsible section; the signed-in person and the sign-out are in the
 * header; an empty list says so in words; `/{code}/manage` leads to `/{code}/manage/`; the
 * finance page fits a 1280 px screen and states its sample disclaimer once; the baseline marker
 * of an indicator chart is drawn above the actuals.
 */
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO } from "../support/staff.ts";
import { type Portal, startPortal } from "./support.ts";

const CODE = "082058";
const DESKTOP = { width: 1280, height: 800 };

let portal: Portal;
let context: BrowserContext;
let page: Page;

beforeAll(async () => {
  portal = await startPortal();
  context = await portal.browser.newContext({
    baseURL: portal.baseUrl,
    locale: "ja-JP",
    viewport: DESKTOP,
  });
  page = await context.newPage();
});

afterAll(async () => {
  await portal?.close();
});

/** A staff page signed in as the role, in a context of its own. */
async function staffPage(role: keyof typeof DEMO) {
  const staff = await portal.browser.newContext({
    baseURL: portal.baseUrl,
    locale: "ja-JP",
    viewport: DESKTOP,
  });
  const p = await staff.newPage();
  await p.goto(`/${CODE}/manage/sign-in`);
  await p.getByLabel("メールアドレス").fill(DEMO[role].email);
  await p.getByLabel("パスワード").fill(DEMO[role].password);
  await Promise.all([
    p.waitForURL(`**/${CODE}/manage/`),
    p.getByRole("button", { name: "サインイン" }).click(),
  ]);
  return p;
}

describe("the Japanese web font", () => {
  it("is named by the stylesheet, served with a year's cache, and renders the page's Japanese", async () => {
    const fonts: { url: string; status: number; cache: string | undefined }[] = [];
    page.on("response", (r) => {
      if (r.url().includes("/assets/NotoSansJP-"))
        fonts.push({ url: r.url(), status: r.status(), cache: r.headers()["cache-control"] });
    });
    await page.goto(`/${CODE}/`);
    const loaded = (await page.evaluate(`document.fonts.ready.then(() =>
      [...document.fonts]
        .filter((f) => f.family.replace(/"/g, "") === "Noto Sans JP" && f.status === "loaded")
        .map((f) => f.weight))`)) as string[];
    expect(loaded, "Noto Sans JP faces loaded").toContain("400");
    expect(fonts.length).toBeGreaterThan(0);
    for (const f of fonts) {
      expect(f.status, f.url).toBe(200);
      expect(f.cache, f.url).toContain("max-age=31536000");
    }
    expect(await page.evaluate(`document.fonts.check('16px "Noto Sans JP"', "指標の一覧")`)).toBe(
      true,
    );
    // At most the two weights the stylesheet names, as WOFF2 subsets.
    expect(new Set(fonts.map((f) => new URL(f.url).pathname)).size).toBeLessThanOrEqual(2);
    for (const f of fonts) expect(new URL(f.url).pathname, f.url).toMatch(/\.woff2$/);

    // Drawn, not boxes: on a machine without Japanese system fonts a missing glyph is the same
    // empty box for every character, so two kanji (and a kana, a JIS 第2水準 kanji) that look
    // alike on screen would mean the font does not hold them.
    const shot = async (text: string, weight: number) => {
      await page.evaluate(`(() => {
        document.getElementById("glyph-probe")?.remove();
        const s = document.createElement("span");
        s.id = "glyph-probe";
        s.style.cssText = 'position: fixed; top: 0; left: 0; z-index: 9; padding: 4px; line-height: 1; background: #fff; color: #000; font: ${weight} 40px "Noto Sans JP"';
        s.textContent = ${JSON.stringify(text)};
        document.body.append(s);
        return document.fonts.ready;
      })()`);
      return page.locator("#glyph-probe").screenshot();
    };
    for (const weight of [400, 700]) {
      const shots: Buffer[] = [];
      for (const ch of ["指", "標", "あ", "熙"]) shots.push(await shot(ch, weight));
      for (let i = 1; i < shots.length; i++)
        expect(shots[i]!.equals(shots[0]!), `weight ${weight}, glyph ${i}`).toBe(false);
    }
  });
});

describe("portal polish", () => {
  it("styles a phone number input like the other text inputs", async () => {
    await page.goto(`/${CODE}/letters/new`);
    const styleOf = (selector: string) =>
      page.evaluate(`(() => {
        const el = document.querySelector(${JSON.stringify(selector)});
        const s = getComputedStyle(el);
        return {
          border: s.borderTopWidth + " " + s.borderTopStyle + " " + s.borderTopColor,
          padding: s.padding,
          minHeight: s.minHeight,
          fontSize: s.fontSize,
          width: el.getBoundingClientRect().width,
        };
      })()`);
    expect(await page.locator('input[type="tel"]').count()).toBeGreaterThan(0);
    expect(await styleOf('main input[type="tel"]')).toEqual(
      await styleOf('main input[type="text"]'),
    );
  });

  it("gives the registry's 担当課 column room for a section name on a desktop", async () => {
    await page.goto(`/${CODE}/indicators`);
    const cells = page.locator("td.sections");
    expect(await cells.count()).toBeGreaterThan(0);
    const narrowest = (await page.evaluate(`Math.min(
      ...[...document.querySelectorAll("td.sections")].map(
        (e) => e.getBoundingClientRect().width / Number.parseFloat(getComputedStyle(e).fontSize),
      ),
    )`)) as number;
    // Wide enough for a name like 「行政改革推進課」 on one or two lines, not one character a line.
    expect(narrowest, "the 担当課 column's width in characters").toBeGreaterThanOrEqual(6);
  });

  it("names the same responsible section on the public and the staff page of an indicator", async () => {
    const indicator = "GZ-1-O1";
    await page.goto(`/${CODE}/indicators/${indicator}`);
    // The public page's 担当課 and the entry page's 担当 name the sections that report it.
    const publicSections = (
      await page
        .getByRole("main")
        .locator("dt", { hasText: /^担当課$/ })
        .locator("xpath=following-sibling::dd[1]")
        .textContent()
    )?.trim();
    const staff = await staffPage("planner");
    await staff.goto(`/${CODE}/manage/indicators/${indicator}`);
    const staffSections = (
      await staff
        .getByRole("main")
        .locator("dt", { hasText: /^担当$/ })
        .locator("xpath=following-sibling::dd[1]")
        .textContent()
    )?.trim();
    expect(publicSections).toBeTruthy();
    expect(publicSections).toBe(staffSections);
    await staff.context().close();
  });

  it("shows the signed-in person and the sign-out in the header of a staff page", async () => {
    const staff = await staffPage("editor");
    await staff.goto(`/${CODE}/manage/updates`);
    const header = staff.locator("header");
    expect(await header.locator(".who").textContent()).toMatch(/\S/);
    expect(await header.getByRole("button", { name: "サインアウト", exact: true }).count()).toBe(1);
    await staff.context().close();
  });

  it("says in words when a list is empty", async () => {
    await page.goto(`/${CODE}/letters?fy=1990`);
    expect(await page.locator("#result-count").textContent()).toBe(
      "条件に合う公開中のたよりはありません。",
    );
  });

  it("leads /{code}/manage to /{code}/manage/", async () => {
    const res = await page.request.get(`/${CODE}/manage`, { maxRedirects: 0 });
    expect([301, 308]).toContain(res.status());
    expect(res.headers().location).toBe(`/${CODE}/manage/`);
  });

  it("fits the finance page in 1280 px, its tables scrolling in their own box, with one sample disclaimer", async () => {
    await page.goto(`/${CODE}/finance`);
    const { scroll, client } = (await page.evaluate(
      "({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })",
    )) as { scroll: number; client: number };
    expect(scroll, "the document scrolls sideways").toBeLessThanOrEqual(client);
    const cut = (await page.evaluate(`(() => {
      const main = document.querySelector("main").getBoundingClientRect();
      return [...document.querySelectorAll("main table")]
        .filter((t) => !t.closest(".table-wrap") && t.getBoundingClientRect().right > main.right + 1)
        .map((t) => t.querySelector("caption")?.textContent ?? "(no caption)");
    })()`)) as string[];
    expect(cut, "tables wider than the page, outside a scrolling box").toEqual([]);
    const disclaimers = await page
      .getByRole("main")
      .locator("p, .notice")
      .filter({ hasText: /架空|サンプル/ })
      .filter({ hasText: /実際|ではありません/ })
      .count();
    expect(disclaimers, "sample disclaimers").toBe(1);
  });

  it("draws an indicator chart's baseline marker above the actuals", async () => {
    await page.goto(`/${CODE}/indicators`);
    const links = await page
      .getByRole("main")
      .locator("tbody th a[href*='/indicators/']")
      .evaluateAll((as) => as.map((a) => a.getAttribute("href")!));
    let checked = 0;
    for (const href of links) {
      await page.goto(href);
      // The series' marks (not the legend's): the baseline's hollow diamond and the actuals'
      // points; the diamond comes after (over) every point in the SVG.
      const order = (await page.evaluate(`(() => {
        // Plotted marks are placed by a matrix; the legend's icons by a translate.
        const paths = [...document.querySelectorAll("figure.chart svg path[ecmeta_data_index]")]
          .filter((p) => (p.getAttribute("transform") ?? "").startsWith("matrix"));
        const at = (test) => paths.flatMap((p, i) => (test(p) ? [i] : []));
        return {
          diamonds: at((p) => p.getAttribute("stroke") === "#444444"),
          actuals: at((p) => p.getAttribute("fill") === "#0031d8"),
        };
      })()`)) as { diamonds: number[]; actuals: number[] };
      if (order.diamonds.length === 0 || order.actuals.length === 0) continue;
      expect(order.diamonds.length, `${href}: baseline markers`).toBe(1);
      expect(order.diamonds[0], `${href}: the baseline under an actual`).toBeGreaterThan(
        Math.max(...order.actuals),
      );
      checked++;
    }
    expect(checked, "indicators with a baseline and actuals on the chart").toBeGreaterThan(0);
  });
});
