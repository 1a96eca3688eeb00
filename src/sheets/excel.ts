/**
 * All evaluation sheets of a fiscal year as one Excel workbook: a summary sheet listing every
 * program of the year with its costs and directions, then one worksheet per program laid out
 * like the evaluation sheet (pdf.ts, the program page). Amounts are numbers with yen
 * formats, so the workbook can be summed and sorted; only published evaluations reach it.
 */
import ExcelJS from "exceljs";
import { fiscalYearLabel, shortFiscalYearLabel } from "../core/fiscal-year.ts";
import type { RatingScale } from "../evaluations/index.ts";
import type { ProgramView, ProgramYearView } from "../programs/index.ts";
import { FONT, FTE, LABEL_FILL, THIN, type Value, YEN } from "./excel-cells.ts";
import { programSheet } from "./excel-program.ts";
import { directionText } from "./pdf.ts";

export interface WorkbookInput {
  municipality: { code: string; name: string };
  /** Every program; those without a row for the fiscal year are left out. */
  programs: readonly ProgramView[];
  fiscalYear: number;
  /** 人件費単価 of the fiscal year, for the note under the costs; null when not set. */
  unitPersonnelCost?: { regular: number; partTime: number } | null;
  /** The municipality's rating scale (what each rating means); the default A/B/C otherwise. */
  scale?: RatingScale;
}

export { FTE, YEN } from "./excel-cells.ts";
export const SUMMARY_SHEET = "一覧";

export const workbookFileName = (fiscalYear: number) =>
  `事務事業評価シート_${shortFiscalYearLabel(fiscalYear)}.xlsx`;

/** The programs that have a row for the fiscal year, in code order. */
export const programsOfYear = (programs: readonly ProgramView[], fiscalYear: number) =>
  programs.filter((p) => p.years.some((y) => y.fiscalYear === fiscalYear));

const FORBIDDEN = /[\\/?*[\]:]/g;
const MAX_NAME = 31;

/**
 * A worksheet name Excel accepts: no \ / ? * [ ] :, not starting or ending with an apostrophe,
 * at most 31 characters, and unique (case-insensitively) among `used`, which it joins.
 */
