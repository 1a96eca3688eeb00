/**
 * Plans that are not Ishioka's (test/fixtures/plans), loaded as a planner would with
 * `npx shisaku plan import`, and assessed indicator by indicator: status and explanation.
 * anjo, oyabe and kumano are transcriptions of published plans of those cities (sources in the
 * files and in the folder's README); sample-a … sample-d are invented (サンプル).
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
import { downloadSheet, utf8 } from "../support/spreadsheets.ts";
import { DEMO, edit, staffOf } from "../support/staff.ts";

const FIXTURES = path.join("test", "fixtures", "plans");

type Expected = [code: string, status: StatusCode, reason: string];

const NO_DATA = "実績値が未入力です";
const notEntered = (...codes: string[]): Expected[] => codes.map((c) => [c, "no_data", NO_DATA]);
const NO_YEAR = "目標年度がないため、進捗率と進み具合は示しません";
const NO_BASE_OR_YEAR = "基準値・目標年度がないため、進捗率と進み具合は示しません";

const PLANS: Record<string, Expected[]> = {
  // 安城市, 第8次安城市総合計画 (2016–2023): interim targets of 2019, both readings of 「(累計)」,
  // four levels named by the plan. The plan prints no actuals, so none is entered.
  "232122": notEntered(
    "AJ-1-SP-1",
    "AJ-1-SP-2",
    "AJ-2-KK-1",
    "AJ-2-KK-2",
    "AJ-2-JK-1",
    "AJ-2-JK-2",
    "AJ-2-JK-3",
    "AJ-2-KT-1",
    "AJ-2-KT-2",
    "AJ-3-SK-1",
    "AJ-3-SK-2",
    "AJ-3-SK-3",
    "AJ-3-KN-1",
  ),
  // 小矢部市, 総合計画成果指標: text targets, baselines printed as 「なし」, 5ヵ年目標 without a
  // year, calendar years, the year-end estimate of 平成15年 — as the city printed them.
  "162094": [
    [
      "OY-11102",
      "in_progress",
      "目標「設置」に対し「なし」（まだ達成していません。目標年度がないため遅れかどうかは判定しません）",
    ],
    [
      "OY-11103",
      "in_progress",
      "目標「設置」に対し「なし」（まだ達成していません。目標年度がないため遅れかどうかは判定しません）",
    ],
    ["OY-11204-1", "achieved", `目標値 109 に対し 109（満たしています。${NO_BASE_OR_YEAR}）`],
    [
      "OY-11204-2",
      "in_progress",
      `目標値 1,400 に対し 279（満たしていません。${NO_BASE_OR_YEAR}）`,
    ],
    ["OY-11204-3", "in_progress", `目標値 10 に対し 1（満たしていません。${NO_BASE_OR_YEAR}）`],
    ["OY-11302-1", "achieved", `目標値 105,000 に対し 120,000（満たしています。${NO_YEAR}）`],
    ["OY-11302-2", "achieved", `目標値 3 に対し 3（満たしています。${NO_YEAR}）`],
    // 公民館改築数(累計): the same one building every year stays 1, not 3.
    ["OY-11306-1", "achieved", `目標値 1 に対し 累計 1（満たしています。${NO_BASE_OR_YEAR}）`],
    ["OY-11306-2", "achieved", `目標値 2 に対し 累計 7（満たしています。${NO_BASE_OR_YEAR}）`],
    // 策定 in 平成13年, 「なし」 in the years after: still 達成.
    ["OY-12101", "achieved", "目標「策定」に対し「策定」（達成）"],
    ["OY-12102", "achieved", `目標値 500 に対し 1,050（満たしています。${NO_YEAR}）`],
    ["OY-12103", "achieved", `目標値 90 に対し 100（満たしています。${NO_YEAR}）`],
    // No figure printed after 平成13年: the latest figure (40%) is compared.
    ["OY-12104-1", "in_progress", `目標値 44 に対し 40（満たしていません。${NO_YEAR}）`],
    ["OY-12104-2", "achieved", `目標値 100 に対し 150（満たしています。${NO_YEAR}）`],
  ],
  // 熊野市, 第1次総合計画基本計画 数値目標一覧: four levels, targets of 平成24年度 (interim) and
  // 平成29年度, baselines without a year or printed as 「―」. No actuals printed.
  "242128": notEntered(
    "KM-1-1-1-S",
    "KM-1-1-1-1-F",
    "KM-1-1-1-2-F",
    "KM-1-1-1-3-F",
    "KM-1-1-1-4-F",
    "KM-1-1-1-5-F",
    "KM-1-1-1-6-F",
    "KM-1-1-1-7-F",
    "KM-1-1-2-S",
  ),
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

describe("plans of other municipalities (conformance)", () => {
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
      await transcribedAsPrinted(database.db);
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
      const app = createApp({ db: database.db });
      await fourLevels(app);
      await publishedLevels(app);
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

  it("runs the actuals spreadsheet's and the entry page's years over each plan's period", async () => {
    const database = await openPglite(path.join(cli.dataDir, "db"));
    try {
      const app = createApp({ db: database.db });
      const t = { get: (p: string, init?: RequestInit) => app.request(p, init) } as TestContext;
      const plannerOf = async (mc: string) => {
        const email = `planner@${mc}.invalid`;
        const password = `planner-password-${mc}`;
        await addUser(database.db, { municipality: mc, email, role: "planner", password });
        return staffOf(t, mc, email, password);
      };
      const yearsIn = async (s: Awaited<ReturnType<typeof staffOf>>, mc: string) => {
        const csv = utf8(await downloadSheet(s, mc, "actuals", "format=csv&section=all"));
        return csv
          .split("\r\n")[0]!
          .split(",")
          .filter((h) => /^(平成|令和)/.test(h));
      };
      // 小矢部市: no period printed, figures of 平成12年 (baseline) to 平成15年: those years, not to today.
      const oyabe = await plannerOf("162094");
      expect(await yearsIn(oyabe, "162094")).toEqual([
        "平成12年度",
        "平成13年度",
        "平成14年度",
        "平成15年度",
      ]);
      // Its entry page opens on the plan's last year and offers the plan's years, as 年 (calendar).
      const entry = await (await oyabe.page("/162094/manage/indicators/OY-11302-1")).text();
      const rows = [...entry.matchAll(/<th scope="row">([^<]*)<\/th>/g)].map((m) => m[1]);
      expect(rows).toEqual(["2000年", "2001年", "2002年", "2003年"]);
      expect(entry).toMatch(/<th scope="row">2003年<\/th>[\s\S]*?<span aria-current="true">入力中/);
      // 安城市: 2016–2023 from its earliest baseline, of 2011 (平成23年度), no actual: not to today.
      const anjo = await plannerOf("232122");
      const anjoYears = await yearsIn(anjo, "232122");
      expect(anjoYears[0]).toBe("平成23年度");
      expect(anjoYears.at(-1)).toBe("令和5年度");
      expect(anjoYears).toHaveLength(13);
      // Its plan ended in 2023 and no round is open: the staff lists open on 令和5年度, not today's.
      const updates = await (await anjo.page("/232122/manage/updates")).text();
      expect(updates).toMatch(/<option value="2023" selected/);
      expect(updates).not.toContain('value="2025"');
    } finally {
      await database.close();
    }
  }, 300_000);
});

/** The published plans' own shapes survive the import: interim targets, value kinds, years, sources. */
async function transcribedAsPrinted(db: Parameters<typeof loadIndicators>[0]) {
  const byCode = async (mc: string) =>
    new Map((await loadIndicators(db, mc)).map((r) => [r.code, r] as const));

  const anjo = await byCode("232122");
  // 工業団地の面積(累計): a total measured at a time (running_total), interim target equal to the final.
  expect(anjo.get("AJ-3-SK-1")).toMatchObject({
    valueKind: "running_total",
    baseline: { value: 49.8, fiscalYear: 2014 },
    target: { value: 69.8, fiscalYear: 2023, interim: [{ fiscalYear: 2019, value: 69.8 }] },
  });
  // 公園の更新数(累計): counted from the plan's start (「―」), each year's renewals added up.
  expect(anjo.get("AJ-2-JK-2")).toMatchObject({
    valueKind: "sum_of_annual",
    baseline: { value: null, text: "―" },
    target: { value: 29, interim: [{ fiscalYear: 2019, value: 13 }] },
  });
  expect(anjo.get("AJ-3-SK-3")?.valueKind).toBe("annual");
  // 公共交通機関利用率: the interim column prints 「―」.
  expect(anjo.get("AJ-2-KT-2")?.target.interim).toEqual([]);
  expect(anjo.get("AJ-2-KK-1")?.target).toMatchObject({ form: "at_most", value: 5.42 });
  expect(anjo.get("AJ-3-SK-1")?.source).toMatchObject({
    page: "p.87",
    url: "https://www.city.anjo.aichi.jp/shisei/joreikeikaku/sogokeikaku/bookdata/pageindices/index88.html",
  });

  const oyabe = await byCode("162094");
  const library = oyabe.get("OY-11302-1")!;
  expect(library.yearKind).toBe("calendar");
  expect(library.baseline).toMatchObject({ value: 102521, fiscalYear: 2000 });
  expect(library.target).toMatchObject({ value: 105000, fiscalYear: null });
  expect(library.actuals.find((a) => a.fiscalYear === 2003)).toMatchObject({
    value: 120000,
    asOf: "2003-12-31",
    estimate: true,
    note: "平成15年9月30日現在 65,016人",
  });
  expect(oyabe.get("OY-11102")?.target).toMatchObject({ form: "milestone", text: "設置" });
  expect(oyabe.get("OY-11306-1")?.valueKind).toBe("running_total");

  const kumano = await byCode("242128");
  expect(kumano.get("KM-1-1-1-3-F")).toMatchObject({
    baseline: { value: null, fiscalYear: null, text: "―" },
    target: { value: 200, fiscalYear: 2017, interim: [{ fiscalYear: 2012, value: 60 }] },
  });
}

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

