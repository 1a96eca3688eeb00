/**
 * The level of a node read on its own (an edit form, a draft, an audit entry): its depth in its
 * plan's tree, named as the plan names it (主要施策, 具体的な取組 …).
 */
import { sql } from "drizzle-orm";
import type { Tx } from "../core/db/client.ts";
import { levelAt, type NodeLevel } from "./levels.ts";
import type { PlanLevel } from "./plan-file.ts";

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/** Each node's level by code (codes that are no node are left out): one query. */
export async function nodeLevelsOf(
  tx: Tx,
  mc: string,
  codes: readonly string[],
): Promise<Map<string, NodeLevel>> {
  if (codes.length === 0) return new Map();
  const rows = rowsOf<{ code: string; depth: number; levels: PlanLevel[] | null }>(
    await tx.execute(sql`
      with recursive up(code, plan_id, parent_id, depth) as (
        select n.code, n.plan_id, n.parent_id, 0
          from plan_nodes n
         where n.municipality_code = ${mc} and n.code in (${sql.join(
           codes.map((c) => sql`${c}`),
           sql`, `,
         )})
        union all
        select up.code, up.plan_id, p.parent_id, up.depth + 1
          from up join plan_nodes p on p.municipality_code = ${mc} and p.id = up.parent_id
      )
      select up.code, max(up.depth)::int as depth,
             (select pl.levels from plans pl where pl.municipality_code = ${mc} and pl.id = up.plan_id) as levels
        from up
       group by up.code, up.plan_id`),
  );
  return new Map(rows.map((r) => [r.code, levelAt({ levels: r.levels }, Number(r.depth))]));
}
