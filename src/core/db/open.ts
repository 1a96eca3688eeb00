import type { Config } from "../config.ts";
import { type Database, openDatabase } from "./client.ts";

/** Opens the configured database and brings its schema up to date. */
export async function openMigrated(
  config: Pick<Config, "databaseUrl" | "dataDir">,
): Promise<Database> {
  const database = await openDatabase(config);
  try {
    await database.migrate();
  } catch (e) {
    await database.close();
    throw e;
  }
  return database;
}
