import { eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { auditLog } from "../../src/core/audit-schema.ts";
import { withTenant } from "../../src/core/db/tenant.ts";
import { formatNumber } from "../../src/core/format.ts";
import { scenarioFields, yearFields } from "../../src/finance/frame-form.ts";
import { loadFrame } from "../../src/finance/frame-queries.ts";
import { millions } from "../../src/finance/frame-report.ts";
import { NO_INPUTS } from "../../src/finance/projected-soundness.ts";
import { describeEachBackend } from "../support/app.ts";
import { DEMO, staffOf } from "../support/staff.ts";

const MC = "082058";
const M = `/${MC}/manage/finance/frame`;

describeEachBackend("fiscal frame staff pages", (t) => {
  const frame = () => loadFrame(t.database.db, MC);
  const apiFrame = async () => (await t.json(`/api/v1/municipalities/${MC}/finance/frame`)).body;
  const planner = () => staffOf(t, MC, DEMO.planner.email, DEMO.planner.password);

  it("lists the years and scenarios, linked from the finance index", async () => {
    const p = await planner();
    expect(await (await p.page(`/${MC}/manage/finance`)).text()).toContain(`href="${M}"`);
    const html = await (await p.page(M)).text();
    expect(html).toContain(`href="${M}/years/2019?kind=settled"`);
    expect(html).toContain(`href="${M}/scenarios/${encodeURIComponent("基本")}"`);
  });

  it("saves a year's lines, and the public page and API show the new projection at once", async () => {
    const p = await planner();
    const row = (await frame()).years.find((y) => y.fiscalYear === 2019)!;
    const before = await apiFrame();
    await t.text(`/${MC}/finance`); // cached
    const fields = yearFields(row);
    const cityTax = row.revenue.cityTax + 123_000_000;
    const res = await p.post(`${M}/years/2019?kind=settled`, {
      ...fields,
      "revenue.cityTax": cityTax.toLocaleString("en-US"),
      version: String(row.version),
    });
    expect(res.status).toBe(303);
    const after = await apiFrame();
    expect(
      after.years.find((y: { fiscalYear: number }) => y.fiscalYear === 2019).revenue.cityTax,
    ).toBe(cityTax);
    // Nothing else of the year changed.
    const saved = (await frame()).years.find((y) => y.fiscalYear === 2019)!;
    expect({
      ...saved,
      revenue: { ...saved.revenue, cityTax: row.revenue.cityTax },
      version: row.version,
    }).toEqual(row);
    expect(saved.version).toBe(row.version + 1);
    // The public page (cached before the save) shows the new 市税 of the latest settled year.
    expect((await t.text(`/${MC}/finance`)).body).toContain(formatNumber(millions(cityTax)));
    expect(after.scenarios).not.toEqual([]);
    expect(JSON.stringify(after.years)).not.toBe(JSON.stringify(before.years));
    const entries = await withTenant(t.database.db, MC, (tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, "finance.frame_year")),
    );
    expect(entries.map((e) => e.recordKey)).toEqual(["2019:settled"]);
    // The stale form is refused.
    const stale = await p.post(`${M}/years/2019?kind=settled`, {
      ...fields,
      version: String(row.version),
    });
    expect(stale.status).toBe(409);
    const html = await stale.text();
    expect(html).toContain("ほかの人が先に保存しました");
    // The conflict page posts the input again, to the same address, over the current version.
    expect(html).toContain(`action="${M}/years/2019?kind=settled"`);
    const current = html.match(/name="version" value="(\d+)"/)![1]!;
    expect(Number(current)).toBe(row.version + 1);
    const overwrite = await p.post(`${M}/years/2019?kind=settled`, { ...fields, version: current });
    expect(overwrite.status).toBe(303);
  });

  it("refuses lines the rules refuse, naming the field in Japanese and keeping what was typed", async () => {
    const p = await planner();
    const row = (await frame()).years.find((y) => y.fiscalYear === 2018)!;
    const fields = yearFields(row);
    const res = await p.post(`${M}/years/2018?kind=settled`, {
      ...fields,
      "revenue.cityTax": "△5",
      "expenditure.personnel": "",
      version: String(row.version),
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('href="#revenue.cityTax"');
    expect(html).toContain("0以上で入力してください");
    expect(html).toContain("入力してください（ないときは0）");
    expect(html).toContain('value="△5"');
    const bonds = await p.post(`${M}/years/2018?kind=settled`, {
      ...fields,
      extraordinaryFiscalBonds: String(row.revenue.localBonds + 1),
      version: String(row.version),
    });
    expect(bonds.status).toBe(400);
    expect(await bonds.text()).toContain("地方債を超えています");
    // A settled year after the budget year cannot be projected from.
    const last = (await frame()).years.at(-1)!;
    const added = await p.post(`${M}/years/${last.fiscalYear + 1}?kind=settled`, {
      ...fields,
      version: "0",
    });
    expect(added.status).toBe(400);
    expect(await added.text()).toContain("この内容では推計できません");
  });

  it("saves 基本's assumptions and re-derives 慎重 from them", async () => {
    const p = await planner();
    const report = await frame();
    const basic = report.scenarios.find((s) => s.row.name === "基本")!;
    const prudent = report.scenarios.find((s) => s.row.name === "慎重")!;
    const years = basic.years.map((y) => y.fiscalYear);
    const res = await p.post(`${M}/scenarios/${encodeURIComponent("基本")}`, {
      ...scenarioFields(basic.row, years),
      "revenueGrowth.cityTax": "2.5",
      version: String(basic.row.version),
    });
    expect(res.status).toBe(303);
    const after = await frame();
    const b = after.scenarios.find((s) => s.row.name === "基本")!;
    const pr = after.scenarios.find((s) => s.row.name === "慎重")!;
    expect(b.row.assumptions.revenueGrowth.cityTax).toBe(0.025);
    expect(pr.row.assumptions.revenueGrowth.cityTax).toBe(
      Number((0.025 + prudent.row.derivedFrom!.deltas.cityTaxGrowthDelta).toPrecision(15)),
    );
    expect(pr.row.version).toBe(prudent.row.version + 1);
    expect(b.years.at(-1)!.revenue.cityTax).toBeGreaterThan(basic.years.at(-1)!.revenue.cityTax);
    const bad = await p.post(`${M}/scenarios/${encodeURIComponent("基本")}`, {
      ...scenarioFields(b.row, years),
      "revenueGrowth.cityTax": "80",
      version: String(b.row.version),
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("-50%〜50%の範囲");
  });

  it("edits 基本's fund plan and soundness inputs; the public page then shows the projected 実質公債費比率 as an estimate", async () => {
    const p = await planner();
    const report = await frame();
    const basic = report.scenarios.find((s) => s.row.name === "基本")!;
    const years = basic.years.map((y) => y.fiscalYear);
    const [first] = years;
    const last = years.at(-1)!;
    const form = await (await p.page(`${M}/scenarios/${encodeURIComponent("基本")}`)).text();
    expect(form).toContain(`name="funds.plan.${first}.debtReduction.deposit"`);
    expect(form).toContain(`name="soundnessInputs.includedDebtService.${last}"`);
    expect((await t.text(`/${MC}/finance`)).body).toContain(NO_INPUTS);

    // The stored plan is shown in the form; raise 減債基金's deposit of the first year by 7 million.
    const planned = basic.row.assumptions.funds.plan?.[first!]?.debtReduction?.deposit ?? 0;
    expect(scenarioFields(basic.row, years)[`funds.plan.${first}.debtReduction.deposit`]).toBe(
      planned ? String(planned) : undefined,
    );
    const inputs: Record<string, string> = {};
    for (const fy of years) {
      inputs[`soundnessInputs.quasiPrincipalAndInterest.${fy}`] = "300,000,000";
      inputs[`soundnessInputs.specificRevenue.${fy}`] = "100000000";
      inputs[`soundnessInputs.includedDebtService.${fy}`] = "2,000,000,000";
    }
    const res = await p.post(`${M}/scenarios/${encodeURIComponent("基本")}`, {
      ...scenarioFields(basic.row, years),
      ...inputs,
      [`funds.plan.${first}.debtReduction.deposit`]: String(planned + 7_000_000),
      version: String(basic.row.version),
    });
    expect(res.status).toBe(303);
    const after = await frame();
    const b = after.scenarios.find((s) => s.row.name === "基本")!;
    expect(b.row.assumptions.funds.plan?.[first!]?.debtReduction?.deposit).toBe(
      planned + 7_000_000,
    );
    expect(b.row.assumptions.soundnessInputs?.specificRevenue[last]).toBe(100_000_000);
    expect(b.years[0]!.funds.debtReduction.deposits).toBe(
      basic.years[0]!.funds.debtReduction.deposits + 7_000_000,
    );
    // The form shows what was saved.
    expect(scenarioFields(b.row, years)[`soundnessInputs.includedDebtService.${last}`]).toBe(
      "2000000000",
    );
    const body = (await t.text(`/${MC}/finance`)).body;
    expect(body).not.toContain(NO_INPUTS);
    expect(body).toMatch(new RegExp(`基本シナリオの${last}年度は\\d+(\\.\\d)?%（推計）`));

    // A negative amount is refused on its field, and nothing is saved.
    const bad = await p.post(`${M}/scenarios/${encodeURIComponent("基本")}`, {
      ...scenarioFields(b.row, years),
      [`soundnessInputs.specificRevenue.${first}`]: "-5",
      version: String(b.row.version),
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain(`id="soundnessInputs.specificRevenue.${first}-error"`);
    const unchanged = (await frame()).scenarios.find((s) => s.row.name === "基本")!;
    expect(unchanged.row.version).toBe(b.row.version);
  });

  it("a viewer may look but not save", async () => {
    const v = await staffOf(t, MC, DEMO.viewer.email, DEMO.viewer.password);
    const row = (await frame()).years[0]!;
    const html = await (await v.page(`${M}/years/${row.fiscalYear}?kind=${row.kind}`)).text();
    expect(html).not.toContain("保存する</button>");
    const res = await v.post(`${M}/years/${row.fiscalYear}?kind=${row.kind}`, {
      ...yearFields(row),
      version: String(row.version),
    });
    expect(res.status).toBe(403);
  });
});
