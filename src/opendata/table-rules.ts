/**
 * An uploaded grid read as an open data table: its header row matched to the standard type's
 * columns (or, for a dataset of no standard type, taken as it is), every cell read by its
 * column's type, every problem collected with its sheet, row and column — all or nothing: a
 * table with one error is not taken. Pure.
 */
import {
  type CellError,
  type Grid,
  isBlank,
  MAX_ERRORS,
  type RawCell,
  readText,
} from "../spreadsheets/index.ts";
import { readCell } from "./cells.ts";
import type { StoredCell } from "./schema.ts";
import type { StandardColumn, StandardSchema } from "./standard/schemas.ts";

export interface CheckedTable {
  columns: string[];
  rows: StoredCell[][];
  errors: CellError[];
  /** More errors than MAX_ERRORS were found (only the first are listed). */
  more: boolean;
}

const key = (s: string) => s.normalize("NFKC").replace(/\s+/g, "");

const headerOf = (raw: RawCell) => {
  const t = readText(raw);
  return t.ok ? (t.value ?? "") : "";
};

const matches = (c: StandardColumn, header: string) =>
  [c.name, ...c.aliases].some((n) => key(n) === key(header));

export function checkTable(
  grid: Grid,
  schema: StandardSchema | undefined,
  mc: string,
): CheckedTable {
  const errors: CellError[] = [];
  let more = false;
  const add = (row: number | null, column: string | null, message: string) => {
    if (errors.length >= MAX_ERRORS) more = true;
    else errors.push({ sheet: grid.sheet, row, column, message });
  };
  const [head, ...body] = grid.rows;
  if (!head) {
    add(null, null, "見出しの行がありません。1 行目に列の名前を入れてください");
    return { columns: [], rows: [], errors, more };
  }
  const headers = head.cells.map(headerOf);
  // Which column of the table each column of the file is (-1: none, an empty trailing header).
  const columns: { name: string; type: StandardColumn["type"]; required: boolean }[] = schema
    ? schema.columns
    : headers.map((h) => ({ name: h, type: "text" as const, required: false }));
  const at: number[] = headers.map(() => -1);
  headers.forEach((h, i) => {
    if (h === "") {
      if (body.some((r) => !isBlank(r.cells[i])))
        add(head.row, null, `${i + 1} 列目に見出しがありません`);
      return;
    }
    const found = schema ? schema.columns.findIndex((c) => matches(c, h)) : i;
    if (found < 0) {
      add(head.row, h, `『${h}』は「${schema!.name}」の項目にありません`);
      return;
    }
    if (at.includes(found)) {
      add(head.row, h, `『${columns[found]!.name}』の列が二つあります`);
      return;
    }
    at[i] = found;
  });
  for (const [n, c] of columns.entries())
    if (schema && c.required && !at.includes(n))
      add(head.row, c.name, `必須の項目『${c.name}』の列がありません`);
  if (errors.length) return { columns: columns.map((c) => c.name), rows: [], errors, more };

  const idColumn = schema ? columns.findIndex((c) => c.name === "ID") : -1;
  const seenIds = new Map<string, number>();
  const rows: StoredCell[][] = [];
  for (const r of body) {
    const values: StoredCell[] = columns.map((c, n) => {
      const i = at.indexOf(n);
      const raw = i < 0 ? null : r.cells[i];
      const read = readCell(raw, c.type, mc);
      if (!read.ok) add(r.row, c.name, read.problem);
      else if (read.value === null && c.required)
        add(r.row, c.name, "必須の項目です。入力してください");
      return read.ok ? read.value : null;
    });
    if (idColumn >= 0 && values[idColumn] !== null) {
      const id = String(values[idColumn]);
      const first = seenIds.get(id);
      if (first !== undefined) add(r.row, "ID", `ID「${id}」は ${first} 行目と重なっています`);
      else seenIds.set(id, r.row);
    }
    rows.push(values);
  }
  return { columns: columns.map((c) => c.name), rows, errors, more };
}

/**
 * What a new version changes against the previous one, for people: rows matched by their ID
 * (standard types) or by their whole content.
 */
export function changeSummary(
  previous: { columns: string[]; rows: StoredCell[][] } | undefined,
  next: { columns: string[]; rows: StoredCell[][] },
): string {
  if (!previous) return `新規 ${next.rows.length} 行`;
  const keyed = (t: { columns: string[]; rows: StoredCell[][] }) => {
    const id = t.columns.indexOf("ID");
    return new Map(
      t.rows.map((r) => [
        id >= 0 ? String(r[id]) : JSON.stringify(r),
        JSON.stringify(Object.fromEntries(t.columns.map((c, i) => [c, r[i]]))),
      ]),
    );
  };
  const before = keyed(previous);
  const after = keyed(next);
  let added = 0;
  let changed = 0;
  for (const [k, v] of after) {
    if (!before.has(k)) added++;
    else if (before.get(k) !== v) changed++;
  }
  const removed = [...before.keys()].filter((k) => !after.has(k)).length;
  return `${next.rows.length} 行（追加 ${added}、削除 ${removed}、変更 ${changed}）`;
}
