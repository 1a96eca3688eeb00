/** CSV for people who open it in Excel: UTF-8 with BOM by default, Shift_JIS (CP932) on request. */

import { stringify } from "csv-stringify/sync";
import iconv from "iconv-lite";
import { contentDisposition, type DownloadName } from "./http/content-disposition.ts";

export type CsvEncoding = "utf8" | "sjis";

export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  return stringify([header, ...rows.map((r) => r.map((v) => (v === null ? "" : v)))], {
    record_delimiter: "\r\n",
  });
}

/** Bytes to send: a BOM before UTF-8 (Excel opens it correctly), or CP932. */
export function encodeCsv(text: string, encoding: CsvEncoding): Uint8Array {
  if (encoding === "sjis") return iconv.encode(text, "cp932");
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, "utf8")]);
}

export function csvResponse(
  text: string,
  filename: string | DownloadName,
  encoding: CsvEncoding = "utf8",
) {
  const charset = encoding === "sjis" ? "Shift_JIS" : "utf-8";
  return new Response(encodeCsv(text, encoding), {
    headers: {
      "content-type": `text/csv; charset=${charset}`,
      "content-disposition": contentDisposition(filename),
    },
  });
}
