/**
 * Data versions for caches. Every write transaction announces the municipalities it changed
 * (`announceChange`, a PostgreSQL NOTIFY delivered on commit to every process), and after its
 * commit the writer bumps its own process at once (`changed`). A cache entry remembers the
 * version it was made at and is rebuilt when that version has moved on.
 *
 * A change may name its topic — what part of the municipality's data it touched — and, for the
 * topic "indicators", the indicators whose published values it changed. A cache that says what
 * it shows (its topics) is kept across the changes of other topics: a citizen's letter leaves
 * the indicator registry alone. A memo that can bring itself up to date (`patch`) is given the
 * indicators changed since it was made instead of being computed again. A change without a
 * topic touches everything of its municipality (imports, settings, anything not sorted yet).
 */
import { sql } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import type { Database, Db, Tx } from "./db/client.ts";
import { fenceOf } from "./db/replica.ts";

export const CHANGES_CHANNEL = "shisaku_changes";
/** The version key that moves with a change of any municipality. */
export const ANY = "*";

/**
 * What a change touched. "indicators": the indicator registry as the public sees it (published
 * actuals, running values, definitions); the others touch only their own pages.
 */
export type Topic = "indicators" | "letters" | "proposals" | "meetings";
export const TOPICS: readonly Topic[] = ["indicators", "letters", "proposals", "meetings"];

export interface Change {
  /** None: everything of the municipality. */
  topic?: Topic;
  /**
   * Only the published values (actuals, running values) of these indicators changed in the
   * registry: with "indicators", all the change did; with another topic, what it did besides
   * (a letter recomputes an indicator counted from letters). None: the topic says it all.
   */
  indicatorIds?: readonly number[];
}

/** Changes kept per municipality for memos that bring themselves up to date. */
const LOG_SIZE = 64;
/**
 * Memos kept at most, over all municipalities, least recently read dropped first: a process
 * serving many municipalities keeps the busy ones' registries, not every one it ever served.
 */
export const MAX_MEMOS = 256;
/** Ids sent with a NOTIFY at most (its payload is limited to 8,000 bytes). */
const MAX_NOTIFIED_IDS = 500;

interface Versions {
  /** Moves with every change of the municipality. */
  all: number;
  /** Moves with changes without a topic. */
  broad: number;
  byTopic: Map<Topic, number>;
  /** The latest changes, each with the `all` it moved to. */
  log: { all: number; change: Change }[];
}

interface MemoEntry {
  /** `all` when it was made: the changes after it are in the log. */
  all: number;
  version: number;
  topics?: readonly Topic[];
  /** Brought up to date by a patch on changes of published values. */
  patches: boolean;
  value: Promise<unknown>;
}

export interface MemoOptions<T> {
  /** What the value shows; none: everything of the municipality. */
  topics?: readonly Topic[];
  /** Brings a value up to date with changes of these indicators' published values. */
  patch?: (old: T, indicatorIds: ReadonlySet<number>) => Promise<T>;
}

/** Whether a change moves what `topics` show (none: everything). */
const touches = (topics: readonly Topic[] | undefined, change: Change) =>
  !topics ||
  !change.topic ||
  topics.includes(change.topic) ||
  (topics.includes("indicators") && (change.indicatorIds?.length ?? 0) > 0);

/** Whether what `topics` show is brought up to date by patching the indicators changed. */
const patchable = (topics: readonly Topic[] | undefined, change: Change) =>
  !!topics &&
  change.indicatorIds !== undefined &&
  (change.topic === "indicators" || (!!change.topic && !topics.includes(change.topic)));

class ChangeFeed {
  /** `onChange`: told of every change (a standby's reads wait for it: db/replica.ts). */
  constructor(private readonly onChange?: () => void) {}

  private municipalities = new Map<string, Versions>();
  private computed = new LRUCache<string, MemoEntry>({ max: MAX_MEMOS });

  private of(mc: string): Versions {
    let v = this.municipalities.get(mc);
    if (!v) {
      v = { all: 0, broad: 0, byTopic: new Map(), log: [] };
      this.municipalities.set(mc, v);
    }
    return v;
  }

  /**
   * The version of a municipality's data (or of all municipalities', `ANY`), as far as
   * `topics` show it; without topics, the version of everything.
   */
  version(mc: string, topics?: readonly Topic[]) {
    const v = this.municipalities.get(mc);
    if (!v) return 0;
    if (!topics) return v.all;
    // A sum of counters that only grow: it moves whenever one of them does.
    let n = v.broad;
    for (const t of topics) n += v.byTopic.get(t) ?? 0;
    return n;
  }

