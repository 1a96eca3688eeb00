/**
 * 財政フレーム tables: the settled (決算) and budget (予算) years of a municipality's frame, and
 * its scenarios (基本, 慎重) with their stated assumptions. Projected years are never stored:
 * they are `project(years, scenario)` computed on read, so a changed assumption changes them.
 * Every row says whether its figures are sample data (`sample`) and where they come from.
 */
import {
  bigint,
  boolean,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  unique,
} from "drizzle-orm/pg-core";
import { tenantCode } from "../municipalities/schema.ts";
import type { ExpenditureCategory, FundKind, RevenueCategory } from "./frame.ts";
import type { PrudentDeltas, ScenarioAssumptions } from "./frame-scenario.ts";

/** A fund's year: 年度末現在高 and, where known, the year's 積立 and 取崩し. */
export interface FundYear {
  closing: number;
  deposits?: number;
  drawdowns?: number;
}

/** Approximate published figures of a year, kept as printed (e.g. 「約310億円」). */
export interface PublishedNote {
  source: string;
  figures: { label: string; text: string }[];
}

/** One year of the frame: amounts in yen per category. */
export const fiscalFrameYears = pgTable(
  "fiscal_frame_years",
  {
    id: serial("id"),
    municipalityCode: tenantCode(),
    /** Scenario name, or "" for a year shared by every scenario (settled, budget). */
    scenario: text("scenario").notNull().default(""),
    fiscalYear: integer("fiscal_year").notNull(),
    kind: text("kind", { enum: ["settled", "budget", "projection"] }).notNull(),
    revenue: jsonb("revenue").$type<Record<RevenueCategory, number>>().notNull(),
    /** 地方債のうち臨時財政対策債. */
    extraordinaryFiscalBonds: bigint("extraordinary_fiscal_bonds", { mode: "number" })
      .notNull()
      .default(0),
    expenditure: jsonb("expenditure").$type<Record<ExpenditureCategory, number>>().notNull(),
    funds: jsonb("funds").$type<Partial<Record<FundKind, FundYear>>>(),
    population: integer("population"),
    standardFiscalScale: bigint("standard_fiscal_scale", { mode: "number" }),
    published: jsonb("published").$type<PublishedNote>(),
    sample: boolean("sample").notNull(),
    source: text("source").notNull(),
    note: text("note"),
    /** Raised by every save; a staff form carries the version it was opened on. */
    version: integer("version").notNull().default(1),
  },
  (t) => [
    primaryKey({ name: "fiscal_frame_years_pkey", columns: [t.id, t.municipalityCode] }),
    unique("fiscal_frame_years_year").on(t.municipalityCode, t.scenario, t.fiscalYear, t.kind),
  ],
);

/** A scenario of the frame: its assumptions (as `ScenarioAssumptions`) and horizon. */
export const fiscalFrameScenarios = pgTable(
  "fiscal_frame_scenarios",
  {
    id: serial("id"),
    municipalityCode: tenantCode(),
    /** 基本, 慎重, … */
    name: text("name").notNull(),
    position: integer("position").notNull(),
    untilFiscalYear: integer("until_fiscal_year").notNull(),
    /** The full assumptions the projection runs on (for 慎重, after applying `derivedFrom`). */
    assumptions: jsonb("assumptions").$type<ScenarioAssumptions>().notNull(),
    /** How the scenario was derived from another (慎重 = 基本 shifted by these deltas). */
    derivedFrom: jsonb("derived_from").$type<{ scenario: string; deltas: PrudentDeltas }>(),
    sample: boolean("sample").notNull(),
    source: text("source").notNull(),
    note: text("note"),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    primaryKey({ name: "fiscal_frame_scenarios_pkey", columns: [t.id, t.municipalityCode] }),
    unique("fiscal_frame_scenarios_name").on(t.municipalityCode, t.name),
  ],
);
