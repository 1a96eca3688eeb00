/**
 * What a dataset declares to be exported and imported as a spreadsheet: its columns (header,
 * kind, editable or not), optionally one column per fiscal year, how its rows are read for
 * export, and how the changes an upload asks for are checked and applied. Everything else —
 * writing xlsx and CSV, reading them back, matching headers, reading cells, collecting errors —
 * is the same for every dataset (see files.ts, table.ts, import.ts).
 */
import type { Principal } from "../accounts/index.ts";
import type { Role } from "../accounts/schema.ts";
import type { Actor } from "../core/audit.ts";
import type { Db, Tx } from "../core/db/client.ts";
import type { RecordVersion } from "./versions.ts";

/**
 * Runs one read. On the embedded database a transaction holds the only connection, so a preview
 * reads in several short transactions and other requests are answered between them.
 */
export type Reader = <T>(read: (tx: Tx) => Promise<T>) => Promise<T>;

export type ColumnKind =
  | { type: "text" }
  | { type: "number" }
  | { type: "fiscal-year" }
  /** A day, read back as YYYY-MM-DD text whether Excel kept it as a date or as typed text. */
  | { type: "date" }
  | { type: "enum"; values: readonly string[] };

export interface ColumnSpec {
  key: string;
  header: string;
  kind: ColumnKind;
  /** Read-only columns are shaded in the xlsx and must come back unchanged (or blank). */
  editable: boolean;
  /** Width in characters in the xlsx. */
  width: number;
  /**
   * Lines written above the header in this column (a survey's question and how to answer it);
   * the key column's lines name them. The header row is found below them on import.
   */
  above?: string[];
  /** What to enter, for the 「記入のしかた」 sheet (default: whether it may be changed). */
  help?: string;
}

/** A value of a fixed column as exported. */
export type CellValue = string | number | null;

export interface ExportRow {
  key: string;
  values: Record<string, CellValue>;
  /**
   * fiscal year → value, for datasets with year columns; words only where `yearWords` allows
   * them (a milestone's actual: 「策定」).
   */
  years: Map<number, number | string | null>;
  /** Excel number format of this row's number cells (the indicator's decimals). */
  numFmt?: string;
}

export interface CodeList {
  /** Title above the list on the code-list sheet. */
  title: string;
  header: string[];
  rows: CellValue[][];
}

/** A data row as read from a file, its cells read by kind. */
export interface ParsedRow {
  /** Row number as Excel shows it (1-based, header rows included). */
  row: number;
  key: string;
  values: Record<string, CellValue>;
  /** Numbers; words only in rows where the dataset's `yearWords` allows them. */
  years: Map<number, number | string | null>;
  /** fiscal year → the header the file gave its column (「令和4年度」, 「2022年度」). */
  yearHeaders: Map<number, string>;
  /** A row the file adds (its key is new; the dataset allows adding rows). */
  isNew?: boolean;
}

/** Where an error is: the row as Excel shows it and the column's header. */
export interface CellError {
  sheet: string;
  row: number | null;
  column: string | null;
  message: string;
}

/** A change of one cell: what the preview lists, the audit records, and the apply writes. */
export interface CellChange {
  row: number;
  key: string;
  /** What the row is about, for people (the indicator's name). */
  label: string;
  column: string;
  fiscalYear: number | null;
  before: CellValue;
  after: CellValue;
  /** Shown with the values (the indicator's unit). */
  unit: string;
  /** Changes a value the public already sees (a reason is required). */
  correction: boolean;
  /** The declared column's key, for a change of a fixed column (not a fiscal-year column). */
  field?: string;
  /**
   * The value to write, when it is not what `after` shows (a fiscal year shown as 「令和4年度」,
   * sections shown by name but written as codes). Left out of the digest and the audit entry.
   */
  stored?: unknown;
}

export interface FileChanges {
  changes: CellChange[];
  /** Rows with at least one change, and rows without. */
  changedRows: number;
  unchangedRows: number;
  /** Rows the file adds (datasets that allow adding rows). */
  addedRows?: number;
  errors: CellError[];
}

export interface Scope {
  /** Only rows of these sections (undefined: all). */
  sections?: string[];
  /** Export drafts where they exist instead of the published values. */
  drafts: boolean;
}

