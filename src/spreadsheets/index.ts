/** Spreadsheet export and import (Excel, CSV) of every dataset: what other domains may use. */
export { readNumber } from "./cells.ts";
export { ExcelHint } from "./views/excel-hint.tsx";
export { importFileHref } from "./views/imports.tsx";
