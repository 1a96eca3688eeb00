/**
 * Tables of program costs: each program's fiscal years (budget, settlement, funding sources, staff,
 * facilities), the municipality's cost settings per fiscal year (人件費単価) and the budget requests
 * for the next year. The rules over these rows are in cost.ts and budget-review.ts.
 */
import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";
import { tenantCode, tenantForeignKey } from "../municipalities/schema.ts";
import { programs } from "../programs/schema.ts";

/** Yen: up to 2^53, read as a JavaScript number. */
const yen = (name: string) => bigint(name, { mode: "number" });

/**
 * The figures of a program year as last published (the columns below, by their TypeScript
 * names): what the public page and API show. Saving changes the columns only — a draft — until
 * the year's evaluation is published or a planner publishes the year's costs.
 */
export interface PublishedYearCosts {
  leadingProject: boolean;
  initialBudget: number;
  finalBudget: number;
  settlement: number | null;
  fundingNational: number;
  fundingPrefectural: number;
  fundingBonds: number;
  fundingOtherSpecific: number;
  fundingGeneral: number;
  staffRegularHundredths: number;
  staffPartTimeHundredths: number;
  facilities: string[];
}

/** One fiscal year of a program: budget, settlement, funding sources, staff, facilities. */
export const programYears = pgTable(
  "program_years",
  {
    id: serial("id"),
    municipalityCode: tenantCode(),
    programId: integer("program_id").notNull(),
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
    /** The published figures (null: never published, the year is not public). */
    published: jsonb("published").$type<PublishedYearCosts>(),
    /** The version that was published, and when. */
    publishedVersion: integer("published_version"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: "program_years_pkey", columns: [t.id, t.municipalityCode] }),
    tenantForeignKey(
      "program_years_program_id_fk",
      { municipalityCode: t.municipalityCode, column: t.programId },
      programs,
    ).onDelete("cascade"),
    unique("program_years_year").on(t.programId, t.fiscalYear, t.municipalityCode),
  ],
);

/** PublishedYearCosts' fields and their columns. */
const PUBLISHED_COLUMNS: Record<keyof PublishedYearCosts, string> = {
  leadingProject: "leading_project",
  initialBudget: "initial_budget",
  finalBudget: "final_budget",
  settlement: "settlement",
  fundingNational: "funding_national",
  fundingPrefectural: "funding_prefectural",
  fundingBonds: "funding_bonds",
  fundingOtherSpecific: "funding_other_specific",
  fundingGeneral: "funding_general",
  staffRegularHundredths: "staff_regular_hundredths",
  staffPartTimeHundredths: "staff_part_time_hundredths",
  facilities: "facilities",
};

/**
 * The `set` of an update of program_years that publishes each row's current figures (as they
 * are saved, whoever publishes: a planner, the year's evaluation, a program file).
 */
export const publishCurrentYearCosts = () => ({
  published: sql.raw(
    `jsonb_build_object(${Object.entries(PUBLISHED_COLUMNS)
      .map(([k, c]) => `'${k}', "program_years"."${c}"`)
      .join(", ")})`,
  ),
  publishedVersion: sql.raw(`"program_years"."version"`),
  publishedAt: sql`now()`,
});

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
    programId: integer("program_id").notNull(),
    /** The fiscal year the budget is requested for. */
    fiscalYear: integer("fiscal_year").notNull(),
    amount: yen("amount").notNull(),
    note: text("note").notNull().default(""),
    requestedBy: text("requested_by").notNull(),
    requestedAt: timestamp("requested_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    tenantForeignKey(
      "program_budget_requests_program_id_fk",
      { municipalityCode: t.municipalityCode, column: t.programId },
      programs,
    ).onDelete("cascade"),
    primaryKey({
      name: "program_budget_requests_pkey",
      columns: [t.programId, t.fiscalYear, t.municipalityCode],
    }),
  ],
);
