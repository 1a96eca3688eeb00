/**
 * Plans that are not Ishioka's (test/fixtures/plans, all サンプル), loaded as a planner would
 * with `npx shisaku plan import`, and assessed indicator by indicator: status and explanation.
 */
import path from "node:path";
import { describe, expect, it } from "vitest";
import { addUser } from "../../src/accounts/actions.ts";
import { createApp } from "../../src/app.tsx";
import { openPglite } from "../../src/core/db/client.ts";
import type { StatusCode } from "../../src/indicators/achievement.ts";
import { loadIndicators } from "../../src/indicators/index.ts";
import type { TestContext } from "../support/app.ts";
import { shisakuOnDemoCopy } from "../support/cli.ts";
import { staffOf } from "../support/staff.ts";

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
  // Four levels named by the plan (分野 → 施策 → 主要施策 → 主な事業), indicators on each below the 分野.
  "229997": [
    [
      "D-1-K1",
      "on_track",
      "目標値 800 に対し 840（基準値 900 から目標値 800 までの 60.0%、経過年数からの目安 50.0%）",
    ],
    [
      "D-1-1-K1",
      "behind",
      "目標値 24 に対し 19（基準値 18 から目標値 24 までの 16.7%、経過年数からの目安 50.0%）",
    ],
    ["D-1-1-1-K1", "achieved", "目標値 30 に対し 累計 30（基準値 10 から目標値 30 までの 100.0%）"],
    [
      "D-2-K1",
      "behind",
      "目標値 540 に対し 980（基準値 1,000 から目標値 540 までの 4.3%、経過年数からの目安 47.1%）",
    ],
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
        // All of a plan's indicators at once, so that a difference shows every one that differs.
        expect(
          expected.map(([code]) => {
            const r = records.find((x) => x.code === code)!;
            return [code, r.assessment.statusCode, r.assessment.reason];
          }),
        ).toEqual(expected);
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
  }, 300_000);

  it("shows a plan's levels by the plan's own names, down to a 4th-level node with breadcrumbs", async () => {
    const database = await openPglite(path.join(cli.dataDir, "db"));
    try {
      await fourLevels(createApp({ db: database.db }));
    } finally {
      await database.close();
    }
  }, 300_000);

  it("never says 基本施策 on the pages around a plan that names its levels otherwise", async () => {
    const database = await openPglite(path.join(cli.dataDir, "db"));
    try {
      await addUser(database.db, {
        municipality: "229997",
        email: "planner@sample-d.invalid",
        role: "planner",
        password: "sample-d-planner-password",
      });
      await aroundThePlan(createApp({ db: database.db }));
    } finally {
      await database.close();
    }
  }, 300_000);
});

/** Sample D's pages, CSV and API say 分野・施策・主要施策・主な事業, never 基本施策. */
async function fourLevels(app: ReturnType<typeof createApp>) {
  const page = async (path: string) => {
    const res = await app.request(path);
    expect(res.status, path).toBe(200);
    return res.text();
  };
  const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

  const plan = text(await page("/229997/plans/sogo"));
  expect(plan).toContain("施策 ");
  expect(plan).toContain("施策1 ごみの減量と資源循環（サンプル）");
  expect(plan).toContain("主要施策 2");
  // The 分野 has no indicator and 施策2 no 主要施策: neither is shown as empty.
  expect(plan).not.toContain("分野指標");
  expect(plan).not.toContain("主要施策 0");
  expect(plan).not.toMatch(/基本施策|具体的な取組|政策指標/);

  const measure = text(await page("/229997/measures/D-1"));
  expect(measure).toContain("施策1 ごみの減量と資源循環（サンプル）の主要施策");
  expect(measure).toContain("主要施策における参考指標");
  expect(measure).not.toMatch(/基本施策|具体的な取組|チャレンジする取組/);
  const noInitiatives = text(await page("/229997/measures/D-2"));
  expect(noInitiatives).not.toContain("主要施策 ");
  expect(noInitiatives).not.toContain("の主要施策");

  // The 4th level: a page of its own, with the way down from the plan as breadcrumbs.
  const project = await page("/229997/nodes/D-1-1-1");
  const crumbs = text(
    /<nav[^>]*aria-label="現在位置"[^>]*>[\s\S]*?<\/nav>/.exec(project)?.[0] ?? "",
  );
  expect(crumbs).toMatch(
    /サンプル市D .*サンプル市D総合計画（サンプル） .*施策1 ごみの減量と資源循環（サンプル） .*主要施策 資源化の推進（サンプル） .*主な事業 資源物回収拠点の設置（サンプル）/,
  );
  expect(project).toContain('href="/229997/nodes/D-1-1"');
  expect(text(project)).toContain("資源物回収拠点数(累計)（サンプル）");
  const initiative = text(await page("/229997/nodes/D-1-1"));
  expect(initiative).toContain("リサイクル率（サンプル）");
  expect(initiative).toContain("主な事業");
  expect(initiative).toContain("資源物回収拠点の設置（サンプル）");
  expect(text(await page("/229997/indicators/D-1-1-1-K1"))).toContain(
    "主な事業 資源物回収拠点の設置（サンプル）",
  );
  expect(text(await page("/229997/indicators"))).not.toMatch(/基本施策|具体的な取組/);

  const csv = await page("/229997/indicators.csv");
  const header = csv.replace(/^\uFEFF/, "").split(/\r?\n/)[0]!;
  expect(header).toContain("施策");
  expect(header).not.toContain("基本施策");
  expect(csv).toContain("施策1 ごみの減量と資源循環（サンプル）");

  const api = (await (await app.request("/api/v1/municipalities/229997/plans")).json()) as {
    items: {
      levels: { key: string; label: string }[];
      root: {
        level: { label: string };
        children: {
          level: { label: string };
          children: {
            level: { label: string };
            children: { code: string; level: { key: string; label: string } }[];
          }[];
        }[];
      };
    }[];
  };
  const [sogo] = api.items;
  expect(sogo!.levels.map((l) => l.label)).toEqual(["分野", "施策", "主要施策", "主な事業"]);
  expect(sogo!.root.level.label).toBe("分野");
  expect(sogo!.root.children[0]!.level.label).toBe("施策");
  expect(sogo!.root.children[0]!.children[0]!.children[0]).toMatchObject({
    code: "D-1-1-1",
    level: { key: "project", label: "主な事業" },
  });

  // Ishioka's plan names no levels: its pages keep 政策・基本施策・具体的な取組.
  const ishioka = text(await page("/082058/plans/gyozaisei-taiko"));
  expect(ishioka).toContain("政策指標");
  expect(ishioka).toContain("具体的な取組 6");
  expect(text(await page("/082058/measures/GZ-1"))).toContain("具体的な取組における参考指標");
}

