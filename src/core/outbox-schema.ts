import {
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import { tenantCode } from "./db/tenant-schema.ts";

/**
 * E-mail prepared by the application (reminders, notifications). Written in the transaction
 * that decides to send it, delivered afterwards by SMTP when SMTP_URL is configured; until then
 * staff can read what would be sent. `key` makes preparing idempotent.
 */
export const outbox = pgTable(
  "outbox",
  {
    id: serial("id"),
    municipalityCode: tenantCode(),
    key: text("key").notNull(),
    recipient: text("recipient").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
  },
  (t) => [
    primaryKey({ name: "outbox_pkey", columns: [t.id, t.municipalityCode] }),
    uniqueIndex("outbox_key").on(t.municipalityCode, t.key),
  ],
);
