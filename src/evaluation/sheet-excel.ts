/**
 * All evaluation sheets of a fiscal year as one Excel workbook: a summary sheet listing every
 * program of the year with its costs and directions, then one worksheet per program laid out
 * like the evaluation sheet (sheet-pdf.ts, the program page). Amounts are numbers with yen
 * formats, so the workbook can be summed and sorted; only published evaluations reach it.
 */
import ExcelJS from "exceljs";
import { fiscalYearLabel, shortFiscalYearLabel } from "../core/fiscal-year.ts";
import { formatNumber } from "../core/format.ts";
import { COST_BASIS_LABELS, FUNDING_LABELS, FUNDING_SOURCES, STAFF_LABELS } from "./cost.ts";
import {
  ASPECT_LABELS,
  ASPECTS,
  DEFAULT_RATING_SCALE,
  type RatingScale,
  ratingMeanings,
} from "./evaluation.ts";
import type { ProgramView, ProgramYearView } from "./queries.ts";
import {
  directionText,
  initiativeLines,
  periodText,
  programCodeText,
  ROLE_LABELS,
  sheetYears,
  statusText,
} from "./sheet-pdf.ts";

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

export const YEN = '#,##0"円"';
export const FTE = '0.00"人"';
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

// Styles -----------------------------------------------------------------------------------

const FONT = "游ゴシック";
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};
const fill = (argb: string): ExcelJS.Fill => ({
  type: "pattern",
  pattern: "solid",
  fgColor: { argb },
});
const SECTION_FILL = fill("FFDDE6F0");
const LABEL_FILL = fill("FFF2F4F7");

type Value = string | number | null;

function put(
  ws: ExcelJS.Worksheet,
  address: string,
  value: Value,
  style: { bold?: boolean; numFmt?: string; label?: boolean; wrap?: boolean; right?: boolean } = {},
) {
  const cell = ws.getCell(address);
  cell.value = value;
  cell.border = THIN;
  cell.font = { name: FONT, size: 10, bold: style.bold || style.label || undefined };
  if (style.label) cell.fill = LABEL_FILL;
  if (style.numFmt) cell.numFmt = style.numFmt;
  cell.alignment = {
    vertical: "top",
    wrapText: style.wrap ?? true,
    horizontal: style.right || typeof value === "number" ? "right" : "left",
  };
  return cell;
}

/** Approximate lines of `text` in a cell `width` characters wide (a kanji takes two). */
function linesOf(text: string, width: number): number {
  return text
    .split("\n")
    .map((line) => {
      let units = 0;
      for (const ch of line) units += ch.charCodeAt(0) <= 0xff ? 1 : 2;
      return Math.max(1, Math.ceil(units / width));
    })
    .reduce((a, b) => a + b, 0);
}

// One program's sheet ------------------------------------------------------------------------

const COLUMNS = [28, 18, 18, 18, 18];
/** Characters across the merged value cells B:E. */
const VALUE_WIDTH = COLUMNS.slice(1).reduce((a, b) => a + b, 0);

