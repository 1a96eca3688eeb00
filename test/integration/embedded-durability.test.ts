/**
 * Commits on the embedded database reach the disk before they are acknowledged (fsync and
 * synchronous_commit on, each commit flushed), and its files are the owner's alone. Only the
 * test suite turns fsync off (SHISAKU_TEST_NO_FSYNC=1 in vitest.config.ts).
 */
import fs from "node:fs";
import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { type Database, openPglite } from "../../src/core/db/client.ts";
import { cloneTemplate } from "../support/template.ts";

const setting = async (database: Database, name: string) =>
  (await database.pglite!.query<Record<string, string>>(`show ${name}`)).rows[0]![name];

/** Every file and folder under `dir` (itself included) with its permission bits. */
async function modes(dir: string): Promise<{ path: string; dir: boolean; mode: number }[]> {
  const out = [{ path: dir, dir: true, mode: (await stat(dir)).mode & 0o777 }];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await modes(p)));
    else out.push({ path: p, dir: false, mode: (await stat(p)).mode & 0o777 });
  }
  return out;
}

describe("a new embedded database, opened as the server and the commands open it", () => {
  let work: string;
  beforeAll(async () => {
    work = await mkdtemp(path.join(tmpdir(), "shisaku-durable-"));
  });
  afterAll(async () => {
    await rm(work, { recursive: true, force: true });
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
  });

  it("has fsync and synchronous_commit on, flushes every commit to the disk, and keeps its files 0600 and folders 0700", async () => {
    // As outside the test suite.
    vi.stubEnv("SHISAKU_TEST_NO_FSYNC", undefined);
    const dataDir = path.join(work, "data");
    const database = await openPglite(path.join(dataDir, "db"));
    try {
      expect(await setting(database, "fsync")).toBe("on");
      expect(await setting(database, "synchronous_commit")).toBe("on");
      expect(await setting(database, "wal_sync_method")).toBe("fsync");
      await database.pglite!.exec("create table saves (id serial primary key, value text)");
      const fsync = vi.spyOn(fs, "fsyncSync");
      for (let i = 0; i < 5; i++)
        await database.pglite!.query("insert into saves (value) values ($1)", [`save ${i}`]);
      // Each of the five commits waited for the operating system's fsync.
      expect(fsync.mock.calls.length).toBeGreaterThanOrEqual(5);
    } finally {
      await database.close();
    }
    const found = await modes(dataDir);
    expect(found.filter((f) => !f.dir).length).toBeGreaterThan(100);
    const loose = found
      .filter((f) => f.mode !== (f.dir ? 0o700 : 0o600))
      .map((f) => `${f.mode.toString(8)} ${path.relative(dataDir, f.path)}`);
    expect(loose).toEqual([]);
  });
});

describe("the test suite's embedded databases", () => {
  it("keep fsync off (SHISAKU_TEST_NO_FSYNC=1, set only by vitest.config.ts)", async () => {
    expect(process.env.SHISAKU_TEST_NO_FSYNC).toBe("1");
    const database = await cloneTemplate("pglite");
    try {
      expect(await setting(database, "fsync")).toBe("off");
    } finally {
      await database.close();
    }
  });
});
