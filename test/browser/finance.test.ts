/**
 * The public finance page in a real browser. Without JavaScript it shows every section — the
 * ratios against their statutory lines with the plan's own explanations, the composition, the
 * settled trend, the projection under both scenarios, the fund balances, the per-citizen figures
 * and the program costs against the frame — every chart is a named image, and every CSV link
 * downloads exactly what its chart and table show (read from the page, not from expectations
 * written here). axe-core (which needs JavaScript) finds nothing on a desktop or a 360 px phone.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../src/spreadsheets/files.ts";
import { expectAxeClean, type Portal, startPortal } from "./support.ts";

const CODE = "082058";
const PATH = `/${CODE}/finance`;

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
  const res = await noJs.goto(PATH);
  expect(res?.status()).toBe(200);
});

afterAll(async () => {
  await portal?.close();
});

/** A chart, a table or a CSV link of the page, in document order. */
type Block =
  | { type: "chart"; title: string; desc: string; name: string; texts: string[] }
  | { type: "table"; caption: string; header: string[]; rows: string[][] }
  | { type: "csv"; href: string; text: string };

async function blocks(page: Page): Promise<Block[]> {
  return (await page.evaluate(`[...document.querySelectorAll(
      "main figure.chart svg, main table, main a[href*='.csv']")].map((el) => {
    const text = (e) => (e ? e.textContent.trim() : "");
    if (el.tagName.toLowerCase() === "svg") {
      const ids = (el.getAttribute("aria-labelledby") || "").split(/\\s+/).filter(Boolean);
      return {
        type: "chart",
        title: text(document.getElementById(ids[0] || "")),
        desc: text(document.getElementById(ids[1] || "")),
        name: ids.map((id) => text(document.getElementById(id))).join(" ").trim(),
        texts: [...el.querySelectorAll("text")].map(text).filter(Boolean),
      };
    }
    if (el.tagName.toLowerCase() === "table") {
      return {
        type: "table",
        caption: text(el.querySelector("caption")),
        header: [...el.querySelectorAll("thead th")].map(text),
        rows: [...el.querySelectorAll("tbody tr")].map((tr) => [...tr.children].map(text)),
      };
    }
    return { type: "csv", href: el.getAttribute("href"), text: text(el) };
  })`)) as Block[];
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A number as the page prints it (1,234 / −5.76 / 32.3%) or null when the text is not one. */
function numberOf(text: string): number | null {
  const t = text.replace(/[−△]/g, "-").replace(/,/g, "").replace(/%$/, "").trim();
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : null;
}

/** A page cell and a CSV field say the same: equal numbers, or equal text (— is empty). */
function sameCell(page: string, csv: string): boolean {
  const a = numberOf(page);
  const b = numberOf(csv);
  if (a !== null || b !== null) return a === b;
  return (page === "—" ? "" : page) === csv;
}

async function download(href: string) {
  const res = await noJs.request.get(new URL(href, noJs.url()).toString());
  expect(res.status(), href).toBe(200);
  expect(res.headers()["content-type"], href).toMatch(/^text\/csv; charset=utf-8/i);
  const bytes = await res.body();
  expect([...bytes.subarray(0, 3)], `${href}: UTF-8 BOM`).toEqual([0xef, 0xbb, 0xbf]);
  const [header = [], ...rows] = parseCsv(bytes.subarray(3).toString("utf8")).filter((r) =>
    r.some((c) => c !== ""),
  );
  return { header, rows };
}

describe("the finance page without JavaScript", () => {
  it("shows every section", async () => {
    const h2 = (await noJs.locator("main h2").allTextContents()).map((t) => t.trim());
    for (const heading of [
      /の比率と法定の基準$/,
      /^歳入・歳出の内訳/,
      /^歳入・歳出の推移/,
      /^財政推計（基本・慎重）/,
      /^基金の年度末残高/,
      /市民一人あたりの額/,
      /^事務事業の費用と財政フレーム/,
      /^用語の説明$/,
    ]) {
      expect(
        h2.some((t) => heading.test(t)),
        `no section ${heading} in: ${h2.join(" / ")}`,
      ).toBe(true);
    }

    // The four ratios, each against both statutory lines, in the ratio table.
    const ratios = noJs.locator("table", {
      has: noJs.locator("caption", { hasText: "財政健全化判断比率" }),
    });
    expect(await ratios.locator("thead th").allTextContents()).toEqual(
      expect.arrayContaining(["指標", "比率", "早期健全化基準", "財政再生基準", "状況"]),
    );
    expect(await ratios.locator("tbody th[scope=row]").allTextContents()).toEqual([
      "実質赤字比率",
      "連結実質赤字比率",
      "実質公債費比率",
      "将来負担比率",
    ]);

    // The plan's plain explanations of the ratios and the funds, as printed.
    const main = (await noJs.locator("main").textContent()) ?? "";
    for (const words of [
      "一般会計等の赤字を指標化し、財政運営の深刻度を示しています。",
      "25%以上では借金をすることが制限され、18%以上では借金について県の許可が必要になります。",
      "将来支払う可能性がある負担額の大きさを指標化し",
      "基金とは、特定の目的のために財産を維持し、資金を積み立て、又は定額の資金を運用するために設ける財産です。",
      "財政調整基金とは、年度間の財政調整（歳入不足等などによる年度間の不均衡を調整）のために設置される基金であり",
      "減債基金とは、将来にわたる市財政の健全な運営を行うため、市債の償還に必要な財源を確保する目的で設置している基金です。",
    ]) {
      expect(main.replace(/\s+/g, ""), words).toContain(words.replace(/\s+/g, ""));
    }

    // Both scenarios: in the assumptions, the gap summaries and the projection table.
    const assumptions = noJs.locator("table", {
      has: noJs.locator("caption", { hasText: "推計の前提" }),
    });
    expect(await assumptions.locator("thead th").allTextContents()).toEqual([
      "区分",
      "項目",
      "基本",
      "慎重",
    ]);
    const summaries = await noJs
      .locator("section[aria-labelledby=frame-projection] li")
      .allTextContents();
    expect(summaries.map((s) => s.split("：")[0])).toEqual(["基本", "慎重"]);
    const projection = (await blocks(noJs)).find(
      (b): b is Extract<Block, { type: "table" }> =>
        b.type === "table" && b.caption.startsWith("財政推計"),
    );
    expect(new Set(projection?.rows.map((r) => r[0]))).toEqual(new Set(["基本", "慎重"]));

    // Per-citizen figures and program costs against the frame's 歳出合計.
    const indicators = noJs.locator("table", {
      has: noJs.locator("caption", { hasText: "財政の指標" }),
    });
    expect(await indicators.locator("thead th").allTextContents()).toEqual(
      expect.arrayContaining(["市民一人あたり歳入（円）", "市民一人あたり歳出（円）"]),
    );
    const programs = noJs.locator("section[aria-labelledby=program-shares] table");
    expect(await programs.locator("thead th").allTextContents()).toEqual([
      "施策",
      "年度",
      "事務事業の総コスト",
      "歳出合計",
      "割合",
    ]);
    expect(await programs.locator("tbody tr").count()).toBeGreaterThan(0);
  });

  it("shows every chart as a named image followed by its CSV link", async () => {
    const all = await blocks(noJs);
    const charts = all.filter((b) => b.type === "chart");
    // Four ratios, the composition, the trend, the projection and the fund balances.
    expect(charts).toHaveLength(8);
    const svgs = noJs.locator("main figure.chart svg");
    for (let i = 0; i < (await svgs.count()); i++) {
      expect(await svgs.nth(i).getAttribute("role")).toBe("img");
    }
    for (const [i, b] of all.entries()) {
      if (b.type !== "chart") continue;
      expect(b.title, `chart #${i} has no title`).not.toBe("");
      expect(b.desc, `chart ${b.title} has no description`).not.toBe("");
      // The browser resolves the same name: exactly one image answers to it.
      const named = noJs.getByRole("img", { name: new RegExp(`^${escapeRegExp(b.title)}`) });
      expect(await named.count(), b.title).toBe(1);
      expect(
        all.slice(i + 1).some((x) => x.type === "csv"),
        `no CSV link after the chart ${b.title}`,
      ).toBe(true);
    }
  });

  it("offers every CSV link with the same figures as its charts and tables", async () => {
    const all = await blocks(noJs);
    const links = all.filter((b): b is Extract<Block, { type: "csv" }> => b.type === "csv");
    expect(links.length).toBeGreaterThanOrEqual(6);
    let from = 0;
    for (const link of links) {
      const at = all.indexOf(link);
      // A link belongs to the charts and tables between the previous link and itself.
      const group = all.slice(from, at);
      from = at + 1;
      const csv = await download(link.href);
      const where = `${link.href} (${link.text})`;
      expect(csv.rows.length, where).toBeGreaterThan(0);
      for (const row of csv.rows)
        expect(row, `${where}: ragged row`).toHaveLength(csv.header.length);

      const tables = group.filter(
        (b): b is Extract<Block, { type: "table" }> => b.type === "table",
      );
      const charts = group.filter(
        (b): b is Extract<Block, { type: "chart" }> => b.type === "chart",
      );
      expect(tables.length, `${where}: no table beside it`).toBeGreaterThan(0);

      if (link.href.includes("soundness.csv")) {
        checkRatios(csv, tables[0]!, charts, where);
        continue;
      }
      // The table beside the link is the CSV file, cell by cell.
      const table = tables.at(-1)!;
      expect(table.header, where).toEqual(csv.header);
      expect(table.rows.length, where).toBe(csv.rows.length);
      const differ = table.rows.flatMap((row, r) =>
        row.flatMap((cell, c) =>
          sameCell(cell, csv.rows[r]![c]!)
            ? []
            : [`row ${r + 1} 「${csv.header[c]}」: page ${cell}, CSV ${csv.rows[r]![c]}`],
        ),
      );
      expect(differ, where).toEqual([]);
      for (const chart of charts) checkChart(csv, chart, where);
    }
  });
});

type Csv = { header: string[]; rows: string[][] };

/** Every word and figure the chart prints is a series (a column), a row label or a value of the file. */
function checkChart(csv: Csv, chart: Extract<Block, { type: "chart" }>, where: string) {
  const cells = new Set(csv.rows.flat());
  const numbers = csv.rows
    .flat()
    .map(numberOf)
    .filter((n) => n !== null);
  const series = (name: string) => csv.header.some((h) => h === name || h.startsWith(`${name}（`));
  const explained = (text: string) => {
    if (/^-?[\d,]+$/.test(text)) return true; // an axis tick
    if (csv.header.some((h) => h.endsWith(`（${text}）`))) return true; // the unit
    if (cells.has(text) || series(text)) return true;
    const scenario = /^(.+)（(.+)）$/.exec(text);
    if (scenario && cells.has(scenario[2]!) && series(scenario[1]!)) return true;
    const n = /%$/.test(text) ? numberOf(text) : null;
    return n !== null && numbers.includes(n);
  };
  expect(
    chart.texts.filter((t) => !explained(t)),
    `${where}: chart ${chart.title} prints what the file does not hold`,
  ).toEqual([]);
  // The legend names the same series as the file: every column the chart draws is named.
  expect(
    chart.texts.some((t) => series(t) || series(t.replace(/（.+）$/, "")) || cells.has(t)),
  ).toBe(true);
  // Every amount and percentage of the text alternative is a value of the file.
  const told = [...chart.desc.matchAll(/(-?[\d,]+(?:\.\d+)?)(?=百万円|%)/g)].map((m) =>
    numberOf(m[1]!),
  );
  expect(told.length, `${where}: ${chart.desc}`).toBeGreaterThan(0);
  for (const n of told) expect(numbers, `${where}: ${n} in 「${chart.desc}」`).toContain(n);
}

/** Each ratio chart's bar is the latest year's figure of the ratio table and of the file. */
function checkRatios(
  csv: Csv,
  table: Extract<Block, { type: "table" }>,
  charts: Extract<Block, { type: "chart" }>[],
  where: string,
) {
  const col = (name: string) => csv.header.indexOf(name);
  expect(col("指標"), where).toBeGreaterThanOrEqual(0);
  expect(col("比率(%)"), where).toBeGreaterThanOrEqual(0);
  const year = /（(\d{4})）/.exec(table.caption)?.[1];
  expect(year, table.caption).toBeDefined();
  const value = table.header.indexOf("比率");
  expect(charts).toHaveLength(table.rows.length);
  for (const row of table.rows) {
    const name = row[0]!;
    const inFile = csv.rows.find((r) => r[col("指標")] === name && r[col("年度（西暦）")] === year);
    expect(inFile, `${where}: no ${name} of ${year}`).toBeDefined();
    expect(sameCell(row[value]!, inFile![col("比率(%)")]!), `${where}: ${name}`).toBe(true);
    const chart = charts.find((c) => c.title.startsWith(name));
    expect(chart, `no chart of ${name}`).toBeDefined();
    expect(chart!.texts, `chart of ${name}`).toContain(name);
    // The bar's label is the ratio itself.
    expect(
      chart!.texts.some((t) => !t.includes("基準") && numberOf(t) === numberOf(row[value]!)),
      `${name}: chart texts ${chart!.texts.join(" ")}`,
    ).toBe(true);
    expect(chart!.desc).toContain(name);
  }
}

describe("accessibility (JavaScript on, for axe-core)", () => {
  const width = async (page: Page) =>
    (await page.evaluate(
      "({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth })",
    )) as { scroll: number; client: number };

  it("is clean on a desktop", async () => {
    const context = await portal.browser.newContext({ baseURL: portal.baseUrl, locale: "ja-JP" });
    const page = await context.newPage();
    await page.goto(PATH);
    await expectAxeClean(page);
  });

  it("is clean on a 360 px phone and does not scroll sideways", async () => {
    const context = await portal.browser.newContext({
      baseURL: portal.baseUrl,
      viewport: { width: 360, height: 740 },
      isMobile: true,
      hasTouch: true,
      locale: "ja-JP",
    });
    const phone = await context.newPage();
    await phone.goto(PATH);
    const { scroll, client } = await width(phone);
    expect(client).toBe(360);
    expect(scroll, "the document scrolls sideways").toBeLessThanOrEqual(client);
    await expectAxeClean(phone);
  });
});
