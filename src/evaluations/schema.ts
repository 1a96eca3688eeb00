/**
 * Tables of program evaluation (事務事業評価): a program's evaluation of a fiscal year with its
 * workflow state, the municipality's rating scale and the yearly evaluation round. The rules are
 * in evaluation.ts, workflow.ts and round.ts.
 */
import {
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
import { tenantCode, tenantForeignKey } from "../municipalities/schema.ts";
import { programs } from "../programs/schema.ts";
import { DIRECTIONS, type RatingScale } from "./evaluation.ts";
import { EVALUATION_STATES } from "./workflow.ts";

/** The evaluation of a program for one fiscal year: self, secondary, and its workflow state. */
export const programEvaluations = pgTable(
  "program_evaluations",
  {
    id: serial("id"),
    municipalityCode: tenantCode(),
    programId: integer("program_id").notNull(),
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
    primaryKey({ name: "program_evaluations_pkey", columns: [t.id, t.municipalityCode] }),
    tenantForeignKey(
      "program_evaluations_program_id_fk",
      { municipalityCode: t.municipalityCode, column: t.programId },
      programs,
    ).onDelete("cascade"),
    unique("program_evaluations_year").on(t.programId, t.fiscalYear, t.municipalityCode),
    index("program_evaluations_tenant").on(t.municipalityCode, t.fiscalYear, t.status),
  ],
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
    id: serial("id"),
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
  (t) => [
    primaryKey({ name: "evaluation_rounds_pkey", columns: [t.id, t.municipalityCode] }),
    unique("evaluation_rounds_year").on(t.municipalityCode, t.fiscalYear),
  ],
);
