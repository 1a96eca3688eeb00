/**
 * Tables of programs (事務事業): the program, the initiatives it serves with its cost share, and its
 * indicators. Its costs are in costs/, its evaluations in evaluations/. The rules are in program.ts
 * and rollup.ts.
 */
import {
  bigint,
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  serial,
  text,
  unique,
} from "drizzle-orm/pg-core";
import { indicators } from "../indicators/schema.ts";
import { sections, tenantCode, tenantForeignKey } from "../municipalities/schema.ts";
import { planNodes } from "../plan/schema.ts";

/** Yen: up to 2^53, read as a JavaScript number. */
const _yen = (name: string) => bigint(name, { mode: "number" });

/** 事務事業: identified by its budget line (会計・款・項・目・事業番号), stable across years. */
export const programs = pgTable(
  "programs",
  {
    id: serial("id"),
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
    sectionId: integer("section_id").notNull(),
    firstFiscalYear: integer("first_fiscal_year").notNull(),
    /** null while the program continues. */
    lastFiscalYear: integer("last_fiscal_year"),
    /** Demo data (「サンプル」): never mixed with a municipality's own programs. */
    sample: boolean("sample").notNull().default(false),
    note: text("note"),
  },
  (t) => [
    primaryKey({ name: "programs_pkey", columns: [t.id, t.municipalityCode] }),
    tenantForeignKey(
      "programs_section_id_fk",
      { municipalityCode: t.municipalityCode, column: t.sectionId },
      sections,
    ),
    unique("programs_code").on(t.municipalityCode, t.code),
  ],
);

/** The initiatives (plan nodes of kind initiative) a program serves, with its cost share. */
export const programInitiatives = pgTable(
  "program_initiatives",
  {
    municipalityCode: tenantCode(),
    programId: integer("program_id").notNull(),
    nodeId: integer("node_id").notNull(),
    /** Whole-number weight; null on every link = equal shares (see rollup.ts). */
    share: integer("share"),
    position: integer("position").notNull(),
  },
  (t) => [
    tenantForeignKey(
      "program_initiatives_program_id_fk",
      { municipalityCode: t.municipalityCode, column: t.programId },
      programs,
    ).onDelete("cascade"),
    tenantForeignKey(
      "program_initiatives_node_id_fk",
      { municipalityCode: t.municipalityCode, column: t.nodeId },
      planNodes,
    ).onDelete("cascade"),
    primaryKey({
      name: "program_initiatives_pkey",
      columns: [t.programId, t.nodeId, t.municipalityCode],
    }),
    index("program_initiatives_node").on(t.nodeId),
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
    programId: integer("program_id").notNull(),
    indicatorId: integer("indicator_id").notNull(),
    role: text("role", { enum: PROGRAM_INDICATOR_ROLES }).notNull(),
    position: integer("position").notNull(),
  },
  (t) => [
    tenantForeignKey(
      "program_indicators_program_id_fk",
      { municipalityCode: t.municipalityCode, column: t.programId },
      programs,
    ).onDelete("cascade"),
    tenantForeignKey(
      "program_indicators_indicator_id_fk",
      { municipalityCode: t.municipalityCode, column: t.indicatorId },
      indicators,
    ).onDelete("cascade"),
    primaryKey({
      name: "program_indicators_pkey",
      columns: [t.programId, t.indicatorId, t.municipalityCode],
    }),
    index("program_indicators_indicator").on(t.indicatorId),
  ],
);
