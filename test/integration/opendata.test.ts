/**
 * The open data catalogue: staff create a dataset of a standard type, upload its table (checked
 * cell by cell, all or nothing, every version kept), publish and withdraw it; the public sees
 * published datasets only, with a preview and downloads in every format; 「オープンデータの種類」
 * is counted from the catalogue.
 */
import { and, eq, like } from "drizzle-orm";
import iconv from "iconv-lite";
import { beforeAll, expect, it } from "vitest";
import { auditLog } from "../../src/core/audit-schema.ts";
import { withTenant } from "../../src/core/db/tenant.ts";
import { fiscalYearInJapan } from "../../src/core/fiscal-year.ts";
import { indicators, runningActuals } from "../../src/indicators/schema.ts";
import { describeEachBackend } from "../support/app.ts";
import {
  applyOpenData,
  csvOf,
  DATASET_FORM,
  previewOpenData,
  toiletRow,
} from "../support/opendata.ts";
import { plain } from "../support/spreadsheets.ts";
import { DEMO, staffOf } from "../support/staff.ts";

const MC = "082058";
type Staff = Awaited<ReturnType<typeof staffOf>>;
const utf8 = (s: string) => new TextEncoder().encode(s);
// biome-ignore lint/suspicious/noExplicitAny: JSON-LD documents, checked by the assertions
type Doc = any;
const versionIn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? "";