export function sheetName(base: string, used: Set<string>): string {
  const clean =
    base
      .replace(FORBIDDEN, "_")
      .replace(/^'+|'+$/g, "")
      .trim() || "シート";
  const cut = (text: string, max: number) => {
    const chars = Array.from(text);
    // Excel counts UTF-16 units: drop whole characters until it fits.
    while (chars.join("").length > max) chars.pop();
    return chars.join("").replace(/'+$/, "");
  };
  let name = cut(clean, MAX_NAME);
  for (let n = 2; used.has(name.toLowerCase()); n++) {
    const suffix = `(${n})`;
    name = `${cut(clean, MAX_NAME - suffix.length)}${suffix}`;
  }
  used.add(name.toLowerCase());
  return name;
}

// The summary ------------------------------------------------------------------------------

const SUMMARY_COLUMNS: { header: string; width: number; numFmt?: string; sum?: boolean }[] = [
  { header: "事務事業コード", width: 17 },
  { header: "事務事業名", width: 44 },
  { header: "サンプル", width: 9 },
  { header: "担当課", width: 16 },
  { header: "関連する取組", width: 18 },
  { header: "リーディングプロジェクト", width: 12 },
  { header: "当初予算額", width: 15, numFmt: YEN, sum: true },
  { header: "最終予算額", width: 15, numFmt: YEN, sum: true },
  { header: "決算額", width: 15, numFmt: YEN, sum: true },
  { header: "事業費", width: 15, numFmt: YEN, sum: true },
  { header: "従事職員数", width: 11, numFmt: FTE, sum: true },
  { header: "人件費", width: 15, numFmt: YEN, sum: true },
  { header: "総コスト", width: 15, numFmt: YEN, sum: true },
  { header: "単位当たりコスト", width: 14, numFmt: YEN },
  { header: "今後の方向性（一次評価）", width: 12 },
  { header: "今後の方向性（二次評価）", width: 12 },
  { header: "確定した今後の方向性", width: 12 },
  { header: "評価の状況", width: 10 },
];
const HEADER_ROW = 4;

function summaryRow(p: ProgramView, y: ProgramYearView): Value[] {
  const e = y.evaluation;
  return [
    p.code,
    p.name,
    p.sample ? "サンプル" : "",
    p.section.name,
    p.initiatives.map((i) => i.code).join("、"),
    y.leadingProject ? "○" : "",
    y.initialBudget,
    y.finalBudget,
    y.settlement,
    y.cost?.programCost ?? null,
    y.cost?.staffFte ?? null,
    y.cost?.staffCost.total ?? null,
    y.cost?.totalCost ?? null,
    y.unitCost === null ? null : Math.round(y.unitCost),
    e ? directionText(e.content.self.direction) : "",
    e?.content.secondary ? directionText(e.content.secondary.direction) : "",
    e ? directionText(e.direction) : "",
    e ? "公表済" : "公表前",
  ];
}

function summarySheet(
  ws: ExcelJS.Worksheet,
  input: WorkbookInput,
  sheets: [ProgramView, string][],
) {
  const { municipality: m, fiscalYear } = input;
  ws.columns = SUMMARY_COLUMNS.map((c) => ({ width: c.width }));
  ws.getCell("A1").value = `${m.name}　事務事業評価シート　${fiscalYearLabel(fiscalYear)}`;
  ws.getCell("A1").font = { name: FONT, size: 14, bold: true };
  ws.getCell("A2").value =
    `金額は円。事業費は決算確定済みの年度は決算額、それ以外は最終予算額。総コスト＝事業費＋人件費。評価は公表されたものだけを掲載しています。${
      sheets.some(([p]) => p.sample)
        ? "「サンプル」の事務事業は画面の使い方を示すための架空のデータで、実際の予算・決算・評価ではありません。"
        : ""
    }`;
  ws.getCell("A2").font = { name: FONT, size: 10 };
  ws.getCell("A2").alignment = { wrapText: true, vertical: "top" };
  ws.mergeCells(`A2:${ws.getColumn(SUMMARY_COLUMNS.length).letter}2`);
  ws.getRow(2).height = 30;
  const header = ws.getRow(HEADER_ROW);
  SUMMARY_COLUMNS.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.value = c.header;
    cell.font = { name: FONT, size: 10, bold: true };
    cell.fill = LABEL_FILL;
    cell.border = THIN;
    cell.alignment = { wrapText: true, vertical: "middle", horizontal: "center" };
  });
  header.height = 30;
  const totals = SUMMARY_COLUMNS.map(() => 0);
  sheets.forEach(([p, name], index) => {
    const y = p.years.find((x) => x.fiscalYear === fiscalYear)!;
    const row = ws.getRow(HEADER_ROW + 1 + index);
    summaryRow(p, y).forEach((value, i) => {
      const c = SUMMARY_COLUMNS[i]!;
      const cell = row.getCell(i + 1);
      cell.value = value;
      cell.border = THIN;
      cell.font = { name: FONT, size: 10 };
      if (c.numFmt) cell.numFmt = c.numFmt;
      if (typeof value === "number") totals[i]! += value;
    });
    // The name links to the program's own worksheet. A HYPERLINK formula rather than a cell
    // hyperlink: ExcelJS writes internal cell hyperlinks that some spreadsheet programs refuse.
    const link = row.getCell(2);
    const literal = (text: string) => `"${text.replace(/"/g, '""')}"`;
    link.value = {
      formula: `HYPERLINK(${literal(`#'${name.replace(/'/g, "''")}'!A1`)},${literal(p.name.slice(0, 250))})`,
      result: p.name,
    };
    link.font = { name: FONT, size: 10, color: { argb: "FF1A4FA0" }, underline: true };
  });
  const first = HEADER_ROW + 1;
  const last = HEADER_ROW + sheets.length;
  const total = ws.getRow(last + 1);
  total.getCell(2).value = `合計（${sheets.length}件）`;
  SUMMARY_COLUMNS.forEach((c, i) => {
    const cell = total.getCell(i + 1);
    cell.border = THIN;
    cell.font = { name: FONT, size: 10, bold: true };
    if (!c.sum) return;
    const col = ws.getColumn(i + 1).letter;
    cell.value = {
      formula: `SUM(${col}${first}:${col}${last})`,
      result: c.numFmt === FTE ? Math.round(totals[i]! * 100) / 100 : totals[i]!,
    };
    cell.numFmt = c.numFmt!;
  });
  ws.views = [{ state: "frozen", ySplit: HEADER_ROW, xSplit: 2 }];
  ws.autoFilter = {
    from: { row: HEADER_ROW, column: 1 },
    to: { row: HEADER_ROW, column: SUMMARY_COLUMNS.length },
  };
  // Printed landscape across as many pages as it takes, the header row on each page.
  ws.pageSetup = {
    paperSize: 9,
    orientation: "landscape",
    printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
  };
}

/** The workbook: the summary sheet first, then one sheet per program of the year. */
export function buildSheetsWorkbook(input: WorkbookInput): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Shisaku";
  wb.title = `事務事業評価シート ${input.municipality.name} ${fiscalYearLabel(input.fiscalYear)}`;
  wb.created = new Date();
  const summary = wb.addWorksheet(SUMMARY_SHEET);
  const used = new Set([SUMMARY_SHEET]);
  const sheets = programsOfYear(input.programs, input.fiscalYear).map(
    (p): [ProgramView, string] => [p, sheetName(`${p.code} ${p.name}`, used)],
  );
  summarySheet(summary, input, sheets);
  for (const [p, name] of sheets) programSheet(wb.addWorksheet(name), input, p);
  return wb;
}

export async function renderSheetsXlsx(input: WorkbookInput): Promise<Buffer> {
  const bytes = await buildSheetsWorkbook(input).xlsx.writeBuffer();
  return Buffer.from(bytes as ArrayBuffer);
}
