/**
 * A grid read from a file, matched against a dataset's declaration: find the header row, map
 * each header to a column (or a fiscal year), read every data cell by its column's kind, and
 * collect every problem with its sheet, row and column — in one pass, up to a cap.
 */
import { AppError } from "../core/errors.ts";
import {
  isBlank,
  placeOf,
  type RawCell,
  readDate,
  readEnum,
  readFiscalYear,
  readNumber,
  readText,
} from "./cells.ts";
import type { CellError, CellValue, ColumnSpec, Dataset, ParsedRow } from "./dataset.ts";
import type { Grid, Limits } from "./files.ts";
import { type ExportedVersions, readToken, VERSION_COLUMN } from "./versions.ts";

export const MAX_ERRORS = 200;

/** Collects errors up to MAX_ERRORS; `full` tells that more were left out. */
export class Errors {
  readonly list: CellError[] = [];
  full = false;
  constructor(readonly sheet: string) {}
  add(row: number | null, column: string | null, message: string) {
    if (this.list.length >= MAX_ERRORS) {
      this.full = true;
      return;
    }
    this.list.push({ sheet: this.sheet, row, column, message });
  }
}

/** 「Sheet1 の 12 行目『令和4年度』列: …」 */
export const describeError = (e: CellError) =>
  e.row === null
    ? `${e.sheet}: ${e.message}`
    : `${placeOf(e.sheet, e.row, e.column)}: ${e.message}`;

/** Rows above the header (a title, a note) that a sheet may carry. */
const HEADER_SEARCH_ROWS = 10;

const same = (a: string, b: string) =>
  a.normalize("NFKC").replace(/\s+/g, "") === b.normalize("NFKC").replace(/\s+/g, "");

const headerText = (raw: RawCell): string | null => {
  const t = readText(raw);
  return t.ok ? t.value : null;
};

type Mapped = { index: number; header: string } & (
  | { column: ColumnSpec; fiscalYear?: undefined }
  | { column?: undefined; fiscalYear: number }
);

export interface ReadTable {
  sheet: string;
  rows: ParsedRow[];
  errors: Errors;
  /**
   * The versions of the `_版` column (a CSV export's) when the file has one: of the rows whose
   * token is theirs (a blank token, or another row's, leaves its row unchecked).
   */
  versions?: ExportedVersions;
}

/** How far an import has come: the phase and rows done of all. */
export interface Progress {
  phase: "reading" | "checking" | "writing" | "done";
  done: number;
  total: number;
}
export type OnProgress = (p: Progress) => void;

/** The line a job's page and the command line show: 「行を確認中: 4,500 / 20,000 行」. */
export function progressText(p: Progress): string {
  const n = (x: number) => x.toLocaleString("ja-JP");
  switch (p.phase) {
    case "reading":
      return p.total ? `ファイルを読み取りました: ${n(p.total)} 行` : "ファイルを読み取り中…";
    case "checking":
      return `行を確認中: ${n(p.done)} / ${n(p.total)} 行`;
    case "writing":
      return `書き込み中: ${n(p.done)} / ${n(p.total)} セル`;
    default:
      return `確認が終わりました: ${n(p.total)} 行`;
  }
}

