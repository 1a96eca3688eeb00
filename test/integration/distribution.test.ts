import { readFile } from "node:fs/promises";
import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import {
  type CatalogTable,
  distributionDdl,
  distributionProblems,
  REFERENCE_TABLES,
  readCatalog,
  tableShapes,
} from "../../src/core/db/distribution.ts";
import { withTenant } from "../../src/core/db/tenant.ts";
import { bindTenantWithSetLocal } from "../../src/core/db/tenant-binding.ts";
import { importPlans } from "../../src/plan/plan-import.ts";
import { describeEachBackend } from "../support/app.ts";

describeEachBackend("distribution by municipality", (t) => {
  let catalog: CatalogTable[];

  beforeAll(async () => {
    catalog = await readCatalog(t.database.db);
  });

  it("every tenant table's keys and references include municipality_code; the rest are reference tables", () => {
    expect(catalog.length).toBeGreaterThan(40);
    const problems = distributionProblems(catalog);
    expect(problems, `\n${problems.join("\n\n")}\n`).toEqual([]);
    const shared = catalog.filter((c) => !c.columns.includes("municipality_code"));
    expect(shared.map((c) => c.name).sort()).toEqual(Object.keys(REFERENCE_TABLES).sort());
  });

  it("docs/scale.md gives the distribution DDL of every table as the catalog has them", async () => {
    const ddl = distributionDdl(tableShapes(catalog));
    const doc = await readFile("docs/scale.md", "utf8");
    expect(
      doc.includes(ddl),
      `docs/scale.md, section "Distribution by municipality", must contain this block as it is:\n\n${ddl}\n`,
    ).toBe(true);
    for (const c of catalog) expect(ddl).toContain(`('${c.name}'`);
  });

  it("refuses a row that points at another municipality's row", async () => {
    await importPlans(t.database.db, path.resolve("test/fixtures/second-municipality"));
    const own = (await t.database.db.execute(
      sql`select id from indicators where municipality_code = '082058' order by id limit 1`,
    )) as unknown as { rows: { id: number }[] };
    const indicatorId = own.rows[0]!.id;
    const refused = await t.database.db
      .execute(
        sql`insert into indicator_actuals (municipality_code, indicator_id, fiscal_year, value)
            values ('082015', ${indicatorId}, 2024, 1)`,
      )
      .then(
        () => "accepted",
        (e: Error) => String(e.cause ?? e),
      );
    expect(refused).toMatch(/indicator_actuals_indicator_id_fk/);
    // The same row in its own municipality is accepted.
    await t.database.db.execute(
      sql`insert into indicator_actuals (municipality_code, indicator_id, fiscal_year, value)
          values ('082058', ${indicatorId}, 1999, 1)`,
    );
  });

  it("refuses to delete a plan node an indicator still hangs on, and the indicator keeps it", async () => {
    const [row] = (
      (await t.database.db.execute(
        sql`select id, node_id from indicators
             where municipality_code = '082058' and node_id is not null order by id limit 1`,
      )) as unknown as { rows: { id: number; node_id: number }[] }
    ).rows;
    const refused = await t.database.db
      .execute(
        sql`delete from plan_nodes where municipality_code = '082058' and id = ${row!.node_id}`,
      )
      .then(
        () => "deleted",
        (e: Error) => String(e.cause ?? e),
      );
    expect(refused).toMatch(/indicators_node_id_fk/);
    const after = (await t.database.db.execute(
      sql`select municipality_code, node_id from indicators where id = ${row!.id}`,
    )) as unknown as { rows: { municipality_code: string; node_id: number | null }[] };
    expect(after.rows).toEqual([{ municipality_code: "082058", node_id: row!.node_id }]);
  });

  it("binds the tenant with SET LOCAL, as on a Citus coordinator: the same rows and refusals", async () => {
    bindTenantWithSetLocal(true);
    try {
      const seen = await withTenant(t.database.db, "082058", async (tx) => ({
        who: (
          (await tx.execute(sql`select current_user as who`)) as unknown as {
            rows: { who: string }[];
          }
        ).rows[0]!.who,
        codes: (
          (await tx.execute(sql`select distinct municipality_code from indicators`)) as unknown as {
            rows: { municipality_code: string }[];
          }
        ).rows,
      }));
      expect(seen).toEqual({ who: "shisaku_app", codes: [{ municipality_code: "082058" }] });
      const refused = await withTenant(t.database.db, "082058", (tx) =>
        tx.execute(
          sql`insert into indicator_actuals (municipality_code, indicator_id, fiscal_year, value)
              values ('990001', 1, 2024, 1)`,
        ),
      ).then(
        () => "accepted",
        (e: Error) => String(e.cause ?? e),
      );
      expect(refused).toMatch(/row-level security/);
      await expect(withTenant(t.database.db, "08205'", async () => 1)).rejects.toThrow(
        "団体コードは6桁の数字です",
      );
    } finally {
      bindTenantWithSetLocal(false);
    }
  });
});
