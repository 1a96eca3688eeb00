/**
 * `shisaku demo national` on a small run (3 municipalities × 9 own indicators × 10 years): the
 * invented municipalities have valid check digits, each is a tenant whose plan, indicators and
 * actuals are there in the counts asked for, labelled 「サンプル」 on the public pages, and its
 * first indicators are linked to shared indicators; a second run replaces rather than doubles.
 */
import { sql } from "drizzle-orm";
import { expect, it } from "vitest";
import { validateMunicipalityCode } from "../../src/core/municipality-code.ts";
import { generateNationalDemo, NATIONAL_DEMO } from "../../src/peers/demo.ts";
import { SAMPLE_TENANT_NOTE } from "../../src/peers/demo-plans.ts";
import { describeEachBackend } from "../support/app.ts";

const SMALL = { ...NATIONAL_DEMO, municipalities: 3, indicators: 9, sharedIndicators: 8 };

describeEachBackend("shisaku demo national on a small run", (t) => {
  const count = async (query: ReturnType<typeof sql>) =>
    (
      (await t.database.db.execute(query)) as unknown as {
        rows: { n: number }[];
      }
    ).rows[0]!.n;

  it("writes 3 tenants with valid codes, 9 indicators each and 10 years of actuals", async () => {
    const r = await generateNationalDemo(t.database.db, SMALL);
    expect(r).toMatchObject({
      municipalities: 3,
      indicators: 9,
      actuals: 270,
      sharedIndicators: 8,
      values: 3 * 8 * 10,
    });
    const tenants = (
      (await t.database.db.execute(
        sql`select code, name from municipalities where note = ${SAMPLE_TENANT_NOTE} order by code`,
      )) as unknown as { rows: { code: string; name: string }[] }
    ).rows;
    expect(tenants.map((m) => m.code)).toEqual(["012017", "022012", "032018"]);
    for (const m of tenants) {
      expect(validateMunicipalityCode(m.code).ok).toBe(true);
      expect(m.name).toContain("サンプル");
    }
    const rowsOf = (table: string) =>
      count(
        sql`select count(*)::int as n from ${sql.raw(table)}
             where municipality_code in (select code from municipalities where note = ${SAMPLE_TENANT_NOTE})`,
      );
    expect(await rowsOf("indicators")).toBe(27);
    expect(await rowsOf("indicator_actuals")).toBe(270);
    expect(
      await count(
        sql`select count(distinct fiscal_year)::int as n from indicator_actuals where municipality_code = '012017'`,
      ),
    ).toBe(10);
    // Every indicator appears in the plan and has a section; the first 8 are linked to the 8
    // shared indicators (the catalogue's 7 and an invented one).
    expect(await rowsOf("indicator_appearances")).toBe(27);
    expect(await rowsOf("indicator_sections")).toBe(27);
    expect(await rowsOf("shared_indicator_links")).toBe(24);

    // A second run: the same rows again, not twice as many.
    await generateNationalDemo(t.database.db, SMALL);
    expect(await rowsOf("indicator_actuals")).toBe(270);
    // The demo municipality is untouched.
    expect(
      await count(sql`select count(*)::int as n from municipalities where code = '082058'`),
    ).toBe(1);
  });

  it("serves the invented municipality's public pages, labelled サンプル", async () => {
    const home = await t.text("/012017/");
    expect(home.status).toBe(200);
    expect(home.body).toContain("サンプル総合計画");
    const registry = await t.text("/012017/indicators");
    expect(registry.status).toBe(200);
    expect(registry.body).toContain("サンプル指標9");
    const linked = await t.text("/012017/indicators/S-01-I001");
    expect(linked.status).toBe(200);
    expect(linked.body).toContain("サンプル");
    const list = await t.json("/api/v1/municipalities/012017/indicators");
    expect(list.body.total).toBe(9);
    expect(list.body.items[0].actuals).toHaveLength(10);
  });
});
