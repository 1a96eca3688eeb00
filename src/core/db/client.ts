/**
 * Opens the database: the embedded PGlite (data in a folder) by default, or a PostgreSQL server
 * when DATABASE_URL is set. Both give the same Drizzle API over the same schema and migrations.
 */
import fs from "node:fs";
import { mkdir, open, readdir } from "node:fs/promises";
import path from "node:path";
import type { PGlite, PGliteOptions } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { projectPath } from "../paths.ts";
import { type Holder, lockDatabase } from "./lock.ts";
import { type Routed, routeReads } from "./replica.ts";
import { bindTenantWithSetLocal } from "./tenant-binding.ts";

// Each driver is loaded only when it is used, and while the rest of the program loads.

export type Db = PgDatabase<PgQueryResultHKT>;
/** A transaction handle has the same query API as the database. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export interface Database {
  db: Db;
  kind: "pglite" | "postgres";
  /** Applies the committed SQL migrations (drizzle/), all pending ones in one transaction. */
  migrate(): Promise<void>;
  close(): Promise<void>;
  /** Calls `onMessage` with the payload of every NOTIFY on `channel`; returns the unsubscribe. */
  listen(channel: string, onMessage: (payload: string) => void): Promise<() => Promise<void>>;
  /** The embedded client, for dumping and cloning a prepared database in tests. */
  pglite?: PGlite;
  /** With a standby for reads (DATABASE_READ_URL): how reads are routed (replica.ts). */
  standby?: Routed;
}

const migrationsFolder = projectPath("drizzle");
/** Advisory lock key so that two processes starting at once migrate one after the other. */
const MIGRATION_LOCK = 0x5e15a;

/**
 * A PostgreSQL database; with `readUrl` (a streaming-replication standby of it), the public reads
 * go there (see replica.ts).
 */
export async function openPostgres(url: string, max = 10, readUrl?: string): Promise<Database> {
  const [{ default: pg }, { drizzle: drizzlePg }, { migrate: migratePg }] = await Promise.all([
    import("pg"),
    import("drizzle-orm/node-postgres"),
    import("drizzle-orm/node-postgres/migrator"),
  ]);
  const pool = new pg.Pool({ connectionString: url, max });
  const standbyPool = readUrl ? new pg.Pool({ connectionString: readUrl, max }) : undefined;
  // Inside a transaction, reads issued together (Promise.all) share one connection; node-postgres
  // queues them but will stop doing so, so each connection runs its promise-style queries one
  // after another here (callback-style ones, the pool's own, pass through).
  const queueQueries = (client: import("pg").PoolClient) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    let tail: Promise<unknown> = Promise.resolve();
    client.query = ((...args: unknown[]) => {
      if (typeof args.at(-1) === "function" || typeof args[0] !== "object") return query(...args);
      const run = tail.then(() => query(...args));
      tail = run.catch(() => {});
      return run;
    }) as typeof client.query;
  };
  pool.on("connect", queueQueries);
  standbyPool?.on("connect", queueQueries);
  // A standby that goes away is noticed by the queries on it (they fall back to the primary).
  standbyPool?.on("error", () => {});
  // A Citus coordinator (docs/scale.md): the tenant is bound with SET LOCAL, which reaches the
  // workers (tenant.ts).
  const { rows } = await pool.query<{ citus: boolean }>(
    "select exists (select 1 from pg_extension where extname = 'citus') as citus",
  );
  if (rows[0]?.citus) bindTenantWithSetLocal(true);
  const primaryDb = drizzlePg(pool) as unknown as Db;
  const standby = standbyPool
    ? routeReads(primaryDb, drizzlePg(standbyPool) as unknown as Db, pool, standbyPool)
    : undefined;
  const db = standby?.db ?? primaryDb;
  return {
    db,
    kind: "postgres",
    standby,
    async migrate() {
      const client = await pool.connect();
      try {
        await client.query("select pg_advisory_lock($1)", [MIGRATION_LOCK]);
        await migratePg(drizzlePg(client), { migrationsFolder });
      } finally {
        await client.query("select pg_advisory_unlock($1)", [MIGRATION_LOCK]).catch(() => {});
        client.release();
      }
    },
    async listen(channel, onMessage) {
      // A dedicated connection: LISTEN belongs to a session, and pooled ones come and go.
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      client.on("notification", (msg) => {
        if (msg.channel === channel) onMessage(msg.payload ?? "");
      });
      client.on("error", () => {});
      await client.query(`listen "${channel}"`);
      return () => client.end();
    },
    close: async () => {
      await Promise.all([pool.end(), standbyPool?.end()]);
    },
  };
}

