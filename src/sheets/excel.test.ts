import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { MUNICIPALITY, sheetProgram, sheetYear } from "../../test/support/sheet-programs.ts";
import { FTE, renderSheetsXlsx, SUMMARY_SHEET, sheetName, workbookFileName, YEN } from "./excel.ts";

async function readBack(bytes: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  return wb;
}

/** Every cell value of a worksheet as text, for "does it say…" checks. */
function texts(ws: ExcelJS.Worksheet): string {
  const out: string[] = [];
  ws.eachRow((row) =>
    row.eachCell((cell) => {
      out.push(cell.text);
    }),
  );
  return out.join("\n");
}

/** The row whose first cell is `label`. */
function rowOf(ws: ExcelJS.Worksheet, label: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  ws.eachRow((row) => {
    if (!found && row.getCell(1).text === label) found = row;
  });
  if (!found) throw new Error(`no row ${label}`);
  return found;
}

const programs = () => [
  sheetProgram(),
  sheetProgram({
    id: 2,
    code: "01-02-03-01-002",
    name: "【サンプル】マイナンバーカード交付促進事業：窓口/出張申請*特設[会場]の運営と広報",
    sample: false,
    indicators: [],
    years: [sheetYear(2024, { evaluation: null, settlement: 500_000 })],
  }),
  // No row for 2024: not in the 2024 workbook.
  sheetProgram({ id: 3, code: "01-02-09-01-001", years: [sheetYear(2023)] }),
];

describe("sheet names", () => {
  it("drops forbidden characters, keeps 31 characters and stays unique", () => {
    const used = new Set<string>([SUMMARY_SHEET]);
    const a = sheetName("01-02 評価/分析: [試行] *その1? \\ と長い長い長い名前の事業", used);
    expect(a).not.toMatch(/[\\/?*[\]:]/);
    expect(a.length).toBeLessThanOrEqual(31);
    const b = sheetName("01-02 評価/分析: [試行] *その1? \\ と長い長い長い名前の事業", used);
    expect(b).not.toBe(a);
    expect(b.length).toBeLessThanOrEqual(31);
    expect(b.endsWith("(2)")).toBe(true);
    expect(sheetName("一覧", used)).toBe("一覧(2)");
    expect(sheetName("'quoted'", used)).toBe("quoted");
    expect(sheetName("📊".repeat(20), used).length).toBeLessThanOrEqual(31);
  });

  it("names the file by fiscal year", () => {
    expect(workbookFileName(2024)).toBe("事務事業評価シート_令和6年度.xlsx");
  });
});

