import { readFile } from "node:fs/promises";
import path from "node:path";
import { and, asc, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { beforeAll, describe, expect, it } from "vitest";
import { toCsv } from "../../src/core/csv.ts";
import { withTenant } from "../../src/core/db/tenant.ts";
import { recordDrafts } from "../../src/core/record-drafts-schema.ts";
import { indicatorSections, indicators } from "../../src/indicators/schema.ts";
import { parseCsv } from "../../src/spreadsheets/files.ts";
import { describeEachBackend, type TestContext } from "../support/app.ts";
import { shisakuOnDemoCopy } from "../support/cli.ts";
import {
  confirmSheet,
  downloadSheet,
  plain,
  uploadSheet,
  utf8,
  withBom,
} from "../support/spreadsheets.ts";
import { demoPlannerAndEditor, type staffOf } from "../support/staff.ts";

const MC = "082058";
/** 仕事にやりがいを持つ市職員の割合: target 「基準値より 増」, no target value. */
const OWN = "GZ-1-O1";
/** 職員提案の提案数: target 30 件 or more (目標値以上). */
const COUNT = "GZ-1-R1";
const SHEET = "指標の定義";

type Staff = Awaited<ReturnType<typeof staffOf>>;

async function dump(t: TestContext) {
  return withTenant(t.database.db, MC, async (tx) => ({
    indicators: await tx
      .select()
      .from(indicators)
      .where(eq(indicators.municipalityCode, MC))
      .orderBy(asc(indicators.id)),
    sections: await tx
      .select()
      .from(indicatorSections)
      .where(eq(indicatorSections.municipalityCode, MC))
      .orderBy(asc(indicatorSections.indicatorId), asc(indicatorSections.position)),
    drafts: await tx
      .select()
      .from(recordDrafts)
      .where(eq(recordDrafts.municipalityCode, MC))
      .orderBy(asc(recordDrafts.id)),
  }));
}

async function draftOf(t: TestContext, code: string) {
  return withTenant(t.database.db, MC, async (tx) => {
    const [row] = await tx
      .select()
      .from(recordDrafts)
      .where(
        and(
          eq(recordDrafts.municipalityCode, MC),
          eq(recordDrafts.recordType, "indicator"),
          eq(recordDrafts.recordKey, code),
        ),
      );
    return row?.fields as
      | { target: { value: number | null; text: string }; unit: string }
      | undefined;
  });
}

const download = (s: Staff, query: string) => downloadSheet(s, MC, "indicators", query);

const upload = (t: TestContext, s: Staff, bytes: Uint8Array, name: string, format = "auto") =>
  uploadSheet(t, s, MC, "indicators", bytes, name, format);

/** Posts the preview page's confirmation form back, as the browser would. */
const confirm = (s: Staff, html: string) => confirmSheet(s, MC, "indicators", html);

async function publicIndicator(t: TestContext, code: string) {
  const { body } = await t.json(`/api/v1/municipalities/${MC}/indicators/${code}`);
  return body as { unit: string; target: { value: number | null; text: string } };
}

async function publishAll(s: Staff) {
  const page = await (await s.page(`/${MC}/manage/publish`)).text();
  const form = new URLSearchParams();
  for (const m of page.matchAll(/name="(draft|definition)" value="(\d+:\d+)"/g))
    form.append(m[1]!, m[2]!);
  return s.post(`/${MC}/manage/publish`, form);
}

/** The CSV with one cell replaced (by indicator code and header); `row` as Excel shows it. */
function editCsv(text: string, code: string, header: string, value: string) {
  const records = parseCsv(text).filter((r) => r.some((c) => c !== ""));
  const [headers, ...rows] = records;
  const col = headers!.indexOf(header);
  expect(col).toBeGreaterThan(0);
  const at = rows.findIndex((r) => r[0] === code);
  expect(at).toBeGreaterThanOrEqual(0);
  rows[at]![col] = value;
  return { text: toCsv(headers!, rows), row: at + 2 };
}

async function editXlsx(bytes: Uint8Array, code: string, header: string, value: ExcelJS.CellValue) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet(SHEET)!;
  let col = 0;
  ws.getRow(1).eachCell((c, n) => {
    if (c.value === header) col = n;
  });
  expect(col).toBeGreaterThan(1);
  let row = 0;
  ws.eachRow((r, n) => {
    if (r.getCell(1).value === code) row = n;
  });
  expect(row).toBeGreaterThan(1);
  ws.getCell(row, col).value = value;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/** The preview's table of changes: [row, indicator, column, before, after]. */
const changesIn = (html: string) =>
  [
    ...html.matchAll(
      /<tr><td>(\d+)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)/g,
    ),
  ].map((m) => m.slice(1, 6));

