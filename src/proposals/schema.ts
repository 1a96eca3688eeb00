/**
 * Staff proposals (職員提案制度): the proposal with its committee decision and implementation record,
 * the committee's scoring criteria and each member's scores.
 */
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
import { users } from "../accounts/schema.ts";
import { tenantCode, tenantForeignKey } from "../municipalities/schema.ts";

export const PROPOSAL_DECISIONS = [
  "adopted",
  "partly_adopted",
  "not_adopted",
  "continued",
] as const;
export type ProposalDecision = (typeof PROPOSAL_DECISIONS)[number];

/** A proposal by a member of staff (or a group of them), its committee decision and its effect. */
export const staffProposals = pgTable(
  "staff_proposals",
  {
    id: serial("id"),
    municipalityCode: tenantCode(),
    /** 提案番号, e.g. 2026-0003: fiscal year of submission and a running number. */
    number: text("number").notNull(),
    fiscalYear: integer("fiscal_year").notNull(),
    submittedAt: timestamp("submitted_at", { withTimezone: true }).notNull().defaultNow(),
    proposerId: integer("proposer_id")
      .notNull()
      .references(() => users.id),
    title: text("title").notNull(),
    problem: text("problem").notNull(),
    proposal: text("proposal").notNull(),
    expectedEffect: text("expected_effect").notNull(),
    /** Hours of work saved a year, and yen saved a year, as the proposer expects them. */
    expectedHours: integer("expected_hours"),
    expectedYen: integer("expected_yen"),
    /** Codes of the related sections (checked against the registry on submission). */
    sectionCodes: text("section_codes").array().notNull().default([]),
    /** A group proposal names its group and members (staff only; never public). */
    groupName: text("group_name"),
    memberNames: text("member_names"),
    decision: text("decision", { enum: PROPOSAL_DECISIONS }),
    decisionReason: text("decision_reason"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    implementation: text("implementation"),
    implementedOn: date("implemented_on", { mode: "string" }),
    measuredEffect: text("measured_effect"),
    measuredHours: integer("measured_hours"),
    measuredYen: integer("measured_yen"),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    primaryKey({ name: "staff_proposals_pkey", columns: [t.id, t.municipalityCode] }),
    unique("staff_proposals_number").on(t.municipalityCode, t.number),
    index("staff_proposals_year").on(t.municipalityCode, t.fiscalYear),
  ],
);

/** The committee's scoring criteria of a municipality, in order; defaults apply until saved. */
export const proposalCriteria = pgTable(
  "proposal_criteria",
  {
    id: serial("id"),
    municipalityCode: tenantCode(),
    position: integer("position").notNull(),
    name: text("name").notNull(),
    description: text("description"),
  },
  (t) => [
    primaryKey({ name: "proposal_criteria_pkey", columns: [t.id, t.municipalityCode] }),
    unique("proposal_criteria_position").on(t.municipalityCode, t.position),
  ],
);

/** One committee member's 1–5 score of a proposal on one criterion (named, as scored). */
export const proposalScores = pgTable(
  "proposal_scores",
  {
    municipalityCode: tenantCode(),
    proposalId: integer("proposal_id").notNull(),
    scorerId: integer("scorer_id")
      .notNull()
      .references(() => users.id),
    criterion: text("criterion").notNull(),
    score: integer("score").notNull(),
    scoredAt: timestamp("scored_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    tenantForeignKey(
      "proposal_scores_proposal_id_fk",
      { municipalityCode: t.municipalityCode, column: t.proposalId },
      staffProposals,
    ).onDelete("cascade"),
    primaryKey({
      name: "proposal_scores_pkey",
      columns: [t.proposalId, t.scorerId, t.criterion, t.municipalityCode],
    }),
  ],
);

/**
 * A proposal its author has started and not yet submitted (下書き): the form's fields as typed,
 * any of them empty. Only its author reads it; it has no number, is never public and is not
 * counted in 職員提案の提案数. Submitting it checks everything and removes the draft.
 */
export const staffProposalDrafts = pgTable(
  "staff_proposal_drafts",
  {
    id: serial("id"),
    municipalityCode: tenantCode(),
    proposerId: integer("proposer_id")
      .notNull()
      .references(() => users.id),
    title: text("title").notNull().default(""),
    problem: text("problem").notNull().default(""),
    proposal: text("proposal").notNull().default(""),
    expectedEffect: text("expected_effect").notNull().default(""),
    /** As typed (checked as whole numbers on submission). */
    expectedHours: text("expected_hours").notNull().default(""),
    expectedYen: text("expected_yen").notNull().default(""),
    sectionCodes: text("section_codes").array().notNull().default([]),
    applicant: text("applicant").notNull().default(""),
    groupName: text("group_name").notNull().default(""),
    memberNames: text("member_names").notNull().default(""),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    version: integer("version").notNull().default(1),
  },
  (t) => [
    primaryKey({ name: "staff_proposal_drafts_pkey", columns: [t.id, t.municipalityCode] }),
    index("staff_proposal_drafts_proposer").on(t.municipalityCode, t.proposerId),
  ],
);
