/**
 * Spreadsheet files in and out: a dataset's export as .xlsx (ExcelJS) or CSV (UTF-8 with BOM,
 * or Shift_JIS / CP932), and an uploaded file read back into a grid of raw cells. Every way a
 * file can be unreadable is refused with its own message (AppError "invalid_file").
 */
import { Readable } from "node:stream";
import type ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { encodeCsv, toCsv } from "../core/csv.ts";
import { AppError } from "../core/errors.ts";
import { shortFiscalYearLabel } from "../core/fiscal-year.ts";
import { importMaxBytes } from "../core/http/body-limit.ts";
import { datedDownload } from "../core/http/content-disposition.ts";
import { percentText, type RawCell, writeNumber } from "./cells.ts";
import { readCsv, refuse, startsWith } from "./csv-read.ts";
import type { CellValue, Dataset } from "./dataset.ts";
import { yieldToLoop } from "./table.ts";
import { rowToken, VERSION_COLUMN, VERSIONS_SHEET, versionRows } from "./versions.ts";
import { guardXlsx, READING_ORDER, xlsxLimits } from "./xlsx-guard.ts";
import { reorderZip } from "./zip-order.ts";

// ExcelJS is large: load it on the first spreadsheet, not at start-up.
const excel = async () => (await import("exceljs")).default;

export type ExportFormat = "xlsx" | "csv" | "csv-sjis";
export const EXPORT_FORMATS: readonly ExportFormat[] = ["xlsx", "csv", "csv-sjis"];
/** What the upload form offers: detect, or say what the file is. */
export type UploadFormat = "auto" | ExportFormat;

export const FORMAT_LABELS: Record<ExportFormat, string> = {
  xlsx: "Excel（.xlsx）",
  csv: "CSV（UTF-8）",
  "csv-sjis": "CSV（Shift_JIS）",
};

export interface Limits {
  maxBytes: number;
  maxRows: number;
}

