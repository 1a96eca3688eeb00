/**
 * The web's conventions for reusing the API's public data (everything under /api/v1):
 * - conditional GET: `ETag` from the answer's bytes (the same in every process and after a
 *   restart, so a client or CDN keeps its copy across the workers of `SHISAKU_WORKERS`), and
 *   `Last-Modified` from the data version of the municipality the address names (core/changes.ts,
 *   as the page cache uses it); answered 304 when unchanged, without building the answer again
 *   while the version is the one the tag was made for;
 * - `Cache-Control: public` with a short lifetime on public reads, `private, no-store` on writes
 *   and on every request that carries a token;
 * - CORS open to every site for reads, and for nothing else (a write's preflight is refused);
 * - on a paged list (`{items, total}`): `Link` with rel="next", "prev", "first", "last", and CSV
 *   instead of JSON for `Accept: text/csv` or an address ending in `.csv` (see `apiPath`).
 */
import { createHash } from "node:crypto";
import type { Context, MiddlewareHandler } from "hono";
import { accepts } from "hono/accepts";
import { cors } from "hono/cors";
import { getPath } from "hono/utils/url";
import { LRUCache } from "lru-cache";
import { csvResponse, toCsv } from "../csv.ts";
import type { Db } from "../db/client.ts";
import { API_PREFIX } from "./openapi.ts";
import { topicsOf, versionKeyOf, versionOf } from "./page-cache.ts";

export const PUBLIC_CACHE = "public, max-age=60, s-maxage=60";
export const PRIVATE_CACHE = "private, no-store";

const READS = ["GET", "HEAD"];
const CSV_SUFFIX = ".csv";
const JSON_SUFFIX = ".json";
const MUNICIPALITIES = `${API_PREFIX}/municipalities/`;

/**
 * The path the router sees (Hono's `getPath`): `/api/v1/…/indicators.csv` routes as
 * `/api/v1/…/indicators`; the CSV is asked for by the address, which keeps its suffix. A
 * municipality's reads also answer with `.json` (`/api/v1/municipalities/082058/indicators.json`):
 * the names a static export of the portal gives them (`shisaku site export`), so that the same
 * address works on the server and on a copy served as files.
 */
export function apiPath(request: Request) {
  const path = getPath(request);
  if (!path.startsWith(`${API_PREFIX}/`)) return path;
  if (path.endsWith(CSV_SUFFIX)) return path.slice(0, -CSV_SUFFIX.length);
  const read = request.method === "GET" || request.method === "HEAD";
  if (read && path.startsWith(MUNICIPALITIES) && path.endsWith(JSON_SUFFIX))
    return path.slice(0, -JSON_SUFFIX.length);
  return path;
}

/**
 * The entity tag of an answer: a digest of its bytes, so that two processes (or one after a
 * restart) give the same data the same tag — a data version only means something in its process.
 */
export const entityTag = (body: ArrayBuffer) =>
  `W/"${createHash("sha256").update(new Uint8Array(body)).digest("base64url").slice(0, 27)}"`;

const wantsCsv = (c: Context) =>
  new URL(c.req.url).pathname.endsWith(CSV_SUFFIX) ||
  accepts(c, {
    header: "Accept",
    supports: ["application/json", "text/csv"],
    default: "application/json",
  }) === "text/csv";

/** Reads open to every site (open data); writes to none. */
export function apiCors(): MiddlewareHandler {
  const open = cors({
    origin: "*",
    allowMethods: ["GET", "HEAD", "OPTIONS"],
    allowHeaders: ["Accept", "If-None-Match", "If-Modified-Since"],
    exposeHeaders: ["ETag", "Last-Modified", "Link", "Content-Disposition"],
    maxAge: 86400,
  });
  return async function apiCors(c, next) {
    const method = c.req.method;
    const preflightOfWrite =
      method === "OPTIONS" &&
      !READS.includes(c.req.header("access-control-request-method")?.toUpperCase() ?? "GET");
    if (preflightOfWrite) return c.body(null, 204, { Allow: "GET, HEAD, OPTIONS" });
    if (READS.includes(method) || method === "OPTIONS") return open(c, next);
    await next();
  };
}

