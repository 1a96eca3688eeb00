import {
  boolean,
  doublePrecision,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";
import { tenantCode } from "../municipalities/schema.ts";
import type { ExplanationRef, PublishedFigures } from "./finance-file.ts";

/** A soundness ratio of one fiscal year: as published (reported) or computed from components. */
export const soundnessRatios = pgTable(
  "soundness_ratios",
  {
    id: serial("id"),
    municipalityCode: tenantCode(),
    fiscalYear: integer("fiscal_year").notNull(),
    kind: text("kind", {
      enum: ["realDeficit", "consolidatedRealDeficit", "realDebtService", "futureBurden"],
    }).notNull(),
    origin: text("origin", { enum: ["reported", "computed"] }).notNull(),
    /** Percent; null when published as 「−」. */
    value: doublePrecision("value"),
    source: text("source").notNull(),
    note: text("note"),
  },
  (t) => [
    primaryKey({ name: "soundness_ratios_pkey", columns: [t.id, t.municipalityCode] }),
    unique("soundness_ratios_year").on(t.municipalityCode, t.fiscalYear, t.kind),
  ],
);

/** Per-municipality finance settings. */
export const financeSettings = pgTable("finance_settings", {
  municipalityCode: tenantCode().primaryKey(),
  surplusDisplay: text("surplus_display", { enum: ["minus", "triangle", "dash"] })
    .notNull()
    .default("minus"),
  /** Indicator codes showing each ratio, e.g. {"realDeficit": "GZ-2-O1"}. */
  ratioIndicators: jsonb("ratio_indicators").$type<Record<string, string>>().notNull().default({}),
  /** Published overall figures as printed: [{fiscalYear, source, figures: [{label, text}]}]. */
  overview: jsonb("overview").$type<PublishedFigures[]>().notNull().default([]),
  /** Plan text blocks shown on the finance page: [{node, title}]. */
  explanations: jsonb("explanations").$type<ExplanationRef[]>().notNull().default([]),
});

/**
 * The components of the four soundness ratios for one fiscal year (実質赤字額, 標準財政規模,
 * 元利償還金…, 将来負担額 by its eight statutory items…), as entered by the finance section or
 * imported; the ratios computed from them are written to `soundness_ratios` with origin
 * "computed". The shape of `components` is declared with the pure rules in soundness.ts.
 */
export const soundnessComponents = pgTable(
  "soundness_components",
  {
    id: serial("id"),
    municipalityCode: tenantCode(),
    fiscalYear: integer("fiscal_year").notNull(),
    components: jsonb("components").$type<Record<string, unknown>>().notNull(),
    sample: boolean("sample").notNull(),
    source: text("source").notNull(),
    note: text("note"),
    updatedBy: text("updated_by"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    primaryKey({ name: "soundness_components_pkey", columns: [t.id, t.municipalityCode] }),
    unique("soundness_components_year").on(t.municipalityCode, t.fiscalYear),
  ],
);
