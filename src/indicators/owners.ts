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

/**
 * The reporting sections of every indicator of a municipality (or of one, or of some), in
 * printed order.
 */
export async function loadOwners(
  tx: Tx,
  mc: string,
  only?: number | readonly number[],
): Promise<Map<number, Owner[]>> {
  const ids = only === undefined ? null : typeof only === "number" ? [only] : [...only];
  const one = ids === null ? sql`true` : sql`ind.id = any(${sql.param(ids)}::int[])`;
  const oneNode =
    ids === null
      ? sql`true`
      : sql`n.id in (select node_id from indicators where id = any(${sql.param(ids)}::int[]))`;
  // The sections of each node and of its children are gathered once per node (a few hundred),
  // not once per indicator (thousands); names are joined last.
  const result = await tx.execute(sql`
    with named as (
      select isec.indicator_id, isec.section_id, false as inferred, isec.position as pos
        from indicators ind
        join indicator_sections isec on isec.indicator_id = ind.id
       where ind.municipality_code = ${mc} and ${one}
    ),
    node_owner as (
      select n.id as node_id, ns.section_id, min(c.position * 1000 + ns.position) as pos
        from plan_nodes n
        join plan_nodes c on c.id = n.id or c.parent_id = n.id
        join node_sections ns on ns.node_id = c.id
       where n.municipality_code = ${mc} and ${oneNode}
       group by n.id, ns.section_id
    ),
    inferred as (
      select ind.id as indicator_id, o.section_id, true as inferred, o.pos
        from indicators ind
        join node_owner o on o.node_id = ind.node_id
       where ind.municipality_code = ${mc} and ${one}
         and not exists (select 1 from indicator_sections x where x.indicator_id = ind.id)
    )
    select o.indicator_id as "indicatorId", s.code, s.name, o.inferred
      from (select * from named union all select * from inferred) o
      join sections s on s.id = o.section_id
     order by o.indicator_id, o.pos`);
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
