/**
 * `shisaku backup` and `shisaku restore` as a user runs them, on a copy of the demo data folder:
 * a backup restored into an empty folder holds every row of every table; a restore never
 * overwrites a database nor leaves anything behind from a bad file. And the PostgreSQL path the
 * README gives (pg_dump, pg_restore into an empty database) when a server and its tools exist.
 * (A backup of an older or a newer version: backup-versions.test.ts.)
 * A backup, a restore and a refused restore run as processes; the other cases of the two verbs
 * run the same command code in this process (backupInProcess), which costs no process start.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPostgres } from "../../src/core/db/client.ts";
import { withTenant } from "../../src/core/db/tenant.ts";
import { backupInProcess, runShisaku, shisakuOnDemoCopy } from "../support/cli.ts";
import { contentsOf, embeddedContents } from "../support/tables.ts";
import { adminQuery, scratchDir, templateDatabaseName, withDatabase } from "../support/template.ts";

const exec = promisify(execFile);

/** A digest of every file under `dir` (names and bytes): equal when nothing changed. */
async function treeDigest(dir: string) {
  const hash = createHash("sha256");
  const entries = (await readdir(dir, { recursive: true, withFileTypes: true }))
    .map((e) => ({ rel: path.relative(dir, path.join(e.parentPath, e.name)), file: e.isFile() }))
    .sort((a, b) => a.rel.localeCompare(b.rel));
  for (const e of entries) {
    hash.update(`${e.rel}\0`);
    if (e.file) hash.update(await readFile(path.join(dir, e.rel)));
  }
  return hash.digest("hex");
}

