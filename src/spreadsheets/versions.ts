/**
 * The versions an export was made at, and the conflicts they reveal on import — the web form's
 * 409 rule for files. An xlsx export carries a hidden sheet 「_版」: for each data row, the
 * version of the record behind its fixed columns (「行」) and of the record behind each fiscal
 * year's cell. On import, a changed cell whose record has another version now than in the file
 * is a conflict: someone changed it after the export. A conflict is applied only when the person
 * ticks it; otherwise the cell keeps what Shisaku holds now. A file without the sheet (a CSV, an
 * older export, a hand-made file) is imported as before, and the preview says that versions
 * could not be checked. Pure: no database, no files.
 */
import type { RawCell } from "./cells.ts";
import type { CellChange, ParsedRow } from "./dataset.ts";

export const VERSIONS_SHEET = "_版";
const MARK = "Shisaku の版（変更しないでください）";
const KEY = "キー";
const ROW = "行";

/** The record behind a cell now: its version, and where its audit entries are. */
export interface RecordVersion {
  version: string;
  audit: { type: string; key: string };
}

/** Exported versions by cell: `cellOf(key, fiscalYear)` → version. */
export type Versions = Map<string, string>;

/** A cell of a row: its fiscal year's, or the row's fixed columns' (null). */
export const cellOf = (key: string, fiscalYear: number | null) => `${key}\u0000${fiscalYear ?? ""}`;

/** The hidden sheet's rows: a mark with the dataset's name, the header, a row per data row. */
export function versionRows(
  dataset: string,
  years: number[],
  rows: { key: string; version: (fiscalYear: number | null) => string | undefined }[],
): (string | number | null)[][] {
  return [
    [MARK, dataset],
    [KEY, ROW, ...years],
    ...rows.map((r) => [
      r.key,
      r.version(null) ?? null,
      ...years.map((fy) => r.version(fy) ?? null),
    ]),
  ];
}

const text = (c: RawCell) =>
  c === null || c === undefined || typeof c === "object" ? null : String(c).trim() || null;

/** The dataset the hidden sheet says the file was made for, or undefined. */
export function markOf(rows: RawCell[][] | undefined): string | undefined {
  const mark = rows?.[0];
  return text(mark?.[0]) === MARK ? (text(mark?.[1]) ?? undefined) : undefined;
}

/**
 * The versions the hidden sheet holds, or undefined when there is none, or it was made for
 * another dataset, or it cannot be read (then nothing is checked, as for a file without it).
 */
export function readVersions(dataset: string, rows: RawCell[][] | undefined): Versions | undefined {
  if (!rows?.length) return undefined;
  const [mark, header, ...data] = rows;
  if (text(mark?.[0]) !== MARK || text(mark?.[1]) !== dataset) return undefined;
  if (!header || text(header[0]) !== KEY || text(header[1]) !== ROW) return undefined;
  const years = header.slice(2).map((c) => {
    const n = Number(text(c));
    return Number.isInteger(n) ? n : undefined;
  });
  const versions: Versions = new Map();
  for (const r of data) {
    const key = text(r[0]);
    if (key === null) continue;
    const row = text(r[1]);
    if (row !== null) versions.set(cellOf(key, null), row);
    years.forEach((fy, i) => {
      const v = text(r[i + 2]);
      if (fy !== undefined && v !== null) versions.set(cellOf(key, fy), v);
    });
  }
  return versions;
}

/** A changed cell whose record changed after the export. */
export interface Conflict {
  /** What the checkbox sends: the row and column as the preview shows them. */
  id: string;
  change: CellChange;
  /** The records's version in the file, and now. */
  exported: string;
  current: string;
  audit: RecordVersion["audit"];
  /** Who changed the record last and when (the audit trail's label and time), when known. */
  by?: string;
  at?: string;
}

export const conflictId = (c: Pick<CellChange, "row" | "column">) => `${c.row}:${c.column}`;

/**
 * The conflicts among a file's changes: cells whose record has another version now than the
 * file says it was exported at. A cell the file has no version for (a row added, a row copied
 * from elsewhere) is not checked.
 */
export function findConflicts(
  changes: CellChange[],
  exported: Versions,
  now: (key: string, fiscalYear: number | null) => RecordVersion | undefined,
): Conflict[] {
  const conflicts: Conflict[] = [];
  for (const change of changes) {
    const was = exported.get(cellOf(change.key, change.fiscalYear));
    const current = now(change.key, change.fiscalYear);
    if (was === undefined || current === undefined || was === current.version) continue;
    conflicts.push({
      id: conflictId(change),
      change,
      exported: was,
      current: current.version,
      audit: current.audit,
    });
  }
  return conflicts;
}

/**
 * The rows with the cells of the conflicts not taken left out, so that comparing them again
 * leaves those cells as they are now (a column or year missing from a row is not compared).
 */
export function withoutCells(rows: ParsedRow[], left: Conflict[]): ParsedRow[] {
  if (left.length === 0) return rows;
  const byRow = new Map<number, Conflict[]>();
  for (const c of left) byRow.set(c.change.row, [...(byRow.get(c.change.row) ?? []), c]);
  return rows.map((row) => {
    const cells = byRow.get(row.row);
    if (!cells) return row;
    const values = { ...row.values };
    const years = new Map(row.years);
    for (const { change } of cells) {
      if (change.fiscalYear !== null) years.delete(change.fiscalYear);
      else if (change.field !== undefined) delete values[change.field];
    }
    return { ...row, values, years };
  });
}
