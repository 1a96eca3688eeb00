/** The tenant table: every tenant-owned row of every domain carries its municipality code. */
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  char,
  check,
  foreignKey,
  pgTable,
  text,
  timestamp,
} from "drizzle-orm/pg-core";

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

/**
 * A reference from one tenant row to another by id, together with the municipality code, so
 * that both rows are of one municipality and a database distributed by municipality_code
 * (core/db/distribution.ts) finds them on one shard. The referenced table's key is
 * (id, municipality_code). Chain `.onDelete("cascade")` where the rows go with the row they
 * point at; never "set null" or "set default": Citus refuses them on a key with the
 * distribution column, so the action that deletes a row clears the references to it.
 */
export const tenantForeignKey = (
  name: string,
  from: { municipalityCode: AnyPgColumn; column: AnyPgColumn },
  to: { municipalityCode: AnyPgColumn; id: AnyPgColumn },
) =>
  foreignKey({
    name,
    columns: [from.municipalityCode, from.column],
    foreignColumns: [to.municipalityCode, to.id],
  });