describe("evaluation sheets workbook", () => {
  it("has a summary sheet, then one sheet per program of the year", async () => {
    const wb = await readBack(
      await renderSheetsXlsx({
        municipality: MUNICIPALITY,
        programs: programs(),
        fiscalYear: 2024,
      }),
    );
    const names = wb.worksheets.map((w) => w.name);
    expect(names).toHaveLength(3);
    expect(names[0]).toBe(SUMMARY_SHEET);
    expect(names[1]).toBe("01-02-01-05-001 【サンプル】行政評価・マネジメ");
    expect(names[2]!.startsWith("01-02-03-01-002 ")).toBe(true);
    for (const n of names) {
      expect(n.length).toBeLessThanOrEqual(31);
      expect(n).not.toMatch(/[\\/?*[\]:]/);
    }
    expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  });

  it("lists the programs with costs as numbers in yen formats and their directions", async () => {
    const wb = await readBack(
      await renderSheetsXlsx({
        municipality: MUNICIPALITY,
        programs: programs(),
        fiscalYear: 2024,
      }),
    );
    const ws = wb.getWorksheet(SUMMARY_SHEET)!;
    expect(ws.getCell("A1").value).toBe("石岡市　事務事業評価シート　令和6年度（2024）");
    const header = ws.getRow(4);
    const columns = new Map<string, number>();
    header.eachCell((cell, col) => {
      columns.set(cell.text, col);
      expect(cell.font?.bold, cell.text).toBe(true);
    });
    const col = (name: string) => columns.get(name)!;
    const first = ws.getRow(5);
    expect(first.getCell(1).value).toBe("01-02-01-05-001");
    expect(first.getCell(col("サンプル")).value).toBe("サンプル");
    expect(first.getCell(col("総コスト")).value).toBe(16_230_000);
    expect(first.getCell(col("総コスト")).numFmt).toBe(YEN);
    expect(first.getCell(col("人件費")).value).toBe(13_250_000);
    expect(first.getCell(col("従事職員数")).value).toBe(2);
    expect(first.getCell(col("従事職員数")).numFmt).toBe(FTE);
    expect(first.getCell(col("単位当たりコスト")).value).toBe(39_585);
    expect(first.getCell(col("今後の方向性（一次評価）")).value).toBe("継続");
    expect(first.getCell(col("今後の方向性（二次評価）")).value).toBe("改善");
    expect(first.getCell(col("確定した今後の方向性")).value).toBe("改善");
    expect(first.getCell(col("評価の状況")).value).toBe("公表済");
    // The name links to the program's worksheet.
    const link = first.getCell(2).value as ExcelJS.CellFormulaValue;
    expect(link.formula).toBe(
      `HYPERLINK("#'01-02-01-05-001 【サンプル】行政評価・マネジメ'!A1","【サンプル】行政評価・マネジメントシステム運用事業")`,
    );
    expect(link.result).toBe("【サンプル】行政評価・マネジメントシステム運用事業");
    const second = ws.getRow(6);
    expect(second.getCell(col("決算額")).value).toBe(500_000);
    expect(second.getCell(col("確定した今後の方向性")).value).toBe("");
    expect(second.getCell(col("評価の状況")).value).toBe("公表前");
    // A total row with formulas and their results.
    const total = ws.getRow(7);
    expect(total.getCell(2).value).toBe("合計（2件）");
    const sum = total.getCell(col("総コスト")).value as ExcelJS.CellFormulaValue;
    expect(sum.formula).toMatch(/^SUM\([A-Z]+5:[A-Z]+6\)$/);
    expect(sum.result).toBe(16_230_000 * 2);
    expect(ws.getColumn(2).width).toBe(44);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 4 });
  });

  it("lays out each program like the evaluation sheet", async () => {
    const wb = await readBack(
      await renderSheetsXlsx({
        municipality: MUNICIPALITY,
        programs: programs(),
        fiscalYear: 2024,
        unitPersonnelCost: { regular: 8_200_000, partTime: 2_600_000 },
      }),
    );
    const ws = wb.worksheets[1]!;
    const all = texts(ws);
    for (const s of [
      "事務事業評価シート",
      "石岡市　令和6年度（2024）",
      "【サンプル】行政評価・マネジメントシステム運用事業",
      "サンプル（架空のデータ）",
      "行革推進課",
      "評価の結果を次年度の予算に反映する",
      "コストの配分 60%",
      "正規職員 8,200,000円",
      "評価した事務事業の数（GZ-3-A1）",
      "全事務事業の評価を実施したが",
      "改善（一次評価と異なる）",
      "公表済（令和7年6月30日公表）",
    ])
      expect(all, s).toContain(s);
    const years = rowOf(ws, "区分");
    expect(years.getCell(2).text).toBe("令和5年度");
    expect(years.getCell(3).text).toBe("令和6年度\nリーディングプロジェクト");
    const total = rowOf(ws, "総コスト（事業費＋人件費）");
    expect(total.getCell(3).value).toBe(16_230_000);
    expect(total.getCell(3).numFmt).toBe(YEN);
    expect(total.getCell(3).font?.bold).toBe(true);
    expect(rowOf(ws, "　うち国庫支出金").getCell(3).value).toBe(1_000_000);
    expect(rowOf(ws, `従事職員数（正規職員）`).getCell(3).numFmt).toBe(FTE);
    expect(rowOf(ws, "評価（一次評価）").getCell(2).value).toBe("A");
    expect(ws.getColumn(1).width).toBe(28);
    expect(ws.pageSetup).toMatchObject({ paperSize: 9, fitToWidth: 1, fitToHeight: 1 });
  });

  it("says when the year's evaluation is not published", async () => {
    const wb = await readBack(
      await renderSheetsXlsx({
        municipality: MUNICIPALITY,
        programs: programs(),
        fiscalYear: 2024,
      }),
    );
    const ws = wb.worksheets[2]!;
    const all = texts(ws);
    expect(all).toContain("この年度の評価は公表前のため掲載していません");
    expect(all).not.toContain("今後の方向性（一次評価）");
    expect(all).not.toContain("サンプル（架空のデータ）");
    expect(all).toContain("令和6年度は未設定");
  });
});