/** The published plans' levels, by their own names, down to the 4th level (安城市, 熊野市). */
async function publishedLevels(app: ReturnType<typeof createApp>) {
  const text = async (path: string) => {
    const res = await app.request(path);
    expect(res.status, path).toBe(200);
    return (await res.text()).replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
  };
  const crumbs = async (path: string) => {
    const res = await app.request(path);
    expect(res.status, path).toBe(200);
    const nav = /<nav[^>]*aria-label="現在位置"[^>]*>[\s\S]*?<\/nav>/.exec(await res.text());
    return (nav?.[0] ?? "").replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
  };

  const anjo = await text("/232122/plans/sogo8");
  expect(anjo).toContain("分野2 環境 項目 3");
  expect(anjo).not.toMatch(/基本施策|具体的な取組|政策指標/);
  expect(await crumbs("/232122/nodes/AJ-2-JK-H1")).toMatch(
    /安城市 .*第8次安城市総合計画 .*分野2 環境 .*項目 都市基盤\(住環境\) .*施策の方針 人がふれあうまちの形成/,
  );
  expect(await text("/232122/indicators/AJ-3-SK-1")).toContain(
    "都市計画法における地区計画(工業団地)の面積(累計)",
  );

  // No program (事務事業) is public in these municipalities: the home page does not send a
  // citizen to an empty list, and the list says so in words instead of offering filters.
  for (const mc of ["232122", "242128"]) {
    expect(await text(`/${mc}/`)).not.toContain("事務事業のコストと評価は");
    const programs = await text(`/${mc}/programs`);
    expect(programs).toContain("の事務事業は、まだ公開されていません。");
    expect(programs).not.toContain("条件を変えてお試しください");
  }
  expect(await text("/082058/")).toContain(
    "事務事業のコストと評価は 事務事業の一覧 で公開しています",
  );

  // These plans mark nothing チャレンジ (Ishioka's notion, on its 取組): no such filter offered.
  for (const mc of ["232122", "242128", "162094"])
    expect(await text(`/${mc}/indicators`)).not.toContain("チャレンジ");
  expect(await text("/082058/indicators")).toContain("チャレンジ指標のみ");

  const kumanoNode = await text("/242128/nodes/KM-1-1-1-1");
  expect(kumanoNode).toContain("新規就農者数");
  expect(await crumbs("/242128/nodes/KM-1-1-1-1")).toMatch(
    /熊野市 .*基本施策1 農林水産業の振興 .*分野 農業 .*施策 農業者の確保・育成対策/,
  );

  for (const [mc, labels] of [
    ["232122", ["都市像", "分野", "項目", "施策の方針"]],
    ["242128", ["基本目標", "基本施策", "分野", "施策"]],
    ["162094", ["分野", "施策"]],
  ] as const) {
    const api = (await (await app.request(`/api/v1/municipalities/${mc}/plans`)).json()) as {
      items: { levels: { label: string }[] }[];
    };
    expect(api.items[0]!.levels.map((l) => l.label)).toEqual(labels);
  }
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
  // Sample D has no program: its list says so, with no filter by 基本施策 or by anything else.
  const programs = await page("/229997/programs");
  expect(programs).toContain("サンプル市Dの事務事業は、まだ公開されていません。");
  expect(programs).not.toContain("基本施策");
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
  // Before any node is marked チャレンジ, the plan knows no such flag: its indicators' form has none.
  const definitionPath = "/229997/manage/indicators/D-1-K1/definition";
  const definitionForm = text(await (await planner.page(definitionPath)).text());
  expect(definitionForm).toContain("指標の定義・説明");
  expect(definitionForm).not.toContain("チャレンジ");
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

  // A node of each level, edited, reviewed, published and read in the audit log: its fields are
  // named by its level (主要施策内容, チャレンジする主要施策), never 取組内容.
  const levels = [
    ["D", "分野"],
    ["D-1", "施策"],
    ["D-1-1", "主要施策"],
    ["D-1-1-1", "主な事業"],
  ] as const;
  for (const [code, level] of levels) {
    const path = `/229997/manage/plan/nodes/${code}`;
    const form = text(await (await planner.page(path)).text());
    expect(form).toContain(`計画の項目（${level}）の編集`);
    expect(form).toContain(`${level}内容`);
    expect(form).toContain(`チャレンジする${level}`);
    const saved = await edit(planner, path, {
      description: `${level}の内容を改めました（サンプル）`,
      challenge: "on",
    });
    expect(saved.status, code).toBe(303);
    pages.push(form, text(await (await planner.page(path)).text()));
  }
  const reviewHtml = await (await planner.page("/229997/manage/publish")).text();
  const review = text(reviewHtml);
  for (const [code, level] of levels) {
    expect(review).toContain(`計画の項目 ${code} （${level}「`);
    expect(review).toContain(`${level}内容 `);
    expect(review).toContain(`${level}の内容を改めました（サンプル）`);
    expect(review).toContain(`チャレンジする${level} `);
  }
  pages.push(review);
  const picked = new URLSearchParams();
  for (const m of reviewHtml.matchAll(/name="definition" value="(\d+:\d+)"/g))
    picked.append("definition", m[1]!);
  expect([...picked.keys()]).toHaveLength(levels.length);
  expect((await planner.post("/229997/manage/publish", picked)).status).toBe(303);
  for (const [code, level] of levels) {
    const audit = text(await (await planner.page(`/229997/manage/audit?record=${code}`)).text());
    expect(audit).toContain(`計画の項目（${level}）： ${code}`);
    expect(audit).toContain(`${level}内容：`);
    expect(audit).toContain(`チャレンジする${level}：`);
    pages.push(audit);
  }
  expect(text(await page("/229997/nodes/D-1-1-1"))).toContain("主な事業の内容を改めました");

  // An indicator's definition edited and published: no audit entry of a definition or a node names a field by its raw key.
  expect(
    (
      await edit(planner, definitionPath, {
        unit: "t",
        note: "単位を改めました（サンプル）",
        decimals: "1",
      })
    ).status,
  ).toBe(303);
  const again = new URLSearchParams();
  for (const m of (await (await planner.page("/229997/manage/publish")).text()).matchAll(
    /name="definition" value="(\d+:\d+)"/g,
  ))
    again.append("definition", m[1]!);
  expect([...again.keys()]).toHaveLength(1);
  expect((await planner.post("/229997/manage/publish", again)).status).toBe(303);
  // Every entry of a plan node and of an indicator (the record filter matches the record type).
  for (const record of ["plan_node", "indicator"]) {
    const html = await (await planner.page(`/229997/manage/audit?record=${record}`)).text();
    // Every change of a listed entry is named in Japanese: no <code>key</code>： of a field.
    expect(html, record).toMatch(/<li>[^<]*：/);
    expect(html.match(/<code>[A-Za-z_][A-Za-z0-9_]*<\/code>：/g), record).toBeNull();
    pages.push(text(html));
  }
  const definitionAudit = text(
    await (await planner.page("/229997/manage/audit?record=D-1-K1")).text(),
  );
  expect(definitionAudit).toContain("注記：");
  expect(definitionAudit).toContain("下書きを作った人：");
  for (const p of pages) expect(p).not.toMatch(/基本施策|具体的な取組|取組名|取組内容/);

  // Ishioka's staff pages keep its words: an initiative's 取組内容, チャレンジする取組.
  const ishiokaPlanner = await staffOf(t, "082058", DEMO.planner.email, DEMO.planner.password);
  const initiative = text(
    await (await ishiokaPlanner.page("/082058/manage/plan/nodes/GZ-1-01")).text(),
  );
  expect(initiative).toContain("計画の項目（具体的な取組）の編集");
  expect(initiative).toContain("取組内容");
  expect(initiative).toContain("チャレンジする取組");
  expect(
    text(await (await ishiokaPlanner.page("/082058/manage/plan/nodes/GZ-1")).text()),
  ).toContain("計画の項目（基本施策）の編集");

  expect(
    text(await (await ishiokaPlanner.page("/082058/manage/indicators/GZ-1-O1/definition")).text()),
  ).toContain("チャレンジする取組の指標");

  // Ishioka keeps its words.
  const ishioka = await page("/082058/measures/GZ-1");
  expect(ishioka).toContain("取組名");
  expect(ishioka).toContain("取組内容");
  expect(await page("/082058/programs")).toContain("すべての基本施策");
  expect(await page("/082058/measures/GZ-1/programs")).toContain("この基本施策に役立つ事務事業");
}