const envNumber = (name: string, fallback: number) => {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

/**
 * Defaults: 10 MB and 20,000 data rows; SHISAKU_IMPORT_MAX_BYTES / _MAX_ROWS change them. The
 * size is read where the request body limits are, so that both always agree.
 */
export const defaultLimits = (): Limits => ({
  maxBytes: importMaxBytes(),
  maxRows: envNumber("SHISAKU_IMPORT_MAX_ROWS", 20_000),
});

export const INSTRUCTIONS_SHEET = "記入のしかた";
export const CODES_SHEET = "コード一覧";

/** A table as exported: headers, then rows of values (numbers stay numbers). */
export interface Table {
  headers: string[];
  /** Per column: editable, the column's width, number or text. */
  columns: { editable: boolean; width: number; number: boolean }[];
  rows: { key: string; cells: CellValue[]; numFmt?: string }[];
  /** The fiscal years of the year columns. */
  years: number[];
  /** Rows above the header (the columns' `above` lines), possibly none. */
  above: string[][];
}

export function tableOf<S>(ds: Dataset<S>, s: S, template: boolean): Table {
  const years = ds.yearColumns ? (ds.years?.(s, template) ?? []) : [];
  const headers = [...ds.columns.map((c) => c.header), ...years.map(shortFiscalYearLabel)];
  const columns = [
    ...ds.columns.map((c) => ({
      editable: c.editable,
      width: c.width,
      number: c.kind.type === "number",
    })),
    ...years.map(() => ({
      editable: ds.yearColumns!.editable,
      width: ds.yearColumns!.width,
      number: true,
    })),
  ];
  const rows = ds.rows(s, template).map((r) => ({
    key: r.key,
    cells: [
      ...ds.columns.map((c) => r.values[c.key] ?? null),
      ...years.map((fy) => (template ? null : (r.years.get(fy) ?? null))),
    ],
    numFmt: r.numFmt,
  }));
  const lines = Math.max(0, ...ds.columns.map((c) => c.above?.length ?? 0));
  const above = Array.from({ length: lines }, (_, i) => [
    ...ds.columns.map((c) => c.above?.[i] ?? ""),
    ...years.map(() => ""),
  ]);
  return { headers, columns, rows, years, above };
}

/** The data sheet's name. */
// biome-ignore lint/suspicious/noExplicitAny: any dataset
export const sheetOf = (ds: Dataset<any>) => ds.sheet ?? ds.title;

// Writing ------------------------------------------------------------------------------------

const FONT = "游ゴシック";
const fill = (argb: string): ExcelJS.Fill => ({
  type: "pattern",
  pattern: "solid",
  fgColor: { argb },
});
const HEADER_FILL = fill("FFDDE6F0");
const READ_ONLY_FILL = fill("FFEDEDED");

export async function toXlsx<S>(ds: Dataset<S>, s: S, template = false): Promise<Uint8Array> {
  const table = tableOf(ds, s, template);
  const wb = new (await excel()).Workbook();
  wb.creator = "Shisaku";
  const ws = wb.addWorksheet(sheetOf(ds), {
    views: [{ state: "frozen", ySplit: table.above.length + 1, xSplit: 1 }],
  });
  ws.columns = table.columns.map((c) => ({ width: c.width }));
  for (const line of table.above) {
    const row = ws.addRow(line);
    row.eachCell((cell, n) => {
      cell.font = { name: FONT, size: 9, bold: n === 1 };
      cell.alignment = { vertical: "top", wrapText: true };
    });
  }
  const header = ws.addRow(table.headers);
  header.eachCell((cell) => {
    cell.font = { name: FONT, bold: true };
    cell.fill = HEADER_FILL;
    cell.alignment = { vertical: "middle", horizontal: "center", wrapText: true };
  });
  for (const r of table.rows) {
    const row = ws.addRow(r.cells);
    table.columns.forEach((c, i) => {
      const cell = row.getCell(i + 1);
      cell.font = { name: FONT };
      if (!c.editable) cell.fill = READ_ONLY_FILL;
      if (c.number) cell.numFmt = r.numFmt ?? "General";
    });
  }
  // Lists for enumerations, from the header to the last row.
  ds.columns.forEach((c, i) => {
    if (c.kind.type !== "enum" || !c.editable) return;
    const formula = `"${c.kind.values.join(",")}"`;
    const first = table.above.length + 2;
    for (let n = first; n <= Math.max(table.rows.length + first - 1, 200); n++)
      ws.getCell(n, i + 1).dataValidation = {
        type: "list",
        allowBlank: true,
        formulae: [formula],
        showErrorMessage: true,
        errorTitle: c.header,
        error: `「${c.kind.values.join("」「")}」から選んでください`,
      };
  });

  const howTo = wb.addWorksheet(INSTRUCTIONS_SHEET);
  howTo.getColumn(1).width = 100;
  howTo.addRow([`${ds.title}の記入のしかた`]).font = { name: FONT, bold: true, size: 14 };
  for (const line of ds.instructions) howTo.addRow([line]).font = { name: FONT };
  howTo.addRow([]);
  howTo.addRow(["列"]).font = { name: FONT, bold: true };
  for (const c of ds.columns)
    howTo.addRow([
      `『${c.header}』: ${c.editable ? "入力できます" : "変更できません（灰色の列）"}${c.help ? `。${c.help}` : ""}`,
    ]);
  if (ds.yearColumns)
    howTo.addRow([
      "『令和4年度』などの年度の列: 実績値を入力します。見出しは「2022年度」「R4」のように西暦や略記でも読み取れます",
    ]);

  const codes = wb.addWorksheet(CODES_SHEET);
  codes.getColumn(1).width = 16;
  codes.getColumn(2).width = 60;
  for (const list of ds.codeLists(s)) {
    codes.addRow([list.title]).font = { name: FONT, bold: true };
    codes.addRow(list.header).font = { name: FONT, bold: true };
    for (const r of list.rows) codes.addRow(r);
    codes.addRow([]);
  }

  // The dataset the file was made for and the versions its rows were exported at, for the
  // import to find what changed since (a dataset without versions: its name only).
  const versionOf = ds.versionOf;
  const versions = wb.addWorksheet(VERSIONS_SHEET, { state: "veryHidden" });
  for (const r of versionRows(
    ds.name,
    table.years,
    table.rows.map((r) => ({
      key: r.key,
      version: (fy) => versionOf?.(s, r.key, fy)?.version,
    })),
  ))
    versions.addRow(r);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

const csvCell = (v: CellValue) => (typeof v === "number" ? writeNumber(v) : v);

/** CSV text of a table; for Shift_JIS, every character CP932 cannot hold is an error. */
export function toCsvBytes<S>(
  ds: Dataset<S>,
  s: S,
  format: "csv" | "csv-sjis",
  template = false,
): Uint8Array {
  const table = tableOf(ds, s, template);
  const rows: CellValue[][] = table.rows.map((r) => r.cells.map(csvCell));
  // The versions the rows were exported at, a token per row in a last column (the xlsx's sheet).
  const versionOf = ds.versionOf;
  const headers = versionOf ? [...table.headers, VERSION_COLUMN] : table.headers;
  if (versionOf)
    table.rows.forEach((r, n) => {
      rows[n]!.push(
        rowToken(ds.name, r.key, table.years, (fy) => versionOf(s, r.key, fy)?.version),
      );
    });
  if (format === "csv-sjis") {
    const problems: { location: string; message: string }[] = [];
    const check = (text: string, row: number, column: string) => {
      for (const ch of text) {
        if (iconv.decode(iconv.encode(ch, "cp932"), "cp932") !== ch) {
          problems.push({
            location: `${row} 行目『${column}』列`,
            message: `「${ch}」（U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}）は Shift_JIS（CP932）で表せません`,
          });
          break;
        }
      }
    };
    const top = table.above.length;
    table.above.forEach((line, n) => {
      line.forEach((v, i) => {
        check(v, n + 1, headers[i]!);
      });
    });
    for (const h of headers) check(h, top + 1, h);
    rows.forEach((r, n) => {
      r.forEach((v, i) => {
        if (typeof v === "string") check(v, n + top + 2, headers[i]!);
      });
    });
    if (problems.length)
      throw new AppError(
        "invalid_file",
        "Shift_JIS（CP932）で書き出せない文字があります。CSV（UTF-8）か Excel 形式で書き出してください",
        problems.slice(0, 200),
      );
    return encodeCsv(csvText(table.above, headers, rows), "sjis");
  }
  return encodeCsv(csvText(table.above, headers, rows), "utf8");
}

/** The lines above the header, the header, the rows. */
const csvText = (above: string[][], headers: string[], rows: CellValue[][]) =>
  above.length ? toCsv(above[0]!, [...above.slice(1), headers, ...rows]) : toCsv(headers, rows);

export async function exportBytes<S>(
  ds: Dataset<S>,
  s: S,
  format: ExportFormat,
  template = false,
): Promise<Uint8Array> {
  return format === "xlsx" ? toXlsx(ds, s, template) : toCsvBytes(ds, s, format, template);
}

/**
 * The name of an export: the dataset's title, the section when the export is one section's (or
 * the person's own sections), 「ひな形」 for a template, and the day, e.g.
 * 「実績値_行革推進課_2026-12-07.xlsx」; `fallback` is the ASCII name for old clients.
 */
export function exportFileName(
  ds: { name: string; title: string },
  mc: string,
  format: ExportFormat,
  options: { template?: boolean; section?: string | null; at?: Date } = {},
) {
  const { template = false, section = null, at = new Date() } = options;
  const ext = format === "xlsx" ? "xlsx" : "csv";
  const sjis = format === "csv-sjis" ? "Shift_JIS" : null;
  return datedDownload(
    [ds.title, section, template ? "ひな形" : null, sjis],
    [`${mc}-${ds.name}`, template ? "template" : null, sjis ? "sjis" : null],
    ext,
    at,
  );
}

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  csv: "text/csv; charset=utf-8",
  "csv-sjis": "text/csv; charset=Shift_JIS",
};

// Reading ------------------------------------------------------------------------------------

export { parseCsv } from "./csv-read.ts";

export interface GridRow {
  /** As Excel shows it (1-based). */
  row: number;
  cells: RawCell[];
}

export interface Grid {
  sheet: string;
  /** Non-empty rows only, in order. */
  rows: GridRow[];
  format: ExportFormat;
  /** The hidden sheet of the versions the rows were exported at (an xlsx export's). */
  versions?: RawCell[][];
}

const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const megabytes = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** Reads an uploaded file into the grid of its data sheet (or of the CSV). */
export async function readUpload(
  bytes: Uint8Array,
  fileName: string,
  format: UploadFormat,
  limits: Limits,
  sheetName?: string,
): Promise<Grid> {
  if (bytes.length === 0)
    throw refuse("ファイルが空です（0 バイト）。書き出したファイルを選んでください");
  if (bytes.length > limits.maxBytes)
    throw refuse(
      `ファイルが大きすぎます（${megabytes(bytes.length)}。上限は ${megabytes(limits.maxBytes)} です）。部署ごとなどに分けてください`,
    );
  if (startsWith(bytes, OLE))
    throw refuse(
      "パスワードで保護された Excel ファイルか、古い形式（.xls）のファイルです。パスワードを外し、Excel ブック（.xlsx）として保存し直してください",
    );
  if (startsWith(bytes, ZIP)) return readXlsx(bytes, limits, sheetName);
  if (/\.xlsx$/i.test(fileName) || format === "xlsx")
    throw refuse("ファイルが壊れているか、Excel ブック（.xlsx）ではありません");
  return readCsv(bytes, fileName, format);
}

/** A buffer in pieces of 64 KB: the reader parses each piece and lets other requests in between. */
function* pieces(buffer: Buffer, size = 64 * 1024) {
  for (let at = 0; at < buffer.length; at += size) yield buffer.subarray(at, at + size);
}

async function readXlsx(bytes: Uint8Array, limits: Limits, sheetName?: string): Promise<Grid> {
  // First a look at every part with bounded memory and time; only a file that passes is read.
  await guardXlsx(bytes, xlsxLimits(limits.maxRows));
  const file = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The streaming reader keeps only the rows read so far, not a model of the whole workbook
  // (whose merged ranges, validations and names ExcelJS would expand cell by cell); it gets the
  // parts in the order it needs them, the same records the guard read (zip-order.ts).
  const reader = new (await excel()).stream.xlsx.WorkbookReader(
    Readable.from(pieces(reorderZip(file, READING_ORDER) ?? file)),
    { worksheets: "emit", sharedStrings: "cache", styles: "cache", hyperlinks: "ignore" },
  );
  const read: { name: string; id: number; rows: GridRow[] }[] = [];
  try {
    for await (const ws of reader) {
      const sheet = ws as unknown as { name: string; id: number } & AsyncIterable<ExcelJS.Row>;
      const rows: GridRow[] = [];
      const keep = sheet.name !== INSTRUCTIONS_SHEET && sheet.name !== CODES_SHEET;
      let n = 0;
      for await (const row of sheet) {
        // Other requests are answered between batches of rows.
        if (++n % 2000 === 0) await yieldToLoop();
        if (!keep) continue;
        const cells: RawCell[] = [];
        row.eachCell((cell, column) => {
          cells[column - 1] = rawOf(cell);
        });
        for (let i = 0; i < cells.length; i++) if (!(i in cells)) cells[i] = null;
        if (
          cells.some(
            (c) => c !== null && c !== undefined && !(typeof c === "string" && c.trim() === ""),
          )
        )
          rows.push({ row: row.number, cells });
      }
      if (keep) read.push({ name: sheet.name, id: sheet.id, rows });
    }
  } catch {
    throw refuse("ファイルが壊れているか、Excel ブック（.xlsx）ではありません");
  }
  // Sheets arrive in the zip's order; the first sheet is the first tab.
  const order = (
    (reader as unknown as { model?: { sheets?: { id: number }[] } }).model?.sheets ?? []
  ).map((s) => s.id);
  const at = (id: number) => (order.includes(id) ? order.indexOf(id) : order.length + id);
  read.sort((a, b) => at(a.id) - at(b.id));
  const versions = read.find((w) => w.name === VERSIONS_SHEET)?.rows.map((r) => r.cells);
  const sheets = read.filter((w) => w.name !== VERSIONS_SHEET);
  const ws = sheets.find((w) => w.name === sheetName) ?? sheets[0];
  if (!ws) throw refuse("ファイルにシートがありません");
  return { sheet: ws.name, rows: ws.rows, format: "xlsx", versions };
}

function rawOf(cell: ExcelJS.Cell): RawCell {
  return convert(cell.value, cell.numFmt);
}

function convert(v: ExcelJS.CellValue | undefined, numFmt: string | undefined): RawCell {
  if (v === null || v === undefined) return null;
  if (typeof v === "number") return numFmt?.includes("%") ? percentText(v) : v;
  if (typeof v === "string" || typeof v === "boolean" || v instanceof Date) return v;
  if ("richText" in v) return v.richText.map((t) => t.text).join("");
  if ("formula" in v || "sharedFormula" in v) {
    const f = v as ExcelJS.CellFormulaValue | ExcelJS.CellSharedFormulaValue;
    const formula = String(("formula" in f ? f.formula : f.sharedFormula) ?? "");
    const result = f.result as ExcelJS.CellValue | { error: string } | undefined;
    if (result === undefined) return { formula };
    if (result !== null && typeof result === "object" && "error" in result)
      return { formula, result: { error: String(result.error) } };
    return { formula, result: convert(result as ExcelJS.CellValue, numFmt) };
  }
  if ("error" in v) return { error: String(v.error) };
  if ("text" in v) return typeof v.text === "string" ? v.text : null;
  return String(v);
}
