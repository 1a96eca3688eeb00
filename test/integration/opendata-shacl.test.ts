/**
 * The catalogue's DCAT, read as a harvester of the national and European catalogues reads it: the
 * Turtle that Shisaku serves is parsed by an independent parser (N3.js) and validated against the
 * DCAT-AP 3.0.1 SHACL shapes (test/fixtures/dcat-ap) by an independent validator
 * (rdf-validate-shacl). Every violation is reported with its focus node, path and message.
 */
import { readFile } from "node:fs/promises";
import { Parser, Store } from "n3";
import SHACLValidator from "rdf-validate-shacl";
import { beforeAll, expect, it } from "vitest";
import { describeEachBackend } from "../support/app.ts";

const MC = "082058";
const SHAPES = new URL("../fixtures/dcat-ap/dcat-ap-3.0.1-SHACL.ttl", import.meta.url);

const parse = (text: string, baseIRI?: string) => new Parser({ baseIRI }).parse(text);

describeEachBackend("the catalogue's DCAT against the DCAT-AP 3.0.1 shapes", (t) => {
  let validator: SHACLValidator;

  beforeAll(async () => {
    const shapes = parse(await readFile(SHAPES, "utf8"));
    validator = new SHACLValidator(new Store(shapes));
  });

  /** The violations of one served Turtle document, in words. */
  const violations = async (path: string) => {
    const res = await t.app.request(path);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/turtle");
    const quads = parse(await res.text(), `http://localhost${path}`);
    expect(quads.length).toBeGreaterThan(0);
    const report = await validator.validate(new Store(quads));
    return report.results
      .filter((r) => r.severity?.value.endsWith("Violation"))
      .map(
        (r) =>
          `${r.focusNode?.value} ${r.path?.value ?? ""}: ${r.sourceConstraintComponent?.value} ${r.message.map((m) => m.value).join(" / ")}`,
      );
  };

  it("describes the whole catalogue without a violation", async () => {
    expect(await violations(`/${MC}/opendata/catalog.ttl`)).toEqual([]);
  });

  it("describes each dataset, registered or made from the municipality's data, without a violation", async () => {
    const list = (await (await t.app.request("/api/3/action/package_list")).json()) as {
      result: string[];
    };
    const slugs = list.result
      .filter((name) => name.startsWith(`${MC}-`))
      .map((name) => name.slice(MC.length + 1));
    expect(slugs).toContain("opendata-list");
    for (const slug of slugs)
      expect(await violations(`/${MC}/opendata/${slug}.ttl`), slug).toEqual([]);
  });

  it("would catch a dataset without a title (the shapes are read and applied)", async () => {
    const res = await t.app.request(`/${MC}/opendata/catalog.ttl`);
    const broken = (await res.text()).replace(/dct:title "[^"]*"(@ja)?/g, 'dct:description "x"');
    const report = await validator.validate(new Store(parse(broken, "http://localhost/")));
    expect(report.conforms).toBe(false);
    expect(report.results.some((r) => r.path?.value === "http://purl.org/dc/terms/title")).toBe(
      true,
    );
  });
});