/** Sample D's programs, finance, letters and reporting round pages name its 施策, not 基本施策. */
async function aroundThePlan(app: ReturnType<typeof createApp>) {
  const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
  const t = { get: (p: string, init?: RequestInit) => app.request(p, init) } as TestContext;
  const page = async (path: string, init?: RequestInit) => {
    const res = await app.request(path, init);
    expect(res.status, path).toBe(200);
    return text(await res.text());
  };
  const programs = await page("/229997/programs");
  expect(programs).toContain("すべての施策");
  expect(programs).toContain("施策1 ごみの減量と資源循環（サンプル）");
  const measurePrograms = await page("/229997/measures/D-1/programs");
  expect(measurePrograms).toContain("この施策に役立つ事務事業");
  expect(measurePrograms).toContain("施策のページへ戻る");
  const letters = await page("/229997/measures/D-1/letters");
  expect(letters).toContain("この施策に関係する公開中の提案はまだありません");
  const measure = await page("/229997/measures/D-1");
  expect(measure).toContain("主要施策名");
  expect(measure).toContain("主要施策内容");
  const project = await page("/229997/nodes/D-1-1");
  expect(project).toContain("主な事業名");
  const finance = await app.request("/229997/finance");
  const pages = [programs, measurePrograms, letters, measure, project];
  if (finance.status === 200) pages.push(text(await finance.text()));

  // The reporting round page, by measure: the plan's 施策, and 分野 for what hangs above them.
  const planner = await staffOf(
    t,
    "229997",
    "planner@sample-d.invalid",
    "sample-d-planner-password",
  );
  const opened = await planner.post("/229997/manage/rounds", {
    fiscalYear: "2024",
    deadline: "2025-06-30",
    scope: "all",
  });
  expect(opened.status, await opened.clone().text()).toBe(303);
  const roundsPage = text(await (await planner.page("/229997/manage/rounds")).text());
  expect(roundsPage).toContain("施策1 ごみの減量と資源循環（サンプル）");
  const round = text(await (await planner.page("/229997/manage/rounds/2024")).text());
  expect(round).toContain("施策ごとの入力状況");
  expect(round).toContain("施策1 ごみの減量と資源循環（サンプル）");
  pages.push(roundsPage, round);
  for (const p of pages) expect(p).not.toMatch(/基本施策|具体的な取組|取組名|取組内容/);

  // Ishioka keeps its words.
  const ishioka = await page("/082058/measures/GZ-1");
  expect(ishioka).toContain("取組名");
  expect(ishioka).toContain("取組内容");
  expect(await page("/082058/programs")).toContain("すべての基本施策");
  expect(await page("/082058/measures/GZ-1/programs")).toContain("この基本施策に役立つ事務事業");
}
