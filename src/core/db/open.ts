import type { Config } from "../config.ts";
import { type Database, openDatabase, openPostgres } from "./client.ts";

/**
 * Opens the configured database and brings its schema up to date. On PostgreSQL with
 * DATABASE_MIGRATION_URL, the migrations run on a connection of their own (the tables' owner)
 * and the application connects with DATABASE_URL.
 */
export async function openMigrated(
  config: Pick<Config, "databaseUrl" | "dataDir"> & Partial<Pick<Config, "databaseMigrationUrl">>,
): Promise<Database> {
  if (config.databaseUrl && config.databaseMigrationUrl) {
    const owner = await openPostgres(config.databaseMigrationUrl, 1);
    try {
      await owner.migrate();
    } finally {
      await owner.close();
    }
    return openDatabase(config);
  }
  const database = await openDatabase(config);
  try {
    await database.migrate();
  } catch (e) {
    await database.close();
    throw e;
  }
  return database;
}
