/**
 * Tables of program costs: each program's fiscal years (budget, settlement, funding sources, staff,
 * facilities), the municipality's cost settings per fiscal year (人件費単価) and the budget requests
 * for the next year. The rules over these rows are in cost.ts and budget-review.ts.
 */
import {
  bigint,
  boolean,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
} from "drizzle-orm/pg-core";
import { tenantCode } from "../municipalities/schema.ts";
import { programs } from "../programs/schema.ts";

/** Yen: up to 2^53, read as a JavaScript number. */
const yen = (name: string) => bigint(name, { mode: "number" });

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
