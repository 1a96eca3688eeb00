import { describe, expect, it } from "vitest";
import { catalogJsonLd } from "./dcat.ts";
import { toTurtle } from "./turtle.ts";

describe("DCAT as Turtle", () => {
  it("writes the catalogue with its prefixes, typed nodes and language-tagged titles", () => {
    const ttl = toTurtle(
      catalogJsonLd("https://example.jp", { code: "082058", name: "石岡市" }, []),
    );
    expect(ttl).toContain("@prefix dcat: <http://www.w3.org/ns/dcat#> .");
    expect(ttl).toContain("<https://example.jp/082058/opendata>\n  a dcat:Catalog ;");
    expect(ttl).toContain(
      'dct:title "石岡市オープンデータカタログ"@ja, "Open data catalogue of 082058"@en',
    );
    expect(ttl).toContain("<https://example.jp/082058/>\n  a foaf:Agent ;");
    expect(ttl).toContain('dct:identifier "082058"');
    expect(ttl.trim().endsWith(".")).toBe(true);
  });
});
