/**
 * The owners of one indicator (and whether another source feeds it) as the save reads them (owners.ts ownersJson, in SQL) are the ones
 * the registry computes in JavaScript (loadOwners → ownersOf), for every indicator of the demo
 * municipality and of a second one: named sections, sections inferred from the node and its
 * children, in printed order, and none.
 */
import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { withTenant } from "../../src/core/db/tenant.ts";
import { feedSql, loadFeeds } from "../../src/indicators/feeds.ts";
import { loadOwners, ownersJson } from "../../src/indicators/owners.ts";
import { importPlans } from "../../src/plan/plan-import.ts";
import { describeEachBackend } from "../support/app.ts";

describeEachBackend("the owners of one indicator, in SQL", (t) => {
  beforeAll(async () => {
    await importPlans(t.database.db, path.resolve("test/fixtures/second-municipality"));
  });

  for (const mc of ["082058", "082015"])
    it(`are the registry's owners for every indicator of ${mc}`, async () => {
      const { fromJs, fromSql } = await withTenant(t.database.db, mc, async (tx) => {
        const fromJs = await loadOwners(tx, mc);
        const result = await tx.execute(
          sql`select i.id, ${ownersJson(mc, sql`i.id`, sql`i.node_id`)}::text as owners
                from indicators i where i.municipality_code = ${mc}`,
        );
        const rows = (result as unknown as { rows: { id: number; owners: string }[] }).rows;
        return { fromJs, fromSql: rows.map((r) => ({ id: r.id, owners: JSON.parse(r.owners) })) };
      });
      expect(fromSql.length).toBeGreaterThan(0);
      // In the demo, owners inferred from the plan's nodes are met: the check is not vacuous.
      const all = fromSql.flatMap((r) => r.owners as { inferred: boolean }[]);
      if (mc === "082058") expect(all.some((o) => o.inferred)).toBe(true);
      for (const r of fromSql) expect(r.owners).toEqual(fromJs.get(r.id) ?? []);
    });

  it("says which indicators another source feeds as loadFeeds does, for every indicator of 082058", async () => {
    const mc = "082058";
    const { fromJs, fromSql } = await withTenant(t.database.db, mc, async (tx) => {
      const fromJs = await loadFeeds(tx, mc);
      const result = await tx.execute(
        sql`select i.id, ${feedSql(mc, sql`i.id`)} as feed
              from indicators i where i.municipality_code = ${mc}`,
      );
      const rows = (result as unknown as { rows: { id: number; feed: string | null }[] }).rows;
      return { fromJs, fromSql: rows };
    });
    // The demo's soundness ratios are fed from the finance figures: the check is not vacuous.
    expect(fromSql.some((r) => r.feed !== null)).toBe(true);
    for (const r of fromSql) expect(r.feed ?? undefined, String(r.id)).toBe(fromJs.get(r.id));
  });
});
