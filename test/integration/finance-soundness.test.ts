import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { auditLog } from "../../src/core/audit-schema.ts";
import { withTenant } from "../../src/core/db/tenant.ts";
import { componentsFields } from "../../src/finance/components-form.ts";
import { soundnessRatios } from "../../src/finance/schema.ts";
import { indicatorActuals, indicators } from "../../src/indicators/schema.ts";
import { describeEachBackend } from "../support/app.ts";
import { fullComponents } from "../support/finance-components.ts";
import { DEMO, staffOf } from "../support/staff.ts";

const MC = "082058";
const FY = 2024;
const PATH = `/${MC}/manage/finance/soundness/${FY}`;

/** Made-up components (サンプル): every ratio computable. */
const FULL = componentsFields(fullComponents(FY));

describeEachBackend("soundness components entered by staff", (t) => {
  const ratiosOf = (fy: number) =>
    withTenant(t.database.db, MC, (tx) =>
      tx
        .select()
        .from(soundnessRatios)
        .where(and(eq(soundnessRatios.municipalityCode, MC), eq(soundnessRatios.fiscalYear, fy))),
    );
  const actualOf = (code: string, fy: number) =>
    withTenant(t.database.db, MC, async (tx) => {
      const [row] = await tx
        .select({ value: indicatorActuals.value, origin: indicatorActuals.origin })
        .from(indicatorActuals)
        .innerJoin(indicators, eq(indicators.id, indicatorActuals.indicatorId))
        .where(and(eq(indicators.code, code), eq(indicatorActuals.fiscalYear, fy)));
      return row;
    });

  it("the index lists the years and links to the form; the staff home links to the index", async () => {
    const planner = await staffOf(t, MC, DEMO.planner.email, DEMO.planner.password);
    expect(await (await planner.page(`/${MC}/manage/`)).text()).toContain(
      `href="/${MC}/manage/finance"`,
    );
    const index = await planner.page(`/${MC}/manage/finance`);
    expect(index.status).toBe(200);
    const html = await index.text();
    expect(html).toContain(`href="/${MC}/manage/finance/soundness/2020"`);
    expect(html).toContain("公表値 4");
  });

  it("computes every ratio from full components, replaces nothing reported of other years, and feeds the indicators", async () => {
    const planner = await staffOf(t, MC, DEMO.planner.email, DEMO.planner.password);
    const form = await (await planner.page(PATH)).text();
    expect(form).toContain('name="version" value="0"');
    const res = await planner.post(PATH, {
      ...FULL,
      version: "0",
      sample: "on",
      source: "テスト用の架空の決算",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${PATH}?done=saved`);
    const rows = await ratiosOf(FY);
    const byKind = Object.fromEntries(rows.map((r) => [r.kind, r]));
    expect(rows.every((r) => r.origin === "computed")).toBe(true);
    expect(byKind.realDeficit!.value).toBeCloseTo(-5, 10);
    expect(byKind.consolidatedRealDeficit!.value).toBeCloseTo(-4, 10);
    expect(byKind.realDebtService!.value).toBeCloseTo(8, 10);
    expect(byKind.futureBurden!.value).toBeCloseTo(33.333333, 5);
    expect(byKind.futureBurden!.note).toContain("サンプル");
    // The indicators show the published (rounded) values, origin computed.
    expect(await actualOf("GZ-2-O4", FY)).toEqual({ value: 33.3, origin: "computed" });
    expect(await actualOf("GZ-2-O3", FY)).toEqual({ value: 8, origin: "computed" });
    // R2 (2020) stays as reported.
    expect((await ratiosOf(2020)).every((r) => r.origin === "reported")).toBe(true);
    // The public page and the audit trail.
    const page = await (await t.get(`/${MC}/finance`)).text();
    expect(page).toContain("構成要素から算定（サンプル）");
    const entries = await withTenant(t.database.db, MC, (tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, "finance.soundness_components")),
    );
    expect(entries.map((e) => e.recordKey)).toEqual([String(FY)]);
    // The form now carries version 1 and says which values are computed.
    const again = await (await planner.page(PATH)).text();
    expect(again).toContain('name="version" value="1"');
    expect(again).toContain("算定値");
  });

  it("a stale form is refused with 409 and shows what differs", async () => {
    const planner = await staffOf(t, MC, DEMO.planner.email, DEMO.planner.password);
    const res = await planner.post(PATH, {
      ...FULL,
      standardFiscalScale: "17000000000",
      version: "0",
      source: "テスト用の架空の決算",
    });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain("ほかの人が先に保存しました");
    expect(html).toContain("17000000000");
    // Overwriting from the conflict page posts the input again over the current version.
    const current = html.match(/name="version" value="(\d+)"/)![1]!;
    expect(current).not.toBe("0");
    const overwrite = await planner.post(PATH, {
      ...FULL,
      standardFiscalScale: "17000000000",
      version: current,
      source: "テスト用の架空の決算",
    });
    expect(overwrite.status).toBe(303);
  });

  it("keeps reported ratios whose components are missing", async () => {
    const fy = 2023;
    await withTenant(t.database.db, MC, (tx) =>
      tx.insert(soundnessRatios).values(
        (["realDeficit", "realDebtService"] as const).map((kind) => ({
          municipalityCode: MC,
          fiscalYear: fy,
          kind,
          origin: "reported" as const,
          value: kind === "realDeficit" ? -3 : 7.5,
          source: "テスト用の公表値",
        })),
      ),
    );
    const planner = await staffOf(t, MC, DEMO.planner.email, DEMO.planner.password);
    const res = await planner.post(`/${MC}/manage/finance/soundness/${fy}`, {
      standardFiscalScale: "10,000,000,000",
      realDeficit: "△250,000,000",
      version: "0",
      sample: "on",
      source: "テスト用の架空の決算",
    });
    expect(res.status).toBe(303);
    const rows = Object.fromEntries((await ratiosOf(fy)).map((r) => [r.kind, r]));
    expect(rows.realDeficit).toMatchObject({ origin: "computed", value: -2.5 });
    expect(rows.realDebtService).toMatchObject({ origin: "reported", value: 7.5 });
    const html = await (await planner.page(`/${MC}/manage/finance/soundness/${fy}`)).text();
    expect(html).toContain("算定できません（未入力: 3か年度分");
  });

  it("names the wrong fields in Japanese and keeps what was typed", async () => {
    const planner = await staffOf(t, MC, DEMO.planner.email, DEMO.planner.password);
    const res = await planner.post(`/${MC}/manage/finance/soundness/2022`, {
      standardFiscalScale: "abc",
      "futureBurden.localBondBalance": "△5",
      version: "0",
      source: "",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('href="#standardFiscalScale"');
    expect(html).toContain("0以上で入力してください");
    expect(html).toContain("出典を入力してください");
    expect(html).toContain('value="abc"');
    expect(await ratiosOf(2022)).toEqual([]);
  });

  it("a viewer sees the form's state but may not save", async () => {
    const viewer = await staffOf(t, MC, DEMO.viewer.email, DEMO.viewer.password);
    const page = await (await viewer.page(PATH)).text();
    expect(page).not.toContain("保存して比率を算定する");
    const res = await viewer.post(PATH, { ...FULL, version: "1", source: "x" });
    expect(res.status).toBe(403);
  });
});
