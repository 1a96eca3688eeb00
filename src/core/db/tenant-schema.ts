/** The tenant table: every tenant-owned row of every domain carries its municipality code. */
import { sql } from "drizzle-orm";
import { char, check, pgTable, text, timestamp } from "drizzle-orm/pg-core";

/** A municipality (tenant), identified by its 全国地方公共団体コード. */
export const municipalities = pgTable(
  "municipalities",
  {
    code: char("code", { length: 6 }).primaryKey(),
    name: text("name").notNull(),
    prefecture: text("prefecture").notNull(),
    bodyKind: text("body_kind").notNull(),
    note: text("note"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("municipalities_code_digits", sql`${t.code} ~ '^[0-9]{6}$'`)],
);

/** The column every tenant-owned row carries: its municipality's code. */
export const tenantCode = () =>
  char("municipality_code", { length: 6 })
    .notNull()
    .references(() => municipalities.code);
