/**
 * Plan nodes as draftable records: reading a node's editable fields with its version, and
 * writing them when a planner publishes (see core/record-drafts for the shared mechanics).
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Tx } from "../core/db/client.ts";
import type { DraftableRecord } from "../core/record-drafts.ts";
import { sectionIdsByCode } from "../municipalities/index.ts";
import { sections } from "../municipalities/schema.ts";
import { BLOCK_ROLE_TITLES, type NodeFields, nodeChanges } from "./node-edit.ts";
import { nodeLevelsOf } from "./node-levels.ts";
import { nodeBlocks, nodeSections, planNodes } from "./schema.ts";

const TEXT_KINDS = ["paragraphs", "list"] as const;

async function loadNode(tx: Tx, mc: string, code: string, forUpdate: boolean) {
  const query = tx
    .select()
    .from(planNodes)
    .where(and(eq(planNodes.municipalityCode, mc), eq(planNodes.code, code)));
  const [node] = forUpdate ? await query.for("update") : await query;
  if (!node) return undefined;
  const [owners, blocks, levels] = await Promise.all([
    tx
      .select({ code: sections.code })
      .from(nodeSections)
      .innerJoin(sections, eq(sections.id, nodeSections.sectionId))
      .where(and(eq(nodeSections.municipalityCode, mc), eq(nodeSections.nodeId, node.id)))
      .orderBy(asc(nodeSections.position)),
    tx
      .select()
      .from(nodeBlocks)
      .where(
        and(
          eq(nodeBlocks.municipalityCode, mc),
          eq(nodeBlocks.nodeId, node.id),
          inArray(nodeBlocks.kind, [...TEXT_KINDS]),
        ),
      )
      .orderBy(asc(nodeBlocks.position)),
    nodeLevelsOf(tx, mc, [code]),
  ]);
  const fields: NodeFields = {
    level: levels.get(code)?.label,
    title: node.title,
    summary: node.summary,
    description: node.description,
    note: node.note,
    priority: node.priority,
    challenge: node.challenge,
    sections: owners.map((o) => o.code),
    texts: blocks.map((b) => {
      const content = b.content as { paragraphs?: string[]; items?: string[] };
      return {
        position: b.position,
        kind: b.kind as (typeof TEXT_KINDS)[number],
        title: b.title ?? BLOCK_ROLE_TITLES[b.role] ?? b.role,
        lines: content.items ?? content.paragraphs ?? [],
      };
    }),
  };
  return { id: node.id, fields, version: node.version };
}

async function applyNode(tx: Tx, mc: string, code: string, f: NodeFields) {
  const [node] = await tx
    .update(planNodes)
    .set({
      title: f.title,
      summary: f.summary,
      description: f.description,
      note: f.note,
      priority: f.priority,
      challenge: f.challenge,
      version: sql`${planNodes.version} + 1`,
    })
    .where(and(eq(planNodes.municipalityCode, mc), eq(planNodes.code, code)))
    .returning({ id: planNodes.id });
  const nodeId = node!.id;
  await tx
    .delete(nodeSections)
    .where(and(eq(nodeSections.municipalityCode, mc), eq(nodeSections.nodeId, nodeId)));
  if (f.sections.length) {
    const idOf = await sectionIdsByCode(tx, mc, f.sections);
    await tx.insert(nodeSections).values(
      f.sections.map((s, position) => ({
        municipalityCode: mc,
        nodeId,
        sectionId: idOf.get(s)!,
        position,
      })),
    );
  }
  for (const t of f.texts)
    await tx
      .update(nodeBlocks)
      .set({ content: t.kind === "list" ? { items: t.lines } : { paragraphs: t.lines } })
      .where(
        and(
          eq(nodeBlocks.municipalityCode, mc),
          eq(nodeBlocks.nodeId, nodeId),
          eq(nodeBlocks.position, t.position),
          eq(nodeBlocks.kind, t.kind),
        ),
      );
}

/** Plan nodes for the draft mechanics; `sectionNames` shows sections by name in diffs. */
export function planNodeRecord(
  sectionNames: ReadonlyMap<string, string> = new Map(),
): DraftableRecord<NodeFields> {
  return {
    type: "plan_node",
    label: "計画の項目",
    about: (f) => (f.level ? `${f.level}「${f.title}」` : `「${f.title}」`),
    load: (tx, mc, code, forUpdate) => loadNode(tx, mc, code, forUpdate),
    apply: applyNode,
    changes: (before, after) => nodeChanges(before, after, sectionNames),
    editPath: (mc, code) => `/${mc}/manage/plan/nodes/${encodeURIComponent(code)}`,
  };
}
