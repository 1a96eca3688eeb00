import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import type { Tx } from "../../src/core/db/client.ts";
import { bindTenant, withoutTenant, withTenant } from "../../src/core/db/tenant.ts";
import { importPlans } from "../../src/plan/plan-import.ts";
import { describeEachBackend } from "../support/app.ts";

const rows = async <T>(tx: Tx, query: string) =>
  (await tx.execute(sql.raw(query))) as unknown as { rows: T[] };

describeEachBackend("row-level security", (t) => {
  let tenantTables: string[];

  beforeAll(async () => {
    await importPlans(t.database.db, path.resolve("test/fixtures/second-municipality"));
    const result = (await t.database.db.execute(
      sql`select table_name from information_schema.columns
          where table_schema = 'public' and column_name = 'municipality_code' order by table_name`,
    )) as unknown as { rows: { table_name: string }[] };
    tenantTables = result.rows.map((r) => r.table_name);
  });

  it("is enabled with a policy on every table that carries a municipality code", async () => {
    expect(tenantTables.length).toBeGreaterThanOrEqual(10);
    const result = (await t.database.db.execute(
      sql`select c.relname, c.relrowsecurity, count(p.polname)::int as policies
          from pg_class c left join pg_policy p on p.polrelid = c.oid
          where c.relnamespace = 'public'::regnamespace and c.relkind = 'r'
          group by c.relname, c.relrowsecurity`,
    )) as unknown as { rows: { relname: string; relrowsecurity: boolean; policies: number }[] };
    const byName = new Map(result.rows.map((r) => [r.relname, r]));
    for (const table of [...tenantTables, "municipalities"]) {
      expect(byName.get(table), table).toMatchObject({ relrowsecurity: true });
      expect(byName.get(table)?.policies, table).toBeGreaterThan(0);
    }
  });

  it("compares the municipality code as char(6) in every policy, so that indexes serve it", async () => {
    const result = (await t.database.db.execute(
      sql`select tablename, policyname, coalesce(qual, '') || ' ' || coalesce(with_check, '') as expr
          from pg_policies where schemaname = 'public'`,
    )) as unknown as { rows: { tablename: string; policyname: string; expr: string }[] };
    const tenantPolicies = result.rows.filter((r) => r.expr.includes("shisaku.municipality"));
    expect(tenantPolicies.length).toBeGreaterThanOrEqual(tenantTables.length);
    for (const p of tenantPolicies) {
      expect(p.expr, `${p.tablename}.${p.policyname}`).not.toMatch(/::text = current_setting/);
      expect(p.expr, `${p.tablename}.${p.policyname}`).toMatch(/::bpchar/);
    }
  });

  it("shows no tenant-owned row to a query without a tenant", async () => {
    await withoutTenant(t.database.db, async (tx) => {
      for (const table of tenantTables) {
        const { rows: r } = await rows<{ n: number }>(
          tx,
          `select count(*)::int as n from "${table}"`,
        );
        expect(r[0]?.n, table).toBe(0);
      }
      const { rows: user } = await rows<{ u: string }>(tx, "select current_user as u");
      expect(user[0]?.u).toBe("shisaku_app");
    });
  });

  it("shows a municipality only its own rows, whatever the query asks for", async () => {
    const seen = (mc: string) =>
      withTenant(t.database.db, mc, async (tx) => {
        const { rows: r } = await rows<{ municipality_code: string; n: number }>(
          tx,
          "select municipality_code, count(*)::int as n from indicators group by 1 order by 1",
        );
        return r;
      });
    expect(await seen("082058")).toEqual([{ municipality_code: "082058", n: 23 }]);
    expect(await seen("082015")).toEqual([{ municipality_code: "082015", n: 2 }]);
  });

  it("refuses to change or add a row of another municipality", async () => {
    await withTenant(t.database.db, "082015", (tx) =>
      tx.execute(sql`update indicators set name = 'x' where municipality_code = '082058'`),
    );
    const names = await withTenant(t.database.db, "082058", async (tx) => {
      const { rows: r } = await rows<{ name: string }>(
        tx,
        "select name from indicators where code = 'GZ-1-O1'",
      );
      return r.map((x) => x.name);
    });
    expect(names).toEqual(["仕事にやりがいを持つ市職員の割合"]);

    const error = await t.database.db
      .transaction(async (tx) => {
        await bindTenant(tx, "082015");
        await tx.execute(
          sql`insert into sections (municipality_code, code, name) values ('082058', 'intruder', '侵入')`,
        );
      })
      .then(
        () => undefined,
        (e: Error & { cause?: Error }) => e.cause?.message ?? e.message,
      );
    expect(error).toMatch(/row-level security/);
  });

  it("lets everyone read the public directory of municipalities", async () => {
    const codes = await withoutTenant(t.database.db, async (tx) => {
      const { rows: r } = await rows<{ code: string }>(
        tx,
        "select code from municipalities order by code",
      );
      return r.map((x) => x.code);
    });
    expect(codes).toEqual(["082015", "082058"]);
  });
});
