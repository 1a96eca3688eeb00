/**
 * Every download of the staff pages is named by what it holds, the municipality or the section,
 * the year where it is one year's, and the day (issue 17): one Content-Disposition with a UTF-8
 * name and an ASCII fallback built alike (core's datedDownload).
 */
import { beforeAll, expect, it } from "vitest";
import { dayInJapan } from "../../src/core/fiscal-year.ts";
import { describeEachBackend } from "../support/app.ts";
import { DEMO, staffOf } from "../support/staff.ts";

const MC = "082058";
const M = `/${MC}/manage`;

/** The two names a Content-Disposition gives: the ASCII fallback and the UTF-8 name. */
function namesOf(res: Response) {
  const header = res.headers.get("content-disposition") ?? "";
  return {
    fallback: /filename="([^"]*)"/.exec(header)?.[1],
    name: decodeURIComponent(/filename\*=UTF-8''(.*)$/.exec(header)?.[1] ?? ""),
  };
}

describeEachBackend("the names of staff downloads", (t) => {
  let planner: Awaited<ReturnType<typeof staffOf>>;
  const today = dayInJapan(new Date());
  beforeAll(async () => {
    planner = await staffOf(t, MC, DEMO.planner.email, DEMO.planner.password);
  });

  it("names the round status, the audit log and the budget review by municipality, year and day", async () => {
    const deadline = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    expect((await planner.post(`${M}/rounds`, { fiscalYear: "2025", deadline })).status).toBe(303);
    const round = await planner.page(`${M}/rounds/2025/status.csv`);
    expect(round.status).toBe(200);
    expect(namesOf(round)).toEqual({
      name: `石岡市_令和7年度_実績値の入力状況_${today}.csv`,
      fallback: `082058_round-2025-status_${today}.csv`,
    });
    expect(namesOf(await planner.page(`${M}/rounds/2025/status.csv?encoding=sjis`))).toEqual({
      name: `石岡市_令和7年度_実績値の入力状況_Shift_JIS_${today}.csv`,
      fallback: `082058_round-2025-status_sjis_${today}.csv`,
    });

    expect(namesOf(await planner.page(`${M}/audit.csv`))).toEqual({
      name: `石岡市_監査ログ_${today}.csv`,
      fallback: `082058_audit-log_${today}.csv`,
    });
    // A period asked for is in the name.
    expect(
      namesOf(await planner.page(`${M}/audit.csv?from=2026-04-01&to=2026-06-30&encoding=sjis`)),
    ).toEqual({
      name: `石岡市_監査ログ_2026-04-01～2026-06-30_Shift_JIS_${today}.csv`,
      fallback: `082058_audit-log_2026-04-01_to_2026-06-30_sjis_${today}.csv`,
    });

    const review = await planner.page(`${M}/evaluations/budget-review?fiscalYear=2024&format=csv`);
    expect(review.status).toBe(200);
    expect(namesOf(review)).toEqual({
      name: `石岡市_令和6年度_事業査定_${today}.csv`,
      fallback: `082058_budget-review-2024_${today}.csv`,
    });
  });

  it("names a survey's codes and printed questionnaire by the survey's title and the day", async () => {
    const html = await (await planner.page(`${M}/surveys`)).text();
    const id = /href="\/082058\/manage\/surveys\/(\d+)"/.exec(html)![1];
    const title = /<h1>([^<]*?)\s*(?:<|$)/.exec(
      await (await planner.page(`${M}/surveys/${id}`)).text(),
    )![1]!;
    const codes = await planner.page(`${M}/surveys/${id}/codes.csv`);
    expect(codes.status).toBe(200);
    expect(namesOf(codes)).toEqual({
      name: `石岡市_${title.replace(/\s+/g, "_")}_回答番号_${today}.csv`,
      fallback: `082058_survey-${id}-codes_${today}.csv`,
    });
    const pdf = await planner.page(`${M}/surveys/${id}/questionnaire.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-disposition")).toMatch(/^inline; /);
    expect(namesOf(pdf)).toEqual({
      name: `石岡市_${title.replace(/\s+/g, "_")}_調査票_${today}.pdf`,
      fallback: `082058_survey-${id}-questionnaire_${today}.pdf`,
    });
  });
});
