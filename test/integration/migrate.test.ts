import { readFile } from "node:fs/promises";
import { sql } from "drizzle-orm";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { openPglite, openPostgres } from "../../src/core/db/client.ts";
import { withDatabase } from "../support/template.ts";

const tables = async (db: Awaited<ReturnType<typeof openPglite>>["db"]) => {
  const result = await db.execute(
    sql`select count(*)::int as n from information_schema.tables where table_schema = 'public'`,
  );
  return (result as unknown as { rows: { n: number }[] }).rows[0]!.n;
};

describe("migrations", () => {
  it("apply to an empty embedded database and are idempotent", async () => {
    const database = await openPglite();
    try {
      await database.migrate();
      const n = await tables(database.db);
      expect(n).toBeGreaterThanOrEqual(11);
      await database.migrate();
      expect(await tables(database.db)).toBe(n);
    } finally {
      await database.close();
    }
  });

  it.runIf(process.env.DATABASE_URL)(
    "are safe when two processes start on the same PostgreSQL database at once",
    async () => {
      const name = `shisaku_migrate_${process.pid}`;
      const admin = new pg.Client({
        connectionString: withDatabase(process.env.DATABASE_URL!, "postgres"),
      });
      await admin.connect();
      await admin.query(`create database "${name}"`);
      const url = withDatabase(process.env.DATABASE_URL!, name);
      const [a, b] = await Promise.all([openPostgres(url, 2), openPostgres(url, 2)]);
      try {
        await Promise.all([a.migrate(), b.migrate()]);
        expect(await tables(a.db)).toBeGreaterThanOrEqual(11);
        const applied = await a.db.execute(
          sql`select count(*)::int as n from drizzle.__drizzle_migrations`,
        );
        // Each committed migration applied exactly once.
        const journal = JSON.parse(await readFile("drizzle/meta/_journal.json", "utf8"));
        expect((applied as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(
          journal.entries.length,
        );
      } finally {
        await a.close();
        await b.close();
        await admin.query(`drop database if exists "${name}"`);
        await admin.end();
      }
    },
  );
});