/** Who opens a database: written into the embedded database's lock (see lock.ts). */
export interface Opener {
  holder?: Holder;
  /** The command line of a `shisaku` command. */
  command?: string;
}

export interface PgliteOptions extends Opener {
  loadDataDir?: Blob;
  /**
   * Whether commits reach the disk before they are acknowledged (fsync and synchronous_commit
   * on). On unless SHISAKU_TEST_NO_FSYNC=1, which only the test suite sets (vitest.config.ts):
   * without it a power loss or an OS crash may lose committed data.
   */
  fsync?: boolean;
}

/** Emscripten's NODEFS inside PGlite: the parts that durable, private files need. */
interface Nodefs {
  node_ops: { mknod(parent: unknown, name: string, mode: number, dev: number): unknown };
  stream_ops: { fsync?(stream: { nfd: number }): number };
  doSetAttr(target: unknown, node: unknown, attr: { mode?: number }, ...rest: unknown[]): void;
  tryFSOperation<T>(fn: () => T): T;
}

/** Permission bits for group and others: never set on the embedded database's files. */
const GROUP_OTHER = 0o077;

/**
 * PGlite's NODEFS as shipped gives the data folder's files the modes of its in-memory file
 * system (0666) and has no fsync, so PostgreSQL's fsync() reaches nothing. This preRun step,
 * before the folder is mounted, keeps group and others out of every file and folder it creates
 * or chmods (0600, 0700) and makes fsync() call the operating system's.
 */
function hardenNodefs(mod: { NODEFS: unknown }) {
  const nodefs = mod.NODEFS as Nodefs;
  if (
    typeof nodefs?.node_ops?.mknod !== "function" ||
    typeof nodefs.doSetAttr !== "function" ||
    typeof nodefs.tryFSOperation !== "function" ||
    !nodefs.stream_ops
  )
    throw new Error("PGlite's NODEFS has changed: the embedded database cannot be made durable");
  const mknod = nodefs.node_ops.mknod;
  nodefs.node_ops.mknod = (parent, name, mode, dev) =>
    mknod(parent, name, mode & ~GROUP_OTHER, dev);
  const doSetAttr = nodefs.doSetAttr;
  nodefs.doSetAttr = (target, node, attr, ...rest) =>
    doSetAttr(
      target,
      node,
      attr.mode === undefined ? attr : { ...attr, mode: attr.mode & ~GROUP_OTHER },
      ...rest,
    );
  nodefs.stream_ops.fsync = (stream) => {
    nodefs.tryFSOperation(() => fs.fsyncSync(stream.nfd));
    return 0;
  };
}

/**
 * Flushes every file and folder under `dir` to the disk (as initdb does at its end): a new
 * database's files are written by PGlite without fsync.
 */
async function syncTree(dir: string) {
  const entries = await readdir(dir, { withFileTypes: true });
  for (const entry of entries) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) await syncTree(p);
    else if (entry.isFile()) await syncFile(p);
  }
  await syncFile(dir);
}

