/**
 * A measure's programs page answers "what did this measure cost, and did it move its
 * indicators?": its cost by year equals the programs list's row for the measure, its
 * initiatives' parts add up to it exactly, and its indicators are listed with their status.
 */
import { expect, it } from "vitest";
import { describeEachBackend } from "../support/app.ts";

const MC = "082058";
const MEASURE = "GZ-2";

const yenIn = (text: string) => Number(text.replace(/[,円]/g, ""));

describeEachBackend("the programs of one measure", (t) => {
  it("shows the measure's cost as the programs list does, split exactly among its initiatives", async () => {
    const res = await t.get(`/${MC}/measures/${MEASURE}/programs`);
    expect(res.status).toBe(200);
    const page = await res.text();
    // The measure's 2024 row: 事業費, 人件費, 総コスト, FTE.
    const row =
      /令和6年度（2024）<\/th><td class="num">([\d,]+円)<\/td><td class="num">([\d,]+円)<\/td><td class="num">([\d,]+円)<\/td>/.exec(
        page,
      );
    expect(row).not.toBeNull();
    const [programCost, staffCost, total] = row!.slice(1).map(yenIn);
    expect(programCost! + staffCost!).toBe(total);

    const list = await (await t.get(`/${MC}/programs?fiscalYear=2024`)).text();
    expect(list).toContain(row![3]);

    // Each initiative's 2024 part (after the split by shares) adds up to the measure's total.
    const parts = [...page.matchAll(/令和6年度の総コスト（配分後）: ([\d,]+円)/g)].map((m) =>
      yenIn(m[1]!),
    );
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(total);

    // The chart says the same in words, and the indicators of the measure are there.
    expect(page).toContain('role="img"');
    expect(page).toContain("将来負担比率");
    expect(page).toContain("サンプル");
  });

  it("is linked from the measure page and answers 404 for a node that is not a measure", async () => {
    const measure = await (await t.get(`/${MC}/measures/${MEASURE}`)).text();
    expect(measure).toContain(`/${MC}/measures/${MEASURE}/programs`);
    const res = await t.get(`/${MC}/measures/GZ-2-01/programs`);
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("基本施策 GZ-2-01");
  });
});
