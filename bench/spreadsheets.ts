/**
 * Bench section: the spreadsheet round-trip on the synthetic municipality (2,000 indicators ×
 * 12 fiscal years of actuals = 24,000 value cells). Times the export as xlsx, ExcelJS's own read
 * of that file, the import preview of the same file (read + check against the data, the ratio
 * the issue asks about), and applying an edited file whose cells become drafts; and the peak
 * heap while previewing.
 */

import { sql } from "drizzle-orm";
import ExcelJS from "exceljs";
import type { Principal } from "../src/accounts/rules.ts";
import { SYSTEM_ACTOR } from "../src/core/audit.ts";
import type { Db } from "../src/core/db/client.ts";
import { withTenant } from "../src/core/db/tenant.ts";
import { reportingYear } from "../src/core/reporting-years.ts";
import {
  applyImport,
  datasetNamed,
  exportDataset,
  previewImport,
} from "../src/spreadsheets/import.ts";
import { percentile, timed } from "./http.ts";

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

/** ExcelJS's own read of a file: load the workbook and visit every cell of its first sheet. */
export async function excelRead(bytes: Uint8Array): Promise<number> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  let cells = 0;
  wb.worksheets[0]!.eachRow((row) => {
    row.eachCell(() => {
      cells++;
    });
  });
  return cells;
}

/**
 * Bench data only (a throwaway database): gives every indicator of the municipality a value
 * in each of the last `years` fiscal years that has none, so that a file of its actuals has
 * that many year columns filled in.
 */
export async function fillYears(db: Db, mc: string, years: number) {
  const last = reportingYear();
  await withTenant(db, mc, (tx) =>
    tx.execute(sql`
      insert into indicator_actuals (municipality_code, indicator_id, fiscal_year, value, origin)
      select ${mc}, i.id, fy, 100 + (i.id * 7 + fy) % 50, 'entered'
        from indicators i cross join generate_series(${last - years + 1}::int, ${last}::int) fy
       where i.municipality_code = ${mc}
      on conflict (indicator_id, fiscal_year, municipality_code) do nothing`),
  );
}

/**
 * Exports the actuals as xlsx, reads the file with ExcelJS alone, previews it as an import (the
 * medians of `runs` runs of each), and (when `edits` > 0) applies a copy with that many cells of
 * the newest year changed.
 */
export async function benchSpreadsheets(db: Db, mc: string, edits: number, runs = 1) {
  const ds = datasetNamed("actuals");
  const [bytes, exportMs] = await timed(() => exportDataset(db, mc, ds, "xlsx", { drafts: true }));
  const upload = { fileName: "actuals.xlsx", bytes, format: "auto" as const };
  // A small file takes milliseconds: several runs, each read then previewed, and the medians.
  const reads: number[] = [];
  const previews: number[] = [];
  let preview: Awaited<ReturnType<typeof previewImport>> | undefined;
  let previewHeap = 0;
  for (let i = 0; i < runs; i++) {
    reads.push((await timed(() => excelRead(bytes)))[1]);
    const [[p, ms], heap] = await peakHeap(() =>
      timed(() => previewImport(db, mc, ds, upload, PLANNER)),
    );
    [preview, previewHeap] = [p, Math.max(previewHeap, heap)];
    previews.push(ms);
  }
  const [excelReadMs, previewMs] = [percentile(reads, 50), percentile(previews, 50)];
  if (!preview) throw new Error("no run");
  if (preview.errors.length) throw new Error(`unchanged file: ${preview.errors[0]!.message}`);
  if (preview.changes.length) throw new Error("an unchanged file previewed changes");

  const read = {
    fileBytes: bytes.length,
    rows: preview.rows,
    exportMs,
    excelReadMs,
    previewMs,
    previewHeap,
  };
  if (edits === 0) return { ...read, changes: 0, applyMs: 0 };
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
  return { ...read, changes: editedPreview.changes.length, applyMs };
}
