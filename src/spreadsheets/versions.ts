/**
 * The versions an export was made at, and the conflicts they reveal on import — the web form's
 * 409 rule for files. An xlsx export carries a hidden sheet 「_版」: for each data row, the
 * version of the record behind its fixed columns (「行」) and of the record behind each fiscal
 * year's cell. A CSV export carries the same in a last column 「_版」: a token per row (see
 * `rowToken`). On import, a changed cell whose record has another version now than in the file
 * is a conflict: someone changed it after the export. A conflict is applied only when the person
 * ticks it; otherwise the cell keeps what Shisaku holds now. A file without the sheet or the
 * column (an older export, a hand-made file) is imported as before, and the preview says that
 * versions could not be checked. Pure: no database, no files.
 */
import { createHash } from "node:crypto";
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

/** The versions a file carries: as written (the xlsx sheet), or as digests (a CSV's tokens). */
export interface ExportedVersions {
  cells: Versions;
  digests: boolean;
}

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
  /** The file holds digests of the versions (a CSV's `_版` column), not the versions. */
  digests = false,
): Conflict[] {
  const conflicts: Conflict[] = [];
  for (const change of changes) {
    const was = exported.get(cellOf(change.key, change.fiscalYear));
    const current = now(change.key, change.fiscalYear);
    if (was === undefined || current === undefined) continue;
    if (was === (digests ? versionDigest(current.version) : current.version)) continue;
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

// A CSV's version column ----------------------------------------------------------------------

/** The header of a CSV's last column: the versions of the row, as one token. */
export const VERSION_COLUMN = "_版";
const TOKEN_START = "V1";
/** Crockford's base32, lower case: no I, L, O, U. */
const BASE32 = "0123456789abcdefghjkmnpqrstvwxyz";

/** `length` base32 characters of the sha256 of a text (5 bits each, at most 6). */
function digest(text: string, length: number): string {
  const n = createHash("sha256").update(text).digest().readUInt32BE(0) >>> 2;
  let out = "";
  for (let i = length - 1; i >= 0; i--) out += BASE32[(n >>> (5 * i)) & 31];
  return out;
}

/** What a token holds of a version: 30 bits of its sha256 (6 characters). */
export const versionDigest = (version: string) => digest(version, 6);
/** Which dataset and row a token was written for (20 bits: a token copied to another row is not its). */
const rowCheck = (dataset: string, key: string) => digest(`${dataset}\u0000${key}`, 4);

/**
 * A row's versions as one cell of text that survives Excel and LibreOffice saving the CSV again
 * (it starts with a letter, so it is never read as a number or a date):
 * 「V1.<row check>.r<digest>.2024<digest>…」 — `r` the record of the fixed columns, then each
 * fiscal year's cell. Empty when the row has no versions at all.
 */
export function rowToken(
  dataset: string,
  key: string,
  years: number[],
  version: (fiscalYear: number | null) => string | undefined,
): string {
  const parts = [TOKEN_START, rowCheck(dataset, key)];
  const row = version(null);
  if (row !== undefined) parts.push(`r${versionDigest(row)}`);
  for (const fy of years) {
    const v = version(fy);
    if (v !== undefined) parts.push(`${fy}${versionDigest(v)}`);
  }
  return parts.length > 2 ? parts.join(".") : "";
}

const TOKEN = /^v1\.([0-9a-z]{4})((?:\.(?:r|\d{4})[0-9a-z]{6})*)$/;

/**
 * The versions a row's token holds, by cell; null when it was written for another row or
 * dataset (a row copied from elsewhere is not checked, as a row the xlsx sheet lacks); a
 * problem in Japanese when it is no token at all.
 */
export function readToken(
  dataset: string,
  key: string,
  text: string,
): { versions: Versions } | null | { problem: string } {
  const token = text.normalize("NFKC").trim().toLowerCase();
  const m = TOKEN.exec(token);
  if (!m)
    return {
      problem: `版の記録「${text.length > 40 ? `${text.slice(0, 40)}…` : text}」を読めません（「V1.」で始まる、書き出したときの値のまま残してください。わからないときは空欄にすると、この行は書き出した後の変更との競合を確かめずに取り込みます）`,
    };
  if (m[1] !== rowCheck(dataset, key)) return null;
  const versions: Versions = new Map();
  for (const part of m[2]!.split(".").slice(1)) {
    const fy = part.startsWith("r") ? null : Number(part.slice(0, 4));
    versions.set(cellOf(key, fy), part.slice(-6));
  }
  return { versions };
}
