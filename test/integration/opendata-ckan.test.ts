/**
 * The catalogue through CKAN's Action API, driven by a CKAN client written for real CKAN sites
 * (npm `ckan`, Open Knowledge's ckan.js, which POSTs JSON) against the running server: list,
 * search with facets, show, datastore paging; the same actions as GET query strings; and each
 * result's keys and types compared with what CKAN 2.10 returns.
 */
// @ts-expect-error ckan.js has no types
import CKAN from "ckan";
import { afterAll, beforeAll, expect, it } from "vitest";
import { actions } from "../../src/opendata/index.ts";
import { describeEachBackend, serveApp } from "../support/app.ts";
import { walkEnv } from "../support/audit-walk.ts";
import { csvOf, DATASET_FORM, toiletRow } from "../support/opendata.ts";

const MC = "082058";
/** The datasets made from the demo's own data (opendata/generated.ts). */
const GENERATED = [
  "plan-tree",
  "plan-indicators",
  "public-facilities",
  "survey-results",
  "opendata-list",
];

/**
 * The keys CKAN 2.10 returns, as its own tests state them (ckan/tests/logic/action/test_get.py
 * test_package_show at tag ckan-2.10.9, and ckanext/datastore/logic/action.py datastore_search),
 * with the JSON type of each (null allowed where CKAN gives null for an empty value).
 */
const PACKAGE: Record<string, string> = {
  author: "string|null",
  author_email: "string|null",
  creator_user_id: "string|null",
  extras: "array",
  groups: "array",
  id: "string",
  isopen: "boolean",
  license_id: "string",
  license_title: "string",
  maintainer: "string|null",
  maintainer_email: "string|null",
  metadata_created: "string",
  metadata_modified: "string",
  name: "string",
  notes: "string",
  num_resources: "number",
  num_tags: "number",
  organization: "object",
  owner_org: "string",
  private: "boolean",
  relationships_as_object: "array",
  relationships_as_subject: "array",
  resources: "array",
  state: "string",
  tags: "array",
  title: "string",
  type: "string",
  url: "string",
  version: "string|null",
};
const RESOURCE: Record<string, string> = {
  cache_last_updated: "null",
  cache_url: "string|null",
  created: "string",
  description: "string",
  format: "string",
  hash: "string",
  id: "string",
  last_modified: "string|null",
  metadata_modified: "string",
  mimetype: "string|null",
  mimetype_inner: "null",
  name: "string",
  package_id: "string",
  position: "number",
  resource_type: "string|null",
  size: "number|null",
  state: "string",
  url: "string",
  url_type: "string|null",
};
const ORGANIZATION: Record<string, string> = {
  approval_status: "string",
  created: "string",
  description: "string",
  id: "string",
  image_url: "string",
  is_organization: "boolean",
  name: "string",
  state: "string",
  title: "string",
  type: "string",
};
const TAG: Record<string, string> = {
  display_name: "string",
  id: "string",
  name: "string",
  state: "string",
  vocabulary_id: "null",
};
const GROUP: Record<string, string> = {
  description: "string",
  display_name: "string",
  id: "string",
  image_display_url: "string",
  name: "string",
  title: "string",
};
const DATASTORE: Record<string, string> = {
  fields: "array",
  records: "array",
  total: "number",
  total_was_estimated: "boolean",
  limit: "number",
  offset: "number",
  resource_id: "string",
  include_total: "boolean",
};

// biome-ignore lint/suspicious/noExplicitAny: CKAN's answers, checked by the assertions
type Json = any;

const typeOf = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : typeof v);

/** Every documented key is there with its type (extra keys, as CKAN extensions add, are allowed). */
function expectShape(value: Record<string, unknown>, shape: Record<string, string>, what: string) {
  for (const [key, type] of Object.entries(shape)) {
    expect(Object.keys(value), `${what} has ${key}`).toContain(key);
    expect(type.split("|"), `${what}.${key}`).toContain(typeOf(value[key]));
  }
}

