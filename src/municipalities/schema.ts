import { integer, pgTable, primaryKey, serial, text, timestamp, unique } from "drizzle-orm/pg-core";

import { tenantCode, tenantForeignKey } from "../core/db/tenant-schema.ts";

export { municipalities, tenantCode, tenantForeignKey } from "../core/db/tenant-schema.ts";

/** The registry of a municipality's sections (課) and section groups (全庁, 関係各課). */
export const sections = pgTable(
  "sections",
  {
    id: serial("id"),
    municipalityCode: tenantCode(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    kind: text("kind", { enum: ["section", "group"] })
      .notNull()
      .default("section"),
    note: text("note"),
    position: integer("position").notNull().default(0),
  },
  (t) => [
    primaryKey({ name: "sections_pkey", columns: [t.id, t.municipalityCode] }),
    unique("sections_code").on(t.municipalityCode, t.code),
  ],
);

/** Former names of a section: a rename keeps the section (and every link to it). */
export const sectionNameHistory = pgTable(
  "section_name_history",
  {
    id: serial("id"),
    municipalityCode: tenantCode(),
    sectionId: integer("section_id").notNull(),
    name: text("name").notNull(),
    replacedAt: timestamp("replaced_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "section_name_history_pkey", columns: [t.id, t.municipalityCode] }),
    tenantForeignKey(
      "section_name_history_section_id_fk",
      { municipalityCode: t.municipalityCode, column: t.sectionId },
      sections,
    ).onDelete("cascade"),
  ],
);
