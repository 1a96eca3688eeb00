/**
 * Program evaluation, public side: the demo's sample programs on the pages and the API, with
 * costs computed by hand from data/municipalities/082058/programs/sample.yaml (人件費単価:
 * 令和5年度 正規 8,000,000円・会計年度任用 2,500,000円, 令和6年度 8,200,000円・2,600,000円;
 * both years closed, so 事業費 = 決算額).
 */
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { auditLog } from "../../src/core/audit-schema.ts";
import { changed } from "../../src/core/changes.ts";
import { withTenant } from "../../src/core/db/tenant.ts";
import type { AppError } from "../../src/core/errors.ts";
import { indicatorActuals, indicators } from "../../src/indicators/schema.ts";
import { importPlans } from "../../src/plan/plan-import.ts";
import { importSamplePrograms } from "../../src/programs/program-import.ts";
import { programIndicators, programs } from "../../src/programs/schema.ts";
import { describeEachBackend } from "../support/app.ts";

const DEMO = "082058";
const OTHER = "082015";
const SAMPLE_FILE = path.resolve("data/municipalities/082058/programs/sample.yaml");
const SYSTEM = "01-02-01-05-001"; // 行政評価・マネジメントシステム運用事業
const TRAINING = "01-02-01-01-003"; // 職員研修事業 (令和6年度: reviewed, not published)
const MYNUMBER = "01-02-03-01-002"; // マイナンバーカード交付促進事業 (令和6年度: draft)
const FACILITIES = "01-02-01-07-001"; // 公共施設マネジメント推進事業

/** Text of unpublished evaluations in the sample file: never on a public page or the API. */
const UNPUBLISHED = ["未公表の評価", "デジタル分野の研修を新設", "作成中の評価"];

const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

