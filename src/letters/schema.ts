/**
 * Letters to the mayor (市長へのたより): the letter with its writer's personal data, its handling
 * timeline, the plan nodes it touches and its attachments. Only the redacted public version of a
 * letter (public_subject, public_body) is ever shown outside the staff pages.
 */
import {
  boolean,
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
import { bytea } from "../core/db/bytea.ts";
import { meetings } from "../meetings/schema.ts";
import { sections, tenantCode } from "../municipalities/schema.ts";
import { planNodes } from "../plan/schema.ts";

export const LETTER_KINDS = ["proposal", "request", "complaint", "question"] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export const STEP_KINDS = ["received", "assigned", "considering", "answered", "outcome"] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export const OUTCOMES = [
  "adopted",
  "partly_adopted",
  "under_study",
  "not_adopted",
  "already_done",
] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Where a letter-like item came from: the public form, or a town meeting with the mayor. */
export const LETTER_SOURCES = ["letter", "meeting"] as const;
export type LetterSource = (typeof LETTER_SOURCES)[number];

export const letters = pgTable(
  "letters",
  {
    id: serial("id").primaryKey(),
    municipalityCode: tenantCode(),
    /** 受付番号, e.g. 2026-0007: fiscal year of receipt and a running number. */
    receiptNumber: text("receipt_number").notNull(),
    /** SHA-256 (hex) of the writer's private status token; the token itself is never stored. */
    statusTokenHash: text("status_token_hash").notNull(),
    subject: text("subject").notNull(),
    body: text("body").notNull(),
    category: text("category").notNull(),
    /** As the writer chose it, then as staff classify it (the share counts the latest). */
    kind: text("kind", { enum: LETTER_KINDS }).notNull(),
    writerName: text("writer_name").notNull(),
    writerAddress: text("writer_address"),
    writerPhone: text("writer_phone"),
    writerEmail: text("writer_email"),
    consentPublish: boolean("consent_publish").notNull(),
    consentContact: boolean("consent_contact").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    fiscalYear: integer("fiscal_year").notNull(),
    sectionId: integer("section_id").references(() => sections.id),
    dueDate: date("due_date", { mode: "string" }),
    publicSubject: text("public_subject"),
    publicBody: text("public_body"),
    published: boolean("published").notNull().default(false),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    /** The kind of the latest step. */
    status: text("status", { enum: STEP_KINDS }).notNull().default("received"),
    /** The latest outcome of a proposal. */
    outcome: text("outcome", { enum: OUTCOMES }),
    /** Raised by every write; a staff form carries the version it was opened on. */
    version: integer("version").notNull().default(1),
    /**
     * "meeting": a proposal raised at a town meeting (市長と語ろう会), recorded by staff. It has no
     * writer (no personal data), is not counted in the letters' proposal share, and follows the
     * same timeline and outcomes as a letter.
     */
    source: text("source", { enum: LETTER_SOURCES }).notNull().default("letter"),
    meetingId: integer("meeting_id").references(() => meetings.id, { onDelete: "restrict" }),
  },
  (t) => [
    unique("letters_receipt").on(t.municipalityCode, t.receiptNumber),
    unique("letters_token").on(t.statusTokenHash),
    index("letters_year").on(t.municipalityCode, t.fiscalYear),
  ],
);

/** The handling timeline: every step is dated and may carry a public comment. */
export const letterSteps = pgTable(
  "letter_steps",
  {
    id: serial("id").primaryKey(),
    municipalityCode: tenantCode(),
    letterId: integer("letter_id")
      .notNull()
      .references(() => letters.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: STEP_KINDS }).notNull(),
    outcome: text("outcome", { enum: OUTCOMES }),
    /** Why not adopted (or why only partly). */
    reason: text("reason"),
    /** The initiative or program the proposal is reflected in, and from which fiscal year. */
    reflectedNodeId: integer("reflected_node_id").references(() => planNodes.id, {
      onDelete: "set null",
    }),
    reflectedFromFiscalYear: integer("reflected_from_fiscal_year"),
    publicComment: text("public_comment"),
    actor: text("actor").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("letter_steps_letter").on(t.letterId)],
);

/** Plan nodes a letter touches (set in triage). */
export const letterNodes = pgTable(
  "letter_nodes",
  {
    municipalityCode: tenantCode(),
    letterId: integer("letter_id")
      .notNull()
      .references(() => letters.id, { onDelete: "cascade" }),
    nodeId: integer("node_id")
      .notNull()
      .references(() => planNodes.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.letterId, t.nodeId] }), index("letter_nodes_node").on(t.nodeId)],
);

/** Files sent with a letter: personal by nature, shown to staff only. */
export const letterAttachments = pgTable(
  "letter_attachments",
  {
    id: serial("id").primaryKey(),
    municipalityCode: tenantCode(),
    letterId: integer("letter_id")
      .notNull()
      .references(() => letters.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    /** Detected from the content (magic bytes), not taken from the browser. */
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    content: bytea("content").notNull(),
  },
  (t) => [index("letter_attachments_letter").on(t.letterId)],
);

// ---------------------------------------------------------------------------------------------
// Staff proposals (職員提案制度)
