/** Writes a plan file into the database in the caller's transaction (upsert by stable code). */
import { and, eq, inArray, ne, sql } from "drizzle-orm";
import type { Tx } from "../core/db/client.ts";
import { AppError } from "../core/errors.ts";
import { saveIndicators } from "../indicators/index.ts";
import type { Block, DetailFile, IndicatorFile, PlanFile } from "./plan-file.ts";
import { type NodeKind, nodeBlocks, nodeSections, planNodes, plans } from "./schema.ts";

export interface PlanImportCounts {
  nodesCreated: number;
  nodesUpdated: number;
  indicatorsCreated: number;
  indicatorsUpdated: number;
  /** Nodes of the plan that the file no longer lists: kept, never deleted implicitly. */
  nodesNotInFile: string[];
}

interface NodeInput {
  kind: NodeKind;
  code: string;
  title: string;
  parentId: number | null;
  position: number;
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
  const seen = new Set<string>();
  // Written together once every node exists (set-based, see saveIndicators).
  const placed: Parameters<typeof saveIndicators>[1] = [];

  const saveNode = async (n: NodeInput) => {
    const values = {
      planId,
      parentId: n.parentId,
      kind: n.kind,
      number: n.number ?? null,
      title: n.title,
      summary: n.summary ?? null,
      description: n.description ?? null,
      position: n.position,
      priority: n.priority ?? false,
      challenge: n.challenge ?? false,
      note: n.note ?? null,
    };
    const [row] = await tx
      .insert(planNodes)
      .values({ municipalityCode: mc, code: n.code, ...values })
      .onConflictDoUpdate({
        target: [planNodes.municipalityCode, planNodes.code],
        // An import is a publication: forms opened before it are stale.
        set: { ...values, version: sql`${planNodes.version} + 1` },
      })
      .returning({ id: planNodes.id });
    const id = row!.id;
    seen.add(n.code);

    await tx
      .delete(nodeSections)
      .where(and(eq(nodeSections.nodeId, id), eq(nodeSections.municipalityCode, mc)));
    if (n.sections?.length) {
      await tx.insert(nodeSections).values(
        n.sections.map((code, position) => ({
          municipalityCode: mc,
          nodeId: id,
          sectionId: sectionIds.get(code)!,
          position,
        })),
      );
    }
    await tx
      .delete(nodeBlocks)
      .where(and(eq(nodeBlocks.nodeId, id), eq(nodeBlocks.municipalityCode, mc)));
    if (n.blocks?.length) {
      await tx.insert(nodeBlocks).values(
        n.blocks.map((b, position) => ({
          municipalityCode: mc,
          nodeId: id,
          position,
          kind: b.kind,
          role: b.role,
          title: b.title ?? null,
          note: b.note ?? null,
          content: blockContent(b),
        })),
      );
    }
    for (const [position, file] of (n.indicators ?? []).entries())
      placed.push({ file, at: { municipalityCode: mc, nodeId: id, position, sectionIds } });
    return id;
  };
  const nodes = fileNodes(file);
  const nodeCodes = nodes.map((n) => n.code);
  const indicatorCodes = nodes.flatMap((n) => n.indicators.map((i) => i.code));
  const before = await recordStates(tx, mc, nodeCodes, indicatorCodes);

  const saveDetails = async (list: DetailFile[], parentId: number): Promise<void> => {
    for (const [k, d] of list.entries()) {
      const { children, ...detail } = d;
      const id = await saveNode({ kind: "detail", parentId, position: k, ...detail });
      await saveDetails(children, id);
    }
  };
  const policyId = await saveNode({ kind: "policy", parentId: null, position: 0, ...file.policy });
  for (const [i, m] of file.measures.entries()) {
    const { initiatives, ...measure } = m;
    const measureId = await saveNode({
      kind: "measure",
      parentId: policyId,
      position: i,
      ...measure,
    });
    for (const [j, init] of initiatives.entries()) {
      const { children, ...initiative } = init;
      const id = await saveNode({
        kind: "initiative",
        parentId: measureId,
        position: j,
        ...initiative,
      });
      await saveDetails(children, id);
    }
  }
  await saveIndicators(tx, placed);

  // Counted from what each record holds before and after, so that re-importing the same file
  // counts nothing as updated.
  const after = await recordStates(tx, mc, nodeCodes, indicatorCodes);
  for (const [kind, created, updated] of [
    ["nodes", "nodesCreated", "nodesUpdated"],
    ["indicators", "indicatorsCreated", "indicatorsUpdated"],
  ] as const) {
    for (const [code, state] of after[kind]) {
      const was = before[kind].get(code);
      if (was === undefined) counts[created]++;
      else if (was !== state) counts[updated]++;
    }
  }

  const all = await tx
    .select({ code: planNodes.code })
    .from(planNodes)
    .where(and(eq(planNodes.planId, planId), eq(planNodes.municipalityCode, mc)));
  counts.nodesNotInFile = all.map((r) => r.code).filter((c) => !seen.has(c));
  return counts;
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

/**
 * A digest of everything a plan file sets on each of its nodes and indicators (not the ids and
 * versions), by code: what decides whether an import changed a record.
 */
async function recordStates(tx: Tx, mc: string, nodeCodes: string[], indicatorCodes: string[]) {
  const nodes = rowsOf<{ code: string; state: string }>(
    await tx.execute(sql`
      select n.code, md5(concat_ws('|', (to_jsonb(n) - 'id' - 'version')::text,
        (select string_agg(concat_ws('/', b.position, b.kind, b.role, b.title, b.note, b.content::text), ';' order by b.position)
          from node_blocks b where b.node_id = n.id),
        (select string_agg(concat_ws('/', s.section_id, s.position), ';' order by s.position)
          from node_sections s where s.node_id = n.id))) as state
      from plan_nodes n
      where n.municipality_code = ${mc} and n.code in (${sql.join(
        nodeCodes.map((c) => sql`${c}`),
        sql`, `,
      )})`),
  );
  const indicators =
    indicatorCodes.length === 0
      ? []
      : rowsOf<{ code: string; state: string }>(
          await tx.execute(sql`
      select i.code, md5(concat_ws('|', (to_jsonb(i) - 'id' - 'version')::text,
        (select string_agg(concat_ws('/', x.section_id, x.position), ';' order by x.position)
          from indicator_sections x where x.indicator_id = i.id),
        (select string_agg(concat_ws('/', a.node_id, a.position, a.reposted), ';' order by a.node_id)
          from indicator_appearances a where a.indicator_id = i.id),
        (select string_agg((to_jsonb(v) - 'id' - 'version' - 'published_at')::text, ';' order by v.fiscal_year)
          from indicator_actuals v where v.indicator_id = i.id))) as state
      from indicators i
      where i.municipality_code = ${mc} and i.code in (${sql.join(
        indicatorCodes.map((c) => sql`${c}`),
        sql`, `,
      )})`),
        );
  return {
    nodes: new Map(nodes.map((r) => [r.code, r.state])),
    indicators: new Map(indicators.map((r) => [r.code, r.state])),
  };
}

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
