/**
 * What a database holds, table by table, to compare two databases: the rows of every table
 * (and the position of every sequence) in the given schemas, read as the connecting user — a
 * superuser or the tables' owner, whom row-level security does not filter.
 */

import path from "node:path";
import { sql } from "drizzle-orm";
import { type Db, openPglite } from "../../src/core/db/client.ts";

export interface TableContents {
  table: string;
  rows: number;
  /** md5 of every row as text, in the order of those texts. */
  md5: string;
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

export async function contentsOf(db: Db, schemas = ["public", "drizzle"]) {
  const inSchemas = sql.join(
    schemas.map((s) => sql`${s}`),
    sql`, `,
  );
  const tables = rowsOf<{ schema: string; name: string }>(
    await db.execute(sql`select n.nspname as schema, c.relname as name
        from pg_catalog.pg_class c join pg_catalog.pg_namespace n on n.oid = c.relnamespace
       where n.nspname in (${inSchemas}) and c.relkind in ('r', 'p')
       order by 1, 2`),
  );
  const contents: TableContents[] = [];
  for (const { schema, name } of tables) {
    const table = sql`${sql.identifier(schema)}.${sql.identifier(name)}`;
    const [row] = rowsOf<{ rows: number; md5: string }>(
      await db.execute(sql`select count(*)::int as rows,
          md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as md5
        from ${table} t`),
    );
    contents.push({ table: `${schema}.${name}`, rows: row!.rows, md5: row!.md5 });
  }
  const sequences = rowsOf<{ sequence: string; last: string | null }>(
    await db.execute(sql`select schemaname || '.' || sequencename as sequence,
          last_value::text as last
        from pg_catalog.pg_sequences where schemaname in (${inSchemas}) order by 1`),
  );
  return { tables: contents, sequences };
}

/** Every table (and sequence) of the embedded database in `dataDir`, read as its superuser. */
export async function embeddedContents(dataDir: string, schemas?: string[]) {
  const database = await openPglite(path.join(dataDir, "db"));
  try {
    return await contentsOf(database.db, schemas);
  } finally {
    await database.close();
  }
}
