/**
 * A milestone target (「設置」) through the actuals spreadsheet, as an editor of a plan that is not
 * Ishioka's would do it (test/fixtures/plans/sample-b, サンプル町B): export the xlsx, read in its
 * columns what to enter for each indicator, type 「設置」 in a year and that year in 『達成した年度』,
 * upload, apply; a planner publishes; the public page and API show the words and 達成. The same
 * through CSV. And a plan that prints words for a numeric indicator (小矢部市's 「なし」) exports
 * a file that reads back unchanged.
 */
import path from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, expect, it } from "vitest";
import { addUser } from "../../src/accounts/actions.ts";
import type { Principal } from "../../src/accounts/rules.ts";
import { toCsv } from "../../src/core/csv.ts";
import { importPlans } from "../../src/plan/plan-import.ts";
import { parseCsv } from "../../src/spreadsheets/files.ts";
import { datasetNamed, exportDataset, previewImport } from "../../src/spreadsheets/import.ts";
import { describeError } from "../../src/spreadsheets/table.ts";
import { describeEachBackend } from "../support/app.ts";
import { indicatorJson, MC, PLANS, publishAll, sampleBWithStaff } from "../support/milestones.ts";
import { confirmSheet, downloadSheet, uploadSheet, utf8 } from "../support/spreadsheets.ts";
import { staffOf } from "../support/staff.ts";

/** 防災倉庫（サンプル）: target 「設置」, the somu section's. */
const DEPOT = "B-1-3";
/** 放課後子ども教室の実施校（サンプル）: target 「小学1～6年生21校」, the kyoiku section's. */
const CLASSES = "B-2-1";
/** 駅前駐車場の整備台数（サンプル）: a number each year. */
const PARKING = "B-1-1";
const PASSWORD = "milestone-sheet-password";
const ENTRY = "入力する値";
const DONE = "達成した年度（文字の目標のみ）";

type Staff = Awaited<ReturnType<typeof staffOf>>;

