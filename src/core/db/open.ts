import type { Config } from "../config.ts";
import { type Database, type Opener, openDatabase, openPostgres } from "./client.ts";

/**
 * Opens the configured database and brings its schema up to date. The embedded database is
 * locked to this process until close() (DatabaseInUseError while another process holds it). On
 * PostgreSQL with DATABASE_MIGRATION_URL, the migrations run on a connection of their own (the
 * tables' owner) and the application connects with DATABASE_URL.
 */
export async function openMigrated(
  config: Pick<Config, "databaseUrl" | "dataDir"> &
    Partial<Pick<Config, "databaseMigrationUrl" | "databaseReadUrl">>,
  opener: Opener = {},
): Promise<Database> {
  if (config.databaseUrl && config.databaseMigrationUrl) {
    const owner = await openPostgres(config.databaseMigrationUrl, 1);
    try {
      await owner.migrate();
    } finally {
      await owner.close();
    }
    return openDatabase(config, opener);
  }
  const database = await openDatabase(config, opener);
  try {
    await database.migrate();
  } catch (e) {
    await database.close();
    throw e;
  }
  return database;
}
