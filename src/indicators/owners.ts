/**
 * Who reports an indicator. The plan usually names responsible sections for initiatives, not
 * for indicators: an indicator without sections of its own is reported by the sections of the
 * node it measures and of that node's initiatives (a measure's indicators by the sections of
 * the measure's initiatives). An indicator with neither is left to planners.
 */
import { sql } from "drizzle-orm";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";

export interface Owner {
  code: string;
  name: string;
  /** true when taken from the plan nodes rather than named for the indicator. */
  inferred: boolean;
}

/** The reporting sections of every indicator of a municipality (or of one), in printed order. */
export async function loadOwners(
  tx: Tx,
  mc: string,
  indicatorId?: number,
): Promise<Map<number, Owner[]>> {
  const one = indicatorId === undefined ? sql`true` : sql`ind.id = ${indicatorId}`;
  const result = await tx.execute(sql`
    select ind.id as "indicatorId", s.code, s.name, false as inferred, isec.position as pos
      from indicators ind
      join indicator_sections isec on isec.indicator_id = ind.id
      join sections s on s.id = isec.section_id
     where ind.municipality_code = ${mc} and ${one}
    union all
    select ind.id, s.code, s.name, true, min(n.position * 1000 + ns.position)
      from indicators ind
      join plan_nodes n on n.id = ind.node_id or n.parent_id = ind.node_id
      join node_sections ns on ns.node_id = n.id
      join sections s on s.id = ns.section_id
     where ind.municipality_code = ${mc} and ${one}
       and not exists (select 1 from indicator_sections x where x.indicator_id = ind.id)
     group by ind.id, s.code, s.name
    order by 1, 5`);
  const rows = (result as unknown as { rows: (Owner & { indicatorId: number })[] }).rows;
  const owners = new Map<number, Owner[]>();
  for (const { indicatorId: id, code, name, inferred } of rows) {
    const list = owners.get(id) ?? [];
    list.push({ code, name, inferred });
    owners.set(id, list);
  }
  return owners;
}

/** The reporting sections of every indicator of a municipality. */
export const ownersInMunicipality = (db: Db, mc: string) =>
  withTenant(db, mc, (tx) => loadOwners(tx, mc));
