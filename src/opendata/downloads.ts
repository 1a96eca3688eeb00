/**
 * Download counts per resource and month (Japan time), shown on the dataset's public and staff
 * pages. Counted after the answer is made, never in its way: every public download of a resource
 * (`/{code}/opendata/{dataset}/{resource}/{csv|csv-sjis|xlsx|json}`, any version, and a version's
 * file as uploaded) that was answered 200 — from the page cache too, which answers before the
 * routes — is one; a HEAD, an error, a staff page and a revalidation answered 304 (there is none
 * on these addresses today: they carry no validators) are none. Nothing about who downloaded
 * is kept.
 *
 * Counts are kept in memory per (resource, month) and written in batches: a second after the
 * first count not yet written, one statement per municipality on the primary, and at a graceful
 * shutdown (`flushDownloads`, src/main.ts) before the database closes. Reads of the counts add
 * the ones not yet written. A crash (or a kill -9, a power loss) loses the downloads of at most
 * that last second; a batch that cannot be written is logged and dropped, never the download's
 * failure (README, Open data).
 */
import { and, eq, gte, inArray, sql } from "drizzle-orm";
import type { MiddlewareHandler } from "hono";
import type { Db } from "../core/db/client.ts";
import { recordsOf } from "../core/db/json-rows.ts";
import { onPrimary } from "../core/db/replica.ts";
import { withTenant } from "../core/db/tenant.ts";
import { dayInJapan } from "../core/fiscal-year.ts";
import { publishedDataset } from "./published.ts";
import { opendataDownloads } from "./schema.ts";

const DOWNLOAD =
  /^\/(\d{6})\/opendata\/([a-z0-9-]+)\/([a-z0-9-]+)\/(?:csv-sjis|csv|xlsx|json|versions\/\d+\/original)$/;

/** The resource a download's address names, or undefined for any other address. Pure. */
export function downloadAddress(pathname: string) {
  const m = DOWNLOAD.exec(pathname);
  return m ? { code: m[1]!, dataset: m[2]!, resource: m[3]! } : undefined;
}

/** Whether an answer is a download to count: a GET answered 200. Pure. */
export const counts = (method: string, status: number) => method === "GET" && status === 200;

/** Months of download counts on a dataset's pages. */
export const COUNTED_MONTHS = 6;

/** The month (`YYYY-MM`) of an instant in Japan. Pure. */
export const monthInJapan = (at: Date) => dayInJapan(at).slice(0, 7);

/** The `n` months up to the one of `at` (Japan time), the latest first. Pure. */
export function recentMonths(at: Date, n: number) {
  const [y, m] = monthInJapan(at).split("-").map(Number) as [number, number];
  return Array.from({ length: n }, (_, i) => {
    const k = y * 12 + (m - 1) - i;
    return `${Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, "0")}`;
  });
}

/** How long a count waits in memory before its batch is written. */
export const FLUSH_AFTER_MS = 1000;

/** The counts of one database not yet written: municipality → "uuid month" → downloads. */
interface Tally {
  pending: Map<string, Map<string, number>>;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** The batch being written, if any (a flush waits for it). */
  writing: Promise<void>;
}

const tallies = new WeakMap<Db, Tally>();

const tallyOf = (db: Db) => {
  let t = tallies.get(db);
  if (!t) {
    t = { pending: new Map(), timer: undefined, writing: Promise.resolve() };
    tallies.set(db, t);
  }
  return t;
};

/**
 * Adds one download of a resource (by its identifier) in the month of `at`: in memory, written
 * with the next batch (FLUSH_AFTER_MS, or `flushDownloads`).
 */
export function recordDownload(db: Db, mc: string, resourceUuid: string, at = new Date()) {
  const t = tallyOf(db);
  const of = t.pending.get(mc) ?? new Map<string, number>();
  const key = `${resourceUuid} ${monthInJapan(at)}`;
  of.set(key, (of.get(key) ?? 0) + 1);
  t.pending.set(mc, of);
  if (!t.timer) {
    t.timer = setTimeout(() => {
      t.timer = undefined;
      void flushDownloads(db);
    }, FLUSH_AFTER_MS);
    t.timer.unref?.();
  }
}

