import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import {
  type ApiDeprecation,
  apiDeprecations,
  deprecationHeaders,
  markDeprecated,
} from "./deprecation.ts";

const OLD: ApiDeprecation = {
  method: "get",
  path: "/municipalities/{code}/old-things",
  deprecated: "2027-04-01",
  sunset: "2028-04-01",
  successor: "/municipalities/{code}/things",
};

describe("a deprecated operation of the API", () => {
  it("answers with the day it was deprecated, its sunset and its successor (RFC 9745, RFC 8594)", () => {
    const h = deprecationHeaders(OLD, "/api/v1");
    expect(h.Deprecation).toBe(`@${Date.UTC(2027, 3, 1) / 1000}`);
    expect(h.Sunset).toBe("Sat, 01 Apr 2028 00:00:00 GMT");
    expect(h.Link).toBe(
      '</api/v1/municipalities/{code}/things>; rel="successor-version", </api/v1/openapi.json>; rel="deprecation"; type="application/json"',
    );
    expect(deprecationHeaders({ ...OLD, sunset: undefined }, "/api/v1")).not.toHaveProperty(
      "Sunset",
    );
  });

  it("adds the headers to that operation only, keeping a list's own Link", async () => {
    const app = new Hono();
    app.use("*", apiDeprecations("/api/v1", [OLD]));
    app.get("/api/v1/municipalities/:code/old-things", (c) =>
      c.json({ items: [] }, 200, {
        Link: '</api/v1/municipalities/082058/old-things?offset=100>; rel="next"',
      }),
    );
    app.get("/api/v1/municipalities/:code/things", (c) => c.json({ items: [] }));
    const old = await app.request("/api/v1/municipalities/082058/old-things.csv");
    expect(old.status).toBe(404); // the suffix is the API's own concern; the path is matched without it
    const res = await app.request("/api/v1/municipalities/082058/old-things");
    expect(res.headers.get("deprecation")).toBe(`@${Date.UTC(2027, 3, 1) / 1000}`);
    expect(res.headers.get("sunset")).toBe("Sat, 01 Apr 2028 00:00:00 GMT");
    expect(res.headers.get("link")).toMatch(
      /rel="next", <\/api\/v1\/municipalities\/082058\/things>; rel="successor-version"/,
    );
    const now = await app.request("/api/v1/municipalities/082058/things");
    expect(now.headers.get("deprecation")).toBeNull();
    const write = await app.request("/api/v1/municipalities/082058/old-things", { method: "POST" });
    expect(write.headers.get("deprecation")).toBeNull();
  });

  it("is marked deprecated in the document, with the dates in words, and must be there", () => {
    const paths = { "/municipalities/{code}/old-things": { get: { description: "古い一覧" } } };
    markDeprecated(paths, [OLD]);
    const op = paths["/municipalities/{code}/old-things"].get as {
      deprecated?: boolean;
      description: string;
    };
    expect(op.deprecated).toBe(true);
    expect(op.description).toBe(
      "2027-04-01 に非推奨になりました。2028-04-01 以降は応答しないことがあります。代わりに /municipalities/{code}/things を使ってください。\n\n古い一覧",
    );
    expect(() => markDeprecated({}, [OLD])).toThrow("get /municipalities/{code}/old-things");
  });
});
