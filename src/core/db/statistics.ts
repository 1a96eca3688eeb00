/**
 * The planner's statistics after a bulk write. A PostgreSQL server refreshes them by itself
 * (autovacuum); the embedded database has no background worker, and without statistics the
 * planner guesses row counts of one and picks plans that take seconds on large tables. A bulk
 * write (a plan of thousands of indicators, an import of thousands of cells) refreshes the
 * statistics of the tables it wrote, outside its transaction and as the database owner.
 */
import { sql } from "drizzle-orm";
import type { Db } from "./client.ts";

/** Rows written at once from which statistics are worth refreshing. */
export const BULK_ROWS = 1000;

/** Refreshes the statistics of the tables named, or of every table. */
export async function refreshStatistics(db: Db, tables: readonly string[] = []): Promise<void> {
  const names = tables.map((t) => `"${t.replaceAll('"', "")}"`).join(", ");
  await db.execute(sql.raw(`analyze ${names}`));
}
