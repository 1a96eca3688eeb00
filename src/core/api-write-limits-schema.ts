import { index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { tenantCode } from "./db/tenant-schema.ts";

/**
 * Writes through the API per personal token and minute (core/http/write-limit.ts): counted in
 * the database so that every process and a restart see the same count. The token is kept as the
 * SHA-256 digest of what the client sent, never the token itself. Windows older than an hour are
 * removed when a new one starts.
 */
export const apiWriteCounts = pgTable(
  "api_write_counts",
  {
    municipalityCode: tenantCode(),
    tokenHash: text("token_hash").notNull(),
    windowStart: timestamp("window_start", { withTimezone: true }).notNull(),
    writes: integer("writes").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityCode, t.tokenHash, t.windowStart] }),
    index("api_write_counts_window").on(t.windowStart),
  ],
);
