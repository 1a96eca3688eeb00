/**
 * Per-token limits on the API's writes: at most `max` writes per token in each window of
 * `windowSeconds` (by default 60 a minute, `SHISAKU_API_WRITES_PER_MINUTE`), counted in the
 * database (`api_write_counts`) so that every process shares the count and a restart keeps it.
 * Past the limit the answer is 429 with `Retry-After` (the seconds until the next window).
 * Mounted after the token check, so only real tokens are counted. (core/http/shared-limit.ts
 * counts the public letter form's failures in the same table, under keys of their own.)
 */
import { createHash } from "node:crypto";
import { and, like, lt, notLike, sql } from "drizzle-orm";
import type { Context, MiddlewareHandler } from "hono";
import { apiWriteCounts } from "../api-write-limits-schema.ts";
import type { Db, Tx } from "../db/client.ts";
import { withTenant } from "../db/tenant.ts";
import { AppError } from "../errors.ts";

export interface WriteLimitOptions {
  max?: number;
  windowSeconds?: number;
  now?: () => Date;
}

const FORGET_AFTER_MS = 60 * 60 * 1000;

export const writesPerMinute = () => {
  const n = Number(process.env.SHISAKU_API_WRITES_PER_MINUTE || 60);
  return Number.isInteger(n) && n > 0 ? n : 60;
};

/**
 * Adds one to the count of `hash` in the window that starts at `windowStart` and gives the new
 * count; a window's first count forgets the windows of the same kind (the API tokens' when `kind`
 * is null, else the keys `kind:…`) that started before `forgetBefore`.
 */
export function countInWindow(
  db: Db,
  mc: string,
  hash: string,
  windowStart: Date,
  forget: { forgetBefore: Date; kind: string | null },
): Promise<number> {
  return withTenant(db, mc, (tx) => countInWindowIn(tx, mc, hash, windowStart, forget));
}

/** countInWindow inside a transaction of the caller's (bound to the municipality). */
export async function countInWindowIn(
  tx: Tx,
  mc: string,
  hash: string,
  windowStart: Date,
  forget: { forgetBefore: Date; kind: string | null },
): Promise<number> {
  const [row] = await tx
    .insert(apiWriteCounts)
    .values({ municipalityCode: mc, tokenHash: hash, windowStart, writes: 1 })
    .onConflictDoUpdate({
      target: [
        apiWriteCounts.municipalityCode,
        apiWriteCounts.tokenHash,
        apiWriteCounts.windowStart,
      ],
      set: { writes: sql`${apiWriteCounts.writes} + 1` },
    })
    .returning({ writes: apiWriteCounts.writes });
  if (row!.writes === 1)
    await tx
      .delete(apiWriteCounts)
      .where(
        and(
          lt(apiWriteCounts.windowStart, forget.forgetBefore),
          forget.kind === null
            ? notLike(apiWriteCounts.tokenHash, "%:%")
            : like(apiWriteCounts.tokenHash, `${forget.kind}:%`),
        ),
      );
  return row!.writes;
}

/**
 * One write of a request's bearer token, to be counted: `count` adds it (in whatever
 * transaction the caller has open, see accounts' bearerToken) and gives the window's count;
 * past the limit, the request is refused with 429 and Retry-After.
 */
export interface WriteToCount {
  count(tx: Tx): Promise<number>;
  /** Throws the 429 when `writes` is past the limit. */
  check(c: Context, writes: number): void;
}

/** The write of this request to count, or undefined for a read (GET, HEAD). */
export function writeToCount(
  c: Context,
  options: WriteLimitOptions = {},
): WriteToCount | undefined {
  if (c.req.method === "GET" || c.req.method === "HEAD") return undefined;
  const windowMs = (options.windowSeconds ?? 60) * 1000;
  const max = options.max ?? writesPerMinute();
  const token = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1] ?? "";
  const tokenHash = createHash("sha256").update(token).digest("hex");
  const at = (options.now?.() ?? new Date()).getTime();
  const windowStart = new Date(at - (at % windowMs));
  const mc = c.req.param("code")!;
  return {
    count: (tx) =>
      countInWindowIn(tx, mc, tokenHash, windowStart, {
        forgetBefore: new Date(at - FORGET_AFTER_MS),
        kind: null,
      }),
    check(c, writes) {
      if (writes <= max) return;
      const seconds = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - at) / 1000));
      c.header("Retry-After", String(seconds));
      throw new AppError(
        "too_many_requests",
        `このAPIトークンでの書き込みが多すぎます（${windowMs / 1000}秒に${max}件まで）。${seconds}秒後に再送してください`,
      );
    },
  };
}

/** Counts this write of the request's bearer token; refuses it past the limit. */
export function writeLimit(db: Db, options: WriteLimitOptions = {}): MiddlewareHandler {
  return async function writeLimit(c, next) {
    const write = writeToCount(c, options);
    if (write) write.check(c, await withTenant(db, c.req.param("code")!, write.count));
    await next();
  };
}
