import {
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";
import { sections, tenantCode, tenantForeignKey } from "../municipalities/schema.ts";
import { planNodes } from "../plan/schema.ts";

/** The unified indicator registry (指標の一元管理): one row per indicator of any plan. */
export const indicators = pgTable(
  "indicators",
  {
    id: serial("id"),
    municipalityCode: tenantCode(),
    code: text("code").notNull(),
    kind: text("kind", { enum: ["policy", "outcome", "reference", "activity"] }).notNull(),
    name: text("name").notNull(),
    definition: text("definition"),
    unit: text("unit").notNull().default(""),
    decimals: integer("decimals"),
    challenge: boolean("challenge").notNull().default(false),
    /** annual | running_total | sum_of_annual (plan/plan-file.ts ValueKind). */
    valueKind: text("value_kind", { enum: ["annual", "running_total", "sum_of_annual"] })
      .notNull()
      .default("annual"),
    /** fiscal (年度) | calendar (年). */
    yearKind: text("year_kind", { enum: ["fiscal", "calendar"] })
      .notNull()
      .default("fiscal"),
    /** Where the indicator's figures are printed: {document, page?, url?}. */
    source: jsonb("source").$type<{ document: string; page?: string; url?: string }>(),
    /** The node it measures (its first appearance that is not a repost). */
    nodeId: integer("node_id"),
    baselineValue: doublePrecision("baseline_value"),
    baselineFiscalYear: integer("baseline_fiscal_year"),
    baselineText: text("baseline_text").notNull(),
    baselineNote: text("baseline_note"),
    targetForm: text("target_form").notNull(),
    targetValue: doublePrecision("target_value"),
    targetFiscalYear: integer("target_fiscal_year"),
    targetText: text("target_text").notNull(),
    targetNote: text("target_note"),
    /** 中間目標 in fiscal-year order: [{fiscalYear, value, text, note?}]. */
    targetInterim: jsonb("target_interim")
      .$type<{ fiscalYear: number; value: number | null; text: string; note?: string }[]>()
      .notNull()
      .default([]),
    note: text("note"),
    /** Raised by every publication or import; an edit form carries the version it was opened on. */
    version: integer("version").notNull().default(1),
  },
  (t) => [
    primaryKey({ name: "indicators_pkey", columns: [t.id, t.municipalityCode] }),
    tenantForeignKey(
      "indicators_node_id_fk",
      { municipalityCode: t.municipalityCode, column: t.nodeId },
      planNodes,
    ),
    unique("indicators_code").on(t.municipalityCode, t.code),
  ],
);

/** Where an indicator is printed: one indicator, linked from every plan that lists it (再掲). */
export const indicatorAppearances = pgTable(
  "indicator_appearances",
  {
    municipalityCode: tenantCode(),
    indicatorId: integer("indicator_id").notNull(),
    nodeId: integer("node_id").notNull(),
    position: integer("position").notNull(),
    reposted: boolean("reposted").notNull().default(false),
  },
  (t) => [
    tenantForeignKey(
      "indicator_appearances_indicator_id_fk",
      { municipalityCode: t.municipalityCode, column: t.indicatorId },
      indicators,
    ).onDelete("cascade"),
    tenantForeignKey(
      "indicator_appearances_node_id_fk",
      { municipalityCode: t.municipalityCode, column: t.nodeId },
      planNodes,
    ).onDelete("cascade"),
    primaryKey({
      name: "indicator_appearances_pkey",
      columns: [t.indicatorId, t.nodeId, t.municipalityCode],
    }),
    index("indicator_appearances_node").on(t.nodeId),
    // The registry reads a municipality's appearances at once.
    index("indicator_appearances_tenant").on(t.municipalityCode),
  ],
);

export const indicatorSections = pgTable(
  "indicator_sections",
  {
    municipalityCode: tenantCode(),
    indicatorId: integer("indicator_id").notNull(),
    sectionId: integer("section_id").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [
    tenantForeignKey(
      "indicator_sections_indicator_id_fk",
      { municipalityCode: t.municipalityCode, column: t.indicatorId },
      indicators,
    ).onDelete("cascade"),
    tenantForeignKey(
      "indicator_sections_section_id_fk",
      { municipalityCode: t.municipalityCode, column: t.sectionId },
      sections,
    ),
    primaryKey({
      name: "indicator_sections_pkey",
      columns: [t.indicatorId, t.sectionId, t.municipalityCode],
    }),
    // The registry reads a municipality's indicator sections at once.
    index("indicator_sections_tenant").on(t.municipalityCode),
  ],
);

/** What an actual says besides its number: words, reached or not, the date it stands at, 見込. */
function actualDetails() {
  return {
    /** As reported when it is words: 「策定」「なし」. */
    text: text("text"),
    /** For a milestone target: reached or not. */
    done: boolean("done"),
    /** The date the value stands at (「9月30日現在」). */
    asOf: date("as_of", { mode: "string" }),
    /** 見込: an estimate. */
    estimate: boolean("estimate").notNull().default(false),
  };
}

/** One actual value per indicator and fiscal year. */
export const indicatorActuals = pgTable(
  "indicator_actuals",
  {
    id: serial("id"),
    municipalityCode: tenantCode(),
    indicatorId: integer("indicator_id").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    value: doublePrecision("value"),
    ...actualDetails(),
    note: text("note"),
    source: text("source"),
    /** entered by staff or a file; reported / computed when another module fills it. */
    origin: text("origin", { enum: ["entered", "reported", "computed"] })
      .notNull()
      .default("entered"),
    /** Raised by every publication; a form carries the version it was opened on. */
    version: integer("version").notNull().default(1),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    /** A computed actual's records behind the number (a site path, e.g. a filtered registry). */
    recordsPath: text("records_path"),
  },
  (t) => [
    primaryKey({ name: "indicator_actuals_pkey", columns: [t.id, t.municipalityCode] }),
    tenantForeignKey(
      "indicator_actuals_indicator_id_fk",
      { municipalityCode: t.municipalityCode, column: t.indicatorId },
      indicators,
    ).onDelete("cascade"),
    unique("indicator_actuals_year").on(t.indicatorId, t.fiscalYear, t.municipalityCode),
    index("indicator_actuals_tenant").on(t.municipalityCode),
  ],
);

/**
 * An actual entered or corrected by staff and not yet published: the public portal and API
 * never read this table. One draft per indicator and fiscal year; publishing moves it into
 * indicator_actuals.
 */
export const actualDrafts = pgTable(
  "actual_drafts",
  {
    id: serial("id"),
    municipalityCode: tenantCode(),
    indicatorId: integer("indicator_id").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    value: doublePrecision("value"),
    ...actualDetails(),
    note: text("note"),
    /** Why a published value is being corrected (required then). */
    reason: text("reason"),
    /** The published version this draft was made from (0: nothing was published). */
    baseVersion: integer("base_version").notNull(),
    version: integer("version").notNull().default(1),
    updatedBy: text("updated_by").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "actual_drafts_pkey", columns: [t.id, t.municipalityCode] }),
    tenantForeignKey(
      "actual_drafts_indicator_id_fk",
      { municipalityCode: t.municipalityCode, column: t.indicatorId },
      indicators,
    ).onDelete("cascade"),
    unique("actual_drafts_year").on(t.indicatorId, t.fiscalYear, t.municipalityCode),
  ],
);