describe("shisaku backup and restore (embedded database)", () => {
  const cli = shisakuOnDemoCopy("shisaku-backup");
  let work = "";
  let backup = "";
  let restored = "";
  beforeAll(async () => {
    work = await mkdtemp(path.join(scratchDir(), "shisaku-backup-work-"));
    backup = path.join(work, "shisaku-backup.tar.gz");
    restored = path.join(work, "restored");
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it("restores a backup into an empty folder with every row of every table", async () => {
    // Something beyond the demo: a municipality added by a command, as an operator would.
    expect((await cli.run("municipality", "add", "082015", "テスト市（サンプル）")).code).toBe(0);

    const made = await cli.run("backup", backup);
    expect(made.stderr).toBe("");
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(
      /バックアップを書き出しました: .+（[\d.]+ MB、[\d,]+ バイト、テーブル \d+、行 [\d,]+）/,
    );
    expect(made.stdout).toMatch(/Wrote the backup .+ \([\d.]+ MB, [\d,]+ bytes, \d+ tables/);
    expect(made.stdout).toMatch(/^ {2}municipalities +2$/m);
    expect((await stat(backup)).mode & 0o777).toBe(0o600);
    // Written beside its name and renamed: no temporary file is left.
    expect(await readdir(work)).toEqual(["shisaku-backup.tar.gz"]);

    const done = await runShisaku(["restore", backup], { SHISAKU_DATA_DIR: restored });
    expect(done.stderr).toBe("");
    expect(done.code).toBe(0);
    expect(done.stdout).toContain("マイグレーション 0 件を適用");
    expect(done.stdout).toContain(`Restored ${backup} into ${path.join(restored, "db")}`);
    expect(await readdir(restored)).toEqual(["db"]);
    expect((await stat(path.join(restored, "db"))).mode & 0o777).toBe(0o700);

    const [before, after] = [await embeddedContents(cli.dataDir), await embeddedContents(restored)];
    expect(before.tables.length).toBeGreaterThan(40);
    expect(before.tables.find((t) => t.table === "public.municipalities")?.rows).toBe(2);
    expect(after).toEqual(before);
  });

  it("refuses a folder that holds a database and changes nothing; --force moves it aside", async () => {
    const db = path.join(restored, "db");
    const digest = await treeDigest(db);
    const refused = await runShisaku(["restore", backup], { SHISAKU_DATA_DIR: restored });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${db} にはすでにデータベースがあります`);
    expect(refused.stderr).toContain("--force");
    expect(refused.stderr).toContain("already holds a database and is never overwritten");
    expect(await readdir(restored)).toEqual(["db"]);
    expect(await treeDigest(db)).toBe(digest);

    const forced = await backupInProcess(["restore", backup, "--force"], {
      SHISAKU_DATA_DIR: restored,
    });
    expect(forced.stderr).toBe("");
    expect(forced.code).toBe(0);
    const listing = (await readdir(restored)).sort();
    expect(listing).toHaveLength(2);
    expect(listing[0]).toBe("db");
    expect(listing[1]).toMatch(/^db\.before-restore-\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/);
    expect(forced.stdout).toContain(
      `The previous db folder was moved to ${restored}/${listing[1]}`,
    );
    // The old folder is moved, never changed.
    expect(await treeDigest(path.join(restored, listing[1]!))).toBe(digest);
  });

  it("refuses a backup file cut short and leaves the target as it was", async () => {
    const whole = await readFile(backup);
    const cut = path.join(work, "cut.tar.gz");
    await writeFile(cut, whole.subarray(0, Math.floor(whole.length / 2)));
    const target = path.join(work, "from-cut");
    const refused = await backupInProcess(["restore", cut], { SHISAKU_DATA_DIR: target });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("壊れているか途中までしかないため、復元しません");
    expect(refused.stderr).toContain("is damaged or incomplete, so nothing was restored");
    expect(existsSync(target)).toBe(false);

    // Nor does --force move a database aside for a file that cannot be restored.
    const before = (await readdir(restored)).sort();
    const digest = await treeDigest(path.join(restored, "db"));
    const forced = await backupInProcess(["restore", cut, "--force"], {
      SHISAKU_DATA_DIR: restored,
    });
    expect(forced.code).toBe(1);
    expect((await readdir(restored)).sort()).toEqual(before);
    expect(await treeDigest(path.join(restored, "db"))).toBe(digest);
  });

  it("points to pg_dump and pg_restore when DATABASE_URL is set", async () => {
    const env = {
      SHISAKU_DATA_DIR: cli.dataDir,
      // Never connected to: the command refuses before opening anything.
      DATABASE_URL: "postgres://nobody@127.0.0.1:1/none",
    };
    const b = await backupInProcess(["backup", path.join(work, "pg.dump")], env);
    expect(b.code).toBe(1);
    expect(b.stderr).toContain('pg_dump --format=custom --file shisaku.dump "$DATABASE_URL"');
    expect(existsSync(path.join(work, "pg.dump"))).toBe(false);
    const r = await backupInProcess(["restore", backup], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("pg_restore --no-owner");
  });
});

/** pg_dump and pg_restore: on the PATH or in Debian's /usr/lib/postgresql/<version>/bin. */
async function postgresTools() {
  const dirs: string[] = [];
  const lib = "/usr/lib/postgresql";
  if (existsSync(lib))
    for (const v of (await readdir(lib)).sort((a, b) => Number(b) - Number(a)))
      dirs.push(path.join(lib, v, "bin"));
  dirs.push(...(process.env.PATH ?? "").split(path.delimiter).filter(Boolean));
  const dir = dirs.find(
    (d) => existsSync(path.join(d, "pg_dump")) && existsSync(path.join(d, "pg_restore")),
  );
  if (!dir) return null;
  const { stdout } = await exec(path.join(dir, "pg_dump"), ["--version"]);
  const major = Number(/(\d+)(?:\.\d+)?/.exec(stdout)?.[1] ?? 0);
  return { pgDump: path.join(dir, "pg_dump"), pgRestore: path.join(dir, "pg_restore"), major };
}

async function serverMajorOf(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const r = await client.query<{ server_version_num: string }>("show server_version_num");
    return Math.floor(Number(r.rows[0]!.server_version_num) / 10000);
  } finally {
    await client.end();
  }
}

describe("pg_dump and pg_restore round trip (PostgreSQL, as the README gives it)", () => {
  it("restores a dump into a fresh database with every row of every table", async (ctx) => {
    const url = process.env.DATABASE_URL;
    ctx.skip(!url, "DATABASE_URL is not set: there is no PostgreSQL server to dump");
    const tools = await postgresTools();
    ctx.skip(!tools, "pg_dump or pg_restore is not installed on this machine");
    const serverMajor = await serverMajorOf(url!);
    ctx.skip(
      tools!.major < serverMajor,
      `pg_dump ${tools!.major} is older than the server (${serverMajor}) and cannot dump it`,
    );

    const id = `${process.pid}_${Date.now().toString(36)}`;
    const source = `shisaku_test_dump_${id}`;
    const target = `shisaku_test_restore_${id}`;
    const work = await mkdtemp(path.join(tmpdir(), "shisaku-pgdump-"));
    const dump = path.join(work, "shisaku.dump");
    await adminQuery(`create database "${source}" template "${templateDatabaseName(url!)}"`);
    try {
      await exec(tools!.pgDump, ["--format=custom", "--file", dump, withDatabase(url!, source)]);
      // The README's path: an empty database from template0, the role shisaku_app already on
      // the server (the suite's migrations created it), then pg_restore.
      await adminQuery(`create database "${target}" template template0`);
      await exec(tools!.pgRestore, ["--no-owner", "--dbname", withDatabase(url!, target), dump]);
      const read = async (name: string) => {
        const database = await openPostgres(withDatabase(url!, name), 1);
        try {
          return await contentsOf(database.db);
        } finally {
          await database.close();
        }
      };
      const [before, after] = [await read(source), await read(target)];
      expect(before.tables.length).toBeGreaterThan(40);
      expect(before.tables.find((t) => t.table === "public.indicators")?.rows).toBeGreaterThan(0);
      expect(after).toEqual(before);

      // The restored database is one the application runs on: nothing to migrate, and the
      // application role (row-level security) sees the tenant's rows.
      const database = await openPostgres(withDatabase(url!, target), 1);
      try {
        await database.migrate();
        const rows = await withTenant(database.db, "082058", async (tx) => {
          const r = await tx.execute(sql`select count(*)::int as n from indicators`);
          return (r as unknown as { rows: { n: number }[] }).rows[0]!.n;
        });
        expect(rows).toBe(before.tables.find((t) => t.table === "public.indicators")!.rows);
      } finally {
        await database.close();
      }
    } finally {
      await adminQuery(`drop database if exists "${target}"`);
      await adminQuery(`drop database if exists "${source}"`);
      await rm(work, { recursive: true, force: true });
    }
  });
});
