import type { Config } from "../config.ts";
import { type Database, type Opener, openDatabase } from "./client.ts";

/**
 * Opens the configured database and brings its schema up to date. The embedded database is
 * locked to this process until close() (DatabaseInUseError while another process holds it).
 */
export async function openMigrated(
  config: Pick<Config, "databaseUrl" | "dataDir">,
  opener: Opener = {},
): Promise<Database> {
  const database = await openDatabase(config, opener);
  try {
    await database.migrate();
  } catch (e) {
    await database.close();
    throw e;
  }
  return database;
}
