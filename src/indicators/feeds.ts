/**
 * Indicators fed by another module (the soundness ratios from the finance figures, counts
 * computed from proposals): their actuals are never entered by hand, and reporting rounds
 * leave them out.
 */
import { and, eq, ne, type SQL, sql } from "drizzle-orm";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { indicatorActuals, runningActuals } from "./schema.ts";

export type Feed = "reported" | "computed";

/** indicator id → where its values come from, from published actuals (any year not entered). */
export function feedsFrom(
  published: readonly { indicatorId: number; origin: string }[],
): Map<number, Feed> {
  const feeds = new Map<number, Feed>();
  for (const p of published) if (p.origin !== "entered") feeds.set(p.indicatorId, p.origin as Feed);
  return feeds;
}

/** indicator id → where its values come from, for every fed indicator of a municipality. */
export async function loadFeeds(tx: Tx, mc: string, indicatorId?: number) {
  const rows = await tx
    .selectDistinct({ indicatorId: indicatorActuals.indicatorId, origin: indicatorActuals.origin })
    .from(indicatorActuals)
    .where(
      and(
        eq(indicatorActuals.municipalityCode, mc),
        ne(indicatorActuals.origin, "entered"),
        indicatorId === undefined ? undefined : eq(indicatorActuals.indicatorId, indicatorId),
      ),
    );
  const feeds = new Map(rows.map((r) => [r.indicatorId, r.origin as Feed]));
  // An indicator whose only computed values are still 集計中 is fed all the same.
  const running = await tx
    .selectDistinct({ indicatorId: runningActuals.indicatorId })
    .from(runningActuals)
    .where(
      and(
        eq(runningActuals.municipalityCode, mc),
        indicatorId === undefined ? undefined : eq(runningActuals.indicatorId, indicatorId),
      ),
    );
  for (const r of running) if (!feeds.has(r.indicatorId)) feeds.set(r.indicatorId, "computed");
  return feeds;
}

/**
 * loadFeeds' rule for one indicator, computed by the database: 'reported' or 'computed' (a
 * published value not entered by hand, else a value still 集計中), or null. `indicatorId` is an
 * SQL expression (a column of an outer query, or a parameter).
 */
export function feedSql(mc: string, indicatorId: SQL): SQL {
  return sql`coalesce((select a.origin from indicator_actuals a
                        where a.municipality_code = ${mc} and a.indicator_id = ${indicatorId}
                          and a.origin <> 'entered' limit 1),
                      case when exists (select 1 from running_actuals r
                                         where r.municipality_code = ${mc}
                                           and r.indicator_id = ${indicatorId})
                           then 'computed' end)`;
}

/** The fed indicators of a municipality. */
export const feedsInMunicipality = (db: Db, mc: string) =>
  withTenant(db, mc, (tx) => loadFeeds(tx, mc));
