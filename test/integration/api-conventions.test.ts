/**
 * The web's conventions on the API: conditional GET (ETag, Last-Modified, 304) until the data
 * changes, Cache-Control public for public reads and private for tokens, CORS open for reads and
 * closed for writes, Link headers on paged lists, and CSV for every paged list.
 */
import { parse } from "csv-parse/sync";
import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { createTokenFor } from "../../src/accounts/tokens.ts";
import { createApp } from "../../src/app.tsx";
import { CLI_ACTOR } from "../../src/core/audit.ts";
import { changed } from "../../src/core/changes.ts";
import { describeEachBackend } from "../support/app.ts";
import { DEMO } from "../support/staff.ts";

const MC = "082058";
const API = `/api/v1/municipalities/${MC}`;
const PAGED = ["", "/plans", "/initiatives", "/indicators", "/programs", "/letters", "/meetings"];

describeEachBackend("the API's web conventions", (t) => {
  let token: string;
  beforeAll(async () => {
    const who = { email: DEMO.editor.email, label: "規約" };
    token = (await createTokenFor(t.database.db, MC, who, CLI_ACTOR)).token;
  });

  it("answers a conditional GET with 304 until the municipality's data changes", async () => {
    const first = await t.get(`${API}/indicators?limit=5`);
    const etag = first.headers.get("etag")!;
    const lastModified = first.headers.get("last-modified")!;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(new Date(lastModified).getTime()).not.toBeNaN();
    expect(first.headers.get("cache-control")).toBe("public, max-age=60, s-maxage=60");

    const again = await t.get(`${API}/indicators?limit=5`, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    expect(again.headers.get("etag")).toBe(etag);
    const since = await t.get(`${API}/indicators?limit=5`, {
      headers: { "if-modified-since": lastModified },
    });
    expect(since.status).toBe(304);

    // Another municipality's change leaves it valid; so does a change of its own that leaves
    // these five as they were: the tag is made from the answer, the same in any process.
    changed(t.database.db, ["082015"]);
    const other = await t.get(`${API}/indicators?limit=5`, { headers: { "if-none-match": etag } });
    expect(other.status).toBe(304);
    changed(t.database.db, [MC]);
    const same = await t.get(`${API}/indicators?limit=5`, { headers: { "if-none-match": etag } });
    expect(same.status).toBe(304);
    expect(same.headers.get("etag")).toBe(etag);

    // A change that shows gives another tag.
    const shown = ((await first.json()) as { items: { code: string; name: string }[] }).items[0]!;
    const rename = (to: string) =>
      t.database.db.execute(
        sql`update indicators set name = ${to} where municipality_code = ${MC} and code = ${shown.code}`,
      );
    const name = shown.name;
    await rename(`${name}（改）`);
    changed(t.database.db, [MC]);
    try {
      const after = await t.get(`${API}/indicators?limit=5`, {
        headers: { "if-none-match": etag },
      });
      expect(after.status).toBe(200);
      expect(after.headers.get("etag")).not.toBe(etag);
      expect(((await after.json()) as { items: unknown[] }).items).toHaveLength(5);
    } finally {
      await rename(name);
      changed(t.database.db, [MC]);
    }
    const back = await t.get(`${API}/indicators?limit=5`, { headers: { "if-none-match": etag } });
    expect(back.status).toBe(304);
  });

  it("gives the same answer the same tag in another process, so workers and restarts keep a copy valid", async () => {
    const first = await t.get(`${API}/indicators?limit=5`);
    const etag = first.headers.get("etag")!;
    // Another server on the same database, as a second worker or a restarted process is.
    const another = createApp({ db: t.database.db });
    const there = await another.request(`${API}/indicators?limit=5`, {
      headers: { "if-none-match": etag },
    });
    expect(there.status).toBe(304);
    expect(there.headers.get("etag")).toBe(etag);
    const csv = await another.request(`${API}/indicators.csv?limit=5`);
    expect(csv.headers.get("etag")).not.toBe(etag);
  });

  it("never caches what a token asks or writes, nor errors", async () => {
    const put = await t.get(`${API}/indicators/GZ-1-O1/actuals/2024`, {
      method: "PUT",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ value: 12 }),
    });
    expect(put.status).toBe(200);
    expect(put.headers.get("cache-control")).toBe("private, no-store");
    expect(put.headers.get("etag")).toBeNull();
    const refused = await t.get(`${API}/indicators/GZ-1-O1/actuals/2024`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ value: 12 }),
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("cache-control")).toBe("private, no-store");
    const withToken = await t.get(`${API}/indicators?limit=1`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(withToken.headers.get("cache-control")).toBe("private, no-store");
    const missing = await t.get(`${API}/indicators/NONE`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("cache-control")).toBe("no-store");
  });

  it("lets any site read (CORS) and none write", async () => {
    const read = await t.get(`${API}/programs?limit=1`, {
      headers: { origin: "https://opendata.example" },
    });
    expect(read.headers.get("access-control-allow-origin")).toBe("*");
    expect(read.headers.get("access-control-expose-headers")).toContain("ETag");
    const preflightRead = await t.get(`${API}/programs`, {
      method: "OPTIONS",
      headers: {
        origin: "https://opendata.example",
        "access-control-request-method": "GET",
        "access-control-request-headers": "if-none-match",
      },
    });
    expect(preflightRead.status).toBe(204);
    expect(preflightRead.headers.get("access-control-allow-origin")).toBe("*");
    const preflightWrite = await t.get(`${API}/indicators/GZ-1-O1/actuals/2024`, {
      method: "OPTIONS",
      headers: {
        origin: "https://elsewhere.example",
        "access-control-request-method": "PUT",
        "access-control-request-headers": "authorization, content-type",
      },
    });
    expect(preflightWrite.headers.get("access-control-allow-origin")).toBeNull();
    expect(preflightWrite.headers.get("access-control-allow-methods")).toBeNull();
    const write = await t.get(`${API}/indicators/GZ-1-O1/actuals/2024`, {
      method: "PUT",
      headers: {
        origin: "https://elsewhere.example",
        "content-type": "application/json",
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({ value: 13 }),
    });
    expect(write.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("links the pages of a list: first, prev, next, last, keeping the filters", async () => {
    const total = (await t.json(`${API}/indicators?kind=outcome&limit=1`)).body.total;
    expect(total).toBeGreaterThan(6);
    const res = await t.get(`${API}/indicators?kind=outcome&limit=2&offset=2`);
    const links = res.headers.get("link")!;
    const lastOffset = Math.floor((total - 1) / 2) * 2;
    expect(links).toBe(
      [
        `<${API}/indicators?kind=outcome&limit=2&offset=0>; rel="first"`,
        `<${API}/indicators?kind=outcome&limit=2&offset=0>; rel="prev"`,
        `<${API}/indicators?kind=outcome&limit=2&offset=4>; rel="next"`,
        `<${API}/indicators?kind=outcome&limit=2&offset=${lastOffset}>; rel="last"`,
      ].join(", "),
    );
    const first = (await t.get(`${API}/indicators?limit=1000`)).headers.get("link")!;
    expect(first).not.toContain('rel="prev"');
    expect(first).not.toContain('rel="next"');
    expect((await t.get(`${API}/indicators/GZ-2-O1`)).headers.get("link")).toBeNull();
  });

  it("gives every paged list as CSV, by Accept or by .csv, the same rows as the JSON", async () => {
    for (const list of PAGED) {
      const path = list ? `${API}${list}` : "/api/v1/municipalities";
      const json = await t.json(`${path}?limit=3`);
      const byAccept = await t.get(`${path}?limit=3`, { headers: { accept: "text/csv" } });
      const bySuffix = await t.get(`${path}.csv?limit=3`);
      for (const res of [byAccept, bySuffix]) {
        expect(res.status, path).toBe(200);
        expect(res.headers.get("content-type"), path).toBe("text/csv; charset=utf-8");
        expect(res.headers.get("vary"), path).toBe("Accept");
        const bytes = new Uint8Array(await res.arrayBuffer());
        expect([...bytes.slice(0, 3)], `${path}: BOM`).toEqual([0xef, 0xbb, 0xbf]);
        const rows: Record<string, string>[] = parse(Buffer.from(bytes).toString("utf8"), {
          bom: true,
          columns: true,
        });
        expect(rows.length, path).toBe(json.body.items.length);
      }
      // Not the JSON of the same address from the page cache, and a validator of its own.
      expect(byAccept.headers.get("etag")).not.toBe(
        (await t.get(`${path}?limit=3`)).headers.get("etag"),
      );
    }
    const csv = await (await t.get(`${API}/indicators.csv?measure=GZ-2&limit=1`)).text();
    const [row] = parse(csv, { bom: true, columns: true }) as Record<string, string>[];
    expect(row).toMatchObject({ code: "GZ-2-O1", "baseline.value": "-5.76", unit: "%" });
    const one = await t.get(`${API}/indicators/GZ-2-O1.csv`);
    expect(one.status).toBe(404);
    expect(((await one.json()) as { error: { message: string } }).error.message).toContain("一覧");
  });
});

describeEachBackend("a municipality's API reads by their static export's names (.json)", (t) => {
  it("answers /…/indicators.json and /…/indicators/{code}.json with the same bytes as without", async () => {
    for (const path of [API, `${API}/indicators`, `${API}/indicators/GZ-2-O1`, `${API}/programs`]) {
      const plain = await t.text(path);
      const named = await t.get(`${path}.json`);
      expect(named.status, path).toBe(200);
      expect(named.headers.get("content-type"), path).toMatch(/^application\/json/);
      expect(await named.text(), path).toBe(plain.body);
    }
    // Not for writes, and not outside a municipality's data.
    expect((await t.get("/api/v1/municipalities.json")).status).toBe(404);
  });
});
