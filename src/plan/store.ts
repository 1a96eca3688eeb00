/** Writes a plan file into the database in the caller's transaction (upsert by stable code). */
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Tx } from "../core/db/client.ts";
import { recordsOf, replaceRows } from "../core/db/json-rows.ts";
import { AppError } from "../core/errors.ts";
import { saveIndicators } from "../indicators/index.ts";
import type { Block, DetailFile, IndicatorFile, PlanFile } from "./plan-file.ts";
import { type NodeKind, planNodes, plans } from "./schema.ts";

export interface PlanImportCounts {
  nodesCreated: number;
  nodesUpdated: number;
  indicatorsCreated: number;
  indicatorsUpdated: number;
  /** Nodes of the plan that the file no longer lists: kept, never deleted implicitly. */
  nodesNotInFile: string[];
}

/** What a plan file says of a node, at any level. */
interface NodeInput {
  code: string;
  title: string;
  number?: number;
  summary?: string;
  description?: string;
  priority?: boolean;
  challenge?: boolean;
  note?: string;
  sections?: string[];
  blocks?: Block[];
  indicators?: IndicatorFile[];
}

export function blockContent(block: Block) {
  switch (block.kind) {
    case "heading":
      return { level: block.level };
    case "paragraphs":
      return { paragraphs: block.paragraphs };
    case "list":
      return { items: block.items };
    case "related_plans":
      return { plans: block.plans };
    case "table":
      return { columns: block.columns, rows: block.rows };
  }
}

export async function savePlan(tx: Tx, file: PlanFile, sectionIds: Map<string, number>) {
  const mc = file.municipality;
  const planValues = {
    title: file.title,
    subtitle: file.subtitle ?? null,
    kind: file.kind,
    periodFrom: file.period.from,
    periodTo: file.period.to,
    source: file.source ?? null,
    note: file.note ?? null,
    levels: file.levels ?? null,
  };
  const [plan] = await tx
    .insert(plans)
    .values({ municipalityCode: mc, code: file.code, ...planValues })
    .onConflictDoUpdate({ target: [plans.municipalityCode, plans.code], set: planValues })
    .returning({ id: plans.id });
  const planId = plan!.id;
  await assertCodesFree(tx, mc, planId, file);
  const counts: PlanImportCounts = {
    nodesCreated: 0,
    nodesUpdated: 0,
    indicatorsCreated: 0,
    indicatorsUpdated: 0,
    nodesNotInFile: [],
  };

  // Set-based, one level of the tree at a time (a node needs its parent's id): each node row
  // is written only when it differs from the file, its sections and blocks only where they do.
  const levels = nodeLevels(file);
  const all = levels.flat();
  const ids = await existingNodeIds(tx, mc, all);
  const created = new Set<string>();
  const changed = new Set<string>();
  const rowChanged = new Set<number>();
  for (const level of levels) {
    const rows = level.map(({ node: n, parent, position, kind }) => ({
      municipality_code: mc,
      code: n.code,
      plan_id: planId,
      parent_id: parent === null ? null : ids.get(parent)!,
      kind,
      number: n.number ?? null,
      title: n.title,
      summary: n.summary ?? null,
      description: n.description ?? null,
      position,
      priority: n.priority ?? false,
      challenge: n.challenge ?? false,
      note: n.note ?? null,
    }));
    const set = NODE_SET.map((c) => `${c} = excluded.${c}`).join(", ");
    const written = rowsOf<{ id: number; code: string; created: boolean }>(
      await tx.execute(sql`
        insert into plan_nodes (${sql.raw(Object.keys(NODE_COLUMNS).join(", "))})
        select ${sql.raw(Object.keys(NODE_COLUMNS).join(", "))} from ${recordsOf(rows, NODE_COLUMNS)}
        on conflict (municipality_code, code) do update
          -- An import is a publication: forms opened before a change are stale.
          set ${sql.raw(set)}, version = plan_nodes.version + 1
          where (${sql.raw(NODE_SET.map((c) => `plan_nodes.${c}`).join(", "))})
            is distinct from (${sql.raw(NODE_SET.map((c) => `excluded.${c}`).join(", "))})
        returning id, code, (xmax::text = '0') as created`),
    );
    for (const w of written) {
      ids.set(w.code, w.id);
      changed.add(w.code);
      if (w.created) created.add(w.code);
      else rowChanged.add(w.id);
    }
  }
  const codeOf = new Map(all.map(({ node }) => [ids.get(node.code)!, node.code]));
  const owners = all.map(({ node }) => ({ municipality_code: mc, id: ids.get(node.code)! }));
  const sectionChanges = await replaceRows(tx, {
    table: "node_sections",
    owner: "node_id",
    owners,
    rows: all.flatMap(({ node }) =>
      (node.sections ?? []).map((code, position) => ({
        municipality_code: mc,
        node_id: ids.get(node.code)!,
        section_id: sectionIds.get(code)!,
        position,
      })),
    ),
    columns: {
      municipality_code: "char(6)",
      node_id: "integer",
      section_id: "integer",
      position: "integer",
    },
  });
  const blockChanges = await replaceRows(tx, {
    table: "node_blocks",
    owner: "node_id",
    owners,
    rows: all.flatMap(({ node }) =>
      (node.blocks ?? []).map((b, position) => ({
        municipality_code: mc,
        node_id: ids.get(node.code)!,
        position,
        kind: b.kind,
        role: b.role,
        title: b.title ?? null,
        note: b.note ?? null,
        content: blockContent(b),
      })),
    ),
    columns: {
      municipality_code: "char(6)",
      node_id: "integer",
      position: "integer",
      kind: "text",
      role: "text",
      title: "text",
      note: "text",
      content: "jsonb",
    },
  });
  for (const id of [...sectionChanges, ...blockChanges]) changed.add(codeOf.get(id)!);
  await bumpVersions(
    tx,
    "plan_nodes",
    [...changed]
      .filter((c) => !created.has(c))
      .map((c) => ids.get(c)!)
      .filter((id) => !rowChanged.has(id)),
  );
  counts.nodesCreated = created.size;
  counts.nodesUpdated = changed.size - created.size;

  const placed = all.flatMap(({ node }) =>
    (node.indicators ?? []).map((ind, position) => ({
      file: ind,
      at: { municipalityCode: mc, nodeId: ids.get(node.code)!, position, sectionIds },
    })),
  );
  const indicatorWrites = await saveIndicators(tx, placed);
  counts.indicatorsCreated = indicatorWrites.created.size;
  counts.indicatorsUpdated = indicatorWrites.changed.size - indicatorWrites.created.size;

  const seen = new Set(all.map(({ node }) => node.code));
  const inPlan = await tx
    .select({ code: planNodes.code })
    .from(planNodes)
    .where(and(eq(planNodes.planId, planId), eq(planNodes.municipalityCode, mc)));
  counts.nodesNotInFile = inPlan.map((r) => r.code).filter((c) => !seen.has(c));
  return counts;
}

