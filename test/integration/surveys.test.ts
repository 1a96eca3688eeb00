/**
 * Surveys: staff prepare a survey, upload a frame of counts and draw the sample with a seed
 * shown on the page; the public answers with a one-time code, a section per page, resuming and
 * submitting once; the aggregated results are public with charts, CSV and the API's exact
 * names; a linked question fills the indicator's actual with its method; small groups show no
 * figure; nothing is seen from another municipality.
 */
import path from "node:path";
import { and, eq, isNotNull } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { withTenant } from "../../src/core/db/tenant.ts";
import { fiscalYearInJapan } from "../../src/core/fiscal-year.ts";
import {
  actualCorrections,
  indicatorActuals,
  indicators,
  runningActuals,
} from "../../src/indicators/schema.ts";
import { importPlans } from "../../src/plan/plan-import.ts";
import { RESPONDENT } from "../../src/surveys/answering.ts";
import { actions } from "../../src/surveys/index.ts";
import { findSurvey, surveyResults } from "../../src/surveys/queries.ts";
import { surveyResponses, surveyStrata, surveys } from "../../src/surveys/schema.ts";
import { describeEachBackend } from "../support/app.ts";
import { type WalkEnv, walkEnv } from "../support/audit-walk.ts";
import { DEMO, ORIGIN, staffOf } from "../support/staff.ts";
import {
  codesOf,
  doubleEntrySplit,
  draftSurvey,
  FRAME,
  keyedTwice,
  openSurvey,
  SURVEY,
} from "../support/surveys.ts";

const MC = "082058";
const API = `/api/v1/municipalities/${MC}`;

const form = (o: Record<string, string | string[]>) => {
  const b = new URLSearchParams();
  for (const [k, v] of Object.entries(o))
    for (const x of ([] as string[]).concat(v)) b.append(k, x);
  return b;
};

