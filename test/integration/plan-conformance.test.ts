/**
 * Plans that are not Ishioka's (test/fixtures/plans, all サンプル), loaded as a planner would
 * with `npx shisaku plan import`, and assessed indicator by indicator: status and explanation.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openPglite } from "../../src/core/db/client.ts";
import type { StatusCode } from "../../src/indicators/achievement.ts";
import { loadIndicators } from "../../src/indicators/index.ts";
import { shisakuOnDemoCopy } from "../support/cli.ts";

const FIXTURES = path.join("test", "fixtures", "plans");

type Expected = [code: string, status: StatusCode, reason: string];

const PLANS: Record<string, Expected[]> = {
  // 総合計画: interim targets and both meanings of 「(累計)」.
  "139998": [
    [
      "A-P1",
      "on_track",
      "目標値 50 に対し 42（基準値 40 から目標値 50 までの 20.0%、中間目標を結んだ目安 20.0%）",
    ],
    [
      "A-1-1",
      "on_track",
      "目標値 69.8 に対し 累計 62.4（基準値 55 から目標値 69.8 までの 50.0%、中間目標を結んだ目安 47.3%）",
    ],
    [
      "A-1-2",
      "behind",
      "目標値 500 に対し 累計 270（基準値 0 から目標値 500 までの 54.0%、中間目標を結んだ目安 60.0%）",
    ],
    [
      "A-2-1",
      "behind",
      "目標値 2 に対し 累計 1（基準値 1 から目標値 2 までの 0.0%、経過年数からの目安 40.0%）",
    ],
  ],
  // Text targets, baselines printed as 「なし」「●●」, a target without a year.
  "279994": [
    [
      "B-1-1",
      "achieved",
      "目標値 109 に対し 109（満たしています。基準値がないため、進捗率と進み具合は示しません）",
    ],
    ["B-1-2", "achieved", "目標「策定」に対し「策定」（達成）"],
    [
      "B-1-3",
      "in_progress",
      "目標「設置」に対し「なし」（まだ達成していません。目標年度がないため遅れかどうかは判定しません）",
    ],
    [
      "B-2-1",
      "in_progress",
      "目標「小学1～6年生21校」に対し「小学1～6年生15校」（まだ達成していません。目標年度前です）",
    ],
    [
      "B-2-2",
      "in_progress",
      "目標値 30 に対し 22（満たしていません。目標年度がないため、進捗率と進み具合は示しません）",
    ],
    ["B-2-3", "not_assessable", "基準値が未確定のため評価できません"],
  ],
  // Calendar years, dated and estimated actuals, a decreasing target with an interim target.
  "409995": [
    [
      "C-1-1",
      "behind",
      "目標値 120,000 に対し 110,000（基準値 100,000 から目標値 120,000 までの 50.0%、経過年数からの目安 66.7%）",
    ],
    [
      "C-1-2",
      "in_progress",
      "目標値 30 に対し 累計 12（満たしていません。基準値がないため、進捗率と進み具合は示しません）",
    ],
    [
      "C-2-1",
      "on_track",
      "目標値 0 に対し 20（基準値 40 から目標値 0 までの 50.0%、中間目標を結んだ目安 50.0%）",
    ],
    ["C-2-2", "achieved", "目標 10未満 に対し 9.5（満たしています）"],
  ],
};

describe("plans of other municipalities (conformance, サンプル)", () => {
  const cli = shisakuOnDemoCopy("shisaku-conformance");

  it("loads every fixture with `shisaku plan import` and assesses each indicator as the plan means", async () => {
    const imported = await cli.run("plan", "import", FIXTURES);
    expect(imported.stderr).toBe("");
    expect(imported.code).toBe(0);
    for (const code of Object.keys(PLANS)) expect(imported.stdout).toContain(`団体 ${code}`);

    const database = await openPglite(path.join(cli.dataDir, "db"));
    try {
      for (const [mc, expected] of Object.entries(PLANS)) {
        const records = await loadIndicators(database.db, mc);
        expect(records.map((r) => r.code).sort()).toEqual(expected.map(([c]) => c).sort());
        for (const [code, status, reason] of expected) {
          const r = records.find((x) => x.code === code)!;
          expect([code, r.assessment.statusCode, r.assessment.reason]).toEqual([
            code,
            status,
            reason,
          ]);
        }
      }
      const calendar = (await loadIndicators(database.db, "409995")).find(
        (r) => r.code === "C-1-1",
      )!;
      expect(calendar.yearKind).toBe("calendar");
      expect(calendar.source).toEqual({ document: "サンプル観光統計（架空）", page: "表3" });
      expect(calendar.actuals[0]).toMatchObject({ asOf: "2022-12-31", estimate: true });
      // Ishioka, loaded in the same database, still holds its 23 indicators.
      expect(await loadIndicators(database.db, "082058")).toHaveLength(23);
    } finally {
      await database.close();
    }

    // Importing the same files again changes no record.
    const again = await cli.run("plan", "import", FIXTURES);
    expect(again.code).toBe(0);
    expect(again.stdout).not.toMatch(/更新 [1-9]/);
    expect(again.stdout).not.toMatch(/追加 [1-9]/);
  });
});
