/**
 * What a staff screen says happened is what happened (issue 17): a published evaluation is
 * public whatever else is missing, and the page warns beforehand of what its sheet will lack and
 * names the public addresses after (uses the demo's sample program 職員研修事業 (総務課), whose
 * 令和6年度 evaluation is reviewed but not published); every save message says whether the
 * public sees the change now; a message about mail says what was really prepared.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { changed } from "../../src/core/changes.ts";
import { withTenant } from "../../src/core/db/tenant.ts";
import { listOutbox } from "../../src/core/outbox.ts";
import { programCostSettings, programYears } from "../../src/costs/schema.ts";
import { programs } from "../../src/programs/schema.ts";
import { describeEachBackend } from "../support/app.ts";
import { receiveQuietLetter } from "../support/letters.ts";
import { DEMO, edit, staffOf } from "../support/staff.ts";

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
    // The year loses its cost row and the municipality its 人件費単価 of 令和6年度 (put back at
    // the end, for the other tests).
    const unitCost = await withTenant(t.database.db, MC, async (tx) => {
      const [p] = await tx.select().from(programs).where(eq(programs.code, TRAINING));
      await tx
        .delete(programYears)
        .where(and(eq(programYears.programId, p!.id), eq(programYears.fiscalYear, FY)));
      return tx
        .delete(programCostSettings)
        .where(
          and(eq(programCostSettings.municipalityCode, MC), eq(programCostSettings.fiscalYear, FY)),
        )
        .returning();
    });
    // Announced as the application announces its writes: public reads (on PostgreSQL's standby
    // in CI) see the rows gone once the standby has replayed them.
    changed(t.database.db, [MC]);
    const before = await t.json(`/api/v1/municipalities/${MC}/programs/${TRAINING}`);
    expect(before.body.years.map((y: { fiscalYear: number }) => y.fiscalYear)).not.toContain(FY);

    const form = await (await planner.page(formPath)).text();
    const warning = text(/<div class="notice" id="publish-gaps">[\s\S]*?<\/div>/.exec(form)![0]);
    expect(warning).toContain("公表する評価シートには、次のものが欠けます");
    expect(warning).toContain(
      "令和6年度（2024）のコスト（予算額・決算額・財源・従事職員数）が登録されていません",
    );
    expect(warning).toContain("令和6年度（2024）の人件費単価が設定されていません");

    const res = await planner.post(formPath, {
      step: "publish",
      confirmPublish: "on",
      version: versionIn(form),
    });
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
    await withTenant(t.database.db, MC, (tx) => tx.insert(programCostSettings).values(unitCost));
    changed(t.database.db, [MC]);
  });

  /** The notice a redirect after a POST leads to. */
  const noticeAfter = async (res: Response) => {
    expect(res.status).toBe(303);
    const html = await (await planner.page(res.headers.get("location")!)).text();
    return text(/<(?:p|div) class="notice" role="status">[\s\S]*?<\/(?:p|div)>/.exec(html)![0]);
  };

  it("says of each save of a letter's public text whether the public page shows it now", async () => {
    const receipt = await receiveQuietLetter(t.database.db, MC);
    const path = `/${MC}/manage/letters/${receipt}`;
    const save = async (action: string, publicBody: string) =>
      planner.post(`${path}/public`, {
        version: versionIn(await (await planner.page(path)).text()),
        action,
        publicSubject: "図書館の開館時間",
        publicBody,
      });
    expect(await noticeAfter(await save("save", "夜8時まで開けてほしい。"))).toContain(
      "まだ公開していません。公開ページには表示されません",
    );
    expect((await t.get(`/${MC}/letters/${receipt}`)).status).toBe(404);
    expect(await noticeAfter(await save("publish", "夜8時まで開けてほしい。"))).toContain(
      "公開しました。公開ページに表示されています",
    );
    const corrected = await noticeAfter(await save("save", "平日は夜8時まで開けてほしい。"));
    expect(corrected).toContain("公開中のため、公開ページはすでにこの文章に変わっています");
    expect(corrected).not.toContain("まだ公開していません");
    expect((await t.text(`/${MC}/letters/${receipt}`)).body).toContain(
      "平日は夜8時まで開けてほしい。",
    );
    // The writer asked for no contact: a step prepares no mail, and the page says so.
    const before = (await listOutbox(t.database.db, MC)).length;
    const step = await noticeAfter(
      await planner.post(`${path}/steps`, {
        version: versionIn(await (await planner.page(path)).text()),
        stepKind: "assigned",
        publicComment: "",
      }),
    );
    expect(step).toContain("投稿者は連絡を希望していないため、お知らせのメールは送りません");
    expect(step).toContain("公開中のたよりのため、公開ページにすぐ反映されています");
    expect(step).not.toContain("メールを送信予定の一覧に用意しました");
    expect((await listOutbox(t.database.db, MC)).length).toBe(before);
  });

  it("says no mail was prepared for a town meeting's proposal, which has no writer", async () => {
    const recorded = await planner.post(`/${MC}/manage/meetings`, {
      heldOn: "2025-07-20",
      place: "石岡市民会館",
      theme: "公共交通の使いやすさ",
      participantGroup: "石岡地区区長会",
      participantCount: "18",
      summary: "バスの便について語り合いました。",
    });
    const meeting = recorded.headers.get("location")!.replace(/\?.*$/, "");
    expect(await noticeAfter(recorded)).toContain("下書きのため、公開ページには表示されません");
    const proposal = await noticeAfter(
      await planner.post(`${meeting}/proposals`, {
        subject: "バスの最終便を遅く",
        body: "最終便を21時台にしてほしい。",
        category: "roads",
      }),
    );
    expect(proposal).toContain("会の記録が下書きのため、公開ページにはまだ表示されません");
    const receipt = /href="\/082058\/manage\/letters\/(\d{4}-\d{4})"/.exec(
      await (await planner.page(meeting)).text(),
    )![1]!;
    const before = (await listOutbox(t.database.db, MC)).length;
    const path = `/${MC}/manage/letters/${receipt}`;
    // Labelled as what it is: a town meeting's proposal, not a letter to the mayor.
    const h1 = text(/<h1>[\s\S]*?<\/h1>/.exec(await (await planner.page(path)).text())![0]);
    expect(h1).toContain(`市長と語ろう会の提案 ${receipt}`);
    expect(h1).not.toContain("市長へのたより");
    const step = await noticeAfter(
      await planner.post(`${path}/steps`, {
        version: versionIn(await (await planner.page(path)).text()),
        stepKind: "assigned",
        publicComment: "",
      }),
    );
    expect(step).toContain(
      "市長と語ろう会の提案で投稿者がいないため、お知らせのメールはありません",
    );
    expect(step).toContain("公開ページには表示されません");
    expect(step).not.toContain("投稿者にはお知らせのメールを用意しました");
    expect((await listOutbox(t.database.db, MC)).length).toBe(before);
  });

  it("says that no reminder was prepared when none was due, and leaves the outbox as it was", async () => {
    // A round whose deadline is two months away: no reminder is due today.
    const deadline = new Date(Date.now() + 60 * 86_400_000).toISOString().slice(0, 10);
    const opened = await planner.post(`/${MC}/manage/rounds`, { fiscalYear: "2025", deadline });
    expect(opened.status).toBe(303);
    const before = (await listOutbox(t.database.db, MC)).length;
    const res = await planner.post(`/${MC}/manage/rounds/2025/reminders`, {});
    expect(res.headers.get("location")).toContain("done=reminded-none");
    const notice = await noticeAfter(res);
    expect(notice).toContain("今日送るお知らせはありませんでした");
    expect(notice).toContain("何も用意していません");
    expect((await listOutbox(t.database.db, MC)).length).toBe(before);
    expect(notice).not.toContain("今日のお知らせを用意しました");
  });

  it("keeps saved program costs a draft until the year's evaluation is published or a planner publishes them", async () => {
    /** 【サンプル】マイナンバーカード交付促進事業 (市民課): 令和6年度 draft evaluation. */
    const MYNUMBER = "01-02-03-01-002";
    const costs = `/${MC}/manage/programs/${MYNUMBER}/years/${FY}`;
    const apiYear = async () =>
      (await t.json(`/api/v1/municipalities/${MC}/programs/${MYNUMBER}`)).body.years.find(
        (y: { fiscalYear: number }) => y.fiscalYear === FY,
      );
    const before = await apiYear();
    const saved = await edit(planner, costs, { facilities: "石岡市役所 市民課窓口\n八郷総合支所" });
    const notice = await noticeAfter(saved);
    expect(notice).toContain("コストを下書きとして保存しました");
    expect(notice).toContain("公開ページとAPIはまだ変わっていません");
    expect(text(await (await planner.page(costs)).text())).toMatch(
      /公開中は版 1。保存した版 2 は下書きで、公開ページとAPIにはまだ載っていません/,
    );
    expect((await apiYear()).facilities).toEqual(before.facilities);
    expect(text((await t.text(`/${MC}/programs/${MYNUMBER}`)).body)).not.toContain("八郷総合支所");

    // Publishing the year's evaluation publishes its costs as saved.
    const evaluation = `/${MC}/manage/programs/${MYNUMBER}/evaluations/${FY}`;
    const step = async (fields: Record<string, string>) =>
      planner.post(evaluation, {
        version: versionIn(await (await planner.page(evaluation)).text()),
        ...fields,
      });
    expect(
      (
        await step({
          step: "submit",
          "ratings.necessity": "A",
          "ratings.effectiveness": "B",
          "ratings.efficiency": "B",
          "ratings.equity": "A",
          findings: "交付率が上がった（公開の試験）",
          direction: "continue",
          reason: "継続する。",
        })
      ).status,
    ).toBe(303);
    expect(
      (await step({ step: "review", "secondary.direction": "continue", "secondary.comment": "可" }))
        .status,
    ).toBe(303);
    expect((await step({ step: "publish", confirmPublish: "on" })).status).toBe(303);
    expect((await apiYear()).facilities).toEqual(["石岡市役所 市民課窓口", "八郷総合支所"]);
    expect(text(await (await planner.page(costs)).text())).toContain("公開中（版 2）");

    // After that a change is a draft again, until a planner publishes it.
    await edit(planner, costs, { facilities: "八郷総合支所" });
    expect((await apiYear()).facilities).toEqual(["石岡市役所 市民課窓口", "八郷総合支所"]);
    const editor = await staffOf(t, MC, DEMO.editor.email, DEMO.editor.password);
    expect((await editor.post(`${costs}/publish`, { version: "3" })).status).toBe(403);
    expect(await noticeAfter(await planner.post(`${costs}/publish`, { version: "3" }))).toContain(
      "この年度のコストを公開しました",
    );
    expect((await apiYear()).facilities).toEqual(["八郷総合支所"]);
    expect(text((await t.text(`/${MC}/programs/${MYNUMBER}`)).body)).toContain("八郷総合支所");
  });
});
