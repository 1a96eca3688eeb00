/**
 * Keeps rendered public responses (pages, CSV, JSON) in memory until the data they show changes:
 * each entry remembers the data version of its municipality (see core/changes.ts). Requests
 * that carry credentials are never cached, so staff pages stay personal, and neither is an
 * answer its route marked `no-store` or that sets a cookie (a letter's status page, whose address
 * is the writer's secret, stays out of memory).
 */
import type { MiddlewareHandler } from "hono";
import { LRUCache } from "lru-cache";
import { ANY, feedOf, type Topic } from "../changes.ts";
import type { Db } from "../db/client.ts";

interface Entry {
  version: number;
  status: number;
  headers: [string, string][];
  body: ArrayBuffer;
}

const TENANT = /^\/(?:api\/v1\/municipalities\/)?(\d{6})(?:\/|\.|$)/;
const CACHEABLE = /^(text\/html|text\/csv|application\/json)/;

/**
 * The indicator registry's lists (page, CSV, API list and API record): they show the registry
 * alone, so changes of other topics (a letter, a proposal) leave them cached.
 */
const REGISTRY =
  /^\/(?:\d{6}\/indicators(?:\.csv)?|api\/v1\/municipalities\/\d{6}\/indicators(?:\.csv|\/[^/]+)?)$/;
const REGISTRY_TOPICS: readonly Topic[] = ["indicators"];

/** The key of the data version an address shows: its municipality's, or that of all of them. */
export const versionKeyOf = (pathname: string) => TENANT.exec(pathname)?.[1] ?? ANY;

/** The topics an address shows (see core/changes.ts); none: everything of its municipality. */
export const topicsOf = (pathname: string) =>
  REGISTRY.test(pathname) ? REGISTRY_TOPICS : undefined;

/** The data version an address shows. */
export const versionOf = (db: Db, pathname: string) =>
  feedOf(db).version(versionKeyOf(pathname), topicsOf(pathname));

/** How many addresses that vary by Accept are remembered (then forgotten all at once). */
const MAX_VARYING = 10_000;

export function pageCache(db: Db, options: { maxBytes?: number } = {}): MiddlewareHandler {
  const cache = new LRUCache<string, Entry>({
    maxSize: options.maxBytes ?? 64 * 1024 * 1024,
    sizeCalculation: (e) => e.body.byteLength + 256,
  });
  const varying = new Set<string>();
  return async function pageCache(c, next) {
    if (c.req.method !== "GET" || c.req.header("authorization") || c.req.header("cookie"))
      return next();
    const url = new URL(c.req.url);
    const address = url.pathname + url.search;
    // An address whose answers vary by Accept (the open-data pages: HTML, Turtle or JSON-LD) is
    // kept once per Accept header; the others once. Each origin apart: some answers name the
    // host they were asked on (the CKAN API's help address, download URLs).
    const keyOf = (byAccept: boolean) =>
      `${url.origin}\n${byAccept ? `${address}\n${c.req.header("accept") ?? ""}` : address}`;
    const key = keyOf(varying.has(address));
    const version = versionOf(db, url.pathname);
    const hit = cache.get(key);
    if (hit && hit.version === version) {
      return new Response(hit.body, {
        status: hit.status,
        headers: [...hit.headers, ["x-cache", "hit"]],
      });
    }
    await next();
    const type = c.res.headers.get("content-type") ?? "";
    if (c.res.status !== 200 || !CACHEABLE.test(type)) return;
    if (c.res.headers.get("cache-control")?.includes("no-store")) return;
    if (c.res.headers.has("set-cookie")) return;
    const body = await c.res.clone().arrayBuffer();
    const vary = /(^|,)\s*accept\s*(,|$)/i.test(c.res.headers.get("vary") ?? "");
    if (vary && !varying.has(address)) {
      if (varying.size >= MAX_VARYING) varying.clear();
      varying.add(address);
    }
    cache.set(keyOf(vary), { version, status: c.res.status, headers: [...c.res.headers], body });
  };
}
