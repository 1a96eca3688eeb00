/**
 * Bench section: the spreadsheet round-trip on the synthetic municipality (2,000 indicators ×
 * 12 fiscal years of actuals = 24,000 value cells). Times the export as xlsx, ExcelJS's own read
 * of that file, the import preview of the same file (read + check against the data, the ratio
 * the issue asks about), and applying an edited file whose cells become drafts; and the peak
 * heap while previewing.
 */
import ExcelJS from "exceljs";
import type { Principal } from "../src/accounts/rules.ts";
import { SYSTEM_ACTOR } from "../src/core/audit.ts";
import type { Db } from "../src/core/db/client.ts";
import {
  applyImport,
  datasetNamed,
  exportDataset,
  previewImport,
} from "../src/spreadsheets/import.ts";
import { timed } from "./http.ts";

const PLANNER: Principal = {
  userId: 0,
  email: "bench@localhost",
  role: "planner",
  sectionCodes: [],
};

/** Samples the heap every few milliseconds while `f` runs; returns the peak above the start. */
async function peakHeap<T>(f: () => Promise<T>): Promise<[T, number]> {
  global.gc?.();
  const start = process.memoryUsage().heapUsed;
  let peak = start;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().heapUsed);
  }, 5);
  try {
    const r = await f();
    peak = Math.max(peak, process.memoryUsage().heapUsed);
    return [r, peak - start];
  } finally {
    clearInterval(timer);
  }
}

export async function benchSpreadsheets(db: Db, mc: string, edits: number) {
  const ds = datasetNamed("actuals");
  const [bytes, exportMs] = await timed(() => exportDataset(db, mc, ds, "xlsx", { drafts: true }));
  const [, excelReadMs] = await timed(async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
    let cells = 0;
    wb.worksheets[0]!.eachRow((row) => {
      row.eachCell(() => {
        cells++;
      });
    });
    return cells;
  });
  const upload = { fileName: "actuals.xlsx", bytes, format: "auto" as const };
  const [[preview, previewMs], previewHeap] = await peakHeap(() =>
    timed(() => previewImport(db, mc, ds, upload, PLANNER)),
  );
  if (preview.errors.length) throw new Error(`unchanged file: ${preview.errors[0]!.message}`);
  if (preview.changes.length) throw new Error("an unchanged file previewed changes");

  // Edit `edits` cells of the newest year column and apply: each becomes a draft.
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  const sheet = wb.worksheets[0]!;
  const header = sheet.getRow(1);
  let yearColumn = 0;
  header.eachCell((cell, col) => {
    if (/年度/.test(String(cell.value))) yearColumn = col;
  });
  if (!yearColumn) throw new Error("no fiscal-year column in the export");
  for (let r = 2; r < 2 + edits; r++) sheet.getRow(r).getCell(yearColumn).value = 1000 + r;
  const edited = new Uint8Array(await wb.xlsx.writeBuffer());
  const editedUpload = { fileName: "actuals-edited.xlsx", bytes: edited, format: "auto" as const };
  const editedPreview = await previewImport(db, mc, ds, editedUpload, PLANNER);
  if (editedPreview.errors.length)
    throw new Error(`edited file: ${editedPreview.errors[0]!.message}`);
  const [applied, applyMs] = await timed(() =>
    applyImport(db, mc, ds, editedUpload, PLANNER, SYSTEM_ACTOR, {
      sha256: editedPreview.sha256,
      digest: editedPreview.digest,
      reason: "ベンチマーク",
    }),
  );
  if (applied.status !== "applied") throw new Error(`apply: ${applied.status}`);
  return {
    fileBytes: bytes.length,
    rows: preview.rows,
    exportMs,
    excelReadMs,
    previewMs,
    previewHeap,
    changes: editedPreview.changes.length,
    applyMs,
  };
}