async function syncFile(p: string) {
  const handle = await open(p, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/**
 * PostgreSQL's buffer pool in the embedded database. PGlite's default (128 MB, as on a server)
 * is memory the WebAssembly heap never gives back; one municipality's data is a few megabytes,
 * and pages beyond the pool are still in the operating system's file cache. 16 MB keeps a
 * server serving Ishioka below 300 MB resident (`npm run bench`, memory section).
 */
const EMBEDDED_MEMORY = ["-c", "shared_buffers=16MB"];

/**
 * Opens (creating if needed) the embedded database in `dir` (in memory without one). A folder
 * is locked for this process until close(): another open of it, from this process or another,
 * fails with DatabaseInUseError while the holder lives (see lock.ts).
 */
export async function openPglite(dir?: string, opts: PgliteOptions = {}): Promise<Database> {
  const [{ PGlite }, { NodeFS }, { drizzle: drizzlePglite }, { migrate: migratePglite }] =
    await Promise.all([
      import("@electric-sql/pglite"),
      import("@electric-sql/pglite/nodefs"),
      import("drizzle-orm/pglite"),
      import("drizzle-orm/pglite/migrator"),
    ]);
  const options: PGliteOptions = opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {};
  let release = async () => {};
  let fresh = false;
  const durable = opts.fsync ?? process.env.SHISAKU_TEST_NO_FSYNC !== "1";
  if (dir) {
    dir = path.resolve(dir);
    // The data folder and the database folder, when new, are the owner's alone.
    await mkdir(path.dirname(dir), { recursive: true, mode: 0o700 });
    release = await lockDatabase(dir, { holder: opts.holder, command: opts.command });
    try {
      await mkdir(dir, { mode: 0o700 }).catch((e: NodeJS.ErrnoException) => {
        if (e.code !== "EEXIST") throw e;
      });
      fresh = !fs.existsSync(path.join(dir, "PG_VERSION"));
    } catch (e) {
      await release();
      throw e;
    }
    class PrivateDurableFS extends NodeFS {
      override async init(
        pg: PGlite,
        emscriptenOptions: Parameters<InstanceType<typeof NodeFS>["init"]>[1],
      ) {
        const { emscriptenOpts } = await super.init(pg, emscriptenOptions);
        emscriptenOpts.preRun = [hardenNodefs, ...(emscriptenOpts.preRun ?? [])];
        return { emscriptenOpts };
      }
    }
    options.fs = new PrivateDurableFS(dir);
    if (durable)
      options.startParams = [
        // PGlite starts PostgreSQL with -F (fsync off); every commit waits for the disk instead.
        ...PGlite.defaultStartParams.filter((p) => p !== "-F"),
        ...["-c", "fsync=on", "-c", "synchronous_commit=on"],
        // fdatasync() is a no-op in PGlite's WebAssembly; fsync() reaches the disk (above).
        ...["-c", "wal_sync_method=fsync"],
      ];
  }
  options.startParams = [...(options.startParams ?? PGlite.defaultStartParams), ...EMBEDDED_MEMORY];
  let client: PGlite;
  try {
    client = new PGlite(options);
    await client.waitReady;
    if (dir && fresh && durable) await syncTree(dir);
  } catch (e) {
    await release();
    throw e;
  }
  const pgliteDb = drizzlePglite(client);
  return {
    db: pgliteDb as unknown as Db,
    kind: "pglite",
    migrate: () => migratePglite(pgliteDb, { migrationsFolder }),
    async listen(channel, onMessage) {
      const unlisten = await client.listen(channel, onMessage);
      return () => unlisten();
    },
    async close() {
      try {
        await client.close();
      } finally {
        await release();
      }
    },
    pglite: client,
  };
}

/** The database the configuration names: PostgreSQL when a URL is given, else embedded. */
export async function openDatabase(
  opts: { databaseUrl?: string; databaseReadUrl?: string; dataDir: string },
  opener: Opener = {},
) {
  return opts.databaseUrl
    ? openPostgres(opts.databaseUrl, 10, opts.databaseReadUrl)
    : openPglite(path.join(opts.dataDir, "db"), opener);
}
