import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { asc, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { withTenant } from "../../src/core/db/tenant.ts";
import { shortFiscalYearLabel } from "../../src/core/fiscal-year.ts";
import { reportingYear } from "../../src/core/reporting-years.ts";
import { actualDrafts, indicatorActuals } from "../../src/indicators/schema.ts";
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
/** 仕事にやりがいを持つ市職員の割合 (%): the demo editor's section reports it. */
const OWN = "GZ-1-O1";
/** 職員提案の提案数 (件), also measure 1. */
const COUNT = "GZ-1-R1";
/** 政策企画課 only: not the demo editor's. */
const OTHER = "GZ-3-O1";
const FY = reportingYear();
const YEAR = shortFiscalYearLabel(FY);

type Staff = Awaited<ReturnType<typeof staffOf>>;

async function dump(t: TestContext) {
  return withTenant(t.database.db, MC, async (tx) => ({
    actuals: await tx
      .select()
      .from(indicatorActuals)
      .where(eq(indicatorActuals.municipalityCode, MC))
      .orderBy(asc(indicatorActuals.id)),
    drafts: await tx
      .select()
      .from(actualDrafts)
      .where(eq(actualDrafts.municipalityCode, MC))
      .orderBy(asc(actualDrafts.id)),
  }));
}

const download = (s: Staff, query: string) => downloadSheet(s, MC, "actuals", query);

const upload = (t: TestContext, s: Staff, bytes: Uint8Array, name: string, format = "auto") =>
  uploadSheet(t, s, MC, "actuals", bytes, name, format);

/** Posts the preview page's confirmation form back, as the browser would. */
const confirm = (s: Staff, html: string, reason = "集計を見直したため") =>
  confirmSheet(s, MC, "actuals", html, { reason });

async function publicValue(t: TestContext, code: string, fy: number) {
  const { body } = await t.json(`/api/v1/municipalities/${MC}/indicators/${code}`);
  return (body.actuals as { fiscalYear: number; value: number | null }[]).find(
    (a) => a.fiscalYear === fy,
  )?.value;
}

async function publishAll(s: Staff) {
  const page = await (await s.page(`/${MC}/manage/publish`)).text();
  const form = new URLSearchParams();
  for (const m of page.matchAll(/name="draft" value="(\d+:\d+)"/g)) form.append("draft", m[1]!);
  return s.post(`/${MC}/manage/publish`, form);
}

/** The CSV with one cell replaced (by indicator code and header). */
function editCsv(text: string, code: string, header: string, value: string) {
  const lines = text.split("\r\n");
  const headers = lines[0]!.split(",");
  const col = headers.indexOf(header);
  expect(col).toBeGreaterThan(0);
  const at = lines.findIndex((l) => l.startsWith(`${code},`));
  expect(at).toBeGreaterThan(0);
  // Names contain no commas in the demo; cells are plain.
  const cells = lines[at]!.split(",");
  cells[col] = value;
  lines[at] = cells.join(",");
  return { text: lines.join("\r\n"), row: at + 1 };
}

async function editXlsx(bytes: Uint8Array, edit: (ws: ExcelJS.Worksheet, col: number) => void) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet("実績値")!;
  let col = 0;
  ws.getRow(1).eachCell((c, n) => {
    if (c.value === YEAR) col = n;
  });
  expect(col).toBeGreaterThan(3);
  edit(ws, col);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const rowOf = (ws: ExcelJS.Worksheet, code: string) => {
  let found = 0;
  ws.eachRow((r, n) => {
    if (r.getCell(1).value === code) found = n;
  });
  expect(found).toBeGreaterThan(1);
  return found;
};

describeEachBackend("spreadsheets of actuals", (t) => {
  let planner: Staff;
  let editor: Staff;

  beforeAll(async () => {
    ({ planner, editor } = await demoPlannerAndEditor(t, MC));
  });

  it("links the page from the staff home and offers every format", async () => {
    expect(await (await planner.page(`/${MC}/manage/`)).text()).toContain(
      `/${MC}/manage/spreadsheets`,
    );
    const html = await (await planner.page(`/${MC}/manage/spreadsheets`)).text();
    expect(html).toContain('enctype="multipart/form-data"');
    expect(html).toContain('value="csv-sjis"');
  });

  it("exports an xlsx with a frozen header, shaded read-only columns and Japanese help", async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(
      Buffer.from(await download(planner, "format=xlsx")) as unknown as ExcelJS.Buffer,
    );
    expect(wb.worksheets.map((w) => w.name)).toEqual([
      "実績値",
      "記入のしかた",
      "コード一覧",
      "_版",
    ]);
    // The versions the rows were exported at, out of sight (spreadsheet-conflicts.test.ts).
    expect(wb.getWorksheet("_版")!.state).toBe("veryHidden");
    const ws = wb.getWorksheet("実績値")!;
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.getRow(1).values).toContain(YEAR);
    expect(ws.getRow(1).getCell(1).value).toBe("指標コード");
    expect((ws.getCell(2, 2).fill as ExcelJS.FillPattern).fgColor?.argb).toBe("FFEDEDED");
  });

  it("exports an editor's own sections by default", async () => {
    const mine = utf8(await download(editor, "format=csv"));
    expect(mine).toContain(`${OWN},`);
    expect(mine).not.toContain(`${OTHER},`);
    const all = utf8(await download(editor, "format=csv&section=all"));
    expect(all).toContain(`${OTHER},`);
  });

  it("says 変更なし for an unchanged upload of every format, and changes nothing", async () => {
    const before = await dump(t);
    for (const [format, name] of [
      ["xlsx", "a.xlsx"],
      ["csv", "a.csv"],
      ["csv-sjis", "a-sjis.csv"],
    ] as const) {
      const res = await upload(t, planner, await download(planner, `format=${format}`), name);
      const html = await res.text();
      expect(res.status, format).toBe(200);
      expect(html).toContain("変更なし");
      expect(html).not.toContain("この内容で確定する");
    }
    expect(await dump(t)).toEqual(before);
  });

  it("imports one edited cell as a draft that the public sees only once published", async () => {
    const before = await publicValue(t, OWN, FY);
    const bytes = await editXlsx(await download(planner, "format=xlsx"), (ws, col) => {
      ws.getCell(rowOf(ws, OWN), col).value = 61.5;
    });
    const res = await upload(t, planner, bytes, "edited.xlsx");
    const html = await res.text();
    expect(res.status).toBe(200);
    const rows = [...html.matchAll(/<tr><td>(\d+)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td>/g)];
    expect(rows.map((r) => [r[2], r[3]])).toEqual([
      [`${OWN} 仕事にやりがいを持つ市職員の割合`, YEAR],
    ]);
    expect(html).toContain("61.5%");

    const applied = await confirm(planner, html);
    expect(applied.status).toBe(303);
    expect(applied.headers.get("location")).toMatch(
      new RegExp(`^/${MC}/manage/spreadsheets/actuals/result\\?rows=1&cells=1&import=\\d+$`),
    );
    const drafts = (await dump(t)).drafts;
    expect(drafts.map((d) => [d.fiscalYear, d.value])).toEqual([[FY, 61.5]]);
    expect(await publicValue(t, OWN, FY)).toBe(before);

    // The same file again: the draft is now the current value, so nothing changes.
    const again = await (await upload(t, planner, bytes, "edited.xlsx")).text();
    expect(again).toContain("変更なし");

    expect((await publishAll(planner)).status).toBe(303);
    expect(await publicValue(t, OWN, FY)).toBe(61.5);
  });

  it("refuses a file whose previewed content changed before applying", async () => {
    const bytes = await editXlsx(await download(planner, "format=xlsx"), (ws, col) => {
      ws.getCell(rowOf(ws, OWN), col).value = 70;
    });
    const html = await (await upload(t, planner, bytes, "x.xlsx")).text();
    const tampered = html.replace(/name="sha256" value="[^"]*"/, 'name="sha256" value="00"');
    const before = await dump(t);
    const res = await confirm(planner, tampered);
    expect(res.status).toBe(409);
    expect(plain(await res.text())).toContain("確認したファイルと違うファイルが送られました");
    expect(await dump(t)).toEqual(before);
  });

  it("refuses an editor's change to another section's indicator, naming the row", async () => {
    const csv = utf8(await download(planner, "format=csv&section=all"));
    const { text, row } = editCsv(csv, OTHER, YEAR, "7");
    const before = await dump(t);
    const res = await upload(t, editor, withBom(text), "other.csv");
    expect(res.status).toBe(422);
    expect(plain(await res.text())).toContain(
      `other.csv の ${row} 行目『${YEAR}』列: 指標 ${OTHER} の実績値を入力する権限がありません（担当: 政策企画課）`,
    );
    expect(await dump(t)).toEqual(before);
  });

  describe("bad files: a specific message and no change", () => {
    let csv: string;
    let before: Awaited<ReturnType<typeof dump>>;
    beforeAll(async () => {
      csv = utf8(await download(planner, "format=csv&section=all"));
    });

    const refused = async (
      bytes: Uint8Array,
      name: string,
      message: string,
      format = "auto",
      status = 422,
    ) => {
      before = await dump(t);
      const res = await upload(t, planner, bytes, name, format);
      expect(res.status).toBe(status);
      expect(plain(await res.text())).toContain(message);
      expect(await dump(t)).toEqual(before);
    };

    it("corrupt, empty, password-protected, another dataset's", async () => {
      await refused(
        new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5]),
        "broken.xlsx",
        "ファイルが壊れているか、Excel ブック（.xlsx）ではありません",
      );
      await refused(new Uint8Array(), "empty.csv", "ファイルが空です（0 バイト）");
      await refused(
        new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]),
        "locked.xlsx",
        "パスワードで保護された Excel ファイルか、古い形式（.xls）のファイルです",
      );
      await refused(
        withBom("事業コード,事業名\r\nP-1,テスト\r\n"),
        "programs.csv",
        "「実績値」のファイルではありません（見出しの行に『指標コード』がありません）",
      );
      await refused(
        withBom("\r\n,,\r\n"),
        "blank.csv",
        "ファイルが空です（blank.csv に入力された行がありません）",
      );
    });

    it("a CSV in the wrong encoding", async () => {
      const sjis = iconv.encode(csv, "cp932");
      await refused(
        new Uint8Array(sjis),
        "sjis.csv",
        "UTF-8 として読めません。Shift_JIS で保存されたファイルのようです",
        "csv",
      );
      await refused(
        withBom(csv),
        "utf8.csv",
        "Shift_JIS として読めません。UTF-8 で保存されたファイルのようです",
        "csv-sjis",
      );
      // Detected without a choice, and by hand without a BOM.
      const auto = await upload(t, planner, new Uint8Array(sjis), "sjis.csv");
      expect(await auto.text()).toContain("変更なし");
      const noBom = await upload(t, planner, new Uint8Array(Buffer.from(csv, "utf8")), "x.csv");
      expect(await noBom.text()).toContain("変更なし");
    });

    it("numbers a clerk types: accepted forms and the ambiguous ones", async () => {
      const minus = editCsv(csv, COUNT, YEAR, '"△1,234"');
      const ok1 = await (await upload(t, planner, withBom(minus.text), "m.csv")).text();
      expect(ok1).toContain("-1,234件");
      const pct = editCsv(csv, OWN, YEAR, "１２％");
      const ok2 = await (await upload(t, planner, withBom(pct.text), "p.csv")).text();
      expect(ok2).toMatch(/→|12%/);
      expect(ok2).toContain("<td>12%");
      const bad = editCsv(csv, OWN, YEAR, "12件");
      await refused(
        withBom(bad.text),
        "bad.csv",
        `bad.csv の ${bad.row} 行目『${YEAR}』列: 単位「件」はこの指標の単位「%」と違います（"12件"）`,
      );
      const unknown = `${csv}ZZ-9,謎,件,1\r\n`;
      const lines = unknown.trimEnd().split("\r\n").length;
      await refused(
        withBom(unknown),
        "unknown.csv",
        `unknown.csv の ${lines} 行目『指標コード』列: 指標コード「ZZ-9」は登録されていません`,
      );
      const renamed = editCsv(csv, OWN, "指標名", "別の名前");
      await refused(withBom(renamed.text), "renamed.csv", "この列は変更できません");
    });

    it("collects every error of a file in one pass", async () => {
      let text = editCsv(csv, OWN, YEAR, "abc").text;
      text = editCsv(text, COUNT, YEAR, `"1,2"`).text;
      before = await dump(t);
      const html = plain(await (await upload(t, planner, withBom(text), "two.csv")).text());
      expect(html).toContain('数値ではありません（"abc"）');
      expect(html).toContain('桁区切りのカンマの位置が正しくありません（"1,2"）');
      expect(html).toContain("ファイルに誤りが 2 件あります");
      expect(await dump(t)).toEqual(before);
    });

    it("formula cells: the cached result, or an error without one", async () => {
      const withResult = await editXlsx(await download(planner, "format=xlsx"), (ws, col) => {
        ws.getCell(rowOf(ws, COUNT), col).value = { formula: "40+2", result: 42 };
      });
      expect(await (await upload(t, planner, withResult, "f.xlsx")).text()).toContain("42件");
      let row = 0;
      const noResult = await editXlsx(await download(planner, "format=xlsx"), (ws, col) => {
        row = rowOf(ws, COUNT);
        ws.getCell(row, col).value = { formula: "40+2" } as ExcelJS.CellFormulaValue;
      });
      await refused(
        noResult,
        "f.xlsx",
        `実績値 の ${row} 行目『${YEAR}』列: 数式の計算結果が保存されていません`,
      );
    });

    it("merged title cells above the header and trailing empty rows are fine", async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(
        Buffer.from(await download(planner, "format=xlsx")) as unknown as ExcelJS.Buffer,
      );
      const ws = wb.getWorksheet("実績値")!;
      ws.spliceRows(1, 0, ["石岡市 実績値の報告"]);
      ws.mergeCells(1, 1, 1, 5);
      // Merged header cells: 指標名 spans two columns.
      ws.spliceColumns(3, 0, []);
      ws.mergeCells(2, 2, 2, 3);
      for (let n = 0; n < 5; n++) ws.addRow([]);
      ws.getCell(ws.rowCount + 3, 1).value = "";
      const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
      const html = await (await upload(t, planner, bytes, "merged.xlsx")).text();
      expect(plain(html)).toContain("変更なし");
      const trailing = withBom(`${csv},,,\r\n,,,\r\n\r\n`);
      expect(await (await upload(t, planner, trailing, "t.csv")).text()).toContain("変更なし");
    });

    it("too many rows", async () => {
      vi.stubEnv("SHISAKU_IMPORT_MAX_ROWS", "3");
      await refused(withBom(csv), "many.csv", "行が多すぎます");
    });
  });
});

