/**
 * Shared indicators and peer comparison: the ministry's tables (the generated test files of
 * their layout) are imported all or nothing, for municipalities that use Shisaku and those that
 * do not; the API lists the catalogue and ranks one indicator across a peer group; the pages
 * compare one municipality with its peers and one indicator across them (chart, CSV, JSON); a
 * linked own indicator's page shows the peer median.
 */
import { copyFile, mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, expect, it } from "vitest";
import { withoutTenant } from "../../src/core/db/tenant.ts";
import { compareMunicipality } from "../../src/peers/compare.ts";
import { importNationalFile, linkIndicator } from "../../src/peers/index.ts";
import { listSharedIndicators, valuesOf } from "../../src/peers/queries.ts";
import { peersOf, rank, type Summary, summarize } from "../../src/peers/rules.ts";
import { nationalMunicipalities, sharedIndicatorValues } from "../../src/peers/schema.ts";
import { writeFixtures } from "../fixtures/national/generate.ts";
import { describeEachBackend } from "../support/app.ts";

const MC = "082058";
const FY = 2023;

describeEachBackend("shared indicators and peer comparison", (t) => {
  let dir: string;
  let files: { kenzenka: string; card: string };

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "shisaku-national-"));
    files = await writeFixtures(dir);
  });

  it("refuses a table with a wrong cell and names file, row and column; nothing is written", async () => {
    const bad = join(dir, "bad.csv");
    await writeFile(
      bad,
      [
        "健全化判断比率（市町村別）",
        "都道府県名,団体コード,市区町村名,実質赤字比率,連結実質赤字比率,実質公債費比率,将来負担比率",
        "茨城県,082058,石岡市,－,－,7.2,13.6",
        "茨城県,082031,土浦市,－,－,abc,13.6",
      ].join("\r\n"),
    );
    const e = await importNationalFile(t.database.db, bad, FY).catch((x) => x);
    expect(e.message).toContain("何も読み込んでいません");
    expect(e.details).toEqual([
      { location: "bad.csv の 4 行目『実質公債費比率』列", message: '数値ではありません（"abc"）' },
    ]);
    const rows = await withoutTenant(t.database.db, (tx) =>
      tx.select().from(sharedIndicatorValues),
    );
    expect(rows).toEqual([]);
  });

  it("imports the 健全化判断比率 (Excel) and 決算カード (CSV, Shift_JIS) tables", async () => {
    const a = await importNationalFile(t.database.db, files.kenzenka, FY);
    expect(a).toMatchObject({ bodies: 12, values: 48, sample: true, fiscalYear: FY });
    const b = await importNationalFile(t.database.db, files.card, FY);
    expect(b).toMatchObject({ bodies: 12, values: 60, sample: true });
    // Again: the same rows, replaced rather than doubled.
    const copy = join(dir, "again.csv");
    await copyFile(files.card, copy);
    await importNationalFile(t.database.db, copy, FY);
    const rows = await withoutTenant(t.database.db, (tx) =>
      tx.select().from(sharedIndicatorValues),
    );
    expect(rows).toHaveLength(12 * 7);
  });

  it("lists the catalogue and ranks an indicator across the peer group in the API", async () => {
    const list = await t.json("/api/v1/shared-indicators");
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { code: string }) => i.code)).toEqual([
      "real-deficit-ratio",
      "consolidated-deficit-ratio",
      "real-debt-service-ratio",
      "future-burden-ratio",
      "fiscal-capability-index",
      "current-balance-ratio",
      "population",
    ]);
    expect(list.body.items[2]).toMatchObject({
      fiscalYears: [FY],
      municipalities: 12,
      sample: true,
    });

    const all = await t.json("/api/v1/shared-indicators/population/values?fiscalYear=2023");
    expect(all.body.total).toBe(12);
    expect(all.body.items[0]).toMatchObject({ rank: 1, name: "宇都宮市", value: 515000 });

    // 石岡市's 類似団体 (都市Ⅱ-1): 石岡市, 結城市, 龍ケ崎市, 鹿沼市 — by population, largest first.
    const similar = await t.json(
      `/api/v1/shared-indicators/population/values?fiscalYear=2023&peerGroup=similar&municipality=${MC}`,
    );
    expect(similar.body.items.map((i: { name: string; rank: number }) => [i.name, i.rank])).toEqual(
      [
        ["鹿沼市", 1],
        ["龍ケ崎市", 2],
        ["石岡市", 3],
        ["結城市", 4],
      ],
    );
    // 「－」 has no value: ranked last, without a rank, the cell's text kept.
    const deficit = await t.json(
      "/api/v1/shared-indicators/real-deficit-ratio/values?fiscalYear=2023",
    );
    expect(deficit.body.items[0]).toMatchObject({ name: "夕張市", rank: 1, value: 3.21 });
    expect(deficit.body.items[1]).toMatchObject({ rank: null, value: null, note: "－" });

    const csv = await t.get(
      `/api/v1/shared-indicators/population/values.csv?peerGroup=prefecture&municipality=${MC}`,
    );
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect((await csv.text()).split("\r\n").filter(Boolean)).toHaveLength(1 + 8);

    const bad = await t.json("/api/v1/shared-indicators/population/values?peerGroup=similar");
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].location).toBe("municipality");
    expect((await t.json("/api/v1/shared-indicators/no-such/values")).status).toBe(404);
    expect(
      (await t.json("/api/v1/shared-indicators/population/values?peerGroup=nearby")).status,
    ).toBe(400);
  });

  it("shows one indicator across the peers: ranked table, marked chart, CSV and JSON", async () => {
    const page = await t.text(
      `/compare/real-debt-service-ratio?municipality=${MC}&peerGroup=prefecture`,
    );
    expect(page.status).toBe(200);
    expect(page.body).toContain("実質公債費比率の比較");
    expect(page.body).toContain("サンプル");
    expect(page.body).toContain("茨城県の市区町村");
    expect(page.body).toMatch(/<svg role="img" aria-labelledby="chart-distribution-title/);
    expect(page.body).toMatch(
      /<desc id="chart-distribution-desc">[^<]*石岡市は [\d.]+%（8 団体中 \d 位/,
    );
    expect(page.body).toContain('<tr class="current">');

    const json = await t.json(
      `/compare/real-debt-service-ratio.json?municipality=${MC}&peerGroup=prefecture`,
    );
    expect(json.body.items).toHaveLength(8);
    expect(json.body.summary.count).toBe(8);
    const values = json.body.items.map((i: { value: number }) => i.value);
    expect(values).toEqual([...values].sort((x: number, y: number) => x - y));
    const csv = await t.text("/compare/real-debt-service-ratio.csv");
    expect(csv.body.split("\r\n")[0]).toContain("順位,団体コード,団体名");
    expect((await t.text("/compare/real-debt-service-ratio?fiscalYear=20x3")).status).toBe(400);
    expect((await t.text("/compare/nothing-here")).status).toBe(404);
    expect((await t.text("/compare")).body).toContain("共通指標の一覧");
  });

  it("compares a municipality with each peer group, also one that does not use Shisaku", async () => {
    const page = await t.text(`/${MC}/compare`);
    expect(page.status).toBe(200);
    expect(page.body).toContain("石岡市と類似団体の比較");
    expect(page.body).toContain("都市Ⅱ-1");
    const json = await t.json(`/${MC}/compare.json`);
    const pop = json.body.items.find(
      (i: { sharedIndicator: string }) => i.sharedIndicator === "population",
    );
    expect(pop.value).toBe(71000);
    expect(pop.groups.find((g: { peerGroup: string }) => g.peerGroup === "similar")).toMatchObject({
      count: 4,
      rank: 3,
      median: (76000 + 71000) / 2,
    });
    // 夕張市 (012092) is in the ministry's table, not in Shisaku.
    const yubari = await t.text("/012092/compare");
    expect(yubari.status).toBe(200);
    expect(yubari.body).toContain("夕張市と類似団体の比較");
    expect((await t.text("/012092/compare.csv")).body).toContain("real-deficit-ratio");
    expect((await t.text("/999999/compare")).status).toBe(404);
  });

  it("shows the peer median beside a linked indicator's actuals", async () => {
    const before = await t.text(`/${MC}/indicators/GZ-2-O3`);
    expect(before.body).not.toContain("類似団体との比較");
    await linkIndicator(t.database.db, MC, "GZ-2-O3", "real-debt-service-ratio", {
      label: "cli",
    });
    const after = await t.text(`/${MC}/indicators/GZ-2-O3`);
    expect(after.body).toContain("類似団体との比較");
    expect(after.body).toContain("類似団体（都市Ⅱ-1）の中央値");
    expect(after.body).toContain("（4 団体）");
    const again = linkIndicator(t.database.db, MC, "GZ-2-O1", "real-debt-service-ratio", {
      label: "cli",
    });
    await expect(again).rejects.toThrow("すでに関連付けられています");
    await linkIndicator(t.database.db, MC, "GZ-2-O3", null, { label: "cli" });
    expect((await t.text(`/${MC}/indicators/GZ-2-O3`)).body).not.toContain("類似団体との比較");
  });

  it("works out each municipality's peer figures in the database as the rules do", async () => {
    const db = t.database.db;
    const bodies = await withoutTenant(db, (tx) =>
      tx.select({ code: nationalMunicipalities.code }).from(nationalMunicipalities),
    );
    expect(bodies.length).toBeGreaterThan(10);
    const catalogue = await listSharedIndicators(db);
    for (const { code } of bodies) {
      const found = await compareMunicipality(db, code);
      // The rules over every municipality's value, as the page worked them out before.
      const expected = [];
      for (const indicator of catalogue) {
        const fiscalYear = indicator.fiscalYears.find((fy) => fy === FY);
        if (fiscalYear === undefined) continue;
        const all = await valuesOf(db, [indicator.code], fiscalYear);
        const own = all.find((r) => r.code === code);
        if (!own) continue;
        expected.push({
          indicator: indicator.code,
          value: own.value,
          groups: (["similar", "prefecture", "population", "all"] as const).map((group) => {
            const ranked = rank(peersOf(own, all, group), indicator.rankOrder);
            const summary = summarize(ranked.map((r) => r.value));
            return { group, summary, rank: ranked.find((r) => r.code === code)?.rank ?? null };
          }),
        });
      }
      const close = (v: number | null) => (v === null ? null : Math.round(v * 1e9) / 1e9);
      const shape = (groups: { group: string; summary: Summary; rank: number | null }[]) =>
        groups.map((g) => ({
          group: g.group,
          rank: g.rank,
          summary: Object.fromEntries(Object.entries(g.summary).map(([k, v]) => [k, close(v)])),
        }));
      expect(
        found!.standings.map((s) => ({
          indicator: s.indicator.code,
          value: s.value,
          groups: shape(s.groups),
        })),
        code,
      ).toEqual(expected.map((e) => ({ ...e, groups: shape(e.groups) })));
    }
  });
});
