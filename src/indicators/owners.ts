/**
 * Who reports an indicator. The plan usually names responsible sections for initiatives, not
 * for indicators: an indicator without sections of its own is reported by the sections of the
 * node it measures and of that node's initiatives (a measure's indicators by the sections of
 * the measure's initiatives). An indicator with neither is left to planners.
 */
import { eq, type SQL, sql } from "drizzle-orm";
import type { Db, Tx } from "../core/db/client.ts";
import { jsonRows } from "../core/db/json-rows.ts";
import { withTenant } from "../core/db/tenant.ts";
import { sections } from "../municipalities/schema.ts";
import { nodeSections, planNodes } from "../plan/schema.ts";

export interface Owner {
  code: string;
  name: string;
  /** true when taken from the plan nodes rather than named for the indicator. */
  inferred: boolean;
}

/** A section a plan node or an indicator names, at its place in the printed order. */
interface Named {
  sectionId: number;
  pos: number;
}

/**
 * The owners of each indicator: the sections named for it, else those of its node and of the
 * node's children (each section once, at its first place), in printed order.
 */
export function ownersOf(
  list: readonly { id: number; nodeId: number | null }[],
  named: ReadonlyMap<number, Named[]>,
  nodes: readonly { id: number; parentId: number | null; position: number }[],
  nodeSections: ReadonlyMap<number, Named[]>,
  sections: ReadonlyMap<number, { code: string; name: string }>,
): Map<number, Owner[]> {
  // Each node's own sections and its children's: position × 1000 + the section's place.
  const byNode = new Map<number, Map<number, number>>();
  const add = (nodeId: number, position: number, from: number) => {
    const at = byNode.get(nodeId) ?? new Map<number, number>();
    for (const n of nodeSections.get(from) ?? []) {
      const pos = position * 1000 + n.pos;
      if (!at.has(n.sectionId) || pos < at.get(n.sectionId)!) at.set(n.sectionId, pos);
    }
    byNode.set(nodeId, at);
  };
  for (const n of nodes) {
    add(n.id, n.position, n.id);
    if (n.parentId !== null) add(n.parentId, n.position, n.id);
  }
  const owner = (sectionId: number, inferred: boolean): Owner[] => {
    const s = sections.get(sectionId);
    return s ? [{ code: s.code, name: s.name, inferred }] : [];
  };
  const out = new Map<number, Owner[]>();
  for (const i of list) {
    const own = named.get(i.id);
    const ranked = own?.length
      ? own.map((n) => ({ ...n, inferred: false }))
      : [...((i.nodeId !== null && byNode.get(i.nodeId)) || [])].map(([sectionId, pos]) => ({
          sectionId,
          pos,
          inferred: true,
        }));
    const owners = ranked
      .sort((a, b) => a.pos - b.pos)
      .flatMap((r) => owner(r.sectionId, r.inferred));
    if (owners.length) out.set(i.id, owners);
  }
  return out;
}

const grouped = (rows: { key: number; sectionId: number; pos: number }[]) => {
  const map = new Map<number, Named[]>();
  for (const r of rows) {
    const list = map.get(r.key);
    if (list) list.push(r);
    else map.set(r.key, [r]);
  }
  return map;
};

/** What owners are inferred from: the plan's nodes, their sections, the sections' names. */
export interface OwnerSources {
  nodes: { id: number; parentId: number | null; position: number }[];
  nodeSections: Map<number, Named[]>;
  sections: Map<number, { code: string; name: string }>;
}

export async function readOwnerSources(tx: Tx, mc: string): Promise<OwnerSources> {
  const nodes = await tx
    .select({ id: planNodes.id, parentId: planNodes.parentId, position: planNodes.position })
    .from(planNodes)
    .where(eq(planNodes.municipalityCode, mc));
  const named = await tx
    .select({
      key: nodeSections.nodeId,
      sectionId: nodeSections.sectionId,
      pos: nodeSections.position,
    })
    .from(nodeSections)
    .where(eq(nodeSections.municipalityCode, mc));
  const sectionRows = await tx
    .select({ id: sections.id, code: sections.code, name: sections.name })
    .from(sections)
    .where(eq(sections.municipalityCode, mc));
  return {
    nodes,
    nodeSections: grouped(named),
    sections: new Map(sectionRows.map((r) => [r.id, r])),
  };
}

/**
 * The reporting sections of every indicator of a municipality (or of one, or of some), in
 * printed order: the indicators and the sections named for them, put together with the plan's
 * nodes (`sources`, read once for many calls, or here) by ownersOf.
 */
export async function loadOwners(
  tx: Tx,
  mc: string,
  only?: number | readonly number[],
  sources?: OwnerSources,
): Promise<Map<number, Owner[]>> {
  const ids = only === undefined ? null : typeof only === "number" ? [only] : [...only];
  const some = (column: SQL) =>
    ids === null ? sql`true` : sql`${column} = any(${sql.param(ids)}::int[])`;
  // A whole municipality's indicators and their sections: read as JSON (core/db/json-rows.ts).
  const list = await jsonRows<{ id: number; nodeId: number | null }>(
    tx,
    sql`select id, node_id as "nodeId" from indicators
         where municipality_code = ${mc} and ${some(sql`id`)}`,
  );
  const named = await jsonRows<{ key: number; sectionId: number; pos: number }>(
    tx,
    sql`select indicator_id as key, section_id as "sectionId", position as pos
          from indicator_sections
         where municipality_code = ${mc} and ${some(sql`indicator_id`)}`,
  );
  const from = sources ?? (await readOwnerSources(tx, mc));
  return ownersOf(list, grouped(named), from.nodes, from.nodeSections, from.sections);
}

/** The reporting sections of every indicator of a municipality. */
export const ownersInMunicipality = (db: Db, mc: string) =>
  withTenant(db, mc, (tx) => loadOwners(tx, mc));

/**
 * The owners of one indicator as ownersOf decides them, computed by the database: a JSON array
 * of `{code, name, inferred}` in printed order. `indicatorId` and `nodeId` are SQL expressions
 * (columns of an outer query, or parameters). The sections named for the indicator when it has
 * any; else those of its node (at the node's position × 1000 + the section's place) and of the
 * node's children (at the child's), each section once at its first place.
 */
export function ownersJson(mc: string, indicatorId: SQL, nodeId: SQL): SQL {
  return sql`(select coalesce(json_agg(json_build_object('code', o.code, 'name', o.name,
                                                       'inferred', o.inferred)
                                   order by o.pos, o.inferred, o.code), '[]'::json)
      from (select s.code, s.name, false as inferred, n.position as pos
              from indicator_sections n
              join sections s on s.id = n.section_id and s.municipality_code = ${mc}
             where n.municipality_code = ${mc} and n.indicator_id = ${indicatorId}
            union all
            select s.code, s.name, true, min(p.position * 1000 + n.position)
              from plan_nodes p
              join node_sections n on n.node_id = p.id and n.municipality_code = ${mc}
              join sections s on s.id = n.section_id and s.municipality_code = ${mc}
             where p.municipality_code = ${mc}
               and (p.id = ${nodeId} or p.parent_id = ${nodeId})
               and not exists (select 1 from indicator_sections x
                                where x.municipality_code = ${mc} and x.indicator_id = ${indicatorId})
             group by s.id, s.code, s.name) o)`;
}
