/**
 * Every applied spreadsheet import keeps the uploaded file itself, so the audit entry that records
 * it (file name, sha256, the changes) can offer the file for download again.
 */
import { index, integer, pgTable, primaryKey, serial, text, timestamp } from "drizzle-orm/pg-core";
import { bytea } from "../core/db/bytea.ts";
import { tenantCode } from "../municipalities/schema.ts";

export const spreadsheetImports = pgTable(
  "spreadsheet_imports",
  {
    id: serial("id"),
    municipalityCode: tenantCode(),
    dataset: text("dataset").notNull(),
    fileName: text("file_name").notNull(),
    /** xlsx, csv or csv-sjis. */
    format: text("format").notNull(),
    sha256: text("sha256").notNull(),
    size: integer("size").notNull(),
    content: bytea("content").notNull(),
    appliedBy: text("applied_by").notNull(),
    appliedAt: timestamp("applied_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "spreadsheet_imports_pkey", columns: [t.id, t.municipalityCode] }),
    index("spreadsheet_imports_tenant").on(t.municipalityCode, t.appliedAt),
  ],
);
