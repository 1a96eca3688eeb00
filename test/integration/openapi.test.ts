/**
 * The OpenAPI document as a contract: valid OpenAPI 3.1 (an independent validator), every route
 * the application registers under /api/v1 in it and nothing else, and every documented GET
 * answering the demo data with a body that its declared schema accepts (ajv, JSON Schema 2020-12).
 */
import { Validator } from "@seriousme/openapi-schema-validator";
import { Ajv2020 } from "ajv/dist/2020.js";
import formats, { type FormatsPlugin } from "ajv-formats";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.tsx";
import type { Db } from "../../src/core/db/client.ts";
import { describeEachBackend } from "../support/app.ts";
import { publishVoices } from "../support/public-voices.ts";

// biome-ignore lint/suspicious/noExplicitAny: the document is checked by the validator
type Doc = any;
type Parameter = { name: string; in: string; required?: boolean; schema?: { example?: unknown } };
const METHODS = ["get", "put", "post", "patch", "delete"];

/** `/municipalities/:code` → `/municipalities/{code}` */
const openApiPath = (honoPath: string) => honoPath.replace(/:([A-Za-z]+)/g, "{$1}");

/** The document of an app on no database: building it reads no data. */
async function documentOf() {
  const app = createApp({ db: {} as Db });
  return { app, doc: (await (await app.request("/api/v1/openapi.json")).json()) as Doc };
}

function operations(doc: Doc) {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => (item as Doc)[m]).map((method) => ({
      path,
      method,
      op: (item as Doc)[method],
    })),
  );
}

describe("the OpenAPI document", () => {
  let doc: Doc;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    ({ app, doc } = await documentOf());
  });

  it("is valid OpenAPI 3.1 for an independent validator", async () => {
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("names the server prefix, so that generated clients call /api/v1/…", () => {
    expect(doc.servers).toEqual([{ url: "/api/v1", description: expect.any(String) }]);
    expect(Object.keys(doc.paths).every((p) => p.startsWith("/") && !p.startsWith("/api"))).toBe(
      true,
    );
  });

  it("documents every route registered under /api/v1, and no route that does not exist", () => {
    const registered = new Set(
      app.routes
        .filter((r) => r.path.startsWith("/api/v1/") && METHODS.includes(r.method.toLowerCase()))
        .filter((r) => r.path !== "/api/v1/openapi.json")
        .map((r) => `${r.method.toLowerCase()} ${openApiPath(r.path.slice("/api/v1".length))}`),
    );
    const documented = new Set(operations(doc).map(({ method, path }) => `${method} ${path}`));
    expect(
      [...registered].filter((r) => !documented.has(r)),
      "routes missing",
    ).toEqual([]);
    expect(
      [...documented].filter((d) => !registered.has(d)),
      "documented, no route",
    ).toEqual([]);
    // Every domain's API is there.
    for (const path of [
      "/municipalities/{code}/letters",
      "/municipalities/{code}/meetings/{meetingId}",
      "/municipalities/{code}/programs/{programCode}/years/{fiscalYear}",
      "/municipalities/{code}/programs/{programCode}/budget-requests/{fiscalYear}",
      "/municipalities/{code}/finance/frame",
    ])
      expect(doc.paths).toHaveProperty([path]);
  });

  it("has required path parameters with examples, and error responses on every operation", () => {
    for (const { path, method, op } of operations(doc)) {
      const where = `${method} ${path}`;
      for (const p of (op.parameters ?? []) as Parameter[]) {
        if (p.in === "path") expect(p.required, `${where} ${p.name}`).toBe(true);
        if (p.in === "path" || p.required)
          expect(p.schema?.example, `${where} ${p.name} example`).toBeDefined();
      }
      expect(Object.keys(op.responses), where).toEqual(expect.arrayContaining(["200", "500"]));
      expect(Object.keys(op.responses).filter((s) => /^4/.test(s)).length, where).toBeGreaterThan(
        0,
      );
      expect(op.responses["500"].content["application/json"].schema).toEqual({
        $ref: "#/components/schemas/Error",
      });
    }
  });

  it("asks for the bearer token on every write, and answers 401 and 429 there", () => {
    expect(doc.components.securitySchemes.bearer).toMatchObject({
      type: "http",
      scheme: "bearer",
    });
    const writes = operations(doc).filter((o) => o.method !== "get");
    expect(writes.length).toBeGreaterThanOrEqual(5);
    for (const { path, method, op } of writes) {
      expect(op.security, `${method} ${path}`).toEqual([{ bearer: [] }]);
      expect(op.responses["401"], `${method} ${path}`).toBeDefined();
      expect(op.responses["429"].headers["Retry-After"]).toBeDefined();
    }
    for (const { op } of operations(doc).filter((o) => o.method === "get"))
      expect(op.security).toBeUndefined();
  });
});

/** The address of a documented GET, its parameters filled with their examples. */
function exampleUrl(path: string, op: Doc, values: Record<string, unknown>) {
  const query = new URLSearchParams();
  let url = path;
  for (const p of (op.parameters ?? []) as Parameter[]) {
    if (p.in === "path")
      url = url.replace(`{${p.name}}`, String(values[p.name] ?? p.schema?.example));
    else if (p.in === "query" && p.name === "limit") query.set("limit", "1000");
    else if (p.in === "query" && p.required) query.set(p.name, String(p.schema?.example));
  }
  return `/api/v1${url}${query.size ? `?${query}` : ""}`;
}

describeEachBackend("every documented GET on the demo data", (t) => {
  it("answers 200 with a body that its declared response schema accepts", async () => {
    const { doc } = await documentOf();
    // The demo has no published letter or town meeting: one of each, through the actions.
    const values = await publishVoices(t.database.db);
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    // A CommonJS module: its default export is the plugin itself.
    (formats as unknown as FormatsPlugin)(ajv);
    const gets = operations(doc).filter((o) => o.method === "get");
    expect(gets.length).toBeGreaterThanOrEqual(13);
    for (const { path, op } of gets) {
      const url = exampleUrl(path, op, values);
      const res = await t.get(url);
      expect(res.status, url).toBe(200);
      const schema = op.responses["200"].content["application/json"].schema;
      const validate = ajv.compile({ ...schema, components: doc.components });
      const body: Doc = await res.json();
      expect(validate(body) ? [] : validate.errors, url).toEqual([]);
      // The schema is really applied: a body of the wrong shape fails it.
      expect(validate(Array.isArray(body) ? {} : { ...body, [Object.keys(body)[0]!]: [[]] })).toBe(
        false,
      );
      // The national tables are imported by whoever runs the site (shisaku national import): the
      // demo has the shared indicators' catalogue but none of their values.
      const imported = url.startsWith("/api/v1/shared-indicators/");
      if ("items" in body && !imported)
        expect(body.items.length, `${url}: the demo has some`).toBeGreaterThan(0);
    }
  });
});
