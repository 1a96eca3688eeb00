/**
 * Shared indicators and peer comparison (共通指標と類似団体比較): a national catalogue of standard
 * indicators, every municipality of Japan (users of Shisaku or not) and their values per fiscal
 * year, filled from the Ministry of Internal Affairs' published tables.
 *
 * REFERENCE TABLES: `shared_indicators`, `national_municipalities`, `shared_indicator_values` and
 * `national_imports` are national data, the same for every tenant. They carry no
 * `municipality_code` tenant column and no row-level security (a distributed deployment
 * replicates them to every node as reference tables); their `body_code` names the municipality
 * the row describes, not the tenant that owns it. Only `shared_indicator_links` is tenant-owned.
 */
import { sql } from "drizzle-orm";
import {
  boolean,
  char,
  check,
  doublePrecision,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";
import { indicators } from "../indicators/schema.ts";
import { tenantCode, tenantForeignKey } from "../municipalities/schema.ts";

/** Reference table: the national catalogue of shared indicators. */
export const sharedIndicators = pgTable("shared_indicators", {
  /** Stable and in URLs: lower-case letters, digits and hyphens, e.g. `real-debt-service-ratio`. */
  code: text("code").primaryKey(),
  name: text("name").notNull(),
  nameEn: text("name_en").notNull(),
  unit: text("unit").notNull().default(""),
  decimals: integer("decimals").notNull().default(1),
  /** Rank 1 is the smallest value (asc: a ratio where lower is sounder) or the largest (desc). */
  rankOrder: text("rank_order", { enum: ["asc", "desc"] })
    .notNull()
    .default("asc"),
  definition: text("definition").notNull(),
  /** Where the values come from (the ministry's table). */
  source: text("source").notNull(),
  position: integer("position").notNull().default(0),
});

/** Reference table: every municipality of Japan (全国の市区町村), from the imported tables. */
export const nationalMunicipalities = pgTable(
  "national_municipalities",
  {
    /** 全国地方公共団体コード with its check digit. */
    code: char("code", { length: 6 }).primaryKey(),
    name: text("name").notNull(),
    prefecture: text("prefecture").notNull(),
    /** 住民基本台帳人口 of the latest table read. */
    population: integer("population"),
    /** 類似団体区分, e.g. 「Ⅱ-1」「都市Ⅲ-2」 (as the 決算カード writes it). */
    similarGroup: text("similar_group"),
    /** Invented by `shisaku demo national` (shown 「サンプル」). */
    sample: boolean("sample").notNull().default(false),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("national_municipalities_code_digits", sql`${t.code} ~ '^[0-9]{6}$'`),
    index("national_municipalities_prefecture").on(t.prefecture),
    index("national_municipalities_similar").on(t.similarGroup),
  ],
);

/** Reference table: a shared indicator's value for one municipality and fiscal year. */
export const sharedIndicatorValues = pgTable(
  "shared_indicator_values",
  {
    bodyCode: char("body_code", { length: 6 })
      .notNull()
      .references(() => nationalMunicipalities.code, { onDelete: "cascade" }),
    sharedCode: text("shared_code")
      .notNull()
      .references(() => sharedIndicators.code, { onDelete: "cascade" }),
    fiscalYear: integer("fiscal_year").notNull(),
    /** Null when the table has no figure: 「－」 (e.g. no deficit, so no 実質赤字比率). */
    value: doublePrecision("value"),
    /** The cell as published when it is not a number (「－」). */
    note: text("note"),
    /** The file it was read from. */
    source: text("source").notNull(),
    sample: boolean("sample").notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.sharedCode, t.fiscalYear, t.bodyCode] }),
    index("shared_indicator_values_body").on(t.bodyCode, t.sharedCode),
  ],
);

/**
 * Reference table: per shared indicator and fiscal year, how many municipalities have a value —
 * kept by every import (the catalogue's list reads this, not millions of values).
 */
export const sharedIndicatorYears = pgTable(
  "shared_indicator_years",
  {
    sharedCode: text("shared_code")
      .notNull()
      .references(() => sharedIndicators.code, { onDelete: "cascade" }),
    fiscalYear: integer("fiscal_year").notNull(),
    bodies: integer("bodies").notNull(),
    sample: boolean("sample").notNull(),
  },
  (t) => [primaryKey({ columns: [t.sharedCode, t.fiscalYear] })],
);

/** Reference table: each national table read (what, when, from which file). */
export const nationalImports = pgTable("national_imports", {
  id: serial("id").primaryKey(),
  /** kenzenka (健全化判断比率) or kessan-card (決算カード). */
  layout: text("layout").notNull(),
  fiscalYear: integer("fiscal_year").notNull(),
  fileName: text("file_name").notNull(),
  sha256: text("sha256").notNull(),
  rows: integer("rows").notNull(),
  actor: text("actor").notNull(),
  importedAt: timestamp("imported_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Tenant-owned: a municipality's own indicator that shows a shared indicator. */
export const sharedIndicatorLinks = pgTable(
  "shared_indicator_links",
  {
    municipalityCode: tenantCode(),
    indicatorId: integer("indicator_id").notNull(),
    sharedCode: text("shared_code")
      .notNull()
      .references(() => sharedIndicators.code),
    linkedAt: timestamp("linked_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.municipalityCode, t.indicatorId] }),
    tenantForeignKey(
      "shared_indicator_links_indicator_id_fk",
      { municipalityCode: t.municipalityCode, column: t.indicatorId },
      indicators,
    ).onDelete("cascade"),
    unique("shared_indicator_links_shared").on(t.municipalityCode, t.sharedCode),
  ],
);