/**
 * Writes every count of `db` held in memory (after the batch being written, if any): one
 * statement per municipality, on the primary. A batch that fails is logged and dropped.
 */
export function flushDownloads(db: Db): Promise<void> {
  const t = tallyOf(db);
  if (t.timer) {
    clearTimeout(t.timer);
    t.timer = undefined;
  }
  const batch = t.pending;
  t.pending = new Map();
  t.writing = t.writing.then(() => writeBatch(db, batch));
  return t.writing;
}

async function writeBatch(db: Db, batch: Map<string, Map<string, number>>) {
  for (const [mc, of] of batch) {
    const rows = [...of].map(([key, count]) => {
      const [resource_uuid, month] = key.split(" ") as [string, string];
      return { resource_uuid, month, count };
    });
    try {
      await onPrimary(() =>
        withTenant(db, mc, (tx) =>
          tx.execute(sql`
            insert into opendata_downloads (municipality_code, resource_uuid, month, count)
            select ${mc}, resource_uuid, month, count
              from ${recordsOf(rows, { resource_uuid: "uuid", month: "text", count: "integer" })}
            on conflict (municipality_code, resource_uuid, month)
            do update set count = opendata_downloads.count + excluded.count`),
        ),
      );
    } catch (e) {
      const n = rows.reduce((sum, r) => sum + r.count, 0);
      console.error(
        `ダウンロード数を記録できませんでした（${mc}、${n}件）/ a download was not counted (${n} of ${mc}): ${(e as Error).message}`,
      );
    }
  }
}

/** Counts per resource identifier and month (from `since`, `YYYY-MM`, when given). */
export type DownloadCounts = Map<string, Map<string, number>>;

export async function downloadCounts(
  db: Db,
  mc: string,
  resourceUuids: readonly string[],
  since?: string,
): Promise<DownloadCounts> {
  const out: DownloadCounts = new Map();
  if (resourceUuids.length === 0) return out;
  const rows = await withTenant(db, mc, (tx) =>
    tx
      .select({
        resource: opendataDownloads.resourceUuid,
        month: opendataDownloads.month,
        count: opendataDownloads.count,
      })
      .from(opendataDownloads)
      .where(
        and(
          eq(opendataDownloads.municipalityCode, mc),
          inArray(opendataDownloads.resourceUuid, [...resourceUuids]),
          since ? gte(opendataDownloads.month, since) : undefined,
        ),
      ),
  );
  const add = (resource: string, month: string, count: number) => {
    const of = out.get(resource) ?? new Map<string, number>();
    of.set(month, (of.get(month) ?? 0) + count);
    out.set(resource, of);
  };
  for (const r of rows) add(r.resource, r.month, r.count);
  // The downloads counted by this process and not yet written.
  const wanted = new Set(resourceUuids);
  for (const [key, count] of tallies.get(db)?.pending.get(mc) ?? []) {
    const [resource, month] = key.split(" ") as [string, string];
    if (wanted.has(resource) && (!since || month >= since)) add(resource, month, count);
  }
  return out;
}

/** Counts a public download of a published resource (unknown ones are not counted). */
async function countDownload(db: Db, at: NonNullable<ReturnType<typeof downloadAddress>>) {
  const d = await publishedDataset(db, at.code, at.dataset);
  const r = d?.resources.find((x) => x.slug === at.resource);
  if (r) recordDownload(db, at.code, r.uuid);
}

/**
 * Counts the public downloads; placed before the page cache so that its answers count too.
 * The answer goes out without waiting for the count.
 */
export function downloadCounter(db: Db): MiddlewareHandler {
  return async function downloadCounter(c, next) {
    await next();
    if (!counts(c.req.method, c.res.status)) return;
    const at = downloadAddress(new URL(c.req.url).pathname);
    if (!at) return;
    countDownload(db, at).catch((e: unknown) =>
      console.error(
        `ダウンロード数を記録できませんでした（${at.code}/${at.dataset}/${at.resource}）/ a download was not counted: ${(e as Error).message}`,
      ),
    );
  };
}
