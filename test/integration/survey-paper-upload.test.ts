/**
 * Paper forms uploaded through the spreadsheet framework (issue 22): an editor downloads a
 * survey's template (a column per question as printed, the question and how to answer above),
 * fills it, previews and applies it — the results count the forms, a form drawn for double
 * entry waits for another person's keying (by hand or by upload), and one audit entry names the
 * file without an answer. A file with any bad cell is refused whole, each cell named in
 * Japanese, and nothing is written. Publishing is refused while a form waits for settlement.
 */
import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, expect, it } from "vitest";
import { withTenant } from "../../src/core/db/tenant.ts";
import { applyImport, previewImport, resolveDataset } from "../../src/spreadsheets/import.ts";
import { actions } from "../../src/surveys/index.ts";
import { findSurvey, surveyResults } from "../../src/surveys/queries.ts";
import { surveyDoubleEntries, surveyResponses } from "../../src/surveys/schema.ts";
import { describeEachBackend } from "../support/app.ts";
import { type WalkEnv, walkEnv } from "../support/audit-walk.ts";
import { confirmSheet, downloadSheet, plain, uploadSheet } from "../support/spreadsheets.ts";
import { DEMO, staffOf } from "../support/staff.ts";
import { doubleEntrySplit, draftSurvey, openSurvey } from "../support/surveys.ts";

const MC = "082058";
type Staff = Awaited<ReturnType<typeof staffOf>>;
type Row = (string | number | null)[];