/** Rows read between two yields to the event loop (other requests are answered meanwhile). */
const BATCH = 500;
export const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Reads the data rows of a grid as the dataset declares them. */
export async function readTable<S>(
  ds: Dataset<S>,
  s: S,
  grid: Grid,
  limits: Limits,
  progress?: OnProgress,
): Promise<ReadTable> {
  const errors = new Errors(grid.sheet);
  if (grid.rows.length === 0)
    throw new AppError(
      "invalid_file",
      `ファイルが空です（${grid.sheet} に入力された行がありません）`,
    );
  const key = ds.columns.find((c) => c.key === ds.keyColumn)!;
  const headerRow = grid.rows.slice(0, HEADER_SEARCH_ROWS).find((r) =>
    r.cells.some((c) => {
      const t = headerText(c);
      return t !== null && same(t, key.header);
    }),
  );
  if (!headerRow)
    throw new AppError(
      "invalid_file",
      `「${ds.title}」のファイルではありません（見出しの行に『${key.header}』がありません）。「${ds.title}」の書き出しファイルか、ひな形を使ってください`,
    );

  const mapped: Mapped[] = [];
  let versionAt: { index: number; header: string } | undefined;
  headerRow.cells.forEach((raw, index) => {
    if (raw === undefined || isBlank(raw)) return; // merged into the cell to its left, or empty
    const text = headerText(raw) ?? String(raw);
    if (ds.versionOf && same(text, VERSION_COLUMN)) {
      if (versionAt) errors.add(headerRow.row, text, `見出し『${text}』が2つあります`);
      else versionAt = { index, header: text };
      return;
    }
    const column = ds.columns.find((c) => same(c.header, text));
    if (column) {
      const dup = mapped.find((m) => m.column === column);
      if (dup) errors.add(headerRow.row, text, `見出し『${text}』が2つあります`);
      else mapped.push({ index, header: text, column });
      return;
    }
    if (ds.yearColumns) {
      const fy = readFiscalYear(raw);
      if (fy.ok && fy.value !== null) {
        if (mapped.some((m) => m.fiscalYear === fy.value))
          errors.add(headerRow.row, text, "同じ年度の列が2つあります");
        else mapped.push({ index, header: text, fiscalYear: fy.value });
        return;
      }
      const year = yearProblem(text, fy.ok ? null : fy.problem);
      if (year) {
        errors.add(headerRow.row, text, year);
        return;
      }
    }
    errors.add(
      headerRow.row,
      text,
      `「${ds.title}」の列ではありません（使える見出し: ${ds.columns.map((c) => `『${c.header}』`).join("")}${ds.yearColumns ? "と『令和4年度』などの年度" : ""}）`,
    );
  });
  const keyAt = mapped.find((m) => m.column === key)!;
  const yearHeaders = new Map<number, string>();
  for (const m of mapped) if (m.fiscalYear !== undefined) yearHeaders.set(m.fiscalYear, m.header);

  const data = grid.rows.filter((r) => r.row > headerRow.row);
  if (data.length > limits.maxRows)
    throw new AppError(
      "invalid_file",
      `行が多すぎます（${data.length.toLocaleString("ja-JP")} 行。上限は ${limits.maxRows.toLocaleString("ja-JP")} 行です）。ファイルを分けてください`,
    );

  const rows: ParsedRow[] = [];
  const versions: ExportedVersions = { cells: new Map(), digests: true };
  const seen = new Map<string, number>();
  let done = 0;
  for (const r of data) {
    if (++done % BATCH === 0) {
      progress?.({ phase: "checking", done, total: data.length });
      await yieldToLoop();
    }
    const rawKey = r.cells[keyAt.index];
    const keyRead = readText(rawKey);
    if (!keyRead.ok) {
      errors.add(r.row, keyAt.header, keyRead.problem);
      continue;
    }
    const code = keyRead.value;
    if (code === null) {
      errors.add(
        r.row,
        keyAt.header,
        `${key.header}が空です（行を消すときは行ごと削除してください）`,
      );
      continue;
    }
    const first = seen.get(code);
    if (first !== undefined) {
      errors.add(r.row, keyAt.header, `${key.header}「${code}」が ${first} 行目と重複しています`);
      continue;
    }
    seen.set(code, r.row);
    const existing = ds.current(s, code);
    const current = existing ?? ds.newRow?.(s, code);
    if (typeof current === "string") {
      errors.add(r.row, keyAt.header, current);
      continue;
    }
    if (!current) {
      errors.add(r.row, keyAt.header, `${key.header}「${code}」は登録されていません`);
      continue;
    }
    const unit = ds.unitOf(s, code);
    const parsed: ParsedRow = {
      row: r.row,
      key: code,
      values: {},
      years: new Map(),
      yearHeaders,
      isNew: existing === undefined,
    };
    if (versionAt) {
      const raw = r.cells[versionAt.index];
      const token = isBlank(raw) ? null : (headerText(raw) ?? String(raw));
      const read = token === null ? null : readToken(ds.name, code, token);
      if (read && "problem" in read) errors.add(r.row, versionAt.header, read.problem);
      else if (read) for (const [cell, v] of read.versions) versions.cells.set(cell, v);
    }
    let bad = false;
    for (const m of mapped) {
      if (m === keyAt) continue;
      const raw = r.cells[m.index];
      if (m.fiscalYear !== undefined) {
        const n = readNumber(raw, unit);
        const words = n.ok || !ds.yearWords?.(s, code) ? undefined : readText(raw);
        if (n.ok) parsed.years.set(m.fiscalYear, n.value);
        else if (words?.ok) parsed.years.set(m.fiscalYear, words.value);
        else {
          errors.add(r.row, m.header, n.problem);
          bad = true;
        }
        continue;
      }
      const value = readCell(m.column, raw, unit);
      if (!value.ok) {
        errors.add(r.row, m.header, value.problem);
        bad = true;
        continue;
      }
      if (!m.column.editable) {
        const was = current.values[m.column.key] ?? null;
        if (value.value !== null && !sameValue(value.value, was)) {
          errors.add(
            r.row,
            m.header,
            `この列は変更できません（灰色の列。登録されている値は「${was ?? ""}」、ファイルでは「${value.value}」）`,
          );
          bad = true;
        }
        continue;
      }
      parsed.values[m.column.key] = value.value;
    }
    if (!bad) rows.push(parsed);
  }
  progress?.({ phase: "checking", done: data.length, total: data.length });
  return {
    sheet: grid.sheet,
    rows,
    errors,
    versions: versionAt ? versions : undefined,
  };
}

/**
 * Why a header that looks like a fiscal year is not read as one (「4年度」 has no era: 令和4年度
 * or 平成4年度?), or null for a header that is no year at all.
 */
function yearProblem(header: string, problem: string | null): string | null {
  const h = header.normalize("NFKC").replace(/\s+/g, "");
  if (/^(\d{1,2}|元)年度?$/.test(h))
    return `見出し「${header}」は元号がないため、どの年度か決められません（「令和${h.replace(/年度?$/, "")}年度」や「2022年度」のように書いてください）`;
  if (/年度|^(令和|平成|昭和|[RHS])\d/i.test(h) && problem) return problem;
  return null;
}

const sameValue = (a: CellValue, b: CellValue) =>
  typeof a === "string" && typeof b === "string" ? same(a, b) : a === b;

function readCell(column: ColumnSpec, raw: RawCell, unit: string) {
  switch (column.kind.type) {
    case "number":
      return readNumber(raw, unit);
    case "fiscal-year":
      return readFiscalYear(raw);
    case "enum":
      return readEnum(raw, column.kind.values);
    case "date":
      return readDate(raw);
    default:
      return readText(raw);
  }
}
