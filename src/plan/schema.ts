import {
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  serial,
  text,
  unique,
} from "drizzle-orm/pg-core";
import { sections, tenantCode, tenantForeignKey } from "../municipalities/schema.ts";

/** A plan of a municipality: the comprehensive plan, 行財政改革大綱, 個別計画. */
export const plans = pgTable(
  "plans",
  {
    id: serial("id"),
    municipalityCode: tenantCode(),
    code: text("code").notNull(),
    title: text("title").notNull(),
    subtitle: text("subtitle"),
    kind: text("kind").notNull(),
    periodFrom: integer("period_from"),
    periodTo: integer("period_to"),
    source: text("source"),
    note: text("note"),
    /** The plan's names of its levels ([{key, label}] from the policy down); null = 政策 → 基本施策 → 具体的な取組. */
    levels: jsonb("levels").$type<{ key: string; label: string }[]>(),
  },
  (t) => [
    primaryKey({ name: "plans_pkey", columns: [t.id, t.municipalityCode] }),
    unique("plans_code").on(t.municipalityCode, t.code),
  ],
);

/** `detail`: a node below an initiative (the plan's 4th level and deeper). */
export const NODE_KINDS = ["policy", "measure", "initiative", "program", "detail"] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/** A node of a plan tree: policy → measure → initiative (→ detail …) (→ program). */
export const planNodes = pgTable(
  "plan_nodes",
  {
    id: serial("id"),
    municipalityCode: tenantCode(),
    planId: integer("plan_id").notNull(),
    parentId: integer("parent_id"),
    kind: text("kind", { enum: NODE_KINDS }).notNull(),
    code: text("code").notNull(),
    number: integer("number"),
    title: text("title").notNull(),
    summary: text("summary"),
    /** 取組内容 of an initiative. */
    description: text("description"),
    position: integer("position").notNull(),
    priority: boolean("priority").notNull().default(false),
    challenge: boolean("challenge").notNull().default(false),
    note: text("note"),
    /** Raised by every publication or import; an edit form carries the version it was opened on. */
    version: integer("version").notNull().default(1),
  },
  (t) => [
    primaryKey({ name: "plan_nodes_pkey", columns: [t.id, t.municipalityCode] }),
    tenantForeignKey(
      "plan_nodes_plan_id_fk",
      { municipalityCode: t.municipalityCode, column: t.planId },
      plans,
    ).onDelete("cascade"),
    unique("plan_nodes_code").on(t.municipalityCode, t.code),
    index("plan_nodes_plan").on(t.planId, t.parentId),
  ],
);

/** Responsible sections of a node, in printed order. */
export const nodeSections = pgTable(
  "node_sections",
  {
    municipalityCode: tenantCode(),
    nodeId: integer("node_id").notNull(),
    sectionId: integer("section_id").notNull(),
    position: integer("position").notNull(),
  },
  (t) => [
    tenantForeignKey(
      "node_sections_node_id_fk",
      { municipalityCode: t.municipalityCode, column: t.nodeId },
      planNodes,
    ).onDelete("cascade"),
    tenantForeignKey(
      "node_sections_section_id_fk",
      { municipalityCode: t.municipalityCode, column: t.sectionId },
      sections,
    ),
    primaryKey({
      name: "node_sections_pkey",
      columns: [t.nodeId, t.sectionId, t.municipalityCode],
    }),
    // The plan trees read a municipality's node sections at once.
    index("node_sections_tenant").on(t.municipalityCode),
  ],
);

/**
 * Text blocks and tables printed in a node, in order. `content` holds
 * {level} | {paragraphs} | {items} | {plans: [{name, period}]} | {columns, rows} by `kind`.
 */
export const nodeBlocks = pgTable(
  "node_blocks",
  {
    id: serial("id"),
    municipalityCode: tenantCode(),
    nodeId: integer("node_id").notNull(),
    position: integer("position").notNull(),
    kind: text("kind", {
      enum: ["heading", "paragraphs", "list", "related_plans", "table"],
    }).notNull(),
    role: text("role").notNull(),
    title: text("title"),
    note: text("note"),
    content: jsonb("content").notNull(),
  },
  (t) => [
    primaryKey({ name: "node_blocks_pkey", columns: [t.id, t.municipalityCode] }),
    tenantForeignKey(
      "node_blocks_node_id_fk",
      { municipalityCode: t.municipalityCode, column: t.nodeId },
      planNodes,
    ).onDelete("cascade"),
    index("node_blocks_node").on(t.nodeId, t.position),
    index("node_blocks_tenant").on(t.municipalityCode),
  ],
);
