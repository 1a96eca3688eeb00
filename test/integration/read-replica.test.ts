/**
 * DATABASE_READ_URL (issue 19): public reads on a streaming-replication standby, everything else
 * on the primary, and no cache rebuilt from the standby's older data after a change. Runs when
 * the suite has a standby (SHISAKU_TEST_DATABASE_READ_URL beside DATABASE_URL: .ci/standby.sh).
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.tsx";
import { announceChange, changed, feedOf, followChanges } from "../../src/core/changes.ts";
import { type Database, openPostgres } from "../../src/core/db/client.ts";
import { onStandby } from "../../src/core/db/replica.ts";
import type { TestContext } from "../support/app.ts";
import { DEMO, staffOf } from "../support/staff.ts";
import { cloneTemplate, withDatabase } from "../support/template.ts";

const MC = "082058";
const standbyUrl = process.env.SHISAKU_TEST_DATABASE_READ_URL;
const primaryUrl = process.env.DATABASE_URL;

const rowsOf = (r: unknown) => (r as { rows: unknown[] }).rows;

const until = async (check: () => boolean, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe.skipIf(!standbyUrl || !primaryUrl)("reads on a streaming-replication standby", () => {
  let database: Database;
  const t = {} as TestContext;
  beforeAll(async () => {
    database = await cloneTemplate("postgres");
    t.database = database;
    t.app = createApp({ db: database.db });
    t.get = async (path, init) => t.app.request(path, init);
  });
  afterAll(async () => {
    await database?.close();
  });

  it("answers a public request's reads from the standby, which is one", async () => {
    const standby = database.standby!;
    expect(standby).toBeDefined();
    await until(() => standby.standbyInUse);
    const before = standby.counts.standby;
    const page = await t.get(`/${MC}/indicators`);
    expect(page.status).toBe(200);
    expect(standby.counts.standby).toBeGreaterThan(before);
    const inRecovery = await onStandby(() =>
      database.db.transaction(async (tx) => {
        const r = await tx.execute(sql`select pg_is_in_recovery() as r`);
        return (rowsOf(r)[0] as { r: boolean }).r;
      }),
    );
    expect(inRecovery).toBe(true);
    // Outside a public request (a staff page, a command, a job): the primary.
    const primary = await database.db.transaction(async (tx) => {
      const r = await tx.execute(sql`select pg_is_in_recovery() as r`);
      return (rowsOf(r)[0] as { r: boolean }).r;
    });
    expect(primary).toBe(false);
  });

  it("reads staff pages from the primary", async () => {
    const standby = database.standby!;
    const staff = await staffOf(t, MC, DEMO.planner.email, DEMO.planner.password);
    await until(() => standby.standbyInUse);
    const before = standby.counts.standby;
    const home = await staff.page(`/${MC}/manage/`);
    expect(home.status).toBe(200);
    expect(standby.counts.standby).toBe(before);
  });

  it("runs a public request's work that writes on the primary", async () => {
    await until(() => database.standby!.standbyInUse);
    const n = await onStandby(() =>
      database.db.transaction(async (tx) => {
        await tx.execute(sql`create temporary table replica_probe (n int) on commit drop`);
        await tx.execute(sql`insert into replica_probe values (7)`);
        const r = await tx.execute(sql`select n from replica_probe`);
        return (rowsOf(r)[0] as { n: number }).n;
      }),
    );
    expect(n).toBe(7);
  });

  it("after a change, reads the primary until the standby has replayed it", async () => {
    const standby = database.standby!;
    await until(() => standby.standbyInUse);
    changed(database.db, [MC]);
    // At once, before anything else runs: the next read cannot reach the standby.
    expect(standby.standbyInUse).toBe(false);
    const fenced = Date.now();
    await until(() => standby.standbyInUse);
    // Lifted as soon as the standby has replayed the primary's WAL up to the change.
    expect(Date.now() - fenced).toBeLessThan(5000);
  });

  it("shows another process's change as soon as its notice arrives, never the standby's older data", async () => {
    // A second server process on the same pair: it learns of the change by the primary's NOTIFY.
    const dbName = await database.db
      .execute(sql`select current_database() as d`)
      .then((r) => (rowsOf(r)[0] as { d: string }).d);
    const other = await openPostgres(
      withDatabase(primaryUrl!, dbName),
      2,
      withDatabase(standbyUrl!, dbName),
    );
    const unfollow = await followChanges(other);
    try {
      const app = createApp({ db: other.db });
      const feed = feedOf(other.db);
      await until(() => other.standby!.standbyInUse);
      expect(await (await app.request(`/${MC}/`)).text()).not.toContain("石岡市（改）");
      for (let round = 0; round < 5; round++) {
        const version = feed.version(MC);
        const renamed = `石岡市（改${round}）`;
        await database.db.transaction(async (tx) => {
          await tx.execute(sql`update municipalities set name = ${renamed} where code = ${MC}`);
          await announceChange(tx, MC);
        });
        await until(() => feed.version(MC) > version);
        // At once: the page cache and every memo were dropped, and the reads that rebuild them
        // are fenced to the primary until the standby has caught up.
        expect(await (await app.request(`/${MC}/`)).text()).toContain(renamed);
      }
    } finally {
      await unfollow();
      await other.close();
    }
  });
});