describeEachBackend("the open data catalogue", (t) => {
  let planner: Staff;
  let editor: Staff;
  let viewer: Staff;

  /**
   * The indicator's value for the fiscal year in progress: 集計中 (running_actuals) until the
   * year's round closes, so it is read from there.
   */
  const openDataActual = () =>
    withTenant(t.database.db, MC, async (tx) => {
      const [row] = await tx
        .select({ value: runningActuals.value, source: runningActuals.source })
        .from(runningActuals)
        .innerJoin(indicators, eq(indicators.id, runningActuals.indicatorId))
        .where(
          and(
            eq(indicators.municipalityCode, MC),
            eq(indicators.name, "オープンデータの種類"),
            eq(runningActuals.fiscalYear, fiscalYearInJapan(new Date())),
          ),
        );
      return row;
    });

  beforeAll(async () => {
    [planner, editor, viewer] = await Promise.all([
      staffOf(t, MC, DEMO.planner.email, DEMO.planner.password),
      staffOf(t, MC, DEMO.editor.email, DEMO.editor.password),
      staffOf(t, MC, DEMO.viewer.email, DEMO.viewer.password),
    ]);
  });

  it("creates a dataset as a draft that the public does not see; a viewer may not create one", async () => {
    const refused = await viewer.post(`/${MC}/manage/opendata`, DATASET_FORM);
    expect(refused.status).toBe(403);
    const bad = await editor.post(`/${MC}/manage/opendata`, {
      ...DATASET_FORM,
      slug: "Bad Slug",
      temporalStart: "平成31年5月1日",
    });
    expect(bad.status).toBe(400);
    const badText = plain(await bad.text());
    expect(badText).toContain("URL の名前は半角の英小文字");
    expect(badText).toContain("2019-05-01 は令和です");
    const res = await editor.post(`/${MC}/manage/opendata`, DATASET_FORM);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/${MC}/manage/opendata/test-toilets?done=created`);
    const again = await editor.post(`/${MC}/manage/opendata`, DATASET_FORM);
    expect(again.status).toBe(400);
    expect(plain(await again.text())).toContain("URL の名前「test-toilets」は使われています");
    expect((await t.get(`/${MC}/opendata/test-toilets`)).status).toBe(404);
    expect(await (await t.get(`/${MC}/opendata`)).text()).not.toContain(
      "公衆トイレ一覧（サンプル）",
    );
    const page = await (await viewer.page(`/${MC}/manage/opendata/test-toilets`)).text();
    expect(page).toContain("下書き");
    expect(page).toContain("2023-04-01");
  });

  it("refuses a file with any bad cell, naming row and column, and keeps nothing", async () => {
    const csv = csvOf([
      toiletRow("1"),
      toiletRow("2", { 緯度: "361.9", 車椅子使用者用トイレ有無: "あり", 名称: "" }),
    ]);
    const res = await previewOpenData(t, editor, MC, "test-toilets", utf8(csv), "toilets.csv");
    expect(res.status).toBe(422);
    const text = plain(await res.text());
    expect(text).toContain("3 件の誤りがあります（何も登録していません）");
    expect(text).toContain("toilets.csv の 3 行目『名称』列: 必須の項目です。入力してください");
    expect(text).toContain(
      "toilets.csv の 3 行目『緯度』列: 緯度は -90〜90 の十進の度で入力してください",
    );
    expect(text).toContain(
      "『車椅子使用者用トイレ有無』列: 「有」「無」のどれかを入力してください",
    );
    expect(text).not.toContain('name="data"');
    const o = await applyOpenData(
      editor,
      MC,
      "test-toilets",
      `name="data" value="${Buffer.from(csv).toString("base64")}" name="fileName" value="toilets.csv"`,
    );
    expect(o.status).toBe(400);
    const page = await (await editor.page(`/${MC}/manage/opendata/test-toilets`)).text();
    expect(page).toContain("まだファイルがありません");
  });

  it("takes a Shift_JIS file, normalising full-width digits, and keeps every version", async () => {
    const csv = csvOf([toiletRow("１", { 利用開始時間: "８：３０" }), toiletRow("2")]);
    const sjis = new Uint8Array(iconv.encode(csv, "cp932"));
    const preview = await previewOpenData(t, editor, MC, "test-toilets", sjis, "toilets-sjis.csv");
    expect(preview.status).toBe(200);
    const html = await preview.text();
    expect(plain(html)).toContain("新規 2 行を登録します");
    const applied = await applyOpenData(editor, MC, "test-toilets", html);
    expect(applied.status).toBe(303);
    const v2 = csvOf([
      toiletRow("1", { 利用開始時間: "08:30" }),
      toiletRow("2", { 設置位置: "駐車場" }),
      toiletRow("3"),
    ]);
    const p2 = await previewOpenData(
      t,
      editor,
      MC,
      "test-toilets",
      utf8(v2),
      "toilets-v2.csv",
      "public-toilets",
    );
    expect(plain(await p2.clone().text())).toContain("3 行（追加 1、削除 0、変更 1）");
    expect((await applyOpenData(editor, MC, "test-toilets", await p2.text())).status).toBe(303);
  });

  it("publishes (planners only) and counts 「オープンデータの種類」 from the catalogue", async () => {
    const page = await (await planner.page(`/${MC}/manage/opendata/test-toilets`)).text();
    const version = versionIn(page);
    expect(
      (await editor.post(`/${MC}/manage/opendata/test-toilets/publish`, { version })).status,
    ).toBe(403);
    // The demo registers three types (公衆トイレ一覧 among them) and the catalogue makes two more
    // from the municipality's own data (公共施設一覧 from the facilities registry, オープンデータ一覧):
    // the count is of types, not datasets.
    expect(await openDataActual()).toMatchObject({ value: 5 });
    const res = await planner.post(`/${MC}/manage/opendata/test-toilets/publish`, { version });
    expect(res.status).toBe(303);
    const actual = await openDataActual();
    expect(actual).toMatchObject({ value: 5 });
    expect(actual?.source).toContain(
      "内訳: 介護サービス事業所一覧（サンプル）、公衆無線LANアクセスポイント一覧（サンプル）、公衆トイレ一覧、公共施設一覧（サンプル）、オープンデータ一覧",
    );
  });

  it("shows the published dataset: metadata, first rows, downloads in every format, history", async () => {
    const list = await (await t.get(`/${MC}/opendata?standard=public-toilets`)).text();
    expect(list).toContain("公衆トイレ一覧（サンプル）");
    expect(await (await t.get(`/${MC}/opendata?theme=ECON`)).text()).not.toContain(
      "公衆トイレ一覧（サンプル）",
    );
    const page = await (await t.get(`/${MC}/opendata/test-toilets`)).text();
    expect(page).toContain("サンプル公衆トイレ3");
    expect(page).toContain("第 2 版");
    expect(page).toContain("08:30");
    const base = `/${MC}/opendata/test-toilets/public-toilets`;
    const csv = new Uint8Array(await (await t.get(`${base}/csv`)).arrayBuffer());
    expect([...csv.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = Buffer.from(csv).subarray(3).toString("utf8");
    expect(text.split("\r\n")[0]).toMatch(/^全国地方公共団体コード,ID,地方公共団体名,名称/);
    expect(text).toContain("082058,1,茨城県石岡市");
    const sjis = Buffer.from(await (await t.get(`${base}/csv-sjis`)).arrayBuffer());
    expect(iconv.decode(sjis, "cp932")).toContain("サンプル公衆トイレ2");
    const xlsx = new Uint8Array(await (await t.get(`${base}/xlsx`)).arrayBuffer());
    expect([...xlsx.slice(0, 2)]).toEqual([0x50, 0x4b]);
    const json = (await (await t.get(`${base}/json`)).json()) as Record<string, unknown>[];
    expect(json).toHaveLength(3);
    expect(json[0]).toMatchObject({
      ID: "1",
      緯度: 36.19,
      多機能トイレ数: 1,
      利用開始時間: "08:30",
    });
    const v1 = (await (await t.get(`${base}/json?version=1`)).json()) as unknown[];
    expect(v1).toHaveLength(2);
    const original = Buffer.from(await (await t.get(`${base}/versions/1/original`)).arrayBuffer());
    expect(iconv.decode(original, "cp932")).toContain("８：３０");
  });

  it("describes the catalogue and each dataset as DCAT JSON-LD with DCAT-AP's mandatory properties", async () => {
    const res = await t.get(`/${MC}/opendata/catalog.jsonld`);
    expect(res.headers.get("content-type")).toContain("application/ld+json");
    const catalog = (await res.json()) as Record<string, Doc>;
    expect(catalog).toMatchObject({
      "@type": "dcat:Catalog",
      "dct:description": { "@language": "ja" },
      "dct:publisher": {
        "@type": "foaf:Agent",
        "dct:identifier": MC,
        "foaf:name": { "@value": "石岡市" },
      },
    });
    const ids = catalog["dcat:dataset"].map(
      (d: { "dct:identifier": string }) => d["dct:identifier"],
    );
    expect(ids).toContain(`${MC}-test-toilets`);
    expect(ids).not.toContain(`${MC}-draft`);
    const one = (await (await t.get(`/${MC}/opendata/test-toilets.jsonld`)).json()) as Record<
      string,
      Doc
    >;
    expect(one["@context"].dcat).toBe("http://www.w3.org/ns/dcat#");
    expect(one["dct:title"]).toEqual([
      { "@value": "公衆トイレ一覧（サンプル）", "@language": "ja" },
      { "@value": "Public toilets (sample)", "@language": "en" },
    ]);
    const distributions = one["dcat:distribution"] as Record<string, Doc>[];
    expect(distributions).toHaveLength(4);
    for (const x of distributions) {
      expect(x["dcat:accessURL"]["@id"]).toMatch(/^http/);
      expect(x["dct:license"]["@id"]).toBe("https://creativecommons.org/licenses/by/4.0/");
    }
    expect((await t.get(`/${MC}/opendata/no-such.jsonld`)).status).toBe(404);
  });

  it("withdraws: the public no longer sees it, and the count drops", async () => {
    const version = versionIn(
      await (await planner.page(`/${MC}/manage/opendata/test-toilets`)).text(),
    );
    expect(
      (await planner.post(`/${MC}/manage/opendata/test-toilets/withdraw`, { version })).status,
    ).toBe(303);
    expect((await t.get(`/${MC}/opendata/test-toilets`)).status).toBe(404);
    expect((await t.get(`/${MC}/opendata/test-toilets/public-toilets/csv`)).status).toBe(404);
    expect(await openDataActual()).toMatchObject({ value: 5 });
    const wifi = versionIn(await (await planner.page(`/${MC}/manage/opendata/public-wifi`)).text());
    expect(
      (await planner.post(`/${MC}/manage/opendata/public-wifi/withdraw`, { version: wifi })).status,
    ).toBe(303);
    const actual = await openDataActual();
    expect(actual).toMatchObject({ value: 4 });
    expect(actual?.source).not.toContain("公衆無線LAN");
    const entries = await withTenant(t.database.db, MC, (tx) =>
      tx
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(like(auditLog.action, "opendata.%")),
    );
    expect(entries.map((e) => e.action)).toEqual([
      "opendata.dataset.create",
      "opendata.resource.upload",
      "opendata.resource.upload",
      "opendata.dataset.publish",
      "opendata.dataset.withdraw",
      "opendata.dataset.withdraw",
    ]);
  });
  it("answers a stale edit with the shared conflict page, the input kept to overwrite", async () => {
    const page = await (await editor.page(`/${MC}/manage/opendata/test-toilets`)).text();
    const version = versionIn(page);
    const first = await editor.post(`/${MC}/manage/opendata/test-toilets`, {
      ...DATASET_FORM,
      version,
      description: "先に保存した説明",
    });
    expect(first.status).toBe(303);
    const stale = await editor.post(`/${MC}/manage/opendata/test-toilets`, {
      ...DATASET_FORM,
      version,
      description: "後から保存しようとした説明",
    });
    expect(stale.status).toBe(409);
    const html = await stale.text();
    const text = plain(html);
    expect(text).toContain("ほかの人が先に保存しました");
    expect(text).toContain("先に保存した説明");
    expect(text).toContain("後から保存しようとした説明");
    // The overwrite form carries the current version and the input.
    expect(versionIn(html)).toBe(String(Number(version) + 1));
    expect(html).toContain('value="後から保存しようとした説明"');
  });
});
