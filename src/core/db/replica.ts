/**
 * Reads on a PostgreSQL streaming-replication standby (DATABASE_READ_URL). The database handle
 * stays one object: its queries go to the primary, except the reads of a public request
 * (`onStandby`, set by the HTTP layer for a GET or HEAD that is no staff page and carries no
 * token), which go to the standby — `select`, the relational `query` API and transactions; a
 * write, `execute` and everything outside a public request use the primary.
 *
 * Staleness is bounded by fencing: when this process learns of a change (its own write, or a
 * NOTIFY relayed from the primary — a standby delivers none), `fence()` sends every read to the
 * primary until the standby has replayed the primary's WAL up to the change. A cache rebuilt after
 * a change is therefore never rebuilt from the standby's older data. While the standby is down or
 * far behind, the primary answers everything (slower, never stale).
 *
 * A public request that writes after all (a read-only transaction fails on a standby with
 * SQLSTATE 25006) is run again on the primary, as is one the standby cannot serve.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import type { Pool } from "pg";

/** client.ts's Db (named here so that client.ts, which uses this module, is not imported back). */
type Db = PgDatabase<PgQueryResultHKT>;

const scope = new AsyncLocalStorage<boolean>();

/** Runs `fn` (a public request) with its reads on the standby, when one is configured. */
export function onStandby<T>(fn: () => T): T {
  return scope.run(true, fn);
}

/** Runs `fn` with its queries on the primary, inside a public request too (a write it starts). */
export function onPrimary<T>(fn: () => T): T {
  return scope.run(false, fn);
}

/** The query builders that only read. */
const READS = new Set<PropertyKey>([
  "select",
  "selectDistinct",
  "selectDistinctOn",
  "query",
  "$count",
]);

/** Errors after which the same work is done again on the primary. */
const RETRY_ON_PRIMARY = new Set([
  "25006", // read_only_sql_transaction: the work writes after all
  "3D000", // invalid_catalog_name: the database is not (yet) on the standby
  "57P01", // admin_shutdown
  "57P03", // cannot_connect_now
  "40001", // serialization_failure: a conflict with recovery
  "ECONNREFUSED",
  "ECONNRESET",
]);

const codeOf = (e: unknown): string | undefined => {
  const err = e as { code?: string; cause?: { code?: string } } | undefined;
  return err?.code ?? err?.cause?.code;
};

/** How often the standby's replay position is checked while a fence stands. */
const POLL_MS = 10;
/** After this long behind, the standby's lag is reported (reads keep going to the primary). */
const REPORT_AFTER_MS = 10_000;

export const FENCE = Symbol("fence");

export interface Routed {
  db: Db;
  /** Sends reads to the primary until the standby has caught up with it (a change was made). */
  fence(): void;
  /** Whether reads go to the standby now (no fence stands and the standby answers). */
  readonly standbyInUse: boolean;
  /** Public reads that went to the standby and to the primary since the start. */
  readonly counts: { standby: number; primary: number };
}

/**
 * The handle that routes as described above: `primary` and `standby` are Drizzle handles over
 * `primaryPool` and `standbyPool`.
 */
export function routeReads(primary: Db, standby: Db, primaryPool: Pool, standbyPool: Pool): Routed {
  let fences = 0;
  let standbyDown = false;
  const counts = { standby: 0, primary: 0 };

  const caughtUp = async (lsn: string) => {
    const r = await standbyPool.query<{ ok: boolean }>(
      "select (not pg_is_in_recovery()) or coalesce(pg_last_wal_replay_lsn() >= $1::pg_lsn, false) as ok",
      [lsn],
    );
    return r.rows[0]?.ok === true;
  };

  const fence = () => {
    fences++;
    const started = Date.now();
    let reported = false;
    void (async () => {
      try {
        // The primary's WAL position now is past the change's commit (announced on commit).
        const lsn = (await primaryPool.query<{ lsn: string }>("select pg_current_wal_lsn() as lsn"))
          .rows[0]!.lsn;
        for (;;) {
          try {
            if (await caughtUp(lsn)) {
              standbyDown = false;
              return;
            }
          } catch {
            standbyDown = true;
          }
          if (!reported && Date.now() - started > REPORT_AFTER_MS) {
            reported = true;
            console.error(
              `スタンバイ（DATABASE_READ_URL）が ${REPORT_AFTER_MS / 1000} 秒以上遅れています。追いつくまで読み取りはプライマリで行います / the standby (DATABASE_READ_URL) is more than ${REPORT_AFTER_MS / 1000} s behind: reads use the primary until it catches up`,
            );
          }
          await new Promise((r) => setTimeout(r, standbyDown ? 1000 : POLL_MS));
        }
      } catch {
        // The primary did not answer: nothing to wait for that reads on it would not see.
      } finally {
        fences--;
      }
    })();
  };

  const useStandby = () => scope.getStore() === true && fences === 0 && !standbyDown;

  const transactionOnStandby =
    (standbyTx: Db["transaction"], primaryTx: Db["transaction"]): Db["transaction"] =>
    async (fn, config) => {
      try {
        counts.standby++;
        return await standbyTx(fn, config);
      } catch (e) {
        const code = codeOf(e);
        if (!code || !RETRY_ON_PRIMARY.has(code)) throw e;
        counts.primary++;
        return primaryTx(fn, config);
      }
    };

  const db = new Proxy(primary, {
    get(target, prop) {
      if (prop === FENCE) return fence;
      if (prop === "transaction" && scope.getStore() === true && !useStandby()) counts.primary++;
      if (prop === "transaction" && useStandby())
        return transactionOnStandby(
          standby.transaction.bind(standby),
          primary.transaction.bind(primary),
        );
      const source = READS.has(prop) && useStandby() ? standby : target;
      if (READS.has(prop) && scope.getStore() === true) {
        if (source === standby) counts.standby++;
        else counts.primary++;
      }
      const value = Reflect.get(source, prop, source);
      return typeof value === "function" ? value.bind(source) : value;
    },
  });

  return {
    db,
    fence,
    get standbyInUse() {
      return fences === 0 && !standbyDown;
    },
    counts,
  };
}

/** The fence of a routed handle, if `db` is one (see changes.ts). */
export function fenceOf(db: Db): (() => void) | undefined {
  return (db as unknown as { [FENCE]?: () => void })[FENCE];
}
