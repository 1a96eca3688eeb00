/**
 * The database handle both backends share: reads issued together inside one transaction
 * (Promise.all) each get their own answer, one after another on the transaction's connection,
 * and node-postgres has nothing to warn about.
 */
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, expect, it } from "vitest";
import { withTenant } from "../../src/core/db/tenant.ts";
import { describeEachBackend } from "../support/app.ts";

describeEachBackend("the database client", (t) => {
  const warnings: string[] = [];
  const onWarning = (w: Error) => warnings.push(w.message);
  beforeEach(() => {
    warnings.length = 0;
    process.on("warning", onWarning);
  });
  afterEach(() => {
    process.off("warning", onWarning);
  });

  it("answers reads issued together in a transaction, each its own, without a warning", async () => {
    const answers = await withTenant(t.database.db, "082058", (tx) =>
      Promise.all(
        [1, 2, 3, 4, 5].map(async (n) => {
          const r = await tx.execute(sql`select ${n}::int as n`);
          return (r as unknown as { rows: { n: number }[] }).rows[0]!.n;
        }),
      ),
    );
    expect(answers).toEqual([1, 2, 3, 4, 5]);
    await new Promise((r) => setImmediate(r));
    expect(warnings.filter((w) => w.includes("already executing a query"))).toEqual([]);
  });
});
