/**
 * Tables of program evaluation (事務事業評価): programs, the initiatives they serve, their
 * yearly costs and staff, their yearly evaluations, their indicators, and the municipality's
 * unit personnel cost per fiscal year. The rules over these rows are in cost.ts, evaluation.ts,
 * workflow.ts and rollup.ts.
 */
import {
  bigint,
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
  unique,
} from "drizzle-orm/pg-core";
import { indicators } from "../indicators/schema.ts";
import { sections, tenantCode } from "../municipalities/schema.ts";
import { planNodes } from "../plan/schema.ts";
import { DIRECTIONS, type RatingScale } from "./evaluation.ts";
import { EVALUATION_STATES } from "./workflow.ts";

/** Yen: up to 2^53, read as a JavaScript number. */
const yen = (name: string) => bigint(name, { mode: "number" });

/** 事務事業: identified by its budget line (会計・款・項・目・事業番号), stable across years. */
export const programs = pgTable(
  "programs",
  {
    id: serial("id").primaryKey(),
    municipalityCode: tenantCode(),
    account: text("account").notNull(),
    chapter: text("chapter").notNull(),
    clause: text("clause").notNull(),
    item: text("item").notNull(),
    number: text("number").notNull(),
    /** The parts joined by 「-」 (programCodeKey): the code in URLs and the API. */
    code: text("code").notNull(),
    name: text("name").notNull(),
    /** 事業の目的 (意図). */
    purpose: text("purpose").notNull().default(""),
    /** 対象 (誰・何を). */
    targetGroup: text("target_group").notNull().default(""),
    /** 手段 (事業の内容). */
    means: text("means").notNull().default(""),
    /** 担当課. */
    sectionId: integer("section_id")
      .notNull()
      .references(() => sections.id),
    firstFiscalYear: integer("first_fiscal_year").notNull(),
    /** null while the program continues. */
    lastFiscalYear: integer("last_fiscal_year"),
    /** Demo data (「サンプル」): never mixed with a municipality's own programs. */
    sample: boolean("sample").notNull().default(false),
    note: text("note"),
  },
  (t) => [unique("programs_code").on(t.municipalityCode, t.code)],
);

/** The initiatives (plan nodes of kind initiative) a program serves, with its cost share. */
export const programInitiatives = pgTable(
  "program_initiatives",
  {
    municipalityCode: tenantCode(),
    programId: integer("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    nodeId: integer("node_id")
      .notNull()
      .references(() => planNodes.id, { onDelete: "cascade" }),
    /** Whole-number weight; null on every link = equal shares (see rollup.ts). */
    share: integer("share"),
    position: integer("position").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.programId, t.nodeId] }),
    index("program_initiatives_node").on(t.nodeId),
  ],
);

