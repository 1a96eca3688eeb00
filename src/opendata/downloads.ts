/**
 * Download counts per resource and month (Japan time), shown on the dataset's public and staff
 * pages. Counted after the answer is made, never in its way: every public download of a resource
 * (`/{code}/opendata/{dataset}/{resource}/{csv|csv-sjis|xlsx|json}`, any version, and a version's
 * file as uploaded) that was answered 200 — from the page cache too, which answers before the
 * routes — is one; a HEAD, an error, a staff page and a revalidation answered 304 (there is none
 * on these addresses today: they carry no validators) are none. The count is written
 * without being waited for, and a failure to write it is logged, never the download's failure.
 * Nothing about who downloaded is kept.
 */
import { and, eq, gte, inArray, sql } from "drizzle-orm";
import type { MiddlewareHandler } from "hono";
import type { Db } from "../core/db/client.ts";
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

/** Adds one download of a resource (by its identifier) in the month of `at`. */
export function recordDownload(db: Db, mc: string, resourceUuid: string, at = new Date()) {
  return onPrimary(() =>
    withTenant(db, mc, (tx) =>
      tx
        .insert(opendataDownloads)
        .values({ municipalityCode: mc, resourceUuid, month: monthInJapan(at), count: 1 })
        .onConflictDoUpdate({
          target: [
            opendataDownloads.municipalityCode,
            opendataDownloads.resourceUuid,
            opendataDownloads.month,
          ],
          set: { count: sql`${opendataDownloads.count} + 1` },
        }),
    ),
  );
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
  for (const r of rows) {
    const of = out.get(r.resource) ?? new Map<string, number>();
    of.set(r.month, r.count);
    out.set(r.resource, of);
  }
  return out;
}

/** Counts a public download of a published resource (unknown ones are not counted). */
async function countDownload(db: Db, at: NonNullable<ReturnType<typeof downloadAddress>>) {
  const d = await publishedDataset(db, at.code, at.dataset);
  const r = d?.resources.find((x) => x.slug === at.resource);
  if (r) await recordDownload(db, at.code, r.uuid);
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