describe("shisaku export / import actuals", () => {
  const cli = shisakuOnDemoCopy("shisaku-sheets");
  const shisaku = cli.run;

  it("lists the datasets", async () => {
    const help = await shisaku("export", "--help");
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("actuals");
    expect(help.stdout).toContain("実績値");
  });

  it("exports, imports unchanged, and imports one edited cell (dry run first)", async () => {
    const xlsx = path.join(cli.dataDir, "a.xlsx");
    const out = await shisaku(
      "export",
      "actuals",
      "--municipality",
      MC,
      "--format",
      "xlsx",
      "--out",
      xlsx,
    );
    expect(out.code).toBe(0);
    const same = await shisaku("import", "actuals", xlsx, "--municipality", MC);
    expect(same.code).toBe(0);
    expect(same.stdout).toContain("変更なし");

    const file = path.join(cli.dataDir, "a.csv");
    await shisaku("export", "actuals", "--municipality", MC, "--format", "csv", "--out", file);
    const text = (await readFile(file)).subarray(3).toString("utf8");
    await writeFile(file, withBom(editCsv(text, COUNT, YEAR, "15").text));
    const dry = await shisaku("import", "actuals", file, "--municipality", MC, "--dry-run");
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(`${COUNT} 職員提案の提案数『${YEAR}』`);
    expect(dry.stdout).toContain("→ 15件");
    expect(dry.stdout).toContain("--dry-run: 何も書き込んでいません");
    // Progress on stderr, a line per phase when it is not a terminal.
    expect(dry.stderr.split("\n").filter((l) => l !== "")).toEqual([
      expect.stringMatching(/^ファイルを読み取りました: \d+ 行$/),
      expect.stringMatching(/^行を確認中: (\d+) \/ \1 行$/),
    ]);
    const applied = await shisaku(
      "import",
      "actuals",
      file,
      "--municipality",
      MC,
      "--reason",
      "再集計",
    );
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain("取り込みました: 1 行・1 セル");
    expect(applied.stdout).toMatch(/取り込んだファイルは番号 \d+ で保存しました/);
    expect(applied.stderr).toContain("書き込み中: 1 / 1 セル");
    const again = await shisaku("import", "actuals", file, "--municipality", MC);
    expect(again.stdout).toContain("変更なし");
  }, 300_000);

  it("reports errors and exits non-zero", async () => {
    const file = path.join(cli.dataDir, "bad.csv");
    await writeFile(file, withBom("指標コード,指標名,単位,2022年度\r\nZZ-1,x,件,1\r\n"));
    const r = await shisaku("import", "actuals", file, "--municipality", MC);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(
      "bad.csv の 2 行目『指標コード』列: 指標コード「ZZ-1」は登録されていません",
    );
  }, 60_000);
});
