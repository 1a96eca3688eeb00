/**
 * A dataset's page: the map preview of a resource with 緯度・経度 (an SVG drawn on the server, one
 * point per place, with its text), and the download counts per resource and month — every public
 * download counted, from the page cache too, never a HEAD or an error, a failure to count never
 * the download's.
 */
import { sql } from "drizzle-orm";
import { expect, it, vi } from "vitest";
import { withTenant } from "../../src/core/db/tenant.ts";
import {
  downloadCounts,
  flushDownloads,
  monthInJapan,
  recordDownload,
} from "../../src/opendata/downloads.ts";
import { publishedDataset } from "../../src/opendata/published.ts";
import { describeEachBackend } from "../support/app.ts";
import { DEMO, staffOf } from "../support/staff.ts";

const MC = "082058";
const AT = `/${MC}/opendata/public-toilets`;

describeEachBackend("a dataset's map and download counts", (t) => {
  it("draws a point per place with 緯度・経度, inside the drawing, with a text alternative", async () => {
    const rows = (await (await t.app.request(`${AT}/public-toilets/json`)).json()) as Record<
      string,
      unknown
    >[];
    const placed = rows.filter(
      (r) =>
        typeof r.緯度 === "number" &&
        typeof r.経度 === "number" &&
        Math.abs(r.緯度) <= 90 &&
        Math.abs(r.経度) <= 180,
    );
    expect(placed.length).toBeGreaterThan(0);
    const title = (await publishedDataset(t.database.db, MC, "public-toilets"))!.resources[0]!
      .title;
    const html = await (await t.app.request(AT)).text();
    const svg = /<svg role="img" aria-labelledby="map-public-toilets-title[\s\S]*?<\/svg>/.exec(
      html,
    )?.[0];
    expect(svg).toBeDefined();
    expect(svg).toContain(`<title id="map-public-toilets-title">${title}の地図</title>`);
    const desc = /<desc id="map-public-toilets-desc">([^<]*)<\/desc>/.exec(svg!)?.[1];
    expect(desc).toContain(`${placed.length} 地点`);
    expect(desc).toMatch(/北緯 [\d.]+〜[\d.]+ 度、東経 [\d.]+〜[\d.]+ 度/);
    const [, width, height] = /viewBox="0 0 (\d+) (\d+)"/.exec(svg!)!.map(Number);
    const points = [
      ...svg!.matchAll(/transform="matrix\(([^)]*)\)"[^>]*ecmeta_series_index="0"/g),
    ].map((m) => m[1]!.split(",").map(Number).slice(4));
    expect(points).toHaveLength(placed.length);
    for (const [x, y] of points) {
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThan(width!);
      expect(y).toBeGreaterThan(0);
      expect(y).toBeLessThan(height!);
    }
    // No tiles: nothing fetched from elsewhere.
    expect(svg).not.toMatch(/<image|href="http/);
    expect(html).toContain(`<a href="${AT}/public-toilets/csv">地点のデータ（CSV）</a>`);
    // A dataset without coordinates has no map.
    const tree = await (await t.app.request(`/${MC}/opendata/plan-tree`)).text();
    expect(tree).not.toContain('aria-labelledby="map-');
  });

  it("counts each public download per resource and month, shown on the pages and as CSV", async () => {
    const d = (await publishedDataset(t.database.db, MC, "public-toilets"))!;
    const r = d.resources[0]!;
    const uuid = r.uuid;
    const month = monthInJapan(new Date());
    const counted = async () =>
      (await downloadCounts(t.database.db, MC, [uuid])).get(uuid)?.get(month) ?? 0;
    const before = await counted();
    const csv = `${AT}/public-toilets/csv`;
    expect((await t.app.request(csv)).status).toBe(200);
    const again = await t.app.request(csv);
    expect(again.headers.get("x-cache")).toBe("hit");
    expect((await t.app.request(`${AT}/public-toilets/xlsx`)).status).toBe(200);
    // Not downloads: a HEAD, and an address that is not found.
    expect((await t.app.request(csv, { method: "HEAD" })).status).toBe(200);
    expect((await t.app.request(`${AT}/nothing/csv`)).status).toBe(404);
    await vi.waitFor(async () => expect(await counted()).toBe(before + 3), { timeout: 5000 });
    await new Promise((r) => setTimeout(r, 200));
    expect(await counted()).toBe(before + 3);

    const cell = `${Number(month.slice(5))}月`;
    const page = await t.app.request(AT);
    expect(page.headers.get("cache-control")).toBe("no-store");
    const html = await page.text();
    const table = /<caption>公衆トイレ一覧のダウンロード数[\s\S]*?<\/table>/.exec(html)?.[0];
    expect(table).toContain(cell);
    expect(table).toMatch(
      new RegExp(`<th scope="row">${r.title}</th><td class="num">${before + 3}</td>`),
    );
    const list = await (await t.app.request(`${AT}/downloads.csv`)).text();
    expect(list).toContain(
      `public-toilets,public-toilets,${uuid},${r.title},${month},${before + 3}`,
    );
    const staff = await staffOf(t, MC, DEMO.planner.email, DEMO.planner.password);
    const manage = await (await staff.page(`/${MC}/manage/opendata/public-toilets`)).text();
    expect(manage).toContain("公衆トイレ一覧のダウンロード数");
    expect(manage).toMatch(new RegExp(`<td class="num">${before + 3}</td>`));
  });

  it("keeps counts in memory, shown at once, and writes them in one batch when flushed", async () => {
    const db = t.database.db;
    const uuid = (await publishedDataset(db, MC, "public-toilets"))!.resources[0]!.uuid;
    const month = monthInJapan(new Date());
    await flushDownloads(db);
    const stored = async () => {
      const r = await withTenant(db, MC, (tx) =>
        tx.execute(
          sql`select coalesce(sum(count), 0)::int as n from opendata_downloads
               where resource_uuid = ${uuid} and month = ${month}`,
        ),
      );
      return (r as unknown as { rows: { n: number }[] }).rows[0]!.n;
    };
    const shown = async () => (await downloadCounts(db, MC, [uuid])).get(uuid)?.get(month) ?? 0;
    const [storedBefore, shownBefore] = [await stored(), await shown()];
    expect(shownBefore).toBe(storedBefore);
    for (let i = 0; i < 3; i++) recordDownload(db, MC, uuid);
    expect(await shown()).toBe(shownBefore + 3);
    // As at a graceful shutdown (src/main.ts): every count in memory is written.
    await flushDownloads(db);
    expect(await stored()).toBe(storedBefore + 3);
    expect(await shown()).toBe(shownBefore + 3);
  });

  it("answers the download when its count cannot be written", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => {});
    await t.database.db.execute(sql`alter table opendata_downloads rename to opendata_downloads_x`);
    try {
      const res = await t.app.request(`${AT}/public-toilets/json`);
      expect(res.status).toBe(200);
      expect(((await res.json()) as unknown[]).length).toBeGreaterThan(0);
      // The count is written with the next batch: written now, while the table is away.
      await vi.waitFor(async () => {
        await flushDownloads(t.database.db);
        expect(logged).toHaveBeenCalledWith(expect.stringContaining("a download was not counted"));
      });
    } finally {
      await t.database.db.execute(
        sql`alter table opendata_downloads_x rename to opendata_downloads`,
      );
      logged.mockRestore();
    }
  });
});
