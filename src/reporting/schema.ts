import {
  date,
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

/** The yearly reporting round (実績値の報告): one per municipality and fiscal year. */
export const reportingRounds = pgTable(
  "reporting_rounds",
  {
    id: serial("id"),
    municipalityCode: tenantCode(),
    fiscalYear: integer("fiscal_year").notNull(),
    /** The last day (Japanese calendar date) on which a value is on time. */
    deadline: date("deadline", { mode: "string" }).notNull(),
    openedBy: text("opened_by").notNull(),
    openedAt: timestamp("opened_at", { withTimezone: true }).notNull().defaultNow(),
    /** Closing locks the fiscal year's actuals. */
    closedAt: timestamp("closed_at", { withTimezone: true }),
    closedBy: text("closed_by"),
  },
  (t) => [
    primaryKey({ name: "reporting_rounds_pkey", columns: [t.id, t.municipalityCode] }),
    unique("reporting_rounds_year").on(t.municipalityCode, t.fiscalYear),
  ],
);

/** The indicators a round asks for. */
export const roundIndicators = pgTable(
  "round_indicators",
  {
    municipalityCode: tenantCode(),
    roundId: integer("round_id").notNull(),
    indicatorId: integer("indicator_id").notNull(),
  },
  (t) => [
    tenantForeignKey(
      "round_indicators_round_id_fk",
      { municipalityCode: t.municipalityCode, column: t.roundId },
      reportingRounds,
    ).onDelete("cascade"),
    tenantForeignKey(
      "round_indicators_indicator_id_fk",
      { municipalityCode: t.municipalityCode, column: t.indicatorId },
      indicators,
    ).onDelete("cascade"),
    primaryKey({
      name: "round_indicators_pkey",
      columns: [t.roundId, t.indicatorId, t.municipalityCode],
    }),
  ],
);

/** A planner's reopening of one indicator in a closed round, with the reason. */
export const roundReopenings = pgTable(
  "round_reopenings",
  {
    id: serial("id"),
    municipalityCode: tenantCode(),
    roundId: integer("round_id").notNull(),
    indicatorId: integer("indicator_id").notNull(),
    reason: text("reason").notNull(),
    reopenedBy: text("reopened_by").notNull(),
    reopenedAt: timestamp("reopened_at", { withTimezone: true }).notNull().defaultNow(),
    relockedAt: timestamp("relocked_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ name: "round_reopenings_pkey", columns: [t.id, t.municipalityCode] }),
    tenantForeignKey(
      "round_reopenings_round_id_fk",
      { municipalityCode: t.municipalityCode, column: t.roundId },
      reportingRounds,
    ).onDelete("cascade"),
    tenantForeignKey(
      "round_reopenings_indicator_id_fk",
      { municipalityCode: t.municipalityCode, column: t.indicatorId },
      indicators,
    ).onDelete("cascade"),
    index("round_reopenings_round").on(t.roundId, t.indicatorId),
  ],
);
