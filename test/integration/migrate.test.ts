import { cp, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { type SQL, sql } from "drizzle-orm";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { type Db, openPglite, openPostgres, type Tx } from "../../src/core/db/client.ts";
import { jsonRows } from "../../src/core/db/json-rows.ts";
import { cloneTemplate, withDatabase } from "../support/template.ts";

const tables = async (db: Awaited<ReturnType<typeof openPglite>>["db"]) => {
  const result = await db.execute(
    sql`select count(*)::int as n from information_schema.tables where table_schema = 'public'`,
  );
  return (result as unknown as { rows: { n: number }[] }).rows[0]!.n;
};

/** Rows read outside a transaction as well as in one. */
const rowsOf = <T>(db: Db | Tx, query: SQL) => jsonRows<T>(db as Tx, query);

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

  it("keep every row of the demo data when the keys gain the municipality code", async () => {
    // A database at the migration before distribution_by_municipality, holding the demo data
    // (copied row by row from the prepared database, references unchecked while copying).
    const journal = JSON.parse(await readFile("drizzle/meta/_journal.json", "utf8"));
    const at = journal.entries.findIndex((e: { tag: string }) =>
      e.tag.endsWith("_distribution_by_municipality"),
    );
    expect(at).toBeGreaterThan(0);
    const folder = await mkdtemp(path.join(tmpdir(), "shisaku-migrations-"));
    await cp("drizzle", folder, { recursive: true });
    await writeFile(
      path.join(folder, "meta/_journal.json"),
      JSON.stringify({ ...journal, entries: journal.entries.slice(0, at) }),
    );
    const source = await cloneTemplate("pglite");
    const target = await openPglite();
    try {
      const db = target.db as unknown as PgliteDatabase;
      await migrate(db, { migrationsFolder: folder });
      const tableNames = async (d: typeof target.db) =>
        (
          await rowsOf<{ name: string }>(
            d,
            sql`select table_name as name from information_schema.tables
                 where table_schema = 'public' and table_type = 'BASE TABLE' order by 1`,
          )
        ).map((r) => r.name);
      const before = await tableNames(target.db);
      const copied = (await tableNames(source.db)).filter((t) => before.includes(t));
      let rows = 0;
      await target.db.transaction(async (tx) => {
        await tx.execute(sql`set local session_replication_role = replica`);
        for (const table of copied) {
          const data = await rowsOf<Record<string, unknown>>(
            source.db,
            sql`select * from ${sql.identifier(table)}`,
          );
          rows += data.length;
          if (data.length === 0) continue;
          await tx.execute(
            sql`insert into ${sql.identifier(table)}
                select * from json_populate_recordset(null::${sql.identifier(table)}, ${JSON.stringify(data)}::json)`,
          );
        }
      });
      expect(rows).toBeGreaterThan(100);
      // Every table's rows, over the columns it had before, as one digest (a column a migration
      // adds is left out; the columns are read once, before migrating).
      const columns = new Map<string, string[]>();
      const columnsOf = async (table: string) => {
        let c = columns.get(table);
        if (!c) {
          c = (
            await rowsOf<{ c: string }>(
              target.db,
              sql`select column_name as c from information_schema.columns
                   where table_schema = 'public' and table_name = ${table}
                   order by ordinal_position`,
            )
          ).map((r) => r.c);
          columns.set(table, c);
        }
        return c;
      };
      const digests = async () => {
        const out: Record<string, string> = {};
        for (const table of copied) {
          const [row] = await rowsOf<{ n: number; digest: string }>(
            target.db,
            sql`select count(*)::int as n, md5(coalesce(string_agg(t::text, '|' order by t::text), ''))
                       as digest
                  from (select ${sql.join(
                    (await columnsOf(table)).map((c) => sql.identifier(c)),
                    sql`, `,
                  )} from ${sql.identifier(table)}) t`,
          );
          out[table] = `${row!.n} ${row!.digest}`;
        }
        return out;
      };
      const old = await digests();
      expect(Object.values(old).some((d) => !d.startsWith("0 "))).toBe(true);
      await target.migrate();
      expect(await digests()).toEqual(old);
      // The keys now include the municipality code.
      const [key] = await rowsOf<{ columns: string }>(
        target.db,
        sql`select string_agg(a.attname, ',' order by k.ord) as columns
              from pg_constraint c, unnest(c.conkey) with ordinality k(attnum, ord), pg_attribute a
             where c.conname = 'indicator_actuals_pkey' and a.attrelid = c.conrelid
               and a.attnum = k.attnum`,
      );
      expect(key?.columns).toBe("id,municipality_code");
    } finally {
      await target.close();
      await source.close();
      await rm(folder, { recursive: true, force: true });
    }
  });
});
