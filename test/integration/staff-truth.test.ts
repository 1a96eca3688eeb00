/**
 * What a staff screen says happened is what happened (issue 17): a published evaluation is
 * public whatever else is missing, and the page warns beforehand of what its sheet will lack and
 * names the public addresses after. Uses the demo's sample program 職員研修事業 (総務課), whose
 * 令和6年度 evaluation is reviewed but not published.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { withTenant } from "../../src/core/db/tenant.ts";
import { programCostSettings, programYears } from "../../src/costs/schema.ts";
import { programs } from "../../src/programs/schema.ts";
import { describeEachBackend } from "../support/app.ts";
import { DEMO, staffOf } from "../support/staff.ts";

const MC = "082058";
/** 【サンプル】職員研修事業 (総務課): 令和6年度 reviewed, not published. */
const TRAINING = "01-02-01-01-003";
const FY = 2024;
const formPath = `/${MC}/manage/programs/${TRAINING}/evaluations/${FY}`;
const versionIn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? "";
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describeEachBackend("staff screens tell the truth", (t) => {
  type Staff = Awaited<ReturnType<typeof staffOf>>;
  let planner: Staff;

  beforeAll(async () => {
    planner = await staffOf(t, MC, DEMO.planner.email, DEMO.planner.password);
  });

  it("publishes an evaluation whose year has no cost row nor 人件費単価, warning first and naming the public addresses", async () => {
    // The year loses its cost row and the municipality its 人件費単価 of 令和6年度.
    await withTenant(t.database.db, MC, async (tx) => {
      const [p] = await tx.select().from(programs).where(eq(programs.code, TRAINING));
      await tx
        .delete(programYears)
        .where(and(eq(programYears.programId, p!.id), eq(programYears.fiscalYear, FY)));
      await tx
        .delete(programCostSettings)
        .where(
          and(eq(programCostSettings.municipalityCode, MC), eq(programCostSettings.fiscalYear, FY)),
        );
    });
    const before = await t.json(`/api/v1/municipalities/${MC}/programs/${TRAINING}`);
    expect(before.body.years.map((y: { fiscalYear: number }) => y.fiscalYear)).not.toContain(FY);

    const form = await (await planner.page(formPath)).text();
    const warning = text(/<div class="notice" id="publish-gaps">[\s\S]*?<\/div>/.exec(form)![0]);
    expect(warning).toContain("公表する評価シートには、次のものが欠けます");
    expect(warning).toContain(
      "令和6年度（2024）のコスト（予算額・決算額・財源・従事職員数）が登録されていません",
    );
    expect(warning).toContain("令和6年度（2024）の人件費単価が設定されていません");

    const res = await planner.post(formPath, { step: "publish", version: versionIn(form) });
    expect(res.status).toBe(303);
    const done = text(await (await planner.page(res.headers.get("location")!)).text());
    const page = `http://localhost/${MC}/programs/${TRAINING}`;
    expect(done).toContain("評価を公表しました");
    expect(done).toContain(`公開ページ（令和6年度（2024）の評価）： ${page}`);
    expect(done).toContain(`${page}/sheet-${FY}.pdf`);
    expect(done).toContain(`http://localhost/api/v1/municipalities/${MC}/programs/${TRAINING}`);

    // Each address the message names answers with the evaluation.
    const html = text((await t.text(`/${MC}/programs/${TRAINING}`)).body);
    expect(html).toContain("未公表の評価（職員研修事業 令和6年度）");
    expect(html).toContain("令和6年度のコストはまだ公開されていません");
    const api = await t.json(`/api/v1/municipalities/${MC}/programs/${TRAINING}`);
    const year = api.body.years.find((y: { fiscalYear: number }) => y.fiscalYear === FY);
    expect(year).toMatchObject({
      status: "公表済",
      initialBudget: null,
      totalCost: null,
      fundingSources: null,
      staffFte: null,
    });
    expect(year.selfEvaluation.findings).toContain("未公表の評価（職員研修事業 令和6年度）");
    const pdf = await t.get(`/${MC}/programs/${TRAINING}/sheet-${FY}.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
  });
});
