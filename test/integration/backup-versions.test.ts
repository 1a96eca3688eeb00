/**
 * `shisaku restore` of backups made by other versions, on the embedded database: one made by a
 * newer version (a migration this one lacks) is refused and leaves nothing behind; one made by
 * an older version gets the migrations it lacks. Apart from backup.test.ts, so that the two
 * workers share the backup tests (migrating a database from nothing is most of this file).
 */

import { existsSync } from "node:fs";
import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { sql } from "drizzle-orm";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite } from "../../src/core/db/client.ts";
import { projectPath } from "../../src/core/paths.ts";
import { backupInProcess } from "../support/cli.ts";
import { embeddedContents } from "../support/tables.ts";
import { copyTemplate, scratchDir } from "../support/template.ts";

describe("shisaku restore of backups made by other versions (embedded database)", () => {
  let work = "";
  beforeAll(async () => {
    work = await mkdtemp(path.join(scratchDir(), "shisaku-backup-versions-"));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });

  it("refuses a backup made by a newer version and leaves nothing behind", async () => {
    // A newer version: a database with a migration this version does not have.
    const newer = path.join(work, "newer");
    await copyTemplate(newer);
    const database = await openPglite(path.join(newer, "db"));
    try {
      await database.db.execute(sql`insert into drizzle.__drizzle_migrations (hash, created_at)
          select 'from-a-newer-version', max(created_at) + 1000 from drizzle.__drizzle_migrations`);
    } finally {
      await database.close();
    }
    const file = path.join(work, "newer.tar.gz");
    expect((await backupInProcess(["backup", file], { SHISAKU_DATA_DIR: newer })).code).toBe(0);
    const target = path.join(work, "from-newer");
    const refused = await backupInProcess(["restore", file], { SHISAKU_DATA_DIR: target });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("この版より新しい Shisaku で作られた");
    expect(refused.stderr).toContain("was made by a newer version of Shisaku");
    expect(existsSync(target)).toBe(false);
  });

  it("applies the migrations a backup made by an older version lacks", async () => {
    // An older version: a database migrated with every migration but the latest.
    const older = path.join(work, "older");
    const migrations = path.join(work, "older-migrations");
    await cp(projectPath("drizzle"), migrations, { recursive: true });
    const journalFile = path.join(migrations, "meta", "_journal.json");
    const journal = JSON.parse(await readFile(journalFile, "utf8")) as { entries: unknown[] };
    const all = journal.entries.length;
    journal.entries.pop();
    await writeFile(journalFile, JSON.stringify(journal));
    const database = await openPglite(path.join(older, "db"));
    try {
      await migrate(database.db as unknown as PgliteDatabase, { migrationsFolder: migrations });
    } finally {
      await database.close();
    }
    const file = path.join(work, "older.tar.gz");
    expect((await backupInProcess(["backup", file], { SHISAKU_DATA_DIR: older })).code).toBe(0);
    const target = path.join(work, "from-older");
    const done = await backupInProcess(["restore", file], { SHISAKU_DATA_DIR: target });
    expect(done.stderr).toBe("");
    expect(done.stdout).toContain("マイグレーション 1 件を適用");
    const { tables } = await embeddedContents(target, ["drizzle"]);
    expect(tables).toEqual([expect.objectContaining({ rows: all })]);
  });
});
