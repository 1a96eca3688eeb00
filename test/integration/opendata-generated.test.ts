/**
 * The datasets made from the municipality's own data: the plan tree, the indicators and their
 * actuals, 公共施設一覧 from the facilities registry, the published survey results and
 * オープンデータ一覧 (the catalogue itself). Each is downloaded as a user would and read back
 * through the upload checker against its standard schema; a change of the registry shows at once.
 */
import { beforeAll, expect, it } from "vitest";
import { loadRegistry } from "../../src/indicators/index.ts";
import { actions as opendata } from "../../src/opendata/index.ts";
import { standardSchema } from "../../src/opendata/standard/schemas.ts";
import { checkTable } from "../../src/opendata/table-rules.ts";
import { loadRecords, actions as registries } from "../../src/registries/index.ts";
import { defaultLimits, readUpload } from "../../src/spreadsheets/index.ts";
import { listSurveys } from "../../src/surveys/index.ts";
import { describeEachBackend } from "../support/app.ts";
import { type WalkEnv, walkEnv } from "../support/audit-walk.ts";
import { DATASET_FORM } from "../support/opendata.ts";

const MC = "082058";
type Row = Record<string, string | number | null>;

describeEachBackend("open data made from the municipality's own data", (t) => {
  let env: WalkEnv;
  const json = async (path: string): Promise<Row[]> => {
    const res = await t.app.request(path);
    expect(res.status, path).toBe(200);
    return (await res.json()) as Row[];
  };
  /** The CSV download read back by the upload checker against a standard schema. */
  const checked = async (path: string, type: string) => {
    const res = await t.app.request(path);
    expect(res.status, path).toBe(200);
    const bytes = new Uint8Array(await res.arrayBuffer());
    const grid = await readUpload(bytes, "download.csv", "auto", defaultLimits());
    return checkTable(grid, standardSchema(type), MC);
  };

  beforeAll(async () => {
    env = await walkEnv(t.database.db);
  });

  it("lists every published dataset in the オープンデータ一覧 schema, itself valid", async () => {
    const list = await json(`/${MC}/opendata/opendata-list/opendata-list/json`);
    const titles = list.map((r) => r.データ名称);
    // The demo's three published samples and the generated ones (not the list itself).
    expect(titles).toEqual(
      expect.arrayContaining([
        "公衆トイレ一覧",
        "介護サービス事業所一覧",
        "公衆無線LANアクセスポイント一覧",
        "総合計画の体系",
        "総合計画の指標と実績",
        "公共施設一覧",
      ]),
    );
    expect(titles).not.toContain("オープンデータ一覧");
    expect(Object.keys(list[0]!)).toEqual(
      standardSchema("opendata-list")!.columns.map((c) => c.name),
    );
    const toilets = list.find((r) => r.データ名称 === "公衆トイレ一覧")!;
    expect(toilets).toMatchObject({
      全国地方公共団体コード: MC,
      地方公共団体名: "石岡市",
      URL: `http://localhost/${MC}/opendata/public-toilets`,
      API対応有無: "有",
      備考: "サンプル",
    });
    const table = await checked(`/${MC}/opendata/opendata-list/opendata-list/csv`, "opendata-list");
    expect(table.errors).toEqual([]);
    expect(table.rows).toHaveLength(list.length);
  });

  it("follows a publication at once", async () => {
    const before = await json(`/${MC}/opendata/opendata-list/opendata-list/json`);
    const slug = "generated-follow";
    expect(
      (
        await opendata.createDataset(env.as.editor, {
          ...DATASET_FORM,
          slug,
          title: "追いかけるデータ",
          keywords: "追跡",
          themes: ["GOVE"],
          standardType: "",
        })
      ).status,
    ).toBe("saved");
    const bytes = new TextEncoder().encode("名前,値\r\nA,1\r\n");
    expect(
      (
        await opendata.uploadResource(env.as.editor, {
          dataset: slug,
          resource: "",
          title: "表",
          fileName: "t.csv",
          bytes,
          format: "auto",
        })
      ).status,
    ).toBe("saved");
    expect((await opendata.publishDataset(env.as.planner, { slug, version: 2 })).status).toBe(
      "saved",
    );
    const after = await json(`/${MC}/opendata/opendata-list/opendata-list/json`);
    expect(after).toHaveLength(before.length + 1);
    expect(after.map((r) => r.データ名称)).toContain("追いかけるデータ");
  });

  it("publishes the facilities in use as 公共施設一覧 and follows the registry", async () => {
    const inUse = (await loadRecords(t.database.db, MC, "facilities")).filter(
      (r) => r.retiredOn === null,
    );
    const rows = await json(`/${MC}/opendata/public-facilities/public-facilities/json`);
    expect(rows.map((r) => r.名称).sort()).toEqual(inUse.map((r) => r.name).sort());
    expect(Object.keys(rows[0]!)).toEqual(
      standardSchema("public-facilities")!.columns.map((c) => c.name),
    );
    const table = await checked(
      `/${MC}/opendata/public-facilities/public-facilities/csv`,
      "public-facilities",
    );
    // Every cell passes the standard's checks: the registry keeps the reading and the address.
    expect(table.errors).toEqual([]);
    expect(rows.find((r) => r.名称 === "サンプル市民会館")).toMatchObject({
      名称_カナ: "サンプルシミンカイカン",
    });
    const added = await registries.addRecord(env.as.editor, {
      registry: "facilities",
      name: "サンプル新設センター",
      fields: {
        nameKana: "サンプルシンセツセンター",
        category: "集会施設",
        floorArea: "120",
        address: "茨城県石岡市石岡1-1",
      },
      sample: inUse.every((r) => r.sample),
    });
    expect(added.status).toBe("saved");
    const now = await json(`/${MC}/opendata/public-facilities/public-facilities/json`);
    expect(now).toHaveLength(rows.length + 1);
    expect(now.find((r) => r.名称 === "サンプル新設センター")).toMatchObject({
      名称_カナ: "サンプルシンセツセンター",
      住所: "茨城県石岡市石岡1-1",
      説明: "集会施設",
    });
  });

  it("publishes the plan tree, every indicator and every yearly actual", async () => {
    const { located } = await loadRegistry(t.database.db, MC);
    const indicators = await json(`/${MC}/opendata/plan-indicators/indicators/json`);
    expect(indicators.map((r) => r.コード)).toEqual(located.map((l) => l.record.code));
    const actuals = await json(`/${MC}/opendata/plan-indicators/actuals/json`);
    expect(actuals).toHaveLength(located.reduce((n, l) => n + l.record.actuals.length, 0));
    const tree = await json(`/${MC}/opendata/plan-tree/nodes/json`);
    expect(tree.length).toBeGreaterThan(0);
    // A node of the first level has no parent; every other names one that is in the table.
    const codes = new Set(tree.map((r) => r.コード));
    for (const r of tree)
      if (r.階層 === 1) expect(r.上位のコード).toBeNull();
      else expect(codes).toContain(r.上位のコード);
  });

  it("publishes the aggregated results of each survey whose results are published", async () => {
    const published = (await listSurveys(t.database.db, MC, { publicOnly: true })).filter(
      (s) => s.resultsPublished,
    );
    const page = await t.app.request(`/${MC}/opendata/survey-results`);
    expect(page.status).toBe(published.length ? 200 : 404);
    for (const s of published) {
      const rows = await json(`/${MC}/opendata/survey-results/survey-${s.id}/json`);
      expect(rows.length).toBeGreaterThan(0);
      expect(Object.keys(rows[0]!)).toContain("重み付き割合(%)");
    }
  });

  it("answers datastore_search on a generated resource, and its page says it is generated", async () => {
    const show = (await (
      await t.app.request(`/api/3/action/package_show?id=${MC}-plan-indicators`)
    ).json()) as { result: { resources: { id: string }[] } };
    const id = show.result.resources[0]!.id;
    const found = (await (
      await t.app.request(`/api/3/action/datastore_search?resource_id=${id}&limit=2`)
    ).json()) as { result: { records: Row[]; total: number } };
    expect(found.result.records).toHaveLength(2);
    const { located } = await loadRegistry(t.database.db, MC);
    expect(found.result.total).toBe(located.length);
    const html = await (await t.app.request(`/${MC}/opendata/plan-indicators`)).text();
    expect(html).toContain("自動で作っています");
    expect(html).not.toContain("<summary>版の履歴");
  });
});

