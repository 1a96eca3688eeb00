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
import { sections, tenantCode } from "../municipalities/schema.ts";

/** A plan of a municipality: the comprehensive plan, 行財政改革大綱, 個別計画. */
export const plans = pgTable(
  "plans",
  {
    id: serial("id").primaryKey(),
    municipalityCode: tenantCode(),
    code: text("code").notNull(),
    title: text("title").notNull(),
    subtitle: text("subtitle"),
    kind: text("kind").notNull(),
    periodFrom: integer("period_from"),
    periodTo: integer("period_to"),
    source: text("source"),
    note: text("note"),
  },
  (t) => [unique("plans_code").on(t.municipalityCode, t.code)],
);

export const NODE_KINDS = ["policy", "measure", "initiative", "program"] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/** A node of a plan tree: policy → measure → initiative (→ program). */
export const planNodes = pgTable(
  "plan_nodes",
  {
    id: serial("id").primaryKey(),
    municipalityCode: tenantCode(),
    planId: integer("plan_id")
      .notNull()
      .references(() => plans.id, { onDelete: "cascade" }),
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
    unique("plan_nodes_code").on(t.municipalityCode, t.code),
    index("plan_nodes_plan").on(t.planId, t.parentId),
  ],
);

/** Responsible sections of a node, in printed order. */
export const nodeSections = pgTable(
  "node_sections",
  {
    municipalityCode: tenantCode(),
    nodeId: integer("node_id")
      .notNull()
      .references(() => planNodes.id, { onDelete: "cascade" }),
    sectionId: integer("section_id")
      .notNull()
      .references(() => sections.id),
    position: integer("position").notNull(),
  },
  (t) => [primaryKey({ columns: [t.nodeId, t.sectionId] })],
);

/**
 * Text blocks and tables printed in a node, in order. `content` holds
 * {level} | {paragraphs} | {items} | {plans: [{name, period}]} | {columns, rows} by `kind`.
 */
export const nodeBlocks = pgTable(
  "node_blocks",
  {
    id: serial("id").primaryKey(),
    municipalityCode: tenantCode(),
    nodeId: integer("node_id")
      .notNull()
      .references(() => planNodes.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    kind: text("kind", {
      enum: ["heading", "paragraphs", "list", "related_plans", "table"],
    }).notNull(),
    role: text("role").notNull(),
    title: text("title"),
    note: text("note"),
    content: jsonb("content").notNull(),
  },
  (t) => [index("node_blocks_node").on(t.nodeId, t.position)],
);
