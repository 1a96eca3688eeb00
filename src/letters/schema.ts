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
import { users } from "../accounts/schema.ts";
import { bytea } from "../core/db/bytea.ts";
import { meetings } from "../meetings/schema.ts";
import { sections, tenantCode, tenantForeignKey } from "../municipalities/schema.ts";
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
    id: serial("id"),
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
    sectionId: integer("section_id"),
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
    meetingId: integer("meeting_id"),
  },
  (t) => [
    primaryKey({ name: "letters_pkey", columns: [t.id, t.municipalityCode] }),
    tenantForeignKey(
      "letters_section_id_fk",
      { municipalityCode: t.municipalityCode, column: t.sectionId },
      sections,
    ),
    tenantForeignKey(
      "letters_meeting_id_fk",
      { municipalityCode: t.municipalityCode, column: t.meetingId },
      meetings,
    ).onDelete("restrict"),
    unique("letters_receipt").on(t.municipalityCode, t.receiptNumber),
    unique("letters_token").on(t.statusTokenHash, t.municipalityCode),
    index("letters_year").on(t.municipalityCode, t.fiscalYear),
  ],
);

/** The handling timeline: every step is dated and may carry a public comment. */
export const letterSteps = pgTable(
  "letter_steps",
  {
    id: serial("id"),
    municipalityCode: tenantCode(),
    letterId: integer("letter_id").notNull(),
    kind: text("kind", { enum: STEP_KINDS }).notNull(),
    outcome: text("outcome", { enum: OUTCOMES }),
    /** Why not adopted (or why only partly). */
    reason: text("reason"),
    /** The initiative or program the proposal is reflected in, and from which fiscal year. */
    reflectedNodeId: integer("reflected_node_id"),
    reflectedFromFiscalYear: integer("reflected_from_fiscal_year"),
    publicComment: text("public_comment"),
    actor: text("actor").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ name: "letter_steps_pkey", columns: [t.id, t.municipalityCode] }),
    tenantForeignKey(
      "letter_steps_letter_id_fk",
      { municipalityCode: t.municipalityCode, column: t.letterId },
      letters,
    ).onDelete("cascade"),
    tenantForeignKey(
      "letter_steps_reflected_node_id_fk",
      { municipalityCode: t.municipalityCode, column: t.reflectedNodeId },
      planNodes,
    ),
    index("letter_steps_letter").on(t.letterId),
  ],
);

/** Plan nodes a letter touches (set in triage). */
export const letterNodes = pgTable(
  "letter_nodes",
  {
    municipalityCode: tenantCode(),
    letterId: integer("letter_id").notNull(),
    nodeId: integer("node_id").notNull(),
  },
  (t) => [
    tenantForeignKey(
      "letter_nodes_letter_id_fk",
      { municipalityCode: t.municipalityCode, column: t.letterId },
      letters,
    ).onDelete("cascade"),
    tenantForeignKey(
      "letter_nodes_node_id_fk",
      { municipalityCode: t.municipalityCode, column: t.nodeId },
      planNodes,
    ).onDelete("cascade"),
    primaryKey({ name: "letter_nodes_pkey", columns: [t.letterId, t.nodeId, t.municipalityCode] }),
    index("letter_nodes_node").on(t.nodeId),
  ],
);

/** Files sent with a letter: personal by nature, shown to staff only. */
export const letterAttachments = pgTable(
  "letter_attachments",
  {
    id: serial("id"),
    municipalityCode: tenantCode(),
    letterId: integer("letter_id").notNull(),
    name: text("name").notNull(),
    /** Detected from the content (magic bytes), not taken from the browser. */
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    content: bytea("content").notNull(),
  },
  (t) => [
    primaryKey({ name: "letter_attachments_pkey", columns: [t.id, t.municipalityCode] }),
    tenantForeignKey(
      "letter_attachments_letter_id_fk",
      { municipalityCode: t.municipalityCode, column: t.letterId },
      letters,
    ).onDelete("cascade"),
    index("letter_attachments_letter").on(t.letterId),
  ],
);

/**
 * Whether the public form receives letters (受付): opened and closed by an admin. A municipality
 * without a row has never opened it: its form is closed (reception-rules.ts).
 */
export const letterReception = pgTable("letter_reception", {
  municipalityCode: tenantCode().primaryKey(),
  formOpen: boolean("form_open").notNull().default(false),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * The staff who receive the letters (受付担当): each new letter is mailed to them, and they see
 * and triage every letter. Assigned by an admin; without one the form is closed.
 */
export const letterReceivers = pgTable(
  "letter_receivers",
  {
    municipalityCode: tenantCode(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    assignedAt: timestamp("assigned_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ name: "letter_receivers_pkey", columns: [t.userId, t.municipalityCode] })],
);

// ---------------------------------------------------------------------------------------------
// Staff proposals (職員提案制度)