describeEachBackend("open data as Frictionless Data Packages", (t) => {
  // biome-ignore lint/suspicious/noExplicitAny: datapackage.json, checked by the assertions
  const get = async (path: string): Promise<any> => {
    const res = await t.app.request(path);
    expect(res.status, path).toBe(200);
    return res.json();
  };

  it("describes a dataset's resources with their CSV and Table Schema", async () => {
    const pkg = await get(`/${MC}/opendata/public-toilets/datapackage.json`);
    expect(pkg).toMatchObject({ profile: "tabular-data-package", name: `${MC}-public-toilets` });
    expect(pkg.licenses[0].path).toMatch(/^https:\/\//);
    const [resource] = pkg.resources;
    expect(resource).toMatchObject({ profile: "tabular-data-resource", format: "csv" });
    const csv = await t.app.request(new URL(resource.path).pathname);
    expect(csv.status).toBe(200);
    const header = (await csv.text())
      .replace(/^\uFEFF/, "")
      .split("\r\n")[0]!
      .split(",");
    expect(resource.schema.fields.map((f: { name: string }) => f.name)).toEqual(header);
    const schema = await get(`/${MC}/opendata/schemas/public-toilets/schema.json`);
    expect(schema.fields).toHaveLength(standardSchema("public-toilets")!.columns.length);
  });

  it("describes the whole catalogue in one package, each resource named once", async () => {
    const pkg = await get(`/${MC}/opendata/datapackage.json`);
    const names = pkg.resources.map((r: { name: string }) => r.name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain("opendata-list--opendata-list");
    expect(names).toContain("plan-indicators--actuals");
  });

  it("answers the DCAT metadata as Turtle too", async () => {
    const res = await t.app.request(`/${MC}/opendata/public-toilets.ttl`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/turtle");
    const ttl = await res.text();
    expect(ttl).toContain("@prefix dcat: <http://www.w3.org/ns/dcat#> .");
    expect(ttl).toMatch(
      /<http:\/\/localhost\/082058\/opendata\/public-toilets>\n {2}a dcat:Dataset, foaf:Document ;/,
    );
    const catalogue = await (await t.app.request(`/${MC}/opendata/catalog.ttl`)).text();
    expect(catalogue).toContain("a dcat:Catalog ;");
  });

  it("gives a harvester that asks by Accept the metadata at the dataset's own address, and a person the page", async () => {
    const at = `/${MC}/opendata/public-toilets`;
    const ask = (path: string, accept: string) => t.app.request(path, { headers: { accept } });
    const page = await ask(at, "text/html,application/xhtml+xml,*/*;q=0.8");
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.headers.get("vary")).toContain("Accept");
    // Asked again after the page was kept in memory: still Turtle, not the kept page.
    const ttl = await ask(at, "text/turtle");
    expect(ttl.headers.get("content-type")).toContain("text/turtle");
    expect(ttl.headers.get("content-location")).toBe(`${at}.ttl`);
    expect(await ttl.text()).toBe(await (await t.app.request(`${at}.ttl`)).text());
    const ld = await ask(at, "application/ld+json, text/turtle;q=0.5");
    expect(ld.headers.get("content-type")).toContain("application/ld+json");
    expect(await ld.json()).toEqual(await (await t.app.request(`${at}.jsonld`)).json());
    expect((await ask(at, "text/html")).headers.get("content-type")).toContain("text/html");
    const catalogue = await ask(`/${MC}/opendata`, "text/turtle");
    expect(catalogue.headers.get("content-location")).toBe(`/${MC}/opendata/catalog.ttl`);
    expect(await catalogue.text()).toContain("a dcat:Catalog ;");
  });
});