/** One fiscal year of a program: budget, settlement, funding sources, staff, facilities. */
export const programYears = pgTable(
  "program_years",
  {
    id: serial("id").primaryKey(),
    municipalityCode: tenantCode(),
    programId: integer("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    fiscalYear: integer("fiscal_year").notNull(),
    /** リーディングプロジェクト of that year. */
    leadingProject: boolean("leading_project").notNull().default(false),
    initialBudget: yen("initial_budget").notNull(),
    finalBudget: yen("final_budget").notNull(),
    settlement: yen("settlement"),
    fundingNational: yen("funding_national").notNull().default(0),
    fundingPrefectural: yen("funding_prefectural").notNull().default(0),
    fundingBonds: yen("funding_bonds").notNull().default(0),
    fundingOtherSpecific: yen("funding_other_specific").notNull().default(0),
    fundingGeneral: yen("funding_general").notNull().default(0),
    /** 従事職員数 in hundredths of an FTE (0.25 人工 = 25). */
    staffRegularHundredths: integer("staff_regular_hundredths").notNull().default(0),
    staffPartTimeHundredths: integer("staff_part_time_hundredths").notNull().default(0),
    /** Facilities used, by name until the facility registry exists. */
    facilities: text("facilities").array().notNull().default([]),
    /** Raised by every save; a staff form carries the version it was opened on. */
    version: integer("version").notNull().default(1),
  },
  (t) => [unique("program_years_year").on(t.programId, t.fiscalYear)],
);

/** The evaluation of a program for one fiscal year: self, secondary, and its workflow state. */
export const programEvaluations = pgTable(
  "program_evaluations",
  {
    id: serial("id").primaryKey(),
    municipalityCode: tenantCode(),
    programId: integer("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    fiscalYear: integer("fiscal_year").notNull(),
    ratingNecessity: text("rating_necessity"),
    ratingEffectiveness: text("rating_effectiveness"),
    ratingEfficiency: text("rating_efficiency"),
    ratingEquity: text("rating_equity"),
    findings: text("findings").notNull().default(""),
    direction: text("direction", { enum: DIRECTIONS }),
    reason: text("reason").notNull().default(""),
    secondaryDirection: text("secondary_direction", { enum: DIRECTIONS }),
    secondaryComment: text("secondary_comment"),
    status: text("status", { enum: EVALUATION_STATES }).notNull().default("draft"),
    submittedBy: text("submitted_by"),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    reviewedBy: text("reviewed_by"),
    reviewedAt: timestamp("reviewed_at", { withTimezone: true }),
    publishedBy: text("published_by"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    /** Raised by every save; a form carries the version it was opened on. */
    version: integer("version").notNull().default(1),
  },
  (t) => [
    unique("program_evaluations_year").on(t.programId, t.fiscalYear),
    index("program_evaluations_tenant").on(t.municipalityCode, t.fiscalYear, t.status),
  ],
);

export const PROGRAM_INDICATOR_ROLES = ["activity", "outcome"] as const;
export type ProgramIndicatorRole = (typeof PROGRAM_INDICATOR_ROLES)[number];

/**
 * A program's indicators in the indicator registry: activity indicators (活動指標, rows of
 * `indicators` with kind activity) and links to existing outcome indicators (成果指標).
 */
export const programIndicators = pgTable(
  "program_indicators",
  {
    municipalityCode: tenantCode(),
    programId: integer("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    indicatorId: integer("indicator_id")
      .notNull()
      .references(() => indicators.id, { onDelete: "cascade" }),
    role: text("role", { enum: PROGRAM_INDICATOR_ROLES }).notNull(),
    position: integer("position").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.programId, t.indicatorId] }),
    index("program_indicators_indicator").on(t.indicatorId),
  ],
);

/**
 * The municipality's cost settings per fiscal year: 人件費単価 (yen per FTE and year; part-time
 * defaults to the regular rate) and whether the year's settlement is closed (決算確定).
 */
export const programCostSettings = pgTable(
  "program_cost_settings",
  {
    municipalityCode: tenantCode(),
    fiscalYear: integer("fiscal_year").notNull(),
    unitCostRegular: yen("unit_cost_regular").notNull(),
    unitCostPartTime: yen("unit_cost_part_time"),
    settlementClosed: boolean("settlement_closed").notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.municipalityCode, t.fiscalYear] })],
);

/**
 * 予算要求額: what a section requests for a program for a fiscal year (the year after the one
 * evaluated), set beside the evaluation's direction in the budget review (事業査定).
 */
export const programBudgetRequests = pgTable(
  "program_budget_requests",
  {
    municipalityCode: tenantCode(),
    programId: integer("program_id")
      .notNull()
      .references(() => programs.id, { onDelete: "cascade" }),
    /** The fiscal year the budget is requested for. */
    fiscalYear: integer("fiscal_year").notNull(),
    amount: yen("amount").notNull(),
    note: text("note").notNull().default(""),
    requestedBy: text("requested_by").notNull(),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [primaryKey({ columns: [t.programId, t.fiscalYear] })],
);

/** A municipality's evaluation settings: its rating scale (default A/B/C, see evaluation.ts). */
export const evaluationSettings = pgTable("evaluation_settings", {
  municipalityCode: tenantCode().primaryKey(),
  ratingScale: jsonb("rating_scale").$type<RatingScale>().notNull(),
  version: integer("version").notNull().default(1),
});

/** The yearly evaluation round (事務事業評価の実施): one per municipality and fiscal year. */
export const evaluationRounds = pgTable(
  "evaluation_rounds",
  {
    id: serial("id").primaryKey(),
    municipalityCode: tenantCode(),
    /** The fiscal year evaluated. */
    fiscalYear: integer("fiscal_year").notNull(),
    /** The last day (Japanese calendar date) on which a self-evaluation is on time. */
    deadline: date("deadline", { mode: "string" }).notNull(),
    openedBy: text("opened_by").notNull(),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closedBy: text("closed_by"),
  },
  (t) => [unique("evaluation_rounds_year").on(t.municipalityCode, t.fiscalYear)],
);