describeEachBackend("the catalogue through CKAN's Action API", (t) => {
  let base: string;
  let close: () => Promise<void>;
  // biome-ignore lint/suspicious/noExplicitAny: ckan.js's client
  let client: any;
  const call = (name: string, data: Record<string, unknown>) =>
    new Promise<{ success: boolean; result: Json }>((resolve, reject) =>
      client.action(name, data, (err: unknown, body: Json) =>
        err ? reject(new Error(String(err))) : resolve(body),
      ),
    );

  beforeAll(async () => {
    const env = await walkEnv(t.database.db);
    const rows = Array.from({ length: 250 }, (_, i) =>
      toiletRow(String(i + 1), { 多機能トイレ数: String(i % 3) }),
    );
    for (const [slug, standardType, keywords, theme] of [
      ["toilets", "public-toilets", "トイレ、バリアフリー", "REGI"],
      ["wifi", "public-wifi", "Wi-Fi", "TECH"],
    ] as const) {
      const created = await actions.createDataset(env.as.editor, {
        ...DATASET_FORM,
        slug,
        standardType,
        keywords,
        themes: [theme],
      });
      expect(created.status).toBe("saved");
      const bytes = new TextEncoder().encode(
        standardType === "public-toilets"
          ? csvOf(rows)
          : "全国地方公共団体コード,ID,地方公共団体名,名称,名称_カナ,住所\r\n082058,1,茨城県石岡市,サンプル無線LAN,サンプルムセンラン,茨城県石岡市（サンプル）\r\n",
      );
      const up = await actions.uploadResource(env.as.editor, {
        dataset: slug,
        resource: "",
        title: `${slug}の一覧`,
        fileName: `${slug}.csv`,
        bytes,
        format: "auto",
      });
      expect(up.status).toBe("saved");
      expect((await actions.publishDataset(env.as.planner, { slug, version: 2 })).status).toBe(
        "saved",
      );
    }
    await actions.createDataset(env.as.editor, { ...DATASET_FORM, slug: "draft-only", themes: [] });
    ({ base, close } = await serveApp(t.app));
    client = new CKAN.Client(base);
  });
  afterAll(() => close?.());

  it("answers status_show and lists published packages only", async () => {
    const status = await call("status_show", {});
    expect(status).toMatchObject({
      success: true,
      result: { ckan_version: "2.10.9", extensions: ["datastore"] },
    });
    const list = await call("package_list", {});
    // The demo's three sample datasets, the two published here and those made from the
    // municipality's own data (plan, registries, surveys, the list itself); never the draft.
    expect(list.result).toEqual(
      [
        `${MC}-care-services`,
        `${MC}-public-toilets`,
        `${MC}-public-wifi`,
        `${MC}-toilets`,
        `${MC}-wifi`,
        ...GENERATED.map((slug) => `${MC}-${slug}`),
      ].sort(),
    );
    expect((await call("organization_list", {})).result).toContain(MC);
  });

  it("searches with q, fq, rows, start, sort and facets", async () => {
    const found = await call("package_search", {
      q: "バリアフリー",
      "facet.field": ["organization", "tags", "res_format"],
      rows: 10,
    });
    expect(found.result.count).toBe(1);
    expect(found.result.results[0].name).toBe(`${MC}-toilets`);
    expect(found.result.search_facets.tags.items).toContainEqual({
      count: 1,
      display_name: "トイレ",
      name: "トイレ",
    });
    expect(found.result.search_facets.organization.items[0]).toMatchObject({
      name: MC,
      count: 1,
      display_name: "石岡市",
    });
    const byGroup = await call("package_search", { fq: `groups:TECH owner_org:${MC}` });
    expect(byGroup.result.results.map((r: { name: string }) => r.name)).toEqual([`${MC}-wifi`]);
    const paged = await call("package_search", { rows: 1, start: 1, sort: "name asc" });
    expect(paged.result).toMatchObject({ count: 5 + GENERATED.length, sort: "name asc" });
    expect(paged.result.results.map((r: { name: string }) => r.name)).toEqual([
      `${MC}-opendata-list`,
    ]);
  });

  it("shows a package, its resource and organization with CKAN 2.10's keys and types", async () => {
    const { result: pkg } = await call("package_show", { id: `${MC}-toilets` });
    expectShape(pkg, PACKAGE, "package");
    expectShape(pkg.organization, ORGANIZATION, "organization");
    expectShape(pkg.resources[0], RESOURCE, "resource");
    expectShape(pkg.tags[0], TAG, "tag");
    expectShape(pkg.groups[0], GROUP, "group");
    expect(pkg).toMatchObject({ license_id: "CC-BY-4.0", num_resources: 1, owner_org: MC });
    expect((await call("package_show", { id: pkg.id })).result.name).toBe(`${MC}-toilets`);
    const { result: res } = await call("resource_show", { id: pkg.resources[0].id });
    expectShape(res, RESOURCE, "resource_show");
    expect(res.package_id).toBe(pkg.id);
    expect((await fetch(res.url)).status).toBe(200);
    const { result: org } = await call("organization_show", { id: MC, include_datasets: true });
    expect(org).toMatchObject({ name: MC, title: "石岡市", package_count: 5 + GENERATED.length });
    expect(org.packages).toHaveLength(5 + GENERATED.length);
  });

  it("pages through a resource with datastore_search (filters, q, fields, sort, total)", async () => {
    const { result: pkg } = await call("package_show", { id: `${MC}-toilets` });
    const id = pkg.resources[0].id;
    const first = await call("datastore_search", { resource_id: id, limit: 100 });
    expectShape(first.result, DATASTORE, "datastore_search");
    expect(first.result.total).toBe(250);
    expect(first.result.records).toHaveLength(100);
    expect(first.result.fields.slice(0, 2)).toEqual([
      { id: "_id", type: "int" },
      { id: "全国地方公共団体コード", type: "text" },
    ]);
    expect(first.result.fields).toContainEqual({ id: "緯度", type: "numeric" });
    const last = await call("datastore_search", { resource_id: id, limit: 100, offset: 200 });
    expect(last.result.records).toHaveLength(50);
    expect(last.result.records[0]._id).toBe(201);
    const filtered = await call("datastore_search", {
      resource_id: id,
      filters: { 多機能トイレ数: 2 },
      fields: ["ID", "多機能トイレ数"],
      sort: "ID desc",
      limit: 3,
    });
    expect(filtered.result.total).toBe(83);
    expect(filtered.result.records[0]).toEqual({ ID: "99", 多機能トイレ数: 2 });
    const q = await call("datastore_search", { resource_id: id, q: "サンプル公衆トイレ250" });
    expect(q.result.total).toBe(1);
  });

  it("takes the same parameters as a GET query string, and answers CKAN's error shape", async () => {
    const get = async (path: string) => {
      const res = await fetch(`${base}/api/3/action/${path}`);
      return { status: res.status, body: (await res.json()) as Json };
    };
    const search = await get(
      `package_search?q=Wi-Fi&facet.field=${encodeURIComponent('["groups"]')}`,
    );
    expect(search.body).toMatchObject({ success: true, result: { count: 1 } });
    expect(search.body.help).toBe(`${base}/api/3/action/help_show?name=package_search`);
    expect(search.body.result.search_facets.groups.items).toEqual([
      { count: 1, display_name: "科学技術", name: "TECH" },
    ]);
    const missing = await get(`package_show?id=${MC}-draft-only`);
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({
      success: false,
      error: { __type: "Not Found Error", message: "Not found: Dataset not found" },
    });
    const tooMany = await get("package_search?rows=1001");
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.error).toMatchObject({
      __type: "Validation Error",
      rows: ["Must be less than or equal to 1000"],
    });
    const unknown = await get("package_delete");
    expect(unknown.status).toBe(400);
    expect(unknown.body.success).toBe(false);
    const tags = await get("tag_list");
    expect(tags.body.result).toEqual(expect.arrayContaining(["Wi-Fi", "トイレ", "バリアフリー"]));
    expect(tags.body.result).toEqual([...tags.body.result].sort());
  });
});
