/**
 * Per-token limits on the API's writes: at most `max` writes per token in each window of
 * `windowSeconds` (by default 60 a minute, `SHISAKU_API_WRITES_PER_MINUTE`), counted in the
 * database (`api_write_counts`) so that every process shares the count and a restart keeps it.
 * Past the limit the answer is 429 with `Retry-After` (the seconds until the next window).
 * Mounted after the token check, so only real tokens are counted. (core/http/shared-limit.ts
 * counts the public letter form's failures in the same table, under keys of their own.)
 */
import { createHash } from "node:crypto";
import { lt, sql } from "drizzle-orm";
import type { MiddlewareHandler } from "hono";
import { apiWriteCounts } from "../api-write-limits-schema.ts";
import type { Db } from "../db/client.ts";
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

/** Counts this write of the request's bearer token; refuses it past the limit. */
export function writeLimit(db: Db, options: WriteLimitOptions = {}): MiddlewareHandler {
  const windowMs = (options.windowSeconds ?? 60) * 1000;
  const now = options.now ?? (() => new Date());
  return async function writeLimit(c, next) {
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    const max = options.max ?? writesPerMinute();
    const token = /^Bearer\s+(\S+)$/i.exec(c.req.header("authorization") ?? "")?.[1] ?? "";
    const tokenHash = createHash("sha256").update(token).digest("hex");
    const at = now().getTime();
    const windowStart = new Date(at - (at % windowMs));
    const mc = c.req.param("code")!;
    const writes = await withTenant(db, mc, async (tx) => {
      const [row] = await tx
        .insert(apiWriteCounts)
        .values({ municipalityCode: mc, tokenHash, windowStart, writes: 1 })
        .onConflictDoUpdate({
          target: [
            apiWriteCounts.municipalityCode,
            apiWriteCounts.tokenHash,
            apiWriteCounts.windowStart,
          ],
          set: { writes: sql`${apiWriteCounts.writes} + 1` },
        })
        .returning({ writes: apiWriteCounts.writes });
      // A new window: the old ones of this municipality are no longer needed.
      if (row!.writes === 1)
        await tx
          .delete(apiWriteCounts)
          .where(lt(apiWriteCounts.windowStart, new Date(at - FORGET_AFTER_MS)));
      return row!.writes;
    });
    if (writes > max) {
      const seconds = Math.max(1, Math.ceil((windowStart.getTime() + windowMs - at) / 1000));
      c.header("Retry-After", String(seconds));
      throw new AppError(
        "too_many_requests",
        `このAPIトークンでの書き込みが多すぎます（${windowMs / 1000}秒に${max}件まで）。${seconds}秒後に再送してください`,
      );
    }
    await next();
  };
}