function programSheet(ws: ExcelJS.Worksheet, input: WorkbookInput, p: ProgramView) {
  const { municipality: m, fiscalYear } = input;
  const year = p.years.find((y) => y.fiscalYear === fiscalYear)!;
  ws.columns = COLUMNS.map((width) => ({ width }));
  ws.pageSetup = {
    paperSize: 9, // A4
    orientation: "portrait",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 1,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.2, footer: 0.2 },
  };
  let r = 0;
  const next = () => ++r;

  const title = ws.getCell(`A${next()}`);
  title.value = "事務事業評価シート";
  title.font = { name: FONT, size: 14, bold: true };
  const sub = ws.getCell(`E${r}`);
  sub.value = `${m.name}　${fiscalYearLabel(fiscalYear)}`;
  sub.font = { name: FONT, size: 11 };
  sub.alignment = { horizontal: "right" };
  const name = ws.getCell(`A${next()}`);
  name.value = p.sample && !p.name.includes("サンプル") ? `【サンプル】${p.name}` : p.name;
  name.font = { name: FONT, size: 13, bold: true };
  ws.mergeCells(`A${r}:E${r}`);
  if (p.sample) {
    const notice = ws.getCell(`A${next()}`);
    notice.value = `サンプル（架空のデータ）：この事務事業は事務事業評価の画面を示すための架空のデータです。名称・金額・職員数・評価は${m.name}の実際のものではありません。`;
    notice.font = { name: FONT, size: 10, color: { argb: "FFAA1111" } };
    notice.alignment = { wrapText: true, vertical: "top" };
    ws.mergeCells(`A${r}:E${r}`);
    ws.getRow(r).height = 15 * linesOf(String(notice.value), VALUE_WIDTH + COLUMNS[0]!);
  }

  const section = (text: string) => {
    const cell = ws.getCell(`A${next()}`);
    cell.value = text;
    cell.font = { name: FONT, size: 11, bold: true };
    cell.fill = SECTION_FILL;
    cell.border = THIN;
    ws.mergeCells(`A${r}:E${r}`);
  };
  const field = (label: string, value: Value, numFmt?: string) => {
    put(ws, `A${next()}`, label, { label: true });
    put(ws, `B${r}`, value === "" || value === null ? "—" : value, { numFmt });
    ws.mergeCells(`B${r}:E${r}`);
    if (typeof value === "string") ws.getRow(r).height = 15 * linesOf(value, VALUE_WIDTH);
  };

  next();
  section("1　事業の概要");
  field("事務事業コード", programCodeText(p));
  field("担当課", p.section.name);
  field("実施期間", periodText(p));
  field("リーディングプロジェクト", year.leadingProject ? "該当" : "—");
  field("目的（意図）", p.purpose);
  field("対象", p.targetGroup);
  field("手段（事業の内容）", p.means);
  field("関連する取組", initiativeLines(p).join("\n"));
  if (year.facilities.length > 0) field("使用する施設", year.facilities.join("、"));

  next();
  section("2　コスト");
  const years = sheetYears(p, fiscalYear);
  const cols = ["B", "C", "D", "E"].slice(0, years.length);
  put(ws, `A${next()}`, "区分", { label: true });
  years.forEach((y, i) => {
    put(
      ws,
      `${cols[i]}${r}`,
      `${shortFiscalYearLabel(y.fiscalYear)}${y.leadingProject ? "\nリーディングプロジェクト" : ""}`,
      { label: true, right: true },
    );
  });
  if (years.some((y) => y.leadingProject)) ws.getRow(r).height = 30;
  const line = (
    label: string,
    value: (y: ProgramYearView) => Value,
    numFmt = YEN,
    bold = false,
  ) => {
    put(ws, `A${next()}`, label, { label: true, bold });
    years.forEach((y, i) => {
      put(ws, `${cols[i]}${r}`, value(y) ?? "—", { numFmt, bold, right: true });
    });
  };
  line("当初予算額", (y) => y.initialBudget);
  line("最終予算額", (y) => y.finalBudget);
  line("決算額", (y) => y.settlement);
  line("事業費", (y) => y.cost?.programCost ?? null);
  line("事業費の算定基礎", (y) => (y.cost ? COST_BASIS_LABELS[y.cost.basis] : null), "@");
  for (const s of FUNDING_SOURCES) line(`　うち${FUNDING_LABELS[s]}`, (y) => y.funding[s]);
  line(`従事職員数（${STAFF_LABELS.regular}）`, (y) => y.staff.regular, FTE);
  line(`従事職員数（${STAFF_LABELS.partTime}）`, (y) => y.staff.partTime, FTE);
  line("人件費", (y) => y.cost?.staffCost.total ?? null);
  line("総コスト（事業費＋人件費）", (y) => y.cost?.totalCost ?? null, YEN, true);
  line("単位当たりコスト", (y) => (y.unitCost === null ? null : Math.round(y.unitCost)));
  const u = input.unitPersonnelCost;
  const note = ws.getCell(`A${next()}`);
  note.value = `※ 事業費は決算確定済みの年度は決算額、それ以外は最終予算額。財源内訳の合計は事業費と一致します。人件費は従事職員数×人件費単価（${
    u
      ? `${shortFiscalYearLabel(fiscalYear)}: ${STAFF_LABELS.regular} ${formatNumber(u.regular)}円、${STAFF_LABELS.partTime} ${formatNumber(u.partTime)}円`
      : `${shortFiscalYearLabel(fiscalYear)}は未設定`
  }）。${
    year.activityActual
      ? `単位当たりコストは総コスト÷活動指標「${year.activityActual.indicator.name}」の実績値。`
      : "単位当たりコストは活動指標の実績値がある年度に算定します。"
  }${year.costProblem ? `コストを算定できません：${year.costProblem}` : ""}`;
  note.font = { name: FONT, size: 9 };
  note.alignment = { wrapText: true, vertical: "top" };
  ws.mergeCells(`A${r}:E${r}`);
  ws.getRow(r).height = 13 * linesOf(String(note.value), VALUE_WIDTH + COLUMNS[0]!);

  next();
  section("3　指標");
  if (p.indicators.length === 0) field("指標", "この事務事業に結び付けた指標はありません。");
  else {
    put(ws, `A${next()}`, "種類", { label: true });
    put(ws, `B${r}`, "指標", { label: true });
    ws.mergeCells(`B${r}:C${r}`);
    put(ws, `D${r}`, "目標", { label: true });
    put(ws, `E${r}`, `${shortFiscalYearLabel(fiscalYear)}の実績値`, { label: true });
    for (const { role, record: x } of p.indicators) {
      const unitFmt = `#,##0${x.decimals ? `.${"0".repeat(x.decimals)}` : ""}"${x.unit.replace(/"/g, "")}"`;
      put(ws, `A${next()}`, ROLE_LABELS[role]);
      put(ws, `B${r}`, `${x.name}（${x.code}）`);
      ws.mergeCells(`B${r}:C${r}`);
      ws.getRow(r).height = 15 * linesOf(`${x.name}（${x.code}）`, COLUMNS[1]! + COLUMNS[2]!);
      put(ws, `D${r}`, x.target.value ?? (x.target.text || "—"), { numFmt: unitFmt });
      const actual = x.actuals.find((a) => a.fiscalYear === fiscalYear)?.value ?? null;
      put(ws, `E${r}`, actual ?? "—", { numFmt: unitFmt });
    }
  }

  next();
  section(`4　評価（${shortFiscalYearLabel(fiscalYear)}）`);
  const e = year.evaluation;
  if (!e) field("評価の状況", statusText(year));
  else {
    const self = e.content.self;
    const secondary = e.content.secondary;
    put(ws, `A${next()}`, "観点", { label: true });
    ASPECTS.forEach((a, i) => {
      put(ws, `${"BCDE"[i]}${r}`, ASPECT_LABELS[a], { label: true });
    });
    put(ws, `A${next()}`, "評価（一次評価）", { label: true });
    ASPECTS.forEach((a, i) => {
      put(ws, `${"BCDE"[i]}${r}`, self.ratings[a] ?? "—", { bold: true });
    });
    field(
      "評価の意味",
      ratingMeanings(self.ratings, input.scale ?? DEFAULT_RATING_SCALE).join("\n"),
    );
    field("今後の方向性（一次評価）", directionText(self.direction));
    field("評価の所見（一次評価）", self.findings);
    field("方向性の理由（一次評価）", self.reason);
    field(
      "今後の方向性（二次評価）",
      secondary
        ? `${directionText(secondary.direction)}${secondary.direction !== self.direction ? "（一次評価と異なる）" : ""}`
        : "—",
    );
    field("二次評価のコメント", secondary ? secondary.comment : "二次評価はありません。");
    field("確定した今後の方向性", directionText(e.direction));
    ws.getCell(`B${r}`).font = { name: FONT, size: 10, bold: true };
    field("評価の状況", statusText(year));
  }
  next();
  const web = ws.getCell(`A${next()}`);
  web.value = `ウェブページ：/${m.code}/programs/${p.code}`;
  web.font = { name: FONT, size: 9 };
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
