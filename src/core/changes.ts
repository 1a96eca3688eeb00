/**
 * Data versions for caches. Every write transaction announces the municipalities it changed
 * (`announceChange`, a PostgreSQL NOTIFY delivered on commit to every process), and after its
 * commit the writer bumps its own process at once (`changed`). A cache entry remembers the
 * version it was made at and is rebuilt when that version has moved on.
 */
import { sql } from "drizzle-orm";
import type { Database, Db, Tx } from "./db/client.ts";
import { fenceOf } from "./db/replica.ts";

export const CHANGES_CHANNEL = "shisaku_changes";
/** The version key that moves with a change of any municipality. */
export const ANY = "*";

class ChangeFeed {
  /** `onChange`: told of every change (a standby's reads wait for it: db/replica.ts). */
  constructor(private readonly onChange?: () => void) {}

  private versions = new Map<string, number>();
  private computed = new Map<string, { version: number; value: Promise<unknown> }>();

  version(mc: string) {
    return this.versions.get(mc) ?? 0;
  }

  bump(mc: string) {
    this.onChange?.();
    this.versions.set(mc, this.version(mc) + 1);
    // "*" moves with every change: for what lists all municipalities.
    if (mc !== ANY) this.versions.set(ANY, this.version(ANY) + 1);
    for (const key of this.computed.keys()) if (key.startsWith(`${mc}:`)) this.computed.delete(key);
  }

  /** The value of `compute` for this municipality's current data, computed once per version. */
  memo<T>(mc: string, key: string, compute: () => Promise<T>): Promise<T> {
    const id = `${mc}:${key}`;
    const version = this.version(mc);
    const hit = this.computed.get(id);
    if (hit && hit.version === version) return hit.value as Promise<T>;
    const value = compute();
    this.computed.set(id, { version, value });
    value.catch(() => this.computed.delete(id));
    return value;
  }
}

const feeds = new WeakMap<Db, ChangeFeed>();

/** The change feed of a database handle (one per process and database). */
export function feedOf(db: Db): ChangeFeed {
  let feed = feeds.get(db);
  if (!feed) {
    feed = new ChangeFeed(fenceOf(db));
    feeds.set(db, feed);
  }
  return feed;
}

/** Inside a write transaction: tell every process, on commit, that `mc`'s data changed. */
export async function announceChange(tx: Tx, mc: string) {
  await tx.execute(sql`select pg_notify(${CHANGES_CHANNEL}, ${mc})`);
}

/** Follows the changes other processes announce (PostgreSQL NOTIFY); returns the unsubscribe. */
export function followChanges(database: Database) {
  const feed = feedOf(database.db);
  return database.listen(CHANGES_CHANNEL, (mc) => feed.bump(mc));
}

/** After a write committed: this process sees the new data at once. */
export function changed(db: Db, mcs: Iterable<string>) {
  const feed = feedOf(db);
  for (const mc of mcs) feed.bump(mc);
}
