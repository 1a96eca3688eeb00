/** Small .xlsx files made in the tests, with one part rewritten to what an attacker would write. */
import ExcelJS from "exceljs";
import JSZip from "jszip";

export const SHEET_PART = "xl/worksheets/sheet1.xml";

/** A workbook as small as an export: a header and rows on one sheet. */
export async function workbook(
  sheet = "実績値",
  rows: (string | number | null)[][] = [
    ["指標コード", "令和6年度"],
    ["GZ-1-R1", 43],
    ["GZ-1-R2", 12.5],
  ],
): Promise<JSZip> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of rows) ws.addRow(r);
  return JSZip.loadAsync(await wb.xlsx.writeBuffer());
}

/** The workbook (a new small one by default) with the named parts rewritten. */
export async function edited(
  edits: Record<string, (xml: string) => string>,
  zip?: JSZip,
): Promise<Uint8Array> {
  const z = zip ?? (await workbook());
  for (const [part, edit] of Object.entries(edits))
    z.file(part, edit(await z.file(part)!.async("string")));
  return z.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** Adds XML after the sheet's data (where merged ranges and validations go). */
export const afterSheetData = (extra: string) => (xml: string) =>
  xml.replace("</sheetData>", `</sheetData>${extra}`);

/** The 1.6 KB-class file that used to end the server: one merged range over the whole sheet. */
export const wholeSheetMerge = afterSheetData(
  '<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>',
);

/** A column setting reaching two thousand million columns. */
export const endlessColumns = (xml: string) =>
  xml.replace("<sheetData>", '<cols><col min="1" max="2000000000" width="9"/></cols><sheetData>');