/** The template with these rows written below its header (code, 問1…問4). */
async function filled(template: Uint8Array, rows: Row[]) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(template) as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet("紙の調査票")!;
  for (const [i, r] of rows.entries()) ws.getRow(4 + i).values = r.map((v) => v ?? undefined);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describeEachBackend("paper forms uploaded as a spreadsheet", (t) => {
  let env: WalkEnv;
  let editor: Staff;
  let planner: Staff;
  beforeAll(async () => {
    env = await walkEnv(t.database.db);
    editor = await staffOf(t, MC, DEMO.editor.email, DEMO.editor.password);
    planner = await staffOf(t, MC, DEMO.planner.email, DEMO.planner.password);
  });
  const ds = (id: number) => `survey-answers/${id}`;
  const counted = async (id: number) => {
    const survey = await findSurvey(env.db, MC, id, { publicOnly: false });
    return (await surveyResults(env.db, MC, survey!)).questions.find((q) => q.key === "q1")!.n;
  };
  const submitted = (id: number) =>
    withTenant(
      env.db,
      MC,
      async (tx) =>
        (
          await tx
            .select()
            .from(surveyResponses)
            .where(and(eq(surveyResponses.surveyId, id), eq(surveyResponses.submitted, true)))
        ).length,
    );
  const audits = (id: number) =>
    withTenant(
      env.db,
      MC,
      async (tx) =>
        (
          (await tx.execute(
            `select action, record_key, after from audit_log where record_key like 'survey-answers/${id}/%' order by id`,
          )) as unknown as { rows: { action: string; record_key: string; after: unknown }[] }
        ).rows,
    );

  it("takes a filled template: forms count, a form drawn for double entry waits, one audit entry", async () => {
    const { id, codes } = await openSurvey(env.as.planner);
    const { twice, once } = doubleEntrySplit(id, codes);
    // Linked from the survey's page for those who may key paper forms, not for a viewer.
    const page = await (await editor.page(`/${MC}/manage/surveys/${id}`)).text();
    expect(page).toContain(`href="/${MC}/manage/spreadsheets/${ds(id)}"`);
    const viewer = await staffOf(t, MC, DEMO.viewer.email, DEMO.viewer.password);
    expect(await (await viewer.page(`/${MC}/manage/surveys/${id}`)).text()).not.toContain(
      `spreadsheets/${ds(id)}`,
    );
    expect((await viewer.page(`/${MC}/manage/spreadsheets/${ds(id)}`)).status).toBe(403);
    const upload = await editor.page(`/${MC}/manage/spreadsheets/${ds(id)}`);
    expect(upload.status).toBe(200);
    expect(await upload.text()).toContain("ひな形を書き出す");

    const template = await downloadSheet(editor, MC, ds(id), "format=xlsx&template=1");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(template) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet("紙の調査票")!;
    expect(ws.getRow(3).values).toEqual([undefined, "回答番号", "問1", "問2", "問3", "問4"]);
    expect(ws.getCell(1, 2).value).toBe("市役所は改善・改革に取り組んでいると感じますか（必須）");
    expect(String(ws.getCell(2, 4).value)).toContain("問1で 4・5 と答えた人だけ");
    expect(wb.getWorksheet("_版")!.state).toBe("veryHidden");

    const before = await counted(id);
    const file = await filled(template, [
      [once[0]!, 1, "1;2", null, 12],
      // Lower case without dashes; a choice by its wording; the follow-up asked.
      [once[1]!.toLowerCase().replace(/-/g, ""), "そう思わない", "支所", "窓口が遠い", "３"],
      [once[2]!, 3, null, null, null],
      [twice[0]!, 4, null, "説明が分かりにくい", 4],
    ]);
    const preview = await uploadSheet(t, editor, MC, ds(id), file, "紙の調査票.xlsx");
    const html = await preview.text();
    expect(preview.status, plain(html).slice(0, 3000)).toBe(200);
    expect(plain(html)).toContain("変更のある行: 4");
    expect(plain(html)).toContain("一回目の入力（二重入力の対象。別の人の二回目の入力を待ちます）");
    expect(html).not.toContain("窓口が遠い");
    expect(await submitted(id)).toBe(0);
    const applied = await confirmSheet(editor, MC, ds(id), html);
    expect(applied.status).toBe(303);
    expect(applied.headers.get("location")).toContain(`/manage/spreadsheets/${ds(id)}/result`);
    const result = await (await editor.page(applied.headers.get("location")!)).text();
    expect(result).toContain(`href="/${MC}/manage/surveys/${id}"`);

    // Three forms count at once; the one drawn for double entry waits for a second keying.
    expect(await counted(id)).toBe(before + 3);
    const rows = await withTenant(env.db, MC, (tx) =>
      tx.select().from(surveyResponses).where(eq(surveyResponses.surveyId, id)),
    );
    const byCode = new Map(rows.map((r) => [r.code, r]));
    expect(byCode.get(once[0]!)).toMatchObject({
      submitted: true,
      channel: "paper",
      answers: { q1: "5", q2: ["a", "b"], q4: 12 },
    });
    expect(byCode.get(once[1]!)!.answers).toEqual({
      q1: "1",
      q2: ["b"],
      q3: "窓口が遠い",
      q4: 3,
    });
    const [entry] = await withTenant(env.db, MC, (tx) =>
      tx
        .select()
        .from(surveyDoubleEntries)
        .where(eq(surveyDoubleEntries.responseId, byCode.get(twice[0]!)!.id)),
    );
    expect(entry).toMatchObject({ firstKeyedBy: env.as.editor.who.userId, resolved: false });
    const logged = await audits(id);
    expect(logged.map((a) => a.action)).toEqual(["spreadsheet.import"]);
    expect(JSON.stringify(logged[0]!.after)).not.toContain("窓口が遠い");

    // The same person cannot be the second keying; another person's upload completes it.
    const again = await filled(template, [[twice[0]!, 4, null, "説明が分かりにくい", 4]]);
    const same = await uploadSheet(t, editor, MC, ds(id), again, "again.xlsx");
    expect(same.status).toBe(422);
    expect(plain(await same.text())).toContain(
      `紙の調査票 の 4 行目『回答番号』列: 回答番号「${twice[0]}」: この調査票は二重入力の対象です。二回目の入力は、一回目を入力した人とは別の人がしてください`,
    );
    const second = await uploadSheet(t, planner, MC, ds(id), again, "again.xlsx");
    const secondHtml = await second.text();
    expect(plain(secondHtml)).toContain("二回目の入力（一回目と一致。集計に入ります）");
    expect((await confirmSheet(planner, MC, ds(id), secondHtml)).status).toBe(303);
    expect(await counted(id)).toBe(before + 4);

    // A form keyed by hand first, uploaded second with a difference: it waits for the third look.
    const handKeyed = await actions.enterPaperAnswers(env.as.editor, {
      surveyId: id,
      code: twice[1]!,
      fields: { q1: ["4"] },
    });
    expect(handKeyed).toMatchObject({ status: "saved", value: { keying: "first" } });
    const differ = await filled(template, [[twice[1]!, 3, null, null, null]]);
    const third = await uploadSheet(t, planner, MC, ds(id), differ, "differ.xlsx");
    const thirdHtml = await third.text();
    expect(plain(thirdHtml)).toContain("二回目の入力（一回目と 1 問が食い違います");
    expect((await confirmSheet(planner, MC, ds(id), thirdHtml)).status).toBe(303);
    expect(await counted(id)).toBe(before + 4);
    const de = await (await planner.page(`/${MC}/manage/surveys/${id}/double-entry`)).text();
    expect(de).toContain(twice[1]!);
    expect((await audits(id)).map((a) => a.action)).toHaveLength(3);
  });

  it("refuses a file with any bad cell, naming each, and writes nothing", async () => {
    const { id, codes } = await openSurvey(env.as.planner);
    const { once } = doubleEntrySplit(id, codes);
    const template = await downloadSheet(editor, MC, ds(id), "format=xlsx&template=1");
    // once[0] answered on the web already.
    await actions.enterPaperAnswers(env.as.editor, {
      surveyId: id,
      code: once[0]!,
      fields: { q1: ["5"] },
    });
    const before = await submitted(id);
    const file = await filled(template, [
      [once[0]!, 1, null, null, null], // row 4: answered already
      ["ZZZZ-ZZZZ-ZZZZ", 1, null, null, null], // row 5: unknown code
      [once[1]!, 6, null, null, null], // row 6: no option 6
      [once[2]!, "はい", "1;3", null, null], // row 7: not an option (both)
      [once[3]!, null, null, null, 3], // row 8: required question empty
      [once[4]!, 1, null, "とくになし", null], // row 9: follow-up not asked
      [once[5]!, 2, null, null, 400], // row 10: out of range
      [once[6]!, 2, "1", null, null], // row 11: fine
      [once[6]!.toLowerCase(), 2, null, null, null], // row 12: the same code again
      [once[7]!, "1;2", null, null, null], // row 13: two choices for one
    ]);
    const res = await uploadSheet(t, editor, MC, ds(id), file, "bad.xlsx");
    expect(res.status).toBe(422);
    const text = plain(await res.text());
    const at = (row: number, column: string) => `紙の調査票 の ${row} 行目『${column}』列: `;
    for (const line of [
      `${at(4, "回答番号")}回答番号「${once[0]}」: この回答番号では、もう回答が送られています`,
      `${at(5, "回答番号")}回答番号「ZZZZ-ZZZZ-ZZZZ」はこの調査の回答番号にありません`,
      `${at(6, "問1")}問1: 選択肢の番号は 1〜5 です（「6」）`,
      `${at(7, "問1")}問1: 選択肢にない回答です（「はい」）。1〜5 の番号か、選択肢の文を入力してください`,
      `${at(7, "問2")}問2: 選択肢の番号は 1〜2 です（「3」）`,
      `${at(8, "問1")}問1 市役所は改善・改革に取り組んでいると感じますか: 回答してください`,
      `${at(9, "問3")}問3は、問1で 4・5 と答えた人だけに聞く問です。この行の答えでは聞かないため、空欄にしてください（「とくになし」）`,
      `${at(10, "問4")}問4 市役所に来た回数（この1年）: 365以下で書いてください`,
      `${at(12, "回答番号")}回答番号「${once[6]!.toLowerCase()}」が 11 行目と重複しています`,
      `${at(13, "問1")}問1は一つだけ選ぶ問です（「1;2」）`,
    ])
      expect(text).toContain(line);
    expect(text).toContain("ファイルに誤りが 10 件あります");
    expect(text).not.toContain("この内容で確定する");
    // Applying the same file anyway (by its preview's digest) is refused whole.
    const dataset = await resolveDataset(env.db, MC, ds(id));
    const up = { fileName: "bad.xlsx", bytes: file, format: "auto" as const };
    const preview = await previewImport(env.db, MC, dataset, up, env.as.editor.who);
    await expect(
      applyImport(env.db, MC, dataset, up, env.as.editor.who, env.as.editor.actor, {
        sha256: preview.sha256,
        digest: preview.digest,
        reason: null,
      }),
    ).rejects.toThrow("ファイルに誤りが 10 件あります。何も変更していません");
    expect(await submitted(id)).toBe(before);
    expect(await audits(id)).toEqual([]);

    // A form keyed by hand after the preview: applying checks again and refuses the whole file.
    const good = await filled(template, [
      [once[8]!, 1, null, null, null],
      [once[9]!, 2, null, null, null],
    ]);
    const goodUp = { fileName: "good.xlsx", bytes: good, format: "auto" as const };
    const checked = await previewImport(env.db, MC, dataset, goodUp, env.as.editor.who);
    expect(checked.errors).toEqual([]);
    await actions.enterPaperAnswers(env.as.planner, {
      surveyId: id,
      code: once[9]!,
      fields: { q1: ["3"] },
    });
    await expect(
      applyImport(env.db, MC, dataset, goodUp, env.as.editor.who, env.as.editor.actor, {
        sha256: checked.sha256,
        digest: checked.digest,
        reason: null,
      }),
    ).rejects.toThrow("ファイルに誤りが 1 件あります。何も変更していません");
    expect(await submitted(id)).toBe(before + 1);
    expect(await audits(id)).toEqual([]);

    // A template of another survey is refused as such; a draft survey takes no file.
    const other = await openSurvey(env.as.planner);
    const foreign = await uploadSheet(t, editor, MC, ds(other.id), file, "bad.xlsx");
    expect(plain(await foreign.text())).toContain(
      `このファイルは別の「紙の調査票の回答」のひな形です（${ds(id)}）`,
    );
    expect((await editor.page(`/${MC}/manage/spreadsheets/survey-answers/999999`)).status).toBe(
      404,
    );
    expect(
      (await editor.page(`/${MC}/manage/spreadsheets/survey-answers/999999/export?format=xlsx`))
        .status,
    ).toBe(404);
    const draft = await draftSurvey(env.as.planner);
    expect((await editor.page(`/${MC}/manage/spreadsheets/${ds(draft)}`)).status).toBe(409);
  });

  it("refuses to publish results while paper forms wait for double-entry settlement", async () => {
    const { id, codes } = await openSurvey(env.as.planner);
    const { twice } = doubleEntrySplit(id, codes);
    for (const code of twice.slice(0, 2))
      await actions.enterPaperAnswers(env.as.editor, { surveyId: id, code, fields: { q1: ["5"] } });
    await actions.setSurveyStatus(env.as.planner, { id, version: 4, status: "closed" });
    const refused = await actions.publishResults(env.as.planner, {
      id,
      version: 5,
      published: true,
    });
    expect(refused).toMatchObject({
      status: "invalid",
      message: expect.stringContaining("紙の調査票 2枚が二重入力の照合を待っています"),
    });
    const res = await planner.post(`/${MC}/manage/surveys/${id}/publish`, {
      version: "5",
      published: "yes",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(plain(html)).toContain("紙の調査票 2枚が二重入力の照合を待っています");
    expect(html).toContain(`href="/${MC}/manage/surveys/${id}/double-entry"`);
    const survey = await findSurvey(env.db, MC, id, { publicOnly: false });
    expect(survey!.resultsPublished).toBe(false);
    // Once both are keyed again (the survey closed: second keyings are still taken), it publishes.
    for (const code of twice.slice(0, 2))
      expect(
        (
          await actions.enterPaperAnswers(env.as.planner, {
            surveyId: id,
            code,
            fields: { q1: ["5"] },
          })
        ).status,
      ).toBe("saved");
    const now = await findSurvey(env.db, MC, id, { publicOnly: false });
    expect(
      (
        await actions.publishResults(env.as.planner, {
          id,
          version: now!.version,
          published: true,
        })
      ).status,
    ).toBe("saved");
  });
});