describeEachBackend("program evaluation: public pages and API", (t) => {
  beforeAll(async () => {
    await importPlans(t.database.db, path.resolve("test/fixtures/second-municipality"));
  });

  it("lists the seven sample programs, each flagged sample and named 「サンプル」", async () => {
    const { status, body } = await t.json(`/api/v1/municipalities/${DEMO}/programs`);
    expect(status).toBe(200);
    expect(body.total).toBe(7);
    for (const p of body.items) {
      expect(p.sample, p.code).toBe(true);
      expect(p.name, p.code).toContain("サンプル");
    }
    const page = await t.text(`/${DEMO}/programs`);
    expect(page.status).toBe(200);
    expect(page.body.match(/<span class="badge sample"[^>]*>\s*サンプル/g)?.length).toBe(
      7 + 1, // one per program and one in the explanation above the list
    );
    expect(text(page.body)).toContain("7 件中 7 件を表示");
  });

  it("gives a program's years with costs computed from settlement, FTE and unit cost", async () => {
    const { status, body } = await t.json(`/api/v1/municipalities/${DEMO}/programs/${SYSTEM}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      code: SYSTEM,
      section: { code: "gyokaku-suishin", name: "行革推進課" },
      initiativeCodes: ["GZ-2-01", "GZ-3-01"],
      sample: true,
    });
    const [fy2023, fy2024] = body.years;
    // 令和5年度: 決算 2,980,000 + 正規 1.5 × 8,000,000 + 会計年度任用 0.5 × 2,500,000.
    expect(fy2023).toMatchObject({
      fiscalYear: 2023,
      budget: 3_200_000,
      settlement: 2_980_000,
      fundingSources: {
        national: 0,
        prefectural: 0,
        bonds: 0,
        otherSpecific: 0,
        general: 2_980_000,
      },
      staffFte: 2,
      staffCost: 13_250_000,
      programCost: 2_980_000,
      totalCost: 16_230_000,
      status: "公表済",
      selfEvaluation: { direction: "継続" },
      secondaryEvaluation: { direction: "改善" },
      direction: "改善",
    });
    // 令和6年度: 3,410,000 + 1.5 × 8,200,000 + 0.5 × 2,600,000.
    expect(fy2024).toMatchObject({
      fiscalYear: 2024,
      leadingProject: true,
      staffCost: 13_600_000,
      totalCost: 17_010_000,
      selfEvaluation: { direction: "拡充" },
      secondaryEvaluation: { direction: "拡充" },
    });
  });

  it("adds the funding sources up to the program cost", async () => {
    const { body } = await t.json(`/api/v1/municipalities/${DEMO}/programs/${FACILITIES}`);
    const fy2024 = body.years[1];
    // 決算 28,765,000 = 国 6,000,000 + 地方債 16,000,000 + 一般財源 6,765,000; 1.2 × 8,200,000.
    expect(fy2024.fundingSources).toEqual({
      national: 6_000_000,
      prefectural: 0,
      bonds: 16_000_000,
      otherSpecific: 0,
      general: 6_765_000,
    });
    expect(fy2024).toMatchObject({ programCost: 28_765_000, staffCost: 9_840_000 });
    expect(fy2024.totalCost).toBe(28_765_000 + 9_840_000);
    expect(fy2024).toMatchObject({
      selfEvaluation: { direction: "継続" },
      secondaryEvaluation: { direction: "縮小" },
    });
  });

  it("shows the evaluation sheet: purpose, initiatives, cost table, chart, both evaluations", async () => {
    const { status, body } = await t.text(`/${DEMO}/programs/${SYSTEM}`);
    expect(status).toBe(200);
    const page = text(body);
    expect(page).toContain("【サンプル】行政評価・マネジメントシステム運用事業");
    expect(body).toContain('<span class="badge sample"');
    expect(page).toContain("総合計画の施策と事務事業・予算・行政資産を結び付け");
    expect(body).toContain(`href="/${DEMO}/measures/GZ-2"`);
    expect(body).toContain(`href="/${DEMO}/indicators/GZ-3-O1"`);
    expect(page).toMatch(/総コスト（事業費＋人件費） 16,230,000円 17,010,000円/);
    expect(page).toMatch(/人件費 13,250,000円 13,600,000円/);
    expect(page).toMatch(/うち一般財源 2,980,000円 3,410,000円/);
    expect(page).toContain("コストの配分 60%");
    expect(
      body.match(/<svg role="img" aria-labelledby="chart-cost-title chart-cost-desc"/g),
    ).toHaveLength(1);
    expect(page).toContain("令和5年度は総コスト1,623万円（事業費298万円、人件費1,325万円）");
    expect(page).toMatch(/今後の方向性（一次評価） 継続/);
    expect(page).toMatch(/今後の方向性（二次評価） 改善 （一次評価と異なる）/);
  });

  it("does not make an evaluation public before it is published", async () => {
    for (const code of [TRAINING, MYNUMBER]) {
      const api = await t.json(`/api/v1/municipalities/${DEMO}/programs/${code}`);
      const fy2024 = api.body.years.find((y: { fiscalYear: number }) => y.fiscalYear === 2024);
      expect(fy2024).toMatchObject({
        status: "未公表",
        direction: null,
        selfEvaluation: null,
        secondaryEvaluation: null,
      });
      // Costs are public whatever the evaluation's state.
      expect(fy2024.totalCost).toBeGreaterThan(0);
      const page = await t.text(`/${DEMO}/programs/${code}`);
      expect(text(page.body)).toContain("令和6年度（2024）の評価 この年度の評価は公表前です。");
      for (const secret of UNPUBLISHED) {
        expect(page.body, `${code}: ${secret}`).not.toContain(secret);
        expect(JSON.stringify(api.body), `${code}: ${secret}`).not.toContain(secret);
      }
    }
    const list = await t.text(`/${DEMO}/programs`);
    const all = await t.text(`/api/v1/municipalities/${DEMO}/programs?limit=1000`);
    for (const secret of UNPUBLISHED) {
      expect(list.body).not.toContain(secret);
      expect(all.body).not.toContain(secret);
    }
    // 職員研修事業 令和6年度: self 拡充 / secondary 継続, reviewed only: not counted as 継続 yet.
    const continuing = await t.json(
      `/api/v1/municipalities/${DEMO}/programs?direction=${encodeURIComponent("継続")}`,
    );
    expect(continuing.body.items.map((p: { code: string }) => p.code)).not.toContain(TRAINING);
  });

  it("filters by measure, section, direction and fiscal year, on the page and the API", async () => {
    const codes = async (query: string) =>
      (await t.json(`/api/v1/municipalities/${DEMO}/programs?${query}`)).body.items.map(
        (p: { code: string }) => p.code,
      );
    expect(await codes("measure=GZ-3")).toEqual([SYSTEM]);
    expect(await codes("measure=GZ-1")).toEqual([TRAINING, "01-02-01-05-002"]);
    expect(await codes("section=gyokaku-suishin")).toEqual([SYSTEM, "01-02-01-05-002", FACILITIES]);
    // 令和6年度 (the latest) 縮小: only 公共施設マネジメント (secondary 縮小 over self 継続).
    expect(await codes("direction=reduce")).toEqual([FACILITIES]);
    expect(await codes(`direction=${encodeURIComponent("縮小")}`)).toEqual([FACILITIES]);
    // 令和5年度 改善: both where the secondary evaluation said 改善.
    expect(await codes("fiscalYear=2023&direction=improve")).toEqual([SYSTEM, "01-02-01-05-002"]);
    expect(await codes("fiscalYear=2022")).toEqual([]);
    expect(await codes("measure=&section=&direction=&fiscalYear=")).toHaveLength(7);

    const page = await t.text(`/${DEMO}/programs?fiscalYear=2023&direction=improve`);
    const shown = text(page.body);
    expect(shown).toContain("7 件中 2 件を表示（コストと方向性は令和5年度（2023））");
    expect(shown).toContain("【サンプル】職員提案制度運営事業");
    expect(shown).not.toContain("【サンプル】ふるさと応援寄附金推進事業");
    expect(page.body).toMatch(/<option value="improve" selected="">改善<\/option>/);
    const bad = await t.text(`/${DEMO}/programs?fiscalYear=abc`);
    expect(bad.status).toBe(400);
    expect((await t.get(`/api/v1/municipalities/${DEMO}/programs?direction=x`)).status).toBe(400);
  });

  it("rolls costs up to measures without counting a yen twice", async () => {
    const page = text((await t.text(`/${DEMO}/programs?fiscalYear=2024`)).body);
    // 基本施策3: 40% of 行政評価 (3,410,000 → 1,364,000; 13,600,000 → 5,440,000).
    expect(page).toMatch(
      /基本施策3 課題分析に基づく政策立案の推進 1 1,364,000円 5,440,000円 6,804,000円 0.80人/,
    );
    // 基本施策2: 60% of 行政評価 + 寄附金 + 公共施設 = 10,206,000 + 196,843,210 + 38,605,000.
    expect(page).toMatch(/基本施策2 経営・財務マネジメントの充実 3 .* 245,654,210円 5.90人/);
  });

  it("computes the unit cost from an activity indicator's actual", async () => {
    const db = t.database.db;
    await withTenant(db, DEMO, async (tx) => {
      const [program] = await tx
        .select({ id: programs.id })
        .from(programs)
        .where(and(eq(programs.municipalityCode, DEMO), eq(programs.code, SYSTEM)));
      const [indicator] = await tx
        .insert(indicators)
        .values({
          municipalityCode: DEMO,
          code: "TEST-ACT-1",
          kind: "activity",
          name: "評価した事務事業の数（テスト）",
          unit: "件",
          baselineText: "",
          targetForm: "tbd",
          targetText: "調整中",
        })
        .returning({ id: indicators.id });
      await tx.insert(indicatorActuals).values({
        municipalityCode: DEMO,
        indicatorId: indicator!.id,
        fiscalYear: 2024,
        value: 300,
      });
      await tx.insert(programIndicators).values({
        municipalityCode: DEMO,
        programId: program!.id,
        indicatorId: indicator!.id,
        role: "activity",
        position: 9,
      });
    });
    changed(db, [DEMO]);
    const { body } = await t.json(`/api/v1/municipalities/${DEMO}/programs/${SYSTEM}`);
    expect(body.years[0].unitCost).toBeNull();
    expect(body.years[1].unitCost).toBe(17_010_000 / 300); // 56,700円
    const page = text((await t.text(`/${DEMO}/programs/${SYSTEM}`)).body);
    expect(page).toMatch(/単位当たりコスト — 56,700円/);
    expect(page).toContain("活動指標「評価した事務事業の数（テスト）」");
  });

  it("answers an unknown program code with 404 and a Japanese message", async () => {
    const page = await t.text(`/${DEMO}/programs/99-99-99-99-999`);
    expect(page.status).toBe(404);
    expect(text(page.body)).toContain("事務事業 99-99-99-99-999が見つかりません");
    const api = await t.json(`/api/v1/municipalities/${DEMO}/programs/99-99-99-99-999`);
    expect(api.status).toBe(404);
    expect(api.body.error).toMatchObject({
      code: "not_found",
      message: "事務事業 99-99-99-99-999が見つかりません",
    });
  });

  it("shows another municipality none of the sample programs", async () => {
    const api = await t.json(`/api/v1/municipalities/${OTHER}/programs`);
    expect(api).toEqual({ status: 200, body: { items: [], total: 0 } });
    const page = await t.text(`/${OTHER}/programs`);
    expect(page.status).toBe(200);
    expect(page.body).not.toContain("サンプル】");
    expect(page.body).not.toContain(SYSTEM);
    expect((await t.get(`/${OTHER}/programs/${SYSTEM}`)).status).toBe(404);
    expect((await t.get(`/api/v1/municipalities/${OTHER}/programs/${SYSTEM}`)).status).toBe(404);
  });

  it("never loads the sample programs into a municipality other than the demo", async () => {
    const db = t.database.db;
    const refused = (p: Promise<unknown>) =>
      p.then(
        () => undefined,
        (e: AppError) => e,
      );
    const wrongTarget = await refused(importSamplePrograms(db, SAMPLE_FILE, OTHER));
    expect(wrongTarget?.details[0]).toMatchObject({
      location: `${SAMPLE_FILE}: municipality`,
      message: expect.stringContaining(`団体コード ${OTHER} のデモにだけ`),
    });

    const dir = await mkdtemp(path.join(tmpdir(), "shisaku-programs-"));
    try {
      const original = await readFile(SAMPLE_FILE, "utf8");
      const retargeted = path.join(dir, "other.yaml");
      await writeFile(
        retargeted,
        original.replace('municipality: "082058"', `municipality: "${OTHER}"`),
      );
      expect(await refused(importSamplePrograms(db, retargeted, DEMO))).toMatchObject({
        code: "invalid_file",
      });
      const unlabelled = path.join(dir, "unlabelled.yaml");
      await writeFile(unlabelled, original.replace("【サンプル】職員研修事業", "職員研修事業"));
      const error = await refused(importSamplePrograms(db, unlabelled, DEMO));
      expect(error?.details).toContainEqual({
        location: `${unlabelled}: programs[1].name`,
        message: "サンプルの事務事業は sample: true とし、名称に「サンプル」を含めてください",
      });
      const unbalanced = path.join(dir, "unbalanced.yaml");
      await writeFile(
        unbalanced,
        original.replace("funding: { general: 2980000 }", "funding: { general: 2900000 }"),
      );
      const funding = await refused(importSamplePrograms(db, unbalanced, DEMO));
      expect(funding?.details).toContainEqual({
        location: `${unbalanced}: programs[0].years[0].funding`,
        message: "令和5年度の財源内訳の合計（2,900,000円）が事業費（2,980,000円）と一致しません",
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    expect((await t.json(`/api/v1/municipalities/${OTHER}/programs`)).body.total).toBe(0);
    expect((await t.json(`/api/v1/municipalities/${DEMO}/programs`)).body.total).toBe(7);
  });

  it("records the loading of the sample programs in the audit trail", async () => {
    const rows = await withTenant(t.database.db, DEMO, (tx) =>
      tx
        .select()
        .from(auditLog)
        .where(
          and(eq(auditLog.municipalityCode, DEMO), eq(auditLog.action, "programs.import_sample")),
        ),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor: "system",
      recordType: "programs_file",
      recordKey: SAMPLE_FILE,
      after: { programs: 7, years: 14 },
    });
  });

  it("links the programs from the municipality's home page", async () => {
    const { body } = await t.text(`/${DEMO}/`);
    expect(body).toContain(`<a href="/${DEMO}/programs">事務事業の一覧</a>`);
  });

  it("describes the program endpoints in the OpenAPI document", async () => {
    const { body } = await t.json("/api/v1/openapi.json");
    expect(Object.keys(body.paths)).toEqual(
      expect.arrayContaining([
        "/municipalities/{code}/programs",
        "/municipalities/{code}/programs/{programCode}",
      ]),
    );
    expect(Object.keys(body.components.schemas.ProgramYear.properties)).toEqual(
      expect.arrayContaining([
        "fiscalYear",
        "budget",
        "settlement",
        "fundingSources",
        "staffFte",
        "staffCost",
        "programCost",
        "totalCost",
        "selfEvaluation",
        "secondaryEvaluation",
        "status",
      ]),
    );
  });
});
