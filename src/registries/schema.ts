import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
} from "drizzle-orm/pg-core";
import { tenantCode } from "../municipalities/schema.ts";

/**
 * One record of a registry (台帳: agreements, joint bodies, facilities, contracts…; the keys and
 * typed fields are declared in definitions.ts and checked by fields.ts before every write).
 */
export const registryRecords = pgTable(
  "registry_records",
  {
    id: serial("id"),
    municipalityCode: tenantCode(),
    registry: text("registry").notNull(),
    name: text("name").notNull(),
    /** The registry's own fields (field name → text, number or ISO date). */
    fields: jsonb("fields").$type<Record<string, string | number | null>>().notNull(),
    /** The day it stopped (ended, closed, sold, withdrawn) and why; null while in use. */
    retiredOn: date("retired_on", { mode: "string" }),
    retiredReason: text("retired_reason"),
    /** Demo data not in the plan (「サンプル」); never mixed with real records in one registry. */
    sample: boolean("sample").notNull().default(false),
    /** Raised by every change; a form carries the version it was opened on. */
    version: integer("version").notNull().default(1),
    updatedBy: text("updated_by").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "registry_records_pkey", columns: [t.id, t.municipalityCode] }),
    index("registry_records_registry").on(t.municipalityCode, t.registry),
  ],
);

/**
 * A registry a municipality has turned on (registries are offered only where a row is enabled),
 * with the municipality's own wording where it differs from the catalogue's (definitions.ts:
 * its description, the choices of a field, a field's hint) and the indicator of its plan the
 * registry feeds (none until an admin links one).
 */
export const registrySettings = pgTable(
  "registry_settings",
  {
    municipalityCode: tenantCode(),
    registry: text("registry").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    /** The municipality's description of the registry; null: the catalogue's. */
    description: text("description"),
    /** field name → the municipality's choices (a choice field) and hint. */
    fields: jsonb("fields")
      .$type<Record<string, { options?: string[]; hint?: string }>>()
      .notNull()
      .default({}),
    /** The indicator (by its code in the municipality's plan) computed from the registry. */
    indicatorCode: text("indicator_code"),
    /** Raised by every change; a form carries the version it was opened on. */
    version: integer("version").notNull().default(1),
    updatedBy: text("updated_by").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "registry_settings_pkey", columns: [t.municipalityCode, t.registry] }),
  ],
);
