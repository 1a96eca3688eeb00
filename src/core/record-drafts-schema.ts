import {
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";
import { tenantCode } from "./db/tenant-schema.ts";

/**
 * A definition edited by staff and not yet published (a plan node, an indicator definition):
 * the proposed fields of one record, keyed by its type and stable code so that a re-import of
 * the plan files keeps it attached. The public portal and API never read this table; the
 * owning module applies `fields` when a planner publishes.
 */
export const recordDrafts = pgTable(
  "record_drafts",
  {
    id: serial("id"),
    municipalityCode: tenantCode(),
    recordType: text("record_type").notNull(),
    recordKey: text("record_key").notNull(),
    fields: jsonb("fields").notNull(),
    /** The published version the draft was made from. */
    baseVersion: integer("base_version").notNull(),
    version: integer("version").notNull().default(1),
    updatedBy: text("updated_by").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "record_drafts_pkey", columns: [t.id, t.municipalityCode] }),
    unique("record_drafts_record").on(t.municipalityCode, t.recordType, t.recordKey),
  ],
);