export interface ApplyContext {
  mc: string;
  who: Principal;
  actor: Actor;
  /** Why published values are corrected (required when a change is a correction). */
  reason: string | null;
  /** Tells how many of the changes are written so far (for progress; optional to call). */
  written?: (done: number) => void;
}

export interface Dataset<S> {
  /** Name in URLs and on the command line. */
  name: string;
  /** Japanese title (the data sheet's name too, unless `sheet` names it). */
  title: string;
  /** The data sheet's name when the title is too long for one (31 characters at most). */
  sheet?: string;
  /** Where the data is managed, when not on the spreadsheets page (a survey's staff page). */
  back?: { href: string; label: string };
  description: string;
  columns: ColumnSpec[];
  /** The column whose value identifies a row (a stable code). */
  keyColumn: string;
  /** One column per fiscal year, headed 「令和4年度」; read back from 和暦 or 西暦. */
  yearColumns?: { editable: boolean; width: number };
  /**
   * The least role that may import this dataset, and download its applied files again
   * (default editor; rows a person may not change are refused by `compare` all the same).
   */
  importRole?: Role;
  /**
   * What applying the changes does, for people (the preview, the result page, the command line):
   * 「変更は下書きとして保存されます。…」.
   */
  outcome: string;
  /** Whether a planner publishes the applied changes at 「公開前の確認」 (the result page links it). */
  publishedLater?: boolean;
  /** Lines of the 「記入のしかた」 sheet. */
  instructions: string[];
  /**
   * Reads what an export shows and an import compares with, each query through `read` (a
   * preview gives each its own short transaction; an apply, its one transaction).
   */
  load(read: Reader, mc: string, scope: Scope): Promise<S>;
  /** The fiscal years to export as columns (datasets with yearColumns). */
  years?(s: S, template: boolean): number[];
  rows(s: S, template: boolean): ExportRow[];
  codeLists(s: S): CodeList[];
  /** The row's current fixed values (to check read-only columns), undefined for unknown keys. */
  current(s: S, key: string): ExportRow | undefined;
  /**
   * Rows a file may add under a new key (datasets without it only change rows that exist): the
   * fixed values such a row has, checked like the read-only columns of an existing row, or why
   * no row can be added under this key. Whether the person may add it is for `compare` to say.
   */
  newRow?(s: S, key: string): ExportRow | string;
  /**
   * Whether this row's year cells may hold words where they hold no number (an indicator whose
   * target is reached or not: 「策定」). Without it, or false, words in a year cell are an error.
   */
  yearWords?(s: S, key: string): boolean;
  /** The unit numbers of this row carry (accepted after a number), "" for none. */
  unitOf(s: S, key: string): string;
  /** Compares the rows of a file with the data and checks every change (permissions too). */
  compare(s: S, rows: ParsedRow[], who: Principal, sheet: string): FileChanges;
  /**
   * Writes the compared changes inside the caller's transaction. With `verifiesBefore`, it refuses
   * (conflict) a change whose cell no longer holds `before`, and checks every rule again: the
   * file is then checked outside the transaction.
   */
  apply(tx: Tx, ctx: ApplyContext, changes: CellChange[]): Promise<void>;
  verifiesBefore?: boolean;
  /** The tables a large apply writes, whose statistics are refreshed after it (default: all). */
  tables?: readonly string[];
  /**
   * The record behind a row's fixed columns (fiscalYear null) or behind one of its year cells,
   * with its version now; undefined where there is none. An xlsx export writes these versions
   * in a hidden sheet, and an import flags a changed cell whose record changed since (versions.ts).
   */
  versionOf?(s: S, key: string, fiscalYear: number | null): RecordVersion | undefined;
}

/**
 * Datasets made one per subject, whose columns depend on it: a survey's paper answers have one
 * column per question of that survey. Its datasets are named 「{family}/{subject}」 (in URLs,
 * jobs, stored files and audit entries) and made for each request by `of`.
 */
export interface DatasetFamily {
  name: string;
  title: string;
  /** The least role that may import any of its datasets (checked before a file is read). */
  importRole: Role;
  /** The dataset of one subject in this municipality; not_found (or why not) otherwise. */
  // biome-ignore lint/suspicious/noExplicitAny: each dataset has its own snapshot type
  of(db: Db, mc: string, subject: string): Promise<Dataset<any>>;
}