/** A published value replaced by another: the public correction history (訂正履歴). */
export const actualCorrections = pgTable(
  "actual_corrections",
  {
    id: serial("id"),
    municipalityCode: tenantCode(),
    indicatorId: integer("indicator_id").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    oldValue: doublePrecision("old_value"),
    newValue: doublePrecision("new_value"),
    oldNote: text("old_note"),
    newNote: text("new_note"),
    reason: text("reason").notNull(),
    correctedAt: timestamp("corrected_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "actual_corrections_pkey", columns: [t.id, t.municipalityCode] }),
    tenantForeignKey(
      "actual_corrections_indicator_id_fk",
      { municipalityCode: t.municipalityCode, column: t.indicatorId },
      indicators,
    ).onDelete("cascade"),
    index("actual_corrections_indicator").on(t.indicatorId, t.fiscalYear),
  ],
);

/**
 * A computed actual of a fiscal year still in progress (集計中): shown with the time it was
 * computed, never used for the status, and moved into indicator_actuals when the year's reporting
 * round closes or a planner publishes it (see computed-actuals.ts).
 */
export const runningActuals = pgTable(
  "running_actuals",
  {
    id: serial("id"),
    municipalityCode: tenantCode(),
    indicatorId: integer("indicator_id").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    value: doublePrecision("value"),
    note: text("note"),
    /** How it is computed, with the counts (the formula). */
    source: text("source").notNull(),
    recordsPath: text("records_path"),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull().defaultNow(),
    /** Raised by every change; publishing carries the version the planner saw. */
    version: integer("version").notNull().default(1),
  },
  (t) => [
    primaryKey({ name: "running_actuals_pkey", columns: [t.id, t.municipalityCode] }),
    tenantForeignKey(
      "running_actuals_indicator_id_fk",
      { municipalityCode: t.municipalityCode, column: t.indicatorId },
      indicators,
    ).onDelete("cascade"),
    unique("running_actuals_year").on(t.indicatorId, t.fiscalYear, t.municipalityCode),
    index("running_actuals_tenant").on(t.municipalityCode),
  ],
);
