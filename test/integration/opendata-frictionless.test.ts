/**
 * The catalogue read by Frictionless's own JavaScript library (npm `tableschema`) against the
 * running server, as a Frictionless tool would: every standard type's served `schema.json` is a
 * valid Table Schema; every published standard resource's CSV, fetched by the library from its
 * address, reads row by row against its type's schema without an error; and a bad row added to
 * such a CSV is caught at its row.
 */
import { Readable } from "node:stream";
import tableschema from "tableschema";
import { afterAll, beforeAll, expect, it } from "vitest";
import { STANDARD_SCHEMAS } from "../../src/opendata/index.ts";
import { publishedCatalogue } from "../../src/opendata/published.ts";
import { describeEachBackend, serveApp } from "../support/app.ts";

const MC = "082058";

// biome-ignore lint/suspicious/noExplicitAny: tableschema's objects, checked by the assertions
type Json = any;
// Its own typings describe less than the library does (read's errors): the parts used here.
const { Table, validate } = tableschema as unknown as {
  Table: { load(source: unknown, options: Record<string, unknown>): Promise<Json> };
  validate(descriptor: unknown): Promise<{ valid: boolean; errors: Error[] }>;
};

/** The rows tableschema reads, and the errors it finds (a row that failed is an error). */
async function readAll(table: Json) {
  const rows: unknown[] = await table.read({ forceCast: true });
  const errors = rows.filter((r): r is Json => r instanceof Error);
  return { rows, errors };
}

// The served CSV is UTF-8 with a BOM (for spreadsheet users); csv-parse, the library's parser,
// drops it when asked (`bom`), as a reader of such files must.
const CSV = { bom: true, delimiter: "," };

describeEachBackend("open data read by Frictionless's tableschema", (t) => {
  let base: string;
  let close: () => Promise<void>;
  const schemaOf = async (type: string): Promise<Json> => {
    const res = await fetch(`${base}/${MC}/opendata/schemas/${type}/schema.json`);
    expect(res.status, type).toBe(200);
    return res.json();
  };

  beforeAll(async () => {
    ({ base, close } = await serveApp(t.app));
  });
  afterAll(() => close?.());

  it("serves every standard type's schema.json as a valid Table Schema", async () => {
    for (const s of STANDARD_SCHEMAS) {
      const schema = await schemaOf(s.key);
      const result = await validate(schema);
      expect(
        result.errors.map((e) => e.message),
        s.key,
      ).toEqual([]);
      expect(result.valid).toBe(true);
      expect(schema.fields.map((f: { name: string }) => f.name)).toEqual(
        s.columns.map((c) => c.name),
      );
    }
  });

  it("reads every published standard resource's CSV against its schema without an error", async () => {
    const standard = (await publishedCatalogue(t.database.db, MC)).filter((d) => d.standardType);
    // The demo's three samples and the generated 公共施設一覧 and オープンデータ一覧 at least.
    expect(standard.length).toBeGreaterThanOrEqual(5);
    let read = 0;
    for (const d of standard) {
      const schema = await schemaOf(d.standardType!);
      const pkg: Json = await (
        await fetch(`${base}/${MC}/opendata/${d.slug}/datapackage.json`)
      ).json();
      for (const r of d.resources.filter((x) => x.versions.length)) {
        const at = `${d.slug}/${r.slug}`;
        // The package's own schema of the resource is a valid Table Schema too.
        const described = pkg.resources.find((x: { title: string }) => x.title === r.title);
        expect((await validate(described.schema)).valid, at).toBe(true);
        const table = await Table.load(`${base}/${MC}/opendata/${at}/csv`, { schema, ...CSV });
        const { rows, errors } = await readAll(table);
        expect(
          errors.map((e) => `${at} row ${e.rowNumber}: ${e.errors?.map((x: Error) => x.message)}`),
        ).toEqual([]);
        expect(table.headers, at).toEqual(schema.fields.map((f: { name: string }) => f.name));
        expect(rows.length, at).toBe(r.versions[0]!.rowCount);
        read++;
      }
    }
    expect(read).toBeGreaterThanOrEqual(5);
  });

  it("catches a bad row added to a served CSV, at its row", async () => {
    const schema = await schemaOf("public-toilets");
    const text = await (await fetch(`${base}/${MC}/opendata/public-toilets/public-toilets/csv`))
      .text()
      .then((s) => s.replace(/^\uFEFF/, ""));
    const lines = text.split("\r\n").filter(Boolean);
    const header = lines[0]!.split(",");
    const good = lines[1]!.split(",");
    // 緯度 out of range and 名称 (required) left empty.
    const bad = good.map((v, i) => (header[i] === "緯度" ? "95.5" : header[i] === "名称" ? "" : v));
    const csv = `${[...lines, bad.join(",")].join("\r\n")}\r\n`;
    const table = await Table.load(Readable.from([Buffer.from(csv)]), { schema, ...CSV });
    const { errors } = await readAll(table);
    expect(errors).toHaveLength(1);
    expect(errors[0].rowNumber).toBe(lines.length + 1);
    const messages = errors[0].errors.map((e: Error) => e.message).join("\n");
    expect(messages).toMatch(/緯度/);
    expect(messages).toMatch(/名称/);
  });
});