export function apiCaching(db: Db): MiddlewareHandler {
  // When this process first saw each version: the time its data last changed, at the latest.
  const seen = new Map<string, { version: number; at: number }>();
  const since = (key: string, version: number) => {
    const s = seen.get(key);
    if (s && s.version === version) return s.at;
    // Seconds, as the header has them: never later than a response that carries the version.
    const at = Math.floor(Date.now() / 1000) * 1000;
    seen.set(key, { version, at });
    return at;
  };
  // The tag each address (and form: JSON or CSV) last answered with, and the version it showed.
  const tags = new LRUCache<string, { version: number; etag: string }>({ max: 20_000 });
  return async function apiCaching(c, next) {
    if (!READS.includes(c.req.method) || c.req.header("authorization")) {
      await next();
      c.res.headers.set("Cache-Control", PRIVATE_CACHE);
      return;
    }
    const url = new URL(c.req.url);
    const csv = wantsCsv(c);
    // Per municipality and the topics the address shows (they have versions of their own).
    const topics = topicsOf(url.pathname)?.join("+");
    const key = `${versionKeyOf(url.pathname)} ${topics ?? ""}`;
    const version = versionOf(db, url.pathname);
    const lastModified = since(key, version);
    const validators = (etag: string) => ({
      ETag: etag,
      "Last-Modified": new Date(lastModified).toUTCString(),
      "Cache-Control": PUBLIC_CACHE,
      Vary: "Accept",
    });
    const tagKey = `${url.pathname}${url.search}${csv ? " csv" : ""}`;
    const known = tags.get(tagKey);
    if (known?.version === version && notModified(c, known.etag, lastModified))
      return c.body(null, 304, validators(known.etag));

    await next();
    if (c.res.status !== 200) {
      c.res.headers.set("Cache-Control", "no-store");
      return;
    }
    const list = await pagedList(c.res, csv);
    if (csv && !list) {
      if (url.pathname.endsWith(CSV_SUFFIX))
        c.res = c.json(
          {
            error: {
              code: "not_found",
              message: `CSV は一覧（{items, total}）だけにあります: ${url.pathname}`,
              details: [],
            },
          },
          404,
        );
      return;
    }
    if (list) {
      const links = linksOf(url, list.total);
      if (links) c.res.headers.set("Link", links);
      if (csv) c.res = listCsv(url.pathname, list.items);
    }
    const etag = entityTag(await c.res.clone().arrayBuffer());
    tags.set(tagKey, { version, etag });
    if (notModified(c, etag, lastModified)) {
      const headers = new Headers(c.res.headers);
      for (const [name, value] of Object.entries(validators(etag))) headers.set(name, value);
      headers.delete("content-length");
      headers.delete("content-type");
      c.res = new Response(null, { status: 304, headers });
      return;
    }
    for (const [name, value] of Object.entries(validators(etag))) c.res.headers.set(name, value);
  };
}

function notModified(c: Context, etag: string, lastModified: number) {
  const match = c.req.header("if-none-match");
  if (match !== undefined) {
    const weak = (tag: string) => tag.trim().replace(/^W\//, "");
    return match.split(",").some((tag) => tag.trim() === "*" || weak(tag) === weak(etag));
  }
  const ims = Date.parse(c.req.header("if-modified-since") ?? "");
  return !Number.isNaN(ims) && lastModified <= ims;
}

type Item = Record<string, unknown>;

const LIST_TAIL = /,"total":(\d+)}$/;

/**
 * A JSON answer of the shape {items, total} (as `page()` in core/http/api.ts writes it: items
 * first, total last), or null. Its items are parsed only when they are needed (for CSV).
 */
async function pagedList(res: Response, withItems: boolean) {
  if (!res.headers.get("content-type")?.startsWith("application/json")) return null;
  const text = await res.clone().text();
  const total = text.startsWith('{"items":[') ? LIST_TAIL.exec(text)?.[1] : undefined;
  if (total === undefined) return null;
  const items: Item[] = withItems ? (JSON.parse(text) as { items: Item[] }).items : [];
  return { items, total: Number(total) };
}

/** RFC 8288 links to the other pages, relative to the request (as any proxy serves it). */
export function linksOf(url: URL, total: number) {
  const limit = Number(url.searchParams.get("limit") ?? 100);
  const offset = Number(url.searchParams.get("offset") ?? 0);
  const to = (rel: string, at: number) => {
    const q = new URLSearchParams(url.searchParams);
    q.set("limit", String(limit));
    q.set("offset", String(at));
    return `<${url.pathname}?${q}>; rel="${rel}"`;
  };
  const last = total === 0 ? 0 : Math.floor((total - 1) / limit) * limit;
  const links = [to("first", 0)];
  if (offset > 0) links.push(to("prev", Math.max(0, offset - limit)));
  if (offset + limit < total) links.push(to("next", offset + limit));
  links.push(to("last", last));
  return links.join(", ");
}

/** Nested objects as dotted columns (`baseline.value`), arrays as JSON text. */
function flatten(value: unknown, prefix: string, into: Item) {
  if (value !== null && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, into);
  } else {
    into[prefix] = Array.isArray(value) ? JSON.stringify(value) : value;
  }
  return into;
}

/** One page of a list as CSV (UTF-8 with BOM): one row per item, one column per field. */
function listCsv(pathname: string, items: Item[]) {
  const rows = items.map((item) => flatten(item, "", {}));
  const header = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const cell = (v: unknown) =>
    v === undefined || v === null ? null : typeof v === "number" ? v : String(v);
  const text = toCsv(
    header,
    rows.map((r) => header.map((h) => cell(r[h]))),
  );
  const name = pathname
    .slice(`${API_PREFIX}/`.length)
    .replace(/\.csv$/, "")
    .replace(/^municipalities\//, "")
    .replaceAll("/", "-");
  return csvResponse(text, `${name}.csv`);
}
