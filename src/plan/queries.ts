/** Reading a municipality's plans as trees (a handful of queries, no N+1). */
import { asc, eq } from "drizzle-orm";
import type { Db } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import type { SectionRef } from "../municipalities/index.ts";
import { sections } from "../municipalities/schema.ts";
import { levelAt, type NodeLevel } from "./levels.ts";
import { type NodeKind, nodeBlocks, nodeSections, planNodes, plans } from "./schema.ts";

export type BlockRow = typeof nodeBlocks.$inferSelect;

export interface PlanNode {
  id: number;
  planId: number;
  parentId: number | null;
  kind: NodeKind;
  code: string;
  number: number | null;
  title: string;
  summary: string | null;
  description: string | null;
  position: number;
  priority: boolean;
  challenge: boolean;
  note: string | null;
  sections: SectionRef[];
  blocks: BlockRow[];
  children: PlanNode[];
  /** Its level in its plan, named as the plan names it (政策, 分野, 基本施策, 施策 …). */
  level: NodeLevel;
}

export type PlanRow = typeof plans.$inferSelect;
export interface PlanTree extends PlanRow {
  root: PlanNode | null;
}

/** Every plan of a municipality with its node tree, sections and blocks. */
export function loadPlans(db: Db, municipalityCode: string): Promise<PlanTree[]> {
  return withTenant(db, municipalityCode, (tx) => readPlans(tx, municipalityCode));
}

async function readPlans(db: Db, municipalityCode: string): Promise<PlanTree[]> {
  const [planRows, nodeRows, sectionRows, blockRows] = await Promise.all([
    db
      .select()
      .from(plans)
      .where(eq(plans.municipalityCode, municipalityCode))
      .orderBy(asc(plans.code)),
    db
      .select()
      .from(planNodes)
      .where(eq(planNodes.municipalityCode, municipalityCode))
      .orderBy(asc(planNodes.position)),
    db
      .select({
        nodeId: nodeSections.nodeId,
        code: sections.code,
        name: sections.name,
        kind: sections.kind,
      })
      .from(nodeSections)
      .innerJoin(sections, eq(sections.id, nodeSections.sectionId))
      .where(eq(nodeSections.municipalityCode, municipalityCode))
      .orderBy(asc(nodeSections.position)),
    db
      .select()
      .from(nodeBlocks)
      .where(eq(nodeBlocks.municipalityCode, municipalityCode))
      .orderBy(asc(nodeBlocks.position)),
  ]);
  const nodes = new Map<number, PlanNode>();
  const plansById = new Map(planRows.map((p) => [p.id, p]));
  const depthOfKind = { policy: 0, measure: 1, initiative: 2, detail: 3, program: 3 } as const;
  for (const r of nodeRows)
    nodes.set(r.id, {
      ...r,
      sections: [],
      blocks: [],
      children: [],
      level: levelAt(plansById.get(r.planId) ?? { levels: null }, depthOfKind[r.kind]),
    });
  for (const s of sectionRows)
    nodes.get(s.nodeId)?.sections.push({ code: s.code, name: s.name, kind: s.kind });
  for (const b of blockRows) nodes.get(b.nodeId)?.blocks.push(b);
  const roots = new Map<number, PlanNode>();
  for (const n of nodes.values()) {
    const parent = n.parentId === null ? undefined : nodes.get(n.parentId);
    if (parent) parent.children.push(n);
    else if (!roots.has(n.planId)) roots.set(n.planId, n);
  }
  // Below the third level a node's depth is where it hangs in the tree.
  const place = (n: PlanNode, depth: number, plan: PlanRow) => {
    if (n.level.depth !== depth) n.level = levelAt(plan, depth);
    for (const c of n.children) place(c, depth + 1, plan);
  };
  for (const p of planRows) {
    const root = roots.get(p.id);
    if (root) place(root, 0, p);
  }
  return planRows.map((p) => ({ ...p, root: roots.get(p.id) ?? null }));
}

export interface NodeContext {
  node: PlanNode;
  plan: PlanRow;
  /** The measure the node is, or lies under; null for a policy. */
  measure: PlanNode | null;
}

/** Every node by id and by code with its plan and measure, for linking indicators to the tree. */
export function indexNodes(trees: PlanTree[]) {
  const byId = new Map<number, NodeContext>();
  const byCode = new Map<string, NodeContext>();
  const walk = (node: PlanNode, plan: PlanRow, measure: PlanNode | null) => {
    const m = node.kind === "measure" ? node : measure;
    const ctx = { node, plan, measure: m };
    byId.set(node.id, ctx);
    byCode.set(node.code, ctx);
    for (const child of node.children) walk(child, plan, m);
  };
  for (const t of trees) if (t.root) walk(t.root, t, null);
  return { byId, byCode };
}
