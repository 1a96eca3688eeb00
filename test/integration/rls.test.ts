import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { addUser } from "../../src/accounts/actions.ts";
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

  it("binds the tables' owner too: every table under row-level security is forced", async () => {
    const result = (await t.database.db.execute(
      sql`select relname, relforcerowsecurity from pg_class
          where relnamespace = 'public'::regnamespace and relkind = 'r' and relrowsecurity
          order by relname`,
    )) as unknown as { rows: { relname: string; relforcerowsecurity: boolean }[] };
    expect(result.rows.map((r) => r.relname)).toEqual(
      expect.arrayContaining([...tenantTables, "municipalities", "users"]),
    );
    for (const r of result.rows) expect(r.relforcerowsecurity, r.relname).toBe(true);
  });

  it("shows a municipality's staff only their own e-mail addresses and password hashes", async () => {
    await addUser(t.database.db, {
      municipality: "082015",
      email: "clerk@second.invalid",
      role: "editor",
      password: "second-clerk-password",
    });
    // The demo planner also joins the second municipality: one identity, two memberships.
    await addUser(t.database.db, {
      municipality: "082015",
      email: "planner@demo.invalid",
      role: "viewer",
    });
    const emails = (mc: string | null) =>
      (mc === null
        ? withoutTenant
        : (db: typeof t.database.db, f: (tx: Tx) => Promise<string[]>) => withTenant(db, mc, f))(
        t.database.db,
        async (tx) =>
          (await rows<{ email: string }>(tx, "select email from users order by email")).rows.map(
            (r) => r.email,
          ),
      );
    expect(await emails("082015")).toEqual(["clerk@second.invalid", "planner@demo.invalid"]);
    const demo = await emails("082058");
    expect(demo).toContain("planner@demo.invalid");
    expect(demo).not.toContain("clerk@second.invalid");
    expect(await emails(null)).toEqual([]);
    // The lookup function answers across municipalities, with the id only.
    const found = await withTenant(t.database.db, "082058", async (tx) =>
      rows<{ id: number | null }>(
        tx,
        "select shisaku_user_id_by_email('clerk@second.invalid') as id",
      ),
    );
    expect(found.rows[0]?.id).toEqual(expect.any(Number));
  });
});
