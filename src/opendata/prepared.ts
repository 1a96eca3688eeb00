/**
 * A resource's rows made ready for datastore_search once, not per request (pure): each row as a
 * record with its `_id`, and each cell's text folded to lower case for `q`.
 */
import type { StoredCell } from "./schema.ts";

export interface PreparedTable {
  columns: string[];
  rows: StoredCell[][];
  /** Row i as `{_id: i + 1, column: cell…}`. */
  records: Record<string, StoredCell>[];
  /** Row i's cells as lower-case text (null for an empty cell), in column order. */
  folded: (string | null)[][];
}

export function prepareTable(table: { columns: string[]; rows: StoredCell[][] }): PreparedTable {
  const { columns, rows } = table;
  return {
    columns,
    rows,
    records: rows.map((r, i) => {
      const rec: Record<string, StoredCell> = { _id: i + 1 };
      for (let j = 0; j < columns.length; j++) rec[columns[j]!] = r[j] ?? null;
      return rec;
    }),
    folded: rows.map((r) =>
      columns.map((_, j) => {
        const v = r[j];
        return v === null || v === undefined ? null : String(v).toLowerCase();
      }),
    ),
  };
}

export const isPrepared = (t: object): t is PreparedTable => "records" in t && "folded" in t;
