/**
 * One prepared database per test run (migrated, demo loaded), cloned for each test file:
 * a copied folder for the embedded database, CREATE DATABASE … TEMPLATE on PostgreSQL.
 * Initialising an embedded database takes seconds; copying a prepared one does not.
 */
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, statfsSync } from "node:fs";
import { mkdir, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { inject } from "vitest";
import { type Database, openPglite, openPostgres } from "../../src/core/db/client.ts";

export type Backend = "pglite" | "postgres";

declare module "vitest" {
  export interface ProvidedContext {
    templateDir: string;
    /** The `shisaku` command built once for the run (see global-setup.ts). */
    cliBundle: string;
  }
}

const execFileAsync = promisify(execFile);

/**
 * Copies the prepared data folder (its database folder `db` inside) into `to`, made if missing.
 * One `cp -a`: node's fs.cp spends about a second of CPU on the database's ~1,300 files, the
 * system's cp a twentieth of it.
 */
export async function copyTemplate(to: string) {
  const template = inject("templateDir");
  await mkdir(to, { recursive: true });
  // Its entries, not the folder itself: `to` keeps its own mode (mkdtemp's 0700), as with fs.cp.
  const entries = (await readdir(template)).map((entry) => path.join(template, entry));
  await execFileAsync("cp", ["-a", ...entries, to]);
}

/** Free space below which the suite keeps its databases on the disk rather than in memory. */
const SHM_ROOM = 4 * 2 ** 30;

/**
 * Where the suite's throwaway databases go: the shared-memory file system (/dev/shm) when it has
 * room, else the system's temporary folder. Copying the 44 MB prepared database onto ext4 costs
 * 0.6 s of system time and, on a busy machine, seconds of waiting for the disk; onto tmpfs 0.08 s,
 * and nothing is ever written back. Nothing here needs to survive the run.
 */
export function scratchDir() {
  try {
    const shm = statfsSync("/dev/shm");
    if (shm.type === 0x01021994 && shm.bavail * shm.bsize >= SHM_ROOM) {
      const dir = path.join("/dev/shm", `shisaku-test-${process.getuid?.() ?? "user"}`);
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      return dir;
    }
  } catch {
    // No /dev/shm (or not writable): the temporary folder.
  }
  return tmpdir();
}

/** A folder of this test run's own. */
export const runDir = () =>
  path.join(scratchDir(), `run-${process.pid}-${randomBytes(3).toString("hex")}`);

/** The backends the suite runs on: always the embedded one, PostgreSQL when DATABASE_URL is set. */
export function backends(): Backend[] {
  return process.env.DATABASE_URL ? ["pglite", "postgres"] : ["pglite"];
}

export function withDatabase(url: string, name: string) {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export function templateDatabaseName(url: string) {
  return new URL(url).pathname.slice(1) || "postgres";
}

/** Runs `sql` on the server of DATABASE_URL, connected to its database `postgres`. */
export async function adminQuery(sql: string) {
  const client = new pg.Client({
    connectionString: withDatabase(process.env.DATABASE_URL!, "postgres"),
  });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Waits until the standby has replayed the creation of the database at `url`. */
export async function untilOnStandby(url: string) {
  for (let i = 0; ; i++) {
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.end();
      return;
    } catch (e) {
      await client.end().catch(() => {});
      if (i >= 200) throw e;
      await new Promise((r) => setTimeout(r, 25));
    }
  }
}

/** A private copy of the prepared database, removed again by close(). */
export async function cloneTemplate(backend: Backend): Promise<Database> {
  const id = `${process.pid}_${randomBytes(4).toString("hex")}`;
  if (backend === "pglite") {
    const dir = path.join(path.dirname(inject("templateDir")), `clone-${id}`);
    await copyTemplate(dir);
    const database = await openPglite(path.join(dir, "db"));
    return {
      ...database,
      close: async () => {
        await database.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  const url = process.env.DATABASE_URL!;
  const name = `shisaku_test_${id}`;
  await adminQuery(`create database "${name}" template "${templateDatabaseName(url)}"`);
  // With a standby of DATABASE_URL's server (.ci/standby.sh), the public reads go there. Named
  // for the tests alone, so that the commands and servers the tests start do not inherit it.
  const readUrl = process.env.SHISAKU_TEST_DATABASE_READ_URL;
  if (readUrl) await untilOnStandby(withDatabase(readUrl, name));
  const database = await openPostgres(
    withDatabase(url, name),
    4,
    readUrl ? withDatabase(readUrl, name) : undefined,
  );
  return {
    ...database,
    close: async () => {
      await database.close();
      await adminQuery(`drop database if exists "${name}"`);
    },
  };
}