  bump(mc: string, change: Change = {}) {
    this.onChange?.();
    const v = this.of(mc);
    v.all++;
    const up = (t: Topic) => v.byTopic.set(t, (v.byTopic.get(t) ?? 0) + 1);
    if (!change.topic) v.broad++;
    else up(change.topic);
    if (change.topic !== "indicators" && (change.indicatorIds?.length ?? 0) > 0) up("indicators");
    v.log.push({ all: v.all, change });
    if (v.log.length > LOG_SIZE) v.log.splice(0, v.log.length - LOG_SIZE);
    // "*" moves with every change: for what lists all municipalities.
    if (mc !== ANY) this.bump(ANY);
    // Drop what this change makes useless now (memos that can patch wait for their next read).
    const useless = [...this.computed.entries()].filter(
      ([key, entry]) =>
        key.startsWith(`${mc}:`) &&
        touches(entry.topics, change) &&
        !(entry.patches && patchable(entry.topics, change)),
    );
    for (const [key] of useless) this.computed.delete(key);
  }

  /**
   * The indicators changed since `all`, if every change since then that `topics` show is a
   * change of published values (and the log still holds them); undefined otherwise.
   */
  private changedIndicators(mc: string, all: number, topics: readonly Topic[] | undefined) {
    const v = this.of(mc);
    const since = v.log.filter((e) => e.all > all);
    if (since.length !== v.all - all) return undefined; // fallen out of the log
    const ids = new Set<number>();
    for (const { change } of since) {
      if (!touches(topics, change)) continue;
      if (!patchable(topics, change)) return undefined;
      for (const id of change.indicatorIds ?? []) ids.add(id);
    }
    return ids;
  }

  /** The value of `compute` for this municipality's current data, computed once per version. */
  memo<T>(
    mc: string,
    key: string,
    compute: () => Promise<T>,
    options: MemoOptions<T> = {},
  ): Promise<T> {
    const id = `${mc}:${key}`;
    const { topics, patch } = options;
    const version = this.version(mc, topics);
    const all = this.version(mc);
    const hit = this.computed.get(id);
    if (hit && hit.version === version) return hit.value as Promise<T>;
    const ids = hit && patch ? this.changedIndicators(mc, hit.all, topics) : undefined;
    const value =
      hit && patch && ids ? (hit.value as Promise<T>).then((old) => patch(old, ids)) : compute();
    const entry: MemoEntry = { all, version, topics, patches: !!patch, value };
    this.computed.set(id, entry);
    value.catch(() => {
      if (this.computed.get(id) === entry) this.computed.delete(id);
    });
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

/** A change as a NOTIFY payload: "mc", "mc topic" or "mc indicators 1,2,3". */
export function changePayload(mc: string, change: Change = {}) {
  if (!change.topic) return mc;
  const ids = change.indicatorIds;
  if (!ids) return `${mc} ${change.topic}`;
  if (ids.length <= MAX_NOTIFIED_IDS) return `${mc} ${change.topic} ${ids.join(",")}`;
  // Too many to send: the whole topic, and for another topic everything (it touched indicators).
  return change.topic === "indicators" ? `${mc} indicators` : mc;
}

/** The municipality and change of a payload; an unknown topic is a change of everything. */
export function parseChangePayload(payload: string): [string, Change] {
  const [mc = "", topic, ids] = payload.split(" ");
  if (!topic || !TOPICS.includes(topic as Topic)) return [mc, {}];
  if (ids === undefined) return [mc, { topic: topic as Topic }];
  const indicatorIds = ids === "" ? [] : ids.split(",").map(Number);
  if (indicatorIds.some((n) => !Number.isSafeInteger(n))) return [mc, { topic: topic as Topic }];
  return [mc, { topic: topic as Topic, indicatorIds }];
}

/** Inside a write transaction: tell every process, on commit, that `mc`'s data changed. */
export async function announceChange(tx: Tx, mc: string, change?: Change) {
  await tx.execute(sql`select pg_notify(${CHANGES_CHANNEL}, ${changePayload(mc, change)})`);
}

/** Follows the changes other processes announce (PostgreSQL NOTIFY); returns the unsubscribe. */
export function followChanges(database: Database) {
  const feed = feedOf(database.db);
  return database.listen(CHANGES_CHANNEL, (payload) => feed.bump(...parseChangePayload(payload)));
}

/** After a write committed: this process sees the new data at once. */
export function changed(db: Db, mcs: Iterable<string>, change?: Change) {
  const feed = feedOf(db);
  for (const mc of mcs) feed.bump(mc, change);
}