describeEachBackend("surveys", (t) => {
  let env: WalkEnv;
  beforeAll(async () => {
    env = await walkEnv(t.database.db);
  });
  const publicPost = (path: string, body: URLSearchParams, cookie = "") =>
    t.get(path, {
      method: "POST",
      headers: { origin: ORIGIN, cookie, "content-type": "application/x-www-form-urlencoded" },
      body: body.toString(),
    });
  const respondent = () => ({ db: env.db, municipality: MC, who: null, actor: RESPONDENT });

  it("is prepared on the staff pages: frame, draw with its seed, codes without personal data", async () => {
    const planner = await staffOf(t, MC, DEMO.planner.email, DEMO.planner.password);
    const created = await planner.post(`/${MC}/manage/surveys`, form(SURVEY));
    expect(created.status).toBe(303);
    const page = created.headers.get("location")!.split("?")[0]!;
    const frame = await planner.post(`${page}/frame`, form({ version: "1", frame: FRAME }));
    expect(frame.status).toBe(303);
    const bad = await planner.post(`${page}/draw`, form({ version: "2", seed: "", size: "5000" }));
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("母集団（1000人）を超えています");
    const drawn = await planner.post(
      `${page}/draw`,
      form({ version: "2", seed: "seed-2026", size: "50" }),
    );
    expect(drawn.status).toBe(303);
    const html = await (await planner.page(page)).text();
    expect(html).toContain("<code>seed-2026</code>");
    expect(html).toContain("回答番号 50件");
    const csv = await (await planner.page(`${page}/codes.csv`)).text();
    const lines = csv
      .replace(/^\uFEFF/, "")
      .trim()
      .split(/\r?\n/);
    expect(lines[0]).toBe("回答番号,年齢層,性別,地区,名簿内の順位");
    expect(lines).toHaveLength(51);
    expect(lines[1]).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4},18-39,女,石岡,\d+$/);
    // The paper questionnaire to print, linked from the survey's page.
    expect(html).toContain(`href="${page}/questionnaire.pdf"`);
    const pdf = await planner.page(`${page}/questionnaire.pdf`);
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get("content-type")).toBe("application/pdf");
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString(),
    ).toBe("%PDF-");
    // A frame with names is refused: counts only.
    const id2 = await actions.createSurvey(env.as.planner, SURVEY);
    const named = await actions.uploadFrame(env.as.planner, {
      id: (id2 as { value: number }).value,
      version: 1,
      csv: "氏名,年齢層,性別,地区,人数\n石岡太郎,18-39,男,石岡,1\n",
    });
    expect(named.status).toBe("invalid");
    // A viewer may look but not create.
    const viewer = await staffOf(t, MC, DEMO.viewer.email, DEMO.viewer.password);
    expect((await viewer.page(`/${MC}/manage/surveys`)).status).toBe(200);
    expect((await viewer.post(`/${MC}/manage/surveys`, form(SURVEY))).status).toBe(403);
  });

  it("is answered with a code a page at a time, resumed, and submitted once", async () => {
    const { id, codes } = await openSurvey(env.as.planner);
    const base = `/${MC}/surveys/${id}`;
    expect((await t.text(base)).body).toContain("回答番号");
    const wrong = await publicPost(base, form({ code: "AAAA-AAAA-AAAA" }));
    expect(wrong.status).toBe(400);
    const code = codes[0]!;
    const opened = await publicPost(base, form({ code: code.toLowerCase().replace(/-/g, " ") }));
    expect(opened.status).toBe(303);
    const cookie = opened.headers.get("set-cookie")!.split(";")[0]!;
    const first = await t.get(`${base}/answer?page=0`, { headers: { cookie } });
    expect(first.status).toBe(200);
    const firstHtml = await first.text();
    expect(firstHtml).toContain(
      "やさしい日本語: しやくしょ は よく なるように がんばって いますか",
    );
    // "Next" needs the required question.
    const missing = await publicPost(`${base}/answer`, form({ page: "0", step: "next" }), cookie);
    expect(missing.status).toBe(400);
    const next = await publicPost(
      `${base}/answer`,
      form({ page: "0", step: "next", q1: "1", q2: ["a", "b"] }),
      cookie,
    );
    expect(next.headers.get("location")).toBe(`${base}/answer?page=1`);
    // q1 = 1 asks the follow-up; progress is kept: leave and come back with the code.
    const second = await (await t.get(`${base}/answer?page=1`, { headers: { cookie } })).text();
    expect(second).toContain("そう思わない理由");
    const again = await publicPost(base, form({ code }));
    expect(again.headers.get("location")).toBe(`${base}/answer?page=1`);
    const done = await publicPost(
      `${base}/answer`,
      form({ page: "1", step: "submit", q3: "窓口が遠い。連絡は 0299-23-1111 へ", q4: "３" }),
      cookie,
    );
    expect(done.headers.get("location")).toBe(`${base}/thanks`);
    // Staff read the free text masked; the public never.
    const planner = await staffOf(t, MC, DEMO.planner.email, DEMO.planner.password);
    const staffResults = await (await planner.page(`/${MC}/manage/surveys/${id}/results`)).text();
    expect(staffResults).toContain("窓口が遠い。連絡は ＊＊＊ へ");
    expect(staffResults).not.toContain("0299-23-1111");
    const used = await publicPost(base, form({ code }));
    expect(used.status).toBe(400);
    expect(await used.text()).toContain("もう回答が送られています");
    const replay = await actions.saveAnswers(respondent(), {
      surveyId: id,
      code,
      section: 0,
      fields: { q1: ["5"] },
      step: "submit",
    });
    expect(replay.status).toBe("invalid");
    // The answers carry no address, and the audit entry no answer.
    const rows = (await withTenant(env.db, MC, (tx) =>
      tx.execute(`select address, after from audit_log where action = 'survey.answer_submit'`),
    )) as unknown as { rows: { address: string | null; after: unknown }[] };
    expect(
      rows.rows.every((r) => r.address === null && !JSON.stringify(r.after).includes("窓口")),
    ).toBe(true);
  });

  it("publishes aggregated results with the API's names and fills a linked indicator", async () => {
    const { id, codes } = await openSurvey(env.as.planner);
    // An indicator whose baseline the plan prints: the share is the year's actual.
    const [indicator] = await withTenant(env.db, MC, (tx) =>
      tx
        .select()
        .from(indicators)
        .where(
          and(
            eq(indicators.municipalityCode, MC),
            isNotNull(indicators.baselineValue),
            eq(indicators.unit, "%"),
          ),
        )
        .limit(1),
    );
    const link = await actions.linkIndicator(env.as.planner, {
      id,
      version: 4,
      indicatorCode: indicator!.code,
      question: "q1",
      options: ["5", "4"],
    });
    expect(link.status).toBe("saved");
    // 30 answers: the first 18 agree.
    for (const [i, code] of codes.slice(0, 30).entries()) {
      const o = await actions.saveAnswers(respondent(), {
        surveyId: id,
        code,
        section: 0,
        fields: { q1: [i < 18 ? "4" : "3"] },
        step: "next",
      });
      expect(o.status).toBe("saved");
      expect(
        (
          await actions.saveAnswers(respondent(), {
            surveyId: id,
            code,
            section: 1,
            fields: {},
            step: "submit",
          })
        ).status,
      ).toBe("saved");
    }
    expect((await t.get(`${API}/surveys/${id}/results`)).status).toBe(404);
    expect(
      (await actions.setSurveyStatus(env.as.planner, { id, version: 5, status: "closed" })).status,
    ).toBe("saved");
    expect(
      (await actions.publishResults(env.as.planner, { id, version: 6, published: true })).status,
    ).toBe("saved");

    const list = await t.json(`${API}/surveys`);
    expect(Object.keys(list.body).sort()).toEqual(["items", "total"]);
    expect(list.body.items.some((s: { id: number }) => s.id === id)).toBe(true);

    const { status, body } = await t.json(`${API}/surveys/${id}/results`);
    expect(status).toBe(200);
    expect(body.responseRate).toBeCloseTo(30 / 40, 4);
    const q1 = body.questions.find((q: { key: string }) => q.key === "q1");
    const agree = q1.options.find((o: { key: string }) => o.key === "4");
    expect(Object.keys(agree).sort()).toEqual([
      "ci95",
      "count",
      "key",
      "n",
      "share",
      "text",
      "weightedShare",
    ]);
    expect(agree.n).toBe(30);
    expect(agree.share).toBeCloseTo(0.6, 4);
    expect(agree.ci95[0]).toBeLessThan(agree.weightedShare);
    expect(agree.ci95[1]).toBeGreaterThan(agree.weightedShare);
    expect(JSON.stringify(body)).not.toContain(codes[0]!);

    const page = await t.text(`/${MC}/surveys/${id}/results?by=ageBand`);
    expect(page.status).toBe(200);
    expect(page.body).toContain('role="img"');
    expect(page.body).toContain("<desc");
    expect(page.body).toContain("年齢層別の割合");
    const csv = await t.text(`/${MC}/surveys/${id}/results.csv`);
    expect(csv.body).toContain("重み付き割合(%)");

    // Fiscal 2026 is still in progress until 31 March 2027: until then the share is 集計中
    // (kept apart from the year's actuals), afterwards the year's actual.
    const inProgress = fiscalYearInJapan(new Date()) <= 2026;
    const table = inProgress ? runningActuals : indicatorActuals;
    const [actual] = await withTenant(env.db, MC, (tx) =>
      tx
        .select({ value: table.value, source: table.source })
        .from(table)
        .where(and(eq(table.indicatorId, indicator!.id), eq(table.fiscalYear, 2026))),
    );
    expect(actual).toBeDefined();
    expect(actual!.value).toBe(Math.round(agree.weightedShare * 1000) / 10);
    expect(actual!.source).toMatch(/n=30、回収率 75%、95%信頼区間 [\d.]+〜[\d.]+%/);
  });

  it("replaces the policy indicator's 「●●%」 baseline with the first survey's share and says why", async () => {
    const { id, codes } = await openSurvey(env.as.planner);
    expect(
      (
        await actions.linkIndicator(env.as.planner, {
          id,
          version: 4,
          indicatorCode: "GZ-P1",
          question: "q1",
          options: ["5", "4"],
        })
      ).status,
    ).toBe("saved");
    await answerAll(respondent(), id, codes.slice(0, 20), (i) => (i < 9 ? "5" : "2"));
    expect(
      (await actions.setSurveyStatus(env.as.planner, { id, version: 5, status: "closed" })).status,
    ).toBe("saved");
    expect(
      (await actions.publishResults(env.as.planner, { id, version: 6, published: true })).status,
    ).toBe("saved");

    const row = async () => {
      const [r] = await withTenant(env.db, MC, (tx) =>
        tx
          .select()
          .from(indicators)
          .where(and(eq(indicators.municipalityCode, MC), eq(indicators.code, "GZ-P1"))),
      );
      const corrections = await withTenant(env.db, MC, (tx) =>
        tx.select().from(actualCorrections).where(eq(actualCorrections.indicatorId, r!.id)),
      );
      const actuals = await withTenant(env.db, MC, (tx) =>
        tx.select().from(indicatorActuals).where(eq(indicatorActuals.indicatorId, r!.id)),
      );
      return { indicator: r!, corrections, actuals };
    };
    const { indicator, corrections, actuals } = await row();
    // The plan's baseline year stays (「●●%」 of 令和3年度); the note says when it was measured.
    expect(indicator.baselineFiscalYear).toBe(2021);
    expect(indicator.baselineText).toBe(`${indicator.baselineValue}%`);
    expect(indicator.baselineNote).toMatch(
      /^計算：令和8年度の市民意識調査「テスト市民意識調査」による。テスト市民意識調査の問「市役所は改善・改革に取り組んでいると感じますか」で「そう思う」「ややそう思う」と答えた人の割合/,
    );
    expect(indicator.baselineNote).toMatch(/n=20、回収率 50%、95%信頼区間 [\d.]+〜[\d.]+%/);
    expect(actuals).toEqual([]);
    expect(corrections).toHaveLength(1);
    expect(corrections[0]).toMatchObject({
      fiscalYear: 2021,
      oldValue: null,
      newValue: indicator.baselineValue,
      oldNote: "基準値「●●%」",
      reason:
        "基準値「●●%」（今年度中にアンケート実施）は未確定のため、令和8年度の市民意識調査「テスト市民意識調査」の結果を基準値としました",
    });

    const page = await t.text(`/${MC}/indicators/GZ-P1`);
    expect(page.body).toContain(`${indicator.baselineValue}%`);
    expect(page.body).toContain("回収率 50%");
    expect(page.body).toContain("訂正履歴");
    expect(page.body).toContain(
      "は未確定のため、令和8年度の市民意識調査「テスト市民意識調査」の結果を基準値としました",
    );

    // Withdrawn and published again: the same figures, nothing written twice.
    for (const [version, published] of [
      [7, false],
      [8, true],
    ] as const)
      expect(
        (await actions.publishResults(env.as.planner, { id, version, published })).status,
      ).toBe("saved");
    expect((await row()).corrections).toHaveLength(1);
  });

  it("labels a demo survey's share 「サンプル」 where the indicator prints it", async () => {
    const { id, codes } = await openSurvey(env.as.planner);
    await withTenant(env.db, MC, (tx) =>
      tx.update(surveys).set({ isSample: true }).where(eq(surveys.id, id)),
    );
    // An indicator not in % is refused, naming it and its unit.
    const refused = await actions.linkIndicator(env.as.planner, {
      id,
      version: 4,
      indicatorCode: "GZ-1-R1",
      question: "q1",
      options: ["5"],
    });
    expect(refused.status).toBe("invalid");
    expect(JSON.stringify(refused)).toContain(
      "指標「GZ-1-R1 職員提案の提案数」の単位は「件」です。調査の結果は割合（%）なので、単位が「%」の指標にだけ結び付けられます",
    );
    // Another indicator in % whose plan printed no baseline yet.
    const [percentOne] = await withTenant(env.db, MC, (tx) =>
      tx
        .select({ code: indicators.code })
        .from(indicators)
        .where(
          and(
            eq(indicators.municipalityCode, MC),
            eq(indicators.unit, "%"),
            isNotNull(indicators.baselineValue),
          ),
        )
        .limit(1),
    );
    const [known] = await withTenant(env.db, MC, (tx) =>
      tx
        .update(indicators)
        .set({ baselineValue: null, baselineText: "●●%", baselineNote: null })
        .where(and(eq(indicators.municipalityCode, MC), eq(indicators.code, percentOne!.code)))
        .returning(),
    );
    expect(
      (
        await actions.linkIndicator(env.as.planner, {
          id,
          version: 4,
          indicatorCode: known!.code,
          question: "q1",
          options: ["5"],
        })
      ).status,
    ).toBe("saved");
    await answerAll(respondent(), id, codes.slice(0, 12), () => "5");
    await actions.setSurveyStatus(env.as.planner, { id, version: 5, status: "closed" });
    expect(
      (await actions.publishResults(env.as.planner, { id, version: 6, published: true })).status,
    ).toBe("saved");
    const [after] = await withTenant(env.db, MC, (tx) =>
      tx.select().from(indicators).where(eq(indicators.id, known!.id)),
    );
    expect(after!.baselineText).toMatch(/^100(\.0+)?%（サンプル）$/);
    expect(after!.baselineNote).toContain(
      "サンプル（デモ用に生成した回答で、実際の調査ではありません）",
    );
  });

  it("takes its frame from an anonymised list as counts, and refuses a list with names", async () => {
    const id = await draftSurvey(env.as.planner);
    const refused = await actions.uploadFrame(env.as.planner, {
      id,
      version: 1,
      csv: "ID,氏名,年齢層,性別,地区\nx1,石岡太郎,18-39,男,石岡\n",
    });
    expect(refused.status).toBe("invalid");
    expect(JSON.stringify(refused)).toContain("個人を特定できる列（氏名）");
    const list = ["ID,年齢層,性別,地区"];
    for (let i = 0; i < 30; i++)
      list.push(`p${i},${i % 3 ? "18-39" : "40-"},${i % 2 ? "女" : "男"},石岡`);
    expect(
      (await actions.uploadFrame(env.as.planner, { id, version: 1, csv: list.join("\n") })).status,
    ).toBe("saved");
    const strata = await withTenant(env.db, MC, (tx) =>
      tx.select().from(surveyStrata).where(eq(surveyStrata.surveyId, id)),
    );
    expect(strata.reduce((a, s) => a + s.population, 0)).toBe(30);
    expect(strata).toHaveLength(4);
    expect(JSON.stringify(strata)).not.toContain("p1");
  });

  it("keys a drawn share of paper forms twice, shows each disagreement, and counts a form once settled", async () => {
    const { id, codes } = await openSurvey(env.as.planner);
    const { twice, once } = doubleEntrySplit(id, codes);
    expect(twice).toHaveLength(4); // 10% of the 40 codes, drawn with the survey's seed
    const key = (ctx: typeof env.as.editor, code: string, fields: Record<string, string[]>) =>
      actions.enterPaperAnswers(ctx, { surveyId: id, code, fields });
    const counted = async () => {
      const survey = await findSurvey(env.db, MC, id, { publicOnly: false });
      const results = await surveyResults(env.db, MC, survey!);
      return results.questions.find((q) => q.key === "q1")!.n;
    };
    expect(await key(env.as.editor, once[0]!, { q1: ["5"] })).toMatchObject({
      status: "saved",
      value: { keying: "single" },
    });
    const first = await key(env.as.editor, twice[0]!, { q1: ["4"], q4: ["12"] });
    expect(first).toMatchObject({ status: "saved", value: { keying: "first" } });
    const responseId = (first as { value: { responseId: number } }).value.responseId;
    // The second keying is another person's; until then the form does not count.
    const same = await key(env.as.editor, twice[0]!, { q1: ["4"], q4: ["12"] });
    expect(same.status).toBe("invalid");
    expect(JSON.stringify(same)).toContain("一回目を入力した人とは別の人");
    expect(await counted()).toBe(1);
    expect(await key(env.as.planner, twice[0]!, { q1: ["4"], q4: ["21"] })).toMatchObject({
      status: "saved",
      value: { keying: "second", disagreements: 1 },
    });
    await keyedTwice(env.as.editor, env.as.planner, id, twice[1]!, [{ q1: ["3"] }, { q1: ["3"] }]);
    const third = await key(env.as.admin, twice[1]!, { q1: ["3"] });
    expect(JSON.stringify(third)).toContain("もう二回入力されています");
    // The agreeing form counts; the disagreeing one waits for the third look.
    expect(await counted()).toBe(2);

    const planner = await staffOf(t, MC, DEMO.planner.email, DEMO.planner.password);
    const pagePath = `/${MC}/manage/surveys/${id}/double-entry`;
    const html = await (await planner.page(pagePath)).text();
    // 3 fields compared (q1 and q4 of the first form, q1 of the second), 1 keyed differently.
    expect(html).toContain("33.3%（食い違った項目 ÷ 比べた項目）");
    expect(html).toContain(twice[0]!);
    expect(html).toMatch(/<td>12<\/td>\s*<td>21<\/td>/);
    expect(html).toContain(DEMO.editor.email);
    const settle = `${pagePath}/${responseId}/settle`;
    const missing = await planner.post(settle, form({}));
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("調査票に書かれているのはどちらの値か選んでください");
    expect(await counted()).toBe(2);
    const viewer = await staffOf(t, MC, DEMO.viewer.email, DEMO.viewer.password);
    expect((await viewer.post(settle, form({ "choice.q4": "second" }))).status).toBe(403);
    const settled = await planner.post(settle, form({ "choice.q4": "second" }));
    expect(settled.status).toBe(303);
    expect(await counted()).toBe(3);
    const [row] = await withTenant(env.db, MC, (tx) =>
      tx.select().from(surveyResponses).where(eq(surveyResponses.id, responseId)),
    );
    expect(row!.answers).toEqual({ q1: "4", q4: 21 });
    const after = await (await planner.page(pagePath)).text();
    expect(after).toContain("食い違い 1項目（確定済み）");
    expect((await planner.post(settle, form({ "choice.q4": "first" }))).status).toBe(400);
    const audits = (await withTenant(env.db, MC, (tx) =>
      tx.execute(
        `select action, after from audit_log where record_key = '${id}/${responseId}' order by id`,
      ),
    )) as unknown as { rows: { action: string; after: unknown }[] };
    expect(audits.rows.map((r) => r.action)).toEqual([
      "survey.answer_paper",
      "survey.answer_paper_second",
      "survey.double_entry_settle",
    ]);
    expect(JSON.stringify(audits.rows)).not.toContain("21");
  });

  it("shows no figure for a staff section of fewer than 10 answers", async () => {
    const { id, codes } = await openStaffSurvey(env);
    for (const code of codes.slice(0, 4)) {
      const input = { surveyId: id, code, fields: { q1: ["5"] } };
      const keyed = await actions.enterPaperAnswers(env.as.editor, input);
      // A form drawn for double entry counts once another person has keyed it the same.
      if (keyed.status === "saved" && keyed.value.keying === "first")
        await actions.enterPaperAnswers(env.as.planner, input);
    }
    const planner = await staffOf(t, MC, DEMO.planner.email, DEMO.planner.password);
    const html = await (await planner.page(`/${MC}/manage/surveys/${id}/results?by=area`)).text();
    expect(html).toContain("回答が10人未満のため、結果を示しません（回答 4人）");
  });

  it("is not seen from another municipality", async () => {
    await importPlans(t.database.db, path.resolve("test/fixtures/second-municipality"));
    const { id } = await openSurvey(env.as.planner);
    expect((await t.get(`/082015/surveys`)).status).toBe(200);
    expect((await t.get(`/082015/surveys/${id}`)).status).toBe(404);
    expect((await t.get(`/082015/surveys/${id}/results`)).status).toBe(404);
    expect((await t.json(`/api/v1/municipalities/082015/surveys`)).body.items).toEqual([]);
  });
});