describeEachBackend("a milestone entered through the actuals spreadsheet", (t) => {
  let editor: Staff;
  let planner: Staff;

  beforeAll(async () => {
    ({ editor, planner } = await sampleBWithStaff(t, PASSWORD));
    await importPlans(t.database.db, path.join(PLANS, "oyabe"));
  });

  const uploadAndApply = async (s: Staff, bytes: Uint8Array, name: string) => {
    const preview = await uploadSheet(t, s, MC, "actuals", bytes, name);
    const html = await preview.text();
    expect(preview.status, html).toBe(200);
    expect(html).toContain("この内容で確定する");
    const applied = await confirmSheet(s, MC, "actuals", html, { reason: "" });
    expect(applied.status).toBe(303);
    return html;
  };

  it("xlsx: the columns say what to enter; 「設置」 with 達成した年度 becomes 達成 once published", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      Buffer.from(await downloadSheet(editor, MC, "actuals", "format=xlsx")) as never,
    );
    const ws = wb.getWorksheet("実績値")!;
    const headers = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    expect(headers.slice(0, 5)).toEqual(["指標コード", "指標名", "単位", ENTRY, DONE]);
    const col = (h: string) => headers.indexOf(h) + 1;
    const rowOf = (code: string) => {
      let found = 0;
      ws.eachRow((r, n) => {
        if (r.getCell(1).value === code) found = n;
      });
      expect(found, code).toBeGreaterThan(1);
      return found;
    };
    const entry = (code: string) => String(ws.getCell(rowOf(code), col(ENTRY)).value);
    expect(entry(DEPOT)).toBe(
      `文字で入力します（目標「設置」。達成したら『${DONE}』列にその年度を入力します）`,
    );
    expect(entry(PARKING)).toBe("その年度の値を入力します");
    // 地域防災計画: 策定 in 2018, marked done in the plan.
    expect(ws.getCell(rowOf("B-1-2"), col(DONE)).value).toBe("平成30年度");
    expect(ws.getCell(rowOf(DEPOT), col(DONE)).value).toBeNull();
    const howTo = wb.getWorksheet("記入のしかた")!;
    const instructions: string[] = [];
    howTo.eachRow((r) => instructions.push(String(r.getCell(1).value)));
    expect(instructions.join("\n")).toContain("その年度末までの累計を入力します");
    expect(instructions.join("\n")).toContain(`『${DONE}』: 入力できます。`);

    ws.getCell(rowOf(DEPOT), col("令和2年度")).value = "設置";
    ws.getCell(rowOf(DEPOT), col(DONE)).value = "令和2年度";
    const html = await uploadAndApply(
      editor,
      new Uint8Array(await wb.xlsx.writeBuffer()),
      "milestone.xlsx",
    );
    expect(html).toContain("令和2年度");
    expect(html).toContain("設置");
    expect((await indicatorJson(t, DEPOT)).statusCode).toBe("in_progress");

    await publishAll(planner);
    const json = await indicatorJson(t, DEPOT);
    expect(json.statusCode).toBe("achieved");
    expect(json.statusReason).toBe("目標「設置」に対し「設置」（達成）");
    expect(
      (json.actuals as { fiscalYear: number }[]).find((a) => a.fiscalYear === 2020),
    ).toMatchObject({ value: null, text: "設置", done: true });
    const page = await t.text(`/${MC}/indicators/${DEPOT}`);
    expect(page.body).toContain("目標「設置」に対し「設置」（達成）");

    // Exported again, the file says so and reads back unchanged.
    const again = await downloadSheet(editor, MC, "actuals", "format=csv");
    expect(utf8(again)).toMatch(new RegExp(`${DEPOT},[^\\r\\n]*,令和2年度,`));
    const unchanged = await (await uploadSheet(t, editor, MC, "actuals", again, "a.csv")).text();
    expect(unchanged).toContain("変更なし");
  });

  it("CSV: words and 達成した年度 typed in a CSV, refused for a numeric indicator", async () => {
    const text = utf8(await downloadSheet(planner, MC, "actuals", "format=csv&section=all"));
    const [headers, ...rows] = parseCsv(text).filter((r) => r.some((c) => c !== ""));
    const set = (code: string, header: string, value: string) => {
      rows.find((r) => r[0] === code)![headers!.indexOf(header)] = value;
    };
    const bytes = () =>
      new Uint8Array(
        Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(toCsv(headers!, rows))]),
      );
    set(PARKING, DONE, "令和2年度");
    const refused = await (await uploadSheet(t, planner, MC, "actuals", bytes(), "a.csv")).text();
    expect(refused).toContain(
      `指標 ${PARKING} は数値の指標です。『${DONE}』は目標が「設置」「策定」のような達成か否かの指標にだけ入力します`,
    );
    set(PARKING, DONE, "");
    set(CLASSES, "令和2年度", "小学1～6年生21校");
    set(CLASSES, DONE, "2020年度");
    await uploadAndApply(planner, bytes(), "a.csv");
    await publishAll(planner);
    const json = await indicatorJson(t, CLASSES);
    expect(json.statusCode).toBe("achieved");
    expect(json.status).toBe("達成");
    expect(
      (json.actuals as { fiscalYear: number }[]).find((a) => a.fiscalYear === 2020),
    ).toMatchObject({ text: "小学1～6年生21校", done: true });
    const html = (await t.text(`/${MC}/indicators/${CLASSES}`)).body;
    expect(html).toContain("目標「小学1～6年生21校」に対し「小学1～6年生21校」（達成）");
  });

  it("the entry form names a calendar-year indicator's years as years, not fiscal years", async () => {
    await addUser(t.database.db, {
      municipality: "162094",
      email: "planner@oyabe.invalid",
      role: "planner",
      password: PASSWORD,
    });
    const oyabe = await staffOf(t, "162094", "planner@oyabe.invalid", PASSWORD);
    // 図書館入館者数: counted by calendar year (平成12年～平成15年).
    const html = await (await oyabe.page("/162094/manage/indicators/OY-11302-1?fy=2003")).text();
    const text = html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
    expect(text).toContain("2003年（平成15年）の実績値");
    expect(text).toContain("年 公開中の値 下書き 操作");
    expect(text).toMatch(/2002年 117,857人/);
    expect(text).not.toContain("平成14年度");
  });

  it("a numeric indicator whose plan printed 「なし」 exports a file that reads back unchanged", async () => {
    const who: Principal = { userId: 0, email: "cli", role: "planner", sectionCodes: [] };
    const actuals = datasetNamed("actuals");
    for (const format of ["xlsx", "csv"] as const) {
      const bytes = await exportDataset(t.database.db, "162094", actuals, format, {
        drafts: true,
      });
      const read = await previewImport(
        t.database.db,
        "162094",
        actuals,
        { fileName: `oyabe.${format}`, bytes, format },
        who,
      );
      expect(read.errors.map(describeError), format).toEqual([]);
      expect(read.changes, format).toEqual([]);
    }
  });
});