describeEachBackend("spreadsheets of indicator definitions", (t) => {
  let planner: Staff;
  let editor: Staff;

  beforeAll(async () => {
    ({ planner, editor } = await demoPlannerAndEditor(t, MC));
  });

  it("is offered on the staff page and exports an xlsx with a list of target forms", async () => {
    const page = await (await planner.page(`/${MC}/manage/spreadsheets`)).text();
    expect(page).toContain(`/${MC}/manage/spreadsheets/indicators/export`);
    expect(page).toContain("指標の定義");
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      Buffer.from(await download(planner, "format=xlsx")) as unknown as ExcelJS.Buffer,
    );
    expect(wb.worksheets.map((w) => w.name)).toEqual([SHEET, "記入のしかた", "コード一覧", "_版"]);
    const ws = wb.getWorksheet(SHEET)!;
    expect(ws.getRow(1).values).toEqual([
      undefined,
      "指標コード",
      "指標名",
      "種類",
      "単位",
      "指標の定義・説明",
      "基準値（表記）",
      "基準値",
      "基準年度",
      "目標の形式",
      "目標値（表記）",
      "目標値",
      "目標年度",
      "中間目標（1行に「年度, 数値, 表記」）",
      expect.stringMatching(/^値の種類（各年度の値＝その年度の値を入力します／累計/),
      "年の数え方",
      "出典（資料名）",
      "出典（ページ）",
      "出典（URL）",
      "担当課",
      "注記",
    ]);
    const validation = ws.getCell(2, 9).dataValidation;
    expect(validation.type).toBe("list");
    expect(validation.formulae[0]).toContain("目標値以上");
    let row = 0;
    ws.eachRow((r, n) => {
      if (r.getCell(1).value === OWN) row = n;
    });
    expect(ws.getCell(row, 8).value).toBe("令和3年度");
    expect(ws.getCell(row, 9).value).toBe("基準値より増");
  });

  it("says 変更なし for an unchanged upload of every format, and changes nothing", async () => {
    const before = await dump(t);
    for (const [format, name] of [
      ["xlsx", "d.xlsx"],
      ["csv", "d.csv"],
      ["csv-sjis", "d-sjis.csv"],
    ] as const) {
      const res = await upload(t, planner, await download(planner, `format=${format}`), name);
      const html = await res.text();
      expect(res.status, `${format}: ${plain(html).slice(0, 2000)}`).toBe(200);
      expect(html).toContain("変更なし");
      expect(html).not.toContain("この内容で確定する");
    }
    expect(await dump(t)).toEqual(before);
  });

  it("imports one edited cell as a definition draft, public only once published", async () => {
    const old = (await publicIndicator(t, OWN)).target.text;
    const bytes = await editXlsx(
      await download(planner, "format=xlsx"),
      OWN,
      "目標値（表記）",
      "基準値より増加",
    );
    const res = await upload(t, planner, bytes, "edited.xlsx");
    const html = await res.text();
    expect(res.status).toBe(200);
    const changes = changesIn(html);
    expect(changes.map((c) => c.slice(1))).toEqual([
      [`${OWN} 仕事にやりがいを持つ市職員の割合`, "目標値（表記）", old, "基準値より増加"],
    ]);

    const applied = await confirm(planner, html);
    expect(applied.status).toBe(303);
    expect(applied.headers.get("location")).toMatch(
      new RegExp(`^/${MC}/manage/spreadsheets/indicators/result\\?rows=1&cells=1&import=\\d+$`),
    );
    expect((await draftOf(t, OWN))?.target.text).toBe("基準値より増加");
    const review = await (await planner.page(`/${MC}/manage/publish`)).text();
    expect(review).toContain(`指標の定義 ${OWN}`);
    expect((await publicIndicator(t, OWN)).target.text).toBe(old);

    // The same file again: the draft is now the current definition.
    expect(await (await upload(t, planner, bytes, "edited.xlsx")).text()).toContain("変更なし");

    expect((await publishAll(planner)).status).toBe(303);
    expect((await publicIndicator(t, OWN)).target.text).toBe("基準値より増加");
    expect(await draftOf(t, OWN)).toBeUndefined();
  });

  it("checks a changed row with the edit form's rules, naming the row and column", async () => {
    const csv = utf8(await download(planner, "format=csv"));
    const before = await dump(t);
    const blank = editCsv(csv, COUNT, "目標値", "");
    const res = await upload(t, planner, withBom(blank.text), "blank.csv");
    expect(res.status).toBe(422);
    const html = plain(await res.text());
    expect(html).toContain(
      `blank.csv の ${blank.row} 行目『目標値』列: 目標の形式「目標値以上」には目標値（数値）が必要です`,
    );
    expect(html).not.toContain("この内容で確定する");

    const value = editCsv(csv, OWN, "目標値", "60");
    expect(plain(await (await upload(t, planner, withBom(value.text), "v.csv")).text())).toContain(
      `v.csv の ${value.row} 行目『目標値』列: 目標の形式「基準値より増」では目標値（数値）を空にしてください`,
    );
    const form = editCsv(csv, COUNT, "目標の形式", "たくさん");
    expect(plain(await (await upload(t, planner, withBom(form.text), "f.csv")).text())).toContain(
      `f.csv の ${form.row} 行目『目標の形式』列: 「目標値以上」`,
    );
    const section = editCsv(csv, COUNT, "担当課", "存在しない課");
    expect(
      plain(await (await upload(t, planner, withBom(section.text), "s.csv")).text()),
    ).toContain(`s.csv の ${section.row} 行目『担当課』列: 不明な担当課です: 存在しない課`);
    const year = editCsv(csv, COUNT, "目標年度", "平成30年度");
    expect(plain(await (await upload(t, planner, withBom(year.text), "y.csv")).text())).toContain(
      `y.csv の ${year.row} 行目『目標年度』列: 目標年度（平成30年度（2018））が基準年度`,
    );
    const kind = editCsv(csv, COUNT, "種類", "政策指標");
    expect(plain(await (await upload(t, planner, withBom(kind.text), "k.csv")).text())).toContain(
      `k.csv の ${kind.row} 行目『種類』列: この列は変更できません`,
    );
    expect(await dump(t)).toEqual(before);
  });

  it("refuses an editor before reading the file, naming the dataset, and changes nothing", async () => {
    const csv = utf8(await download(editor, "format=csv&section=all"));
    const { text } = editCsv(csv, OWN, "単位", "ポイント");
    const before = await dump(t);
    const res = await upload(t, editor, withBom(text), "editor.csv");
    expect(res.status).toBe(403);
    const html = plain(await res.text());
    expect(html).toContain("「指標の定義」を取り込めるのは企画担当（planner）以上の役割の方です");
    expect(html).not.toContain("この内容で確定する");
    // Forcing the apply is refused too.
    const forced = await upload(t, planner, withBom(text), "editor.csv");
    const refused = await confirm(editor, await forced.text());
    expect(refused.status).toBeGreaterThanOrEqual(400);
    expect(await dump(t)).toEqual(before);
  });

  it("round-trips a Shift_JIS CSV edited by hand: section names, years, numbers with units", async () => {
    const sjis = await download(planner, "format=csv-sjis");
    const text = iconv.decode(Buffer.from(sjis), "cp932");
    let edited = editCsv(text, COUNT, "目標値", "３５件");
    edited = editCsv(edited.text, COUNT, "目標年度", "R9");
    const bytes = new Uint8Array(iconv.encode(edited.text, "cp932"));
    const res = await upload(t, planner, bytes, "sjis.csv");
    const html = await res.text();
    expect(res.status, plain(html).slice(0, 2000)).toBe(200);
    expect(changesIn(html).map((c) => [c[0], c[2], c[3], c[4]])).toEqual([
      [String(edited.row), "目標値", "30件", "35件"],
      [String(edited.row), "目標年度", "令和5年度", "令和9年度"],
    ]);
    expect((await confirm(planner, html)).status).toBe(303);
    expect((await draftOf(t, COUNT))?.target.value).toBe(35);
    expect((await publicIndicator(t, COUNT)).target.value).toBe(30);

    // The export with drafts shows the draft; the published one does not.
    const drafts = iconv.decode(Buffer.from(await download(planner, "format=csv-sjis")), "cp932");
    expect(drafts).toContain("令和9年度");
    const published = utf8(await download(planner, "format=csv&drafts=0"));
    expect(parseCsv(published).find((r) => r[0] === COUNT)).toContain("令和5年度");
    // And reads back unchanged.
    const again = await upload(t, planner, new Uint8Array(iconv.encode(drafts, "cp932")), "a.csv");
    expect(await again.text()).toContain("変更なし");
  });
});

describe("shisaku export / import indicators", () => {
  const cli = shisakuOnDemoCopy("shisaku-definitions");
  const shisaku = cli.run;

  it("lists the dataset, exports it and reads the export back unchanged", async () => {
    const help = await shisaku("export", "--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("indicators");
    expect(help.stdout).toContain("指標の定義");
    const file = path.join(cli.dataDir, "d.xlsx");
    const out = await shisaku("export", "indicators", "--municipality", MC, "--out", file);
    expect(out.code, out.stderr).toBe(0);
    expect((await readFile(file)).subarray(0, 2).toString()).toBe("PK");
    const same = await shisaku("import", "indicators", file, "--municipality", MC, "--dry-run");
    expect(same.code, same.stderr).toBe(0);
    expect(same.stdout).toContain("変更なし");
  }, 120_000);
});
