import { describe, expect, it } from "vitest";
import { CkanError, datastoreSearch, parseFq, parseSort } from "./ckan.ts";
import { facet, search } from "./search.ts";

const dataset = (slug: string, over: Partial<Parameters<typeof search>[0][number]> = {}) => ({
  municipalityCode: "082058",
  slug,
  title: slug,
  description: "",
  keywords: [],
  themes: [],
  standardType: null,
  sectionCode: null,
  licence: "PDL-1.0",
  updatedAt: new Date("2026-01-01"),
  resources: [],
  ...over,
});

describe("package_search's parameters", () => {
  it("reads fq terms, quoted values and owner_org", () => {
    expect(parseFq('tags:"公衆 トイレ" AND owner_org:082058 res_format:CSV')).toEqual({
      tags: ["公衆 トイレ"],
      organization: ["082058"],
      res_format: ["CSV"],
    });
    expect(() => parseFq("author:x")).toThrow(CkanError);
    expect(() => parseFq("just words")).toThrow("fq を読み取れません");
  });

  it("reads CKAN's sort orders", () => {
    expect(parseSort(undefined)).toEqual({ sort: "updated", descending: true });
    expect(parseSort("title_string asc")).toEqual({ sort: "title", descending: false });
    expect(() => parseSort("views_recent desc")).toThrow(CkanError);
  });

  it("searches words, filters, sorts and counts facets", () => {
    const all = [
      dataset("b", { title: "公衆トイレ一覧", keywords: ["トイレ"], themes: ["REGI"] }),
      dataset("a", { title: "ＡＥＤ設置箇所一覧", keywords: ["AED"], themes: ["HEAL", "REGI"] }),
    ];
    expect(search(all, { q: "aed" }).items.map((d) => d.slug)).toEqual(["a"]);
    expect(
      search(all, { filters: { groups: ["REGI"] }, sort: "name" }).items.map((d) => d.slug),
    ).toEqual(["a", "b"]);
    expect(facet(all, "groups")).toEqual([
      { name: "REGI", count: 2 },
      { name: "HEAL", count: 1 },
    ]);
  });
});

describe("datastore_search", () => {
  const table = {
    columns: ["ID", "名称", "緯度"],
    rows: [
      ["1", "東", 36.1],
      ["2", "西", null],
      ["3", "南東", 36.3],
    ],
  };
  it("filters, searches, sorts and pages with the total", () => {
    const r = datastoreSearch(table, "public-toilets", {
      resource_id: "x",
      q: "東",
      sort: "緯度 desc",
      limit: 1,
    });
    expect(r).toMatchObject({
      total: 2,
      limit: 1,
      records: [{ _id: 3, ID: "3", 名称: "南東", 緯度: 36.3 }],
    });
    expect(r.fields).toEqual([
      { id: "_id", type: "int" },
      { id: "ID", type: "text" },
      { id: "名称", type: "text" },
      { id: "緯度", type: "numeric" },
    ]);
    expect(
      datastoreSearch(table, null, { resource_id: "x", filters: { ID: "2" }, fields: ["名称"] })
        .records,
    ).toEqual([{ 名称: "西" }]);
    expect(() => datastoreSearch(table, null, { resource_id: "x", sort: "色" })).toThrow(
      "項目「色」はありません",
    );
    expect(
      "total" in datastoreSearch(table, null, { resource_id: "x", include_total: false }),
    ).toBe(false);
  });
});
