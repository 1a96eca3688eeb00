/** Spreadsheet export and import (Excel, CSV) of every dataset: what other domains may use. */
export {
  isBlank,
  placeOf,
  type RawCell,
  type Read,
  readEnum,
  readNumber,
  readText,
} from "./cells.ts";
export type { CellError } from "./dataset.ts";
export {
  CONTENT_TYPES,
  defaultLimits,
  type ExportFormat,
  FORMAT_LABELS,
  type Grid,
  readUpload,
  type UploadFormat,
} from "./files.ts";
export { describeError, MAX_ERRORS } from "./table.ts";
export { ExcelHint } from "./views/excel-hint.tsx";
export { importFileHref } from "./views/imports.tsx";
