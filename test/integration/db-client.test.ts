/**
 * The database handle both backends share: reads issued together inside one transaction
 * (Promise.all) each get their own answer, one after another on the transaction's connection,
 * and node-postgres has nothing to warn about; many rows read as one JSON value come back as a
 * plain select gives them.
 */
import { sql } from "drizzle-orm";
import { afterEach, beforeEach, expect, it } from "vitest";
import { jsonRows } from "../../src/core/db/json-rows.ts";
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

  it("reads rows as one JSON value with the same numbers, texts and nulls as a plain select", async () => {
    const query = sql`select n as id, n * 1.5::float8 as value,
                             case when n % 2 = 0 then null else 'x' || n end as note
                        from generate_series(1, 2000) n`;
    const [asJson, plain] = await withTenant(t.database.db, "082058", async (tx) => [
      await jsonRows<{ id: number; value: number; note: string | null }>(tx, query),
      ((await tx.execute(query)) as unknown as { rows: unknown[] }).rows,
    ]);
    expect(asJson).toHaveLength(2000);
    expect(asJson.slice(0, 2)).toEqual([
      { id: 1, value: 1.5, note: "x1" },
      { id: 2, value: 3, note: null },
    ]);
    expect(asJson).toEqual(plain);
  });
});