/** The columns of a node row an import writes, and their SQL types. */
const NODE_COLUMNS: Record<string, string> = {
  municipality_code: "char(6)",
  code: "text",
  plan_id: "integer",
  parent_id: "integer",
  kind: "text",
  number: "integer",
  title: "text",
  summary: "text",
  description: "text",
  position: "integer",
  priority: "boolean",
  challenge: "boolean",
  note: "text",
};
const NODE_SET = Object.keys(NODE_COLUMNS).filter((c) => c !== "municipality_code" && c !== "code");

interface Placed {
  node: NodeInput;
  kind: NodeKind;
  parent: string | null;
  position: number;
}

/** A plan file's nodes by depth: the policy, its measures, their initiatives, then details. */
function nodeLevels(file: PlanFile): Placed[][] {
  const levels: Placed[][] = [[{ node: file.policy, kind: "policy", parent: null, position: 0 }]];
  const measures = file.measures.map((m, i) => ({
    node: m,
    kind: "measure" as const,
    parent: file.policy.code,
    position: i,
  }));
  levels.push(measures);
  const initiatives = file.measures.flatMap((m) =>
    m.initiatives.map((n, j) => ({
      node: n,
      kind: "initiative" as const,
      parent: m.code,
      position: j,
    })),
  );
  levels.push(initiatives);
  let parents: { code: string; children: DetailFile[] }[] = initiatives.map((p) => ({
    code: p.node.code,
    children: (p.node as { children: DetailFile[] }).children,
  }));
  for (;;) {
    const level = parents.flatMap((p) =>
      p.children.map((d, k) => ({ node: d, kind: "detail" as const, parent: p.code, position: k })),
    );
    if (level.length === 0) break;
    levels.push(level);
    parents = level.map((p) => ({ code: p.node.code, children: (p.node as DetailFile).children }));
  }
  return levels.filter((l) => l.length > 0);
}

async function existingNodeIds(tx: Tx, mc: string, nodes: Placed[]) {
  const rows = rowsOf<{ id: number; code: string }>(
    await tx.execute(sql`select n.id, n.code from plan_nodes n
      join ${recordsOf(
        nodes.map(({ node }) => ({ code: node.code })),
        { code: "text" },
      )} on x.code = n.code
      where n.municipality_code = ${mc}`),
  );
  return new Map(rows.map((r) => [r.code, r.id]));
}

/** Raises the version of records changed by an import in their parts only (sections, blocks). */
async function bumpVersions(tx: Tx, table: string, ids: number[]) {
  if (ids.length === 0) return;
  await tx.execute(sql`update ${sql.raw(table)} set version = version + 1
    where id in (select id from ${recordsOf(
      ids.map((id) => ({ id })),
      { id: "integer" },
    )})`);
}

/** Every node of a plan file, from the policy down to its deepest level. */
function fileNodes(file: PlanFile): { code: string; indicators: IndicatorFile[] }[] {
  const details = (list: DetailFile[]): DetailFile[] =>
    list.flatMap((d) => [d, ...details(d.children)]);
  return [
    file.policy,
    ...file.measures.flatMap((m) => [
      m,
      ...m.initiatives.flatMap((i) => [i, ...details(i.children)]),
    ]),
  ];
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** Node codes are unique in a municipality: a file may not take over another plan's node. */
async function assertCodesFree(tx: Tx, mc: string, planId: number, file: PlanFile) {
  const codes = fileNodes(file).map((n) => n.code);
  const taken = await tx
    .select({ code: planNodes.code, planCode: plans.code })
    .from(planNodes)
    .innerJoin(plans, eq(plans.id, planNodes.planId))
    .where(
      and(
        eq(planNodes.municipalityCode, mc),
        ne(planNodes.planId, planId),
        inArray(planNodes.code, codes),
      ),
    );
  if (taken.length > 0) {
    throw new AppError(
      "invalid_file",
      "ほかの計画で使われているコードがあります",
      taken.map((t) => ({
        location: `${file.code}: ${t.code}`,
        message: `コード ${t.code} は計画 ${t.planCode} のものです`,
      })),
    );
  }
}
