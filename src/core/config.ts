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
  /**
   * With DATABASE_URL: a streaming-replication standby of it (DATABASE_READ_URL) that answers
   * the public pages' and the public API's reads (core/db/replica.ts).
   */
  databaseReadUrl: string | undefined;
  /** Proxies in front whose X-Forwarded-For is trusted (SHISAKU_TRUST_PROXY; 0: none). */
  trustProxy: number;
  /** Processes serving HTTP (SHISAKU_WORKERS, default 1; more than one needs PostgreSQL). */
  workers: number;
  /** Days after a letter to the mayor is closed until its writer's contact details are erased. */
  letterRetentionDays: number;
}

export const DEFAULT_LETTER_RETENTION_DAYS = 365;
/** The longest retention accepted (100 years): anything longer is surely a typing mistake. */
const MAX_LETTER_RETENTION_DAYS = 36_500;

/** SHISAKU_LETTER_RETENTION_DAYS: a whole number of days; unset, empty or 0 is the default. */
export function letterRetentionDays(raw: string | undefined): number {
  const s = raw?.trim() ?? "";
  if (s === "" || /^0+$/.test(s)) return DEFAULT_LETTER_RETENTION_DAYS;
  const days = /^\d+$/.test(s) ? Number(s) : Number.NaN;
  if (!(days >= 1 && days <= MAX_LETTER_RETENTION_DAYS))
    throw new Error(
      `SHISAKU_LETTER_RETENTION_DAYS must be a whole number of days (1–${MAX_LETTER_RETENTION_DAYS}, or 0 for the default ${DEFAULT_LETTER_RETENTION_DAYS}), got "${raw}"`,
    );
  return days;
}

/** SHISAKU_WORKERS: 1–64 processes; more than one only on PostgreSQL (DATABASE_URL). */
function workerCount(env: NodeJS.ProcessEnv) {
  const raw = env.SHISAKU_WORKERS?.trim() || "1";
  const n = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(n >= 1 && n <= 64))
    throw new Error(
      `SHISAKU_WORKERS must be a number of processes (1–64), got "${env.SHISAKU_WORKERS}"`,
    );
  if (n > 1 && !env.DATABASE_URL)
    throw new Error(
      `SHISAKU_WORKERS=${n} には PostgreSQL（DATABASE_URL）が必要です。埋め込みデータベースは一つのプロセスだけが開けます / ` +
        `SHISAKU_WORKERS=${n} needs PostgreSQL (DATABASE_URL): the embedded database opens in one process only`,
    );
  return n;
}

function databaseReadUrl(env: NodeJS.ProcessEnv) {
  const url = env.DATABASE_READ_URL || undefined;
  if (url && !env.DATABASE_URL)
    throw new Error(
      "DATABASE_READ_URL は DATABASE_URL（プライマリ）と一緒に指定してください / DATABASE_READ_URL (a standby) needs DATABASE_URL (its primary)",
    );
  return url;
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
    databaseReadUrl: databaseReadUrl(env),
    // Read again by clientAddress on each request; checked here so a wrong value stops the start.
    trustProxy: parseTrustProxy(env.SHISAKU_TRUST_PROXY),
    letterRetentionDays: letterRetentionDays(env.SHISAKU_LETTER_RETENTION_DAYS),
    workers: workerCount(env),
  };
}

/** The folder holding the shipped municipality plan files (data/municipalities/<code>/). */
export const BUNDLED_MUNICIPALITIES_DIR = projectPath("data", "municipalities");
