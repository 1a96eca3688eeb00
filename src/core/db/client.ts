/**
 * Opens the database: the embedded PGlite (data in a folder) by default, or a PostgreSQL server
 * when DATABASE_URL is set. Both give the same Drizzle API over the same schema and migrations.
 */
import { mkdir } from "node:fs/promises";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { projectPath } from "../paths.ts";
import * as schema from "./schema.ts";

// Each driver is loaded only when it is used, and while the rest of the program loads.

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
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
}

const migrationsFolder = projectPath("drizzle");
/** Advisory lock key so that two processes starting at once migrate one after the other. */
const MIGRATION_LOCK = 0x5e15a;

export async function openPostgres(url: string, max = 10): Promise<Database> {
  const [{ default: pg }, { drizzle: drizzlePg }, { migrate: migratePg }] = await Promise.all([
    import("pg"),
    import("drizzle-orm/node-postgres"),
    import("drizzle-orm/node-postgres/migrator"),
  ]);
  const pool = new pg.Pool({ connectionString: url, max });
  // Inside a transaction, reads issued together (Promise.all) share one connection; node-postgres
  // queues them but will stop doing so, so each connection runs its promise-style queries one
  // after another here (callback-style ones, the pool's own, pass through).
  pool.on("connect", (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    let tail: Promise<unknown> = Promise.resolve();
    client.query = ((...args: unknown[]) => {
      if (typeof args.at(-1) === "function" || typeof args[0] !== "object") return query(...args);
      const run = tail.then(() => query(...args));
      tail = run.catch(() => {});
      return run;
    }) as typeof client.query;
  });
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  return {
    db,
    kind: "postgres",
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
    close: () => pool.end(),
  };
}

export interface PgliteOptions {
  /** A tarball of a data folder (PGlite's dumpDataDir) to load into a new, empty `dir`. */
  loadDataDir?: Blob;
}

/** Opens (creating if needed) the embedded database in `dir` (in memory without one). */
export async function openPglite(dir?: string, opts: PgliteOptions = {}): Promise<Database> {
  const [{ PGlite }, { drizzle: drizzlePglite }, { migrate: migratePglite }] = await Promise.all([
    import("@electric-sql/pglite"),
    import("drizzle-orm/pglite"),
    import("drizzle-orm/pglite/migrator"),
  ]);
  if (dir) await mkdir(path.dirname(dir), { recursive: true });
  const client = new PGlite(dir, opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {});
  await client.waitReady;
  const pgliteDb = drizzlePglite(client, { schema });
  return {
    db: pgliteDb as unknown as Db,
    kind: "pglite",
    migrate: () => migratePglite(pgliteDb, { migrationsFolder }),
    async listen(channel, onMessage) {
      const unlisten = await client.listen(channel, onMessage);
      return () => unlisten();
    },
    close: () => client.close(),
    pglite: client,
  };
}

/** The database the configuration names: PostgreSQL when a URL is given, else embedded. */
export async function openDatabase(opts: { databaseUrl?: string; dataDir: string }) {
  return opts.databaseUrl
    ? openPostgres(opts.databaseUrl)
    : openPglite(path.join(opts.dataDir, "db"));
}
