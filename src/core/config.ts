/** Configuration comes from the environment only. */
import path from "node:path";
import { parseTrustProxy } from "./http/client-address.ts";
import { projectPath } from "./paths.ts";

export interface Config {
  port: number;
  host: string;
  /** Folder of the embedded database and other local state. */
  dataDir: string;
  /** When set, a PostgreSQL server is used instead of the embedded database. */
  databaseUrl: string | undefined;
  /**
   * With DATABASE_URL: the connection that applies migrations (the tables' owner), so that the
   * application itself may connect as a login role that owns nothing.
   */
  databaseMigrationUrl: string | undefined;
  /** Proxies in front whose X-Forwarded-For is trusted (SHISAKU_TRUST_PROXY; 0: none). */
  trustProxy: number;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 3000);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a port number (0–65535), got "${env.PORT}"`);
  }
  return {
    port,
    host: env.HOST || "127.0.0.1",
    dataDir: path.resolve(env.SHISAKU_DATA_DIR || "./data"),
    databaseUrl: env.DATABASE_URL || undefined,
    databaseMigrationUrl: env.DATABASE_MIGRATION_URL || undefined,
    // Read again by clientAddress on each request; checked here so a wrong value stops the start.
    trustProxy: parseTrustProxy(env.SHISAKU_TRUST_PROXY),
  };
}

/** The folder holding the shipped municipality plan files (data/municipalities/<code>/). */
export const BUNDLED_MUNICIPALITIES_DIR = projectPath("data", "municipalities");
