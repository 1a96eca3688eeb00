/**
 * Failures counted per key in fixed windows, in the database (the table of core/http/write-limit.ts,
 * under keys of their own), so that every process of a server (SHISAKU_WORKERS) and a restart
 * share the count. Used for letters to the mayor per address.
 */
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { apiWriteCounts } from "../api-write-limits-schema.ts";
import type { Db } from "../db/client.ts";
import { withTenant } from "../db/tenant.ts";
import { countInWindow } from "./write-limit.ts";

const FORGET_AFTER_MS = 24 * 60 * 60 * 1000;

export class SharedFailureLimiter {
  constructor(
    private readonly db: Db,
    /** What is limited, kept apart from the API tokens' counts (`letter`). */
    private readonly kind: string,
    private readonly max: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private where(key: string) {
    const at = this.now();
    const windowStart = new Date(at - (at % this.windowMs));
    const hash = `${this.kind}:${createHash("sha256").update(key).digest("hex")}`;
    return { at, windowStart, hash };
  }

  /** Seconds until the key may try again in municipality `mc`, or 0 when it may now. */
  async blockedFor(mc: string, key: string): Promise<number> {
    const { at, windowStart, hash } = this.where(key);
    const [row] = await withTenant(this.db, mc, (tx) =>
      tx
        .select({ n: apiWriteCounts.writes })
        .from(apiWriteCounts)
        .where(
          and(
            eq(apiWriteCounts.municipalityCode, mc),
            eq(apiWriteCounts.tokenHash, hash),
            eq(apiWriteCounts.windowStart, windowStart),
          ),
        ),
    );
    if (!row || row.n < this.max) return 0;
    return Math.max(1, Math.ceil((windowStart.getTime() + this.windowMs - at) / 1000));
  }

  async fail(mc: string, key: string): Promise<void> {
    const { at, windowStart, hash } = this.where(key);
    await countInWindow(this.db, mc, hash, windowStart, {
      forgetBefore: new Date(at - FORGET_AFTER_MS),
      kind: this.kind,
    });
  }
}
