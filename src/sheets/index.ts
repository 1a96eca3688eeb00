/** The evaluation sheets as PDF and Excel workbook: what other domains may use. */
export { renderSheetsXlsx } from "./excel.ts";
export { renderSheetPdf, SheetFontMissing, sheetFileName, sheetFonts } from "./pdf.ts";
