/**
 * A program's costs of a fiscal year on the staff page and through the write API: budgets,
 * settlement, funding sources that must add up to the program cost, staff effort and the cost
 * computed from the unit personnel cost of the year; a stale version is a 409 showing both;
 * editors only of their own section; the public program page and API follow at once. Uses the
 * demo's sample programs (data/municipalities/082058/programs/sample.yaml).
 */
import { and, asc, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { createTokenFor } from "../../src/accounts/tokens.ts";
import { CLI_ACTOR } from "../../src/core/audit.ts";
import { auditLog } from "../../src/core/audit-schema.ts";
import { withTenant } from "../../src/core/db/tenant.ts";
import { programYears } from "../../src/costs/schema.ts";
import { programs } from "../../src/programs/schema.ts";
import { describeEachBackend } from "../support/app.ts";
import { DEMO, staffOf } from "../support/staff.ts";

const MC = "082058";
/** 【サンプル】行政評価・マネジメントシステム運用事業 (行革推進課, the demo editor's section). */
const OWN = "01-02-01-05-001";
/** 【サンプル】職員研修事業 (総務課). */
const OTHER = "01-02-01-01-003";

const yearPath = (code: string, fy: number) => `/${MC}/manage/programs/${code}/years/${fy}`;
const apiPath = (code: string, fy: number) =>
  `/api/v1/municipalities/${MC}/programs/${code}/years/${fy}`;
const versionIn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? "";
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

/** 令和6年度 (closed): the program cost is the settlement. */
const valid = {
  initialBudget: "3,500,000",
  finalBudget: "3500000",
  settlement: "3400000",
  "funding.national": "400000",
  "funding.prefectural": "",
  "funding.bonds": "0",
  "funding.otherSpecific": "0",
  "funding.general": "3000000",
  "staff.regular": "1.25",
  "staff.partTime": "0.5",
  facilities: "本庁舎\r\n市民会館",
  leadingProject: "on",
};

describeEachBackend("program costs", (t) => {
  type Staff = Awaited<ReturnType<typeof staffOf>>;
  let planner: Staff;
  let editor: Staff;
  let viewer: Staff;
  let editorToken = "";

  const stored = async (code: string, fy: number) => {
    const [row] = await withTenant(t.database.db, MC, (tx) =>
      tx
        .select({ y: programYears })
        .from(programYears)
        .innerJoin(programs, eq(programs.id, programYears.programId))
        .where(and(eq(programs.code, code), eq(programYears.fiscalYear, fy))),
    );
    return row?.y;
  };
  const audits = (code: string, fy: number) =>
    withTenant(t.database.db, MC, (tx) =>
      tx
        .select({ action: auditLog.action, before: auditLog.before, after: auditLog.after })
        .from(auditLog)
        .where(
          and(eq(auditLog.recordType, "program_year"), eq(auditLog.recordKey, `${code}/${fy}`)),
        )
        .orderBy(asc(auditLog.id)),
    );
  const put = (path: string, token: string, body: unknown) =>
    t.get(path, {
      method: "PUT",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    planner = await staffOf(t, MC, DEMO.planner.email, DEMO.planner.password);
    editor = await staffOf(t, MC, DEMO.editor.email, DEMO.editor.password);
    viewer = await staffOf(t, MC, DEMO.viewer.email, DEMO.viewer.password);
    editorToken = (
      await createTokenFor(
        t.database.db,
        MC,
        { email: DEMO.editor.email, label: "コスト" },
        CLI_ACTOR,
      )
    ).token;
  });

  it("shows the year's computed costs and is linked from the evaluation page", async () => {
    const res = await editor.page(yearPath(OWN, 2024));
    expect(res.status).toBe(200);
    const page = text(await res.text());
    // 決算 3,410,000 + 1.5 × 8,200,000 + 0.5 × 2,600,000 = 17,010,000.
    expect(page).toContain("事業費（決算額） 3,410,000円");
    expect(page).toContain("人件費 計 13,600,000円");
    expect(page).toContain("17,010,000円");
    expect(page).toContain("サンプル");
    const evaluation = await (
      await editor.page(`/${MC}/manage/programs/${OWN}/evaluations/2024`)
    ).text();
    expect(evaluation).toContain(`href="${yearPath(OWN, 2024)}"`);
  });

  it("refuses funding that does not add up to the program cost, naming the field, saving nothing", async () => {
    const version = versionIn(await (await editor.page(yearPath(OWN, 2024))).text());
    const before = (await audits(OWN, 2024)).length;
    const res = await editor.post(yearPath(OWN, 2024), {
      ...valid,
      "funding.general": "2900000",
      version,
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('href="#funding"');
    expect(text(html)).toContain(
      "財源内訳の合計（3,300,000円）が事業費（3,400,000円）と一致しません",
    );
    expect(html).toContain("市民会館"); // typed values kept
    const bad = await editor.post(yearPath(OWN, 2024), {
      ...valid,
      "staff.regular": "0.125",
      version,
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('href="#staff.regular"');
    expect((await audits(OWN, 2024)).length).toBe(before);
    expect((await stored(OWN, 2024))!.settlement).toBe(3410000);
  });

  it("saves the section's costs as a draft with one audit entry; the public API follows once a planner publishes; a stale form is a 409", async () => {
    const version = versionIn(await (await editor.page(yearPath(OWN, 2024))).text());
    expect(version).toBe("1");
    const res = await editor.post(yearPath(OWN, 2024), { ...valid, version });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${yearPath(OWN, 2024)}?done=saved`);
    expect(await stored(OWN, 2024)).toMatchObject({
      version: 2,
      settlement: 3400000,
      fundingNational: 400000,
      fundingPrefectural: 0,
      staffRegularHundredths: 125,
      facilities: ["本庁舎", "市民会館"],
      leadingProject: true,
    });
    const entries = await audits(OWN, 2024);
    expect(entries.map((e) => e.action)).toEqual(["program_year.save"]);
    expect(entries[0]!.before).toMatchObject({ version: 1, settlement: 3410000 });

    const publicYear = async () =>
      (await t.json(`/api/v1/municipalities/${MC}/programs/${OWN}`)).body.years.find(
        (x: { fiscalYear: number }) => x.fiscalYear === 2024,
      );
    // A draft until published: the API still has the published settlement.
    expect(await publicYear()).toMatchObject({ settlement: 3410000 });
    expect((await planner.post(`${yearPath(OWN, 2024)}/publish`, { version: "2" })).status).toBe(
      303,
    );
    const y = await publicYear();
    // 3,400,000 + 1.25 × 8,200,000 + 0.5 × 2,600,000
    expect(y).toMatchObject({
      settlement: 3400000,
      facilities: ["本庁舎", "市民会館"],
      totalCost: 14950000,
    });

    const stale = await editor.post(yearPath(OWN, 2024), {
      ...valid,
      settlement: "3410000",
      "funding.general": "3010000",
      version: "1",
    });
    expect(stale.status).toBe(409);
    const conflict = text(await stale.text());
    expect(conflict).toContain("版 1");
    expect(conflict).toContain("現在は版 2");
    expect(conflict).toContain("決算額 3,410,000 3,400,000");
    expect((await audits(OWN, 2024)).map((e) => e.action)).toEqual([
      "program_year.save",
      "program_year.publish",
    ]);
  });

  it("refuses an editor of another section and a viewer (403)", async () => {
    const version = versionIn(await (await planner.page(yearPath(OTHER, 2024))).text());
    expect(await (await editor.page(yearPath(OTHER, 2024))).text()).not.toContain(
      'name="initialBudget"',
    );
    for (const who of [editor, viewer]) {
      const res = await who.post(yearPath(OTHER, 2024), { ...valid, version });
      expect(res.status).toBe(403);
    }
    expect(await audits(OTHER, 2024)).toEqual([]);
  });

  it("adds a fiscal year, whose staff cost appears once a planner sets the unit cost", async () => {
    const add = await editor.post(`/${MC}/manage/programs/${OWN}/years`, { fiscalYear: "2025" });
    expect(add.status).toBe(303);
    expect(add.headers.get("location")).toBe(yearPath(OWN, 2025));
    const empty = await (await editor.page(yearPath(OWN, 2025))).text();
    expect(empty).toContain("この年度を登録");
    expect(versionIn(empty)).toBe("0");
    // Not closed: the program cost is the final budget.
    const created = await editor.post(yearPath(OWN, 2025), {
      ...valid,
      initialBudget: "3600000",
      finalBudget: "3600000",
      settlement: "",
      "funding.national": "0",
      "funding.general": "3600000",
      version: "0",
    });
    expect(created.status).toBe(303);
    expect(created.headers.get("location")).toContain("done=created");
    expect(text(await (await editor.page(yearPath(OWN, 2025))).text())).toContain(
      "令和7年度の人件費単価が設定されていません",
    );

    // Only planners set the unit cost.
    const settings = `/${MC}/manage/programs/cost-settings`;
    expect((await editor.post(settings, { fiscalYear: "2025", regular: "8400000" })).status).toBe(
      403,
    );
    const bad = await planner.post(settings, { fiscalYear: "2025", regular: "八百万" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('href="#regular"');
    const saved = await planner.post(settings, {
      fiscalYear: "2025",
      regular: "8,400,000",
      partTime: "2700000",
    });
    expect(saved.status).toBe(303);
    expect(text(await (await planner.page(settings)).text())).toContain(
      "令和7年度（2025） 8,400,000円 2,700,000円 未確定",
    );
    // 3,600,000 + 1.25 × 8,400,000 + 0.5 × 2,700,000 = 15,450,000
    const page = text(await (await editor.page(yearPath(OWN, 2025))).text());
    expect(page).toContain("事業費（最終予算額） 3,600,000円");
    expect(page).toContain("総コスト（事業費 + 人件費） 15,450,000円");
    // Outside the program's period or the years costs are entered for: refused.
    expect(
      (await editor.post(`/${MC}/manage/programs/${OWN}/years`, { fiscalYear: "2019" })).status,
    ).toBe(400);
  });

  it("refuses a cost-settings form opened before someone else set the same year, showing both", async () => {
    const settings = `/${MC}/manage/programs/cost-settings`;
    const admin = await staffOf(t, MC, DEMO.admin.email, DEMO.admin.password);
    const seenIn = (html: string) => html.match(/name="seen" value="([^"]*)"/)![1]!;
    const seen = seenIn(await (await planner.page(settings)).text());
    // Meanwhile someone else sets 令和8年度.
    const other = seenIn(await (await admin.page(settings)).text());
    expect(
      (await admin.post(settings, { fiscalYear: "2026", regular: "8500000", seen: other })).status,
    ).toBe(303);
    const stale = await planner.post(settings, { fiscalYear: "2026", regular: "9000000", seen });
    expect(stale.status).toBe(409);
    const html = await stale.text();
    expect(text(html)).toContain("人件費単価（正規職員） 9,000,000円 8,500,000円");
    expect(text(await (await planner.page(settings)).text())).toContain(
      "令和8年度（2026） 8,500,000円",
    );
    // The same form may still set a year nobody changed, and the conflict page can overwrite.
    expect(
      (await planner.post(settings, { fiscalYear: "2027", regular: "8600000", seen })).status,
    ).toBe(303);
    const overwrite = await planner.post(settings, {
      fiscalYear: "2026",
      regular: "9000000",
      seen: seenIn(html),
    });
    expect(overwrite.status).toBe(303);
    expect(text(await (await planner.page(settings)).text())).toContain(
      "令和8年度（2026） 9,000,000円",
    );
  });

  it("writes costs through the API with the same checks and permissions", async () => {
    const body = {
      initialBudget: 3600000,
      finalBudget: 3700000,
      fundingSources: { prefectural: 200000, general: 3500000 },
      staffRegularFte: 1,
      staffPartTimeFte: 0,
      facilities: ["本庁舎"],
      leadingProject: true,
      version: 1,
    };
    const res = await put(apiPath(OWN, 2025), editorToken, body);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      version: 2,
      finalBudget: 3700000,
      programCost: 3700000,
      staffCost: 8400000,
      totalCost: 12100000,
      costProblem: null,
    });
    const stale = await put(apiPath(OWN, 2025), editorToken, body);
    expect(stale.status).toBe(409);
    const unbalanced = await put(apiPath(OWN, 2025), editorToken, {
      ...body,
      version: 2,
      finalBudget: 3800000,
    });
    expect(unbalanced.status).toBe(400);
    const error = (await unbalanced.json()) as { error: { details: { location: string }[] } };
    expect(error.error.details[0]!.location).toBe("funding");
    const other = await put(apiPath(OTHER, 2024), editorToken, { ...body, version: undefined });
    expect(other.status).toBe(403);
    const anonymous = await t.get(apiPath(OWN, 2025), { method: "PUT", body: "{}" });
    expect(anonymous.status).toBe(401);
  });
});
