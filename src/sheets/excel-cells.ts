/**
 * The cell formats and styles of the evaluation sheets workbook (excel.ts): yen and FTE
 * number formats, borders, fills, and writing one styled cell.
 */
import type ExcelJS from "exceljs";

export const YEN = '#,##0"円"';
export const FTE = '0.00"人"';

export const FONT = "游ゴシック";
export const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin" },
  left: { style: "thin" },
  bottom: { style: "thin" },
  right: { style: "thin" },
};
export const fill = (argb: string): ExcelJS.Fill => ({
  type: "pattern",
  pattern: "solid",
  fgColor: { argb },
});
export const SECTION_FILL = fill("FFDDE6F0");
export const LABEL_FILL = fill("FFF2F4F7");

export type Value = string | number | null;

export function put(
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
export function linesOf(text: string, width: number): number {
  return text
    .split("\n")
    .map((line) => {
      let units = 0;
      for (const ch of line) units += ch.charCodeAt(0) <= 0xff ? 1 : 2;
      return Math.max(1, Math.ceil(units / width));
    })
    .reduce((a, b) => a + b, 0);
}