/** Each code answers q1 (section 1) and submits. */
async function answerAll(
  ctx: Parameters<typeof actions.saveAnswers>[0],
  surveyId: number,
  codes: string[],
  choice: (i: number) => string,
) {
  for (const [i, code] of codes.entries()) {
    for (const [section, step, fields] of [
      [0, "next", { q1: [choice(i)] }],
      [1, "submit", {}],
    ] as [number, "next" | "submit", Record<string, string[]>][]) {
      const o = await actions.saveAnswers(ctx, { surveyId, code, section, fields, step });
      if (o.status !== "saved") throw new Error(JSON.stringify(o));
    }
  }
}

async function openStaffSurvey(env: WalkEnv) {
  const created = await actions.createSurvey(env.as.planner, { ...SURVEY, population: "staff" });
  const id = (created as { value: number }).value;
  const sections = (await withTenant(env.db, MC, (tx) =>
    tx.execute(
      `select code from sections where municipality_code = '${MC}' and kind = 'section' limit 2`,
    ),
  )) as unknown as { rows: { code: string }[] };
  const csv = `課コード,人数\n${sections.rows.map((s) => `${s.code},12`).join("\n")}\n`;
  const steps = [
    await actions.uploadFrame(env.as.planner, { id, version: 1, csv }),
    await actions.drawSurveySample(env.as.planner, { id, version: 2, seed: "staff", size: "24" }),
    await actions.setSurveyStatus(env.as.planner, { id, version: 3, status: "open" }),
  ];
  for (const s of steps) if (s.status !== "saved") throw new Error(JSON.stringify(s));
  return { id, codes: await codesOf(env.as.planner, id) };
}
