/**
 * A resource's rows in every download format: CSV UTF-8 with BOM, CSV Shift_JIS (CP932), xlsx
 * and JSON, all written from the stored (normalised) rows, with the same column names.
 */
import iconv from "iconv-lite";
import { encodeCsv, toCsv } from "../core/csv.ts";
import { AppError } from "../core/errors.ts";
import type { StoredCell } from "./schema.ts";

export const DOWNLOAD_FORMATS = ["csv", "csv-sjis", "xlsx", "json"] as const;
export type DownloadFormat = (typeof DOWNLOAD_FORMATS)[number];

export const DOWNLOAD_LABELS: Record<DownloadFormat, string> = {
  csv: "CSV（UTF-8）",
  "csv-sjis": "CSV（Shift_JIS）",
  xlsx: "Excel（.xlsx）",
  json: "JSON",
};

export const DOWNLOAD_TYPES: Record<DownloadFormat, string> = {
  csv: "text/csv; charset=utf-8",
  "csv-sjis": "text/csv; charset=Shift_JIS",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  json: "application/json; charset=utf-8",
};

/** The file name of a download: `{slug}-{resource}.csv`, `…-sjis.csv`, `.xlsx`, `.json`. */
export const downloadName = (base: string, format: DownloadFormat) =>
  format === "csv-sjis" ? `${base}-sjis.csv` : `${base}.${format}`;

export interface Table {
  columns: string[];
  rows: StoredCell[][];
}

/** The rows as objects keyed by column name (JSON, datastore records). */
export const records = (t: Table) =>
  t.rows.map((r) => Object.fromEntries(t.columns.map((c, i) => [c, r[i] ?? null])));

/** The first character CP932 cannot hold, with where it is, or undefined. */
function notInShiftJis(t: Table) {
  const cells = [t.columns, ...t.rows];
  for (const [n, row] of cells.entries())
    for (const [i, v] of row.entries()) {
      if (typeof v !== "string") continue;
      for (const ch of v)
        if (iconv.decode(iconv.encode(ch, "cp932"), "cp932") !== ch)
          return { row: n + 1, column: t.columns[i]!, ch };
    }
  return undefined;
}

export async function download(t: Table, format: DownloadFormat): Promise<Uint8Array> {
  switch (format) {
    case "csv":
      return encodeCsv(toCsv(t.columns, t.rows), "utf8");
    case "csv-sjis": {
      const bad = notInShiftJis(t);
      if (bad)
        throw new AppError(
          "invalid_file",
          `${bad.row} 行目『${bad.column}』列の「${bad.ch}」は Shift_JIS（CP932）で表せません。CSV（UTF-8）か Excel 形式をお使いください`,
        );
      return encodeCsv(toCsv(t.columns, t.rows), "sjis");
    }
    case "json":
      return new TextEncoder().encode(JSON.stringify(records(t)));
    case "xlsx": {
      const ExcelJS = (await import("exceljs")).default;
      const wb = new ExcelJS.Workbook();
      wb.creator = "Shisaku";
      const ws = wb.addWorksheet("data", { views: [{ state: "frozen", ySplit: 1 }] });
      ws.addRow(t.columns).font = { bold: true };
      for (const r of t.rows) ws.addRow(r);
      return new Uint8Array(await wb.xlsx.writeBuffer());
    }
  }
}
