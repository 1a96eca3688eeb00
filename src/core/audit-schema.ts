import { bigserial, index, jsonb, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
import { tenantCode } from "./db/tenant-schema.ts";

/**
 * The append-only audit trail: who changed what, when, from where, before and after. Written in
 * the same transaction as the change; PostgreSQL refuses every UPDATE and DELETE on it
 * (drizzle/0004_audit_log.sql), whoever asks.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }),
    municipalityCode: tenantCode(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
    /** "user:<id> <email>", "cli", "system". */
    actor: text("actor").notNull(),
    address: text("address"),
    action: text("action").notNull(),
    recordType: text("record_type").notNull(),
    recordKey: text("record_key").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
  },
  (t) => [
    primaryKey({ name: "audit_log_pkey", columns: [t.id, t.municipalityCode] }),
    index("audit_log_record").on(t.municipalityCode, t.recordType, t.recordKey),
    index("audit_log_time").on(t.municipalityCode, t.occurredAt),
  ],
);
