import { integer, pgTable, serial, text, timestamp, unique } from "drizzle-orm/pg-core";

import { tenantCode } from "../core/db/tenant-schema.ts";

export { municipalities, tenantCode } from "../core/db/tenant-schema.ts";

/** The registry of a municipality's sections (課) and section groups (全庁, 関係各課). */
export const sections = pgTable(
  "sections",
  {
    id: serial("id").primaryKey(),
    municipalityCode: tenantCode(),
    code: text("code").notNull(),
    name: text("name").notNull(),
    kind: text("kind", { enum: ["section", "group"] })
      .notNull()
      .default("section"),
    note: text("note"),
    position: integer("position").notNull().default(0),
  },
  (t) => [unique("sections_code").on(t.municipalityCode, t.code)],
);

/** Former names of a section: a rename keeps the section (and every link to it). */
export const sectionNameHistory = pgTable("section_name_history", {
  id: serial("id").primaryKey(),
  municipalityCode: tenantCode(),
  sectionId: integer("section_id")
    .notNull()
    .references(() => sections.id, { onDelete: "cascade" }),
  name: text("name").notNull(),
  replacedAt: timestamp("replaced_at", { withTimezone: true }).notNull().defaultNow(),
});
