/**
 * Reading an uploaded CSV: its encoding told or detected (UTF-8 with or without BOM, Shift_JIS /
 * CP932; UTF-16 and EUC-JP recognised and refused with what to do), then RFC 4180 records
 * (csv-parse), a broken quote refused with the line it is on.
 */
import { CsvError, parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { AppError } from "../core/errors.ts";
import type { ExportFormat, Grid, GridRow, UploadFormat } from "./files.ts";

export const refuse = (message: string) => new AppError("invalid_file", message);

export const startsWith = (bytes: Uint8Array, magic: number[]) =>
  magic.every((b, i) => bytes[i] === b);
const BOM = [0xef, 0xbb, 0xbf];

function validUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

const ascii = (bytes: Uint8Array) => bytes.every((b) => b < 0x80);

/** Half-width katakana, which Japanese EUC text turns into when read as Shift_JIS. */
const HALF_KANA = /[\uff61-\uff9f]/g;

/**
 * EUC-JP text: it reads cleanly as EUC-JP with kana or kanji, while read as Shift_JIS most of
 * its characters become half-width katakana (rare in real Shift_JIS files of this kind).
 */
function looksEucJp(bytes: Uint8Array, sjisText: string): boolean {
  const euc = iconv.decode(Buffer.from(bytes), "euc-jp");
  if (euc.includes("\ufffd") || !/[\u3040-\u30ff\u4e00-\u9fff]/.test(euc)) return false;
  const halfKana = sjisText.match(HALF_KANA)?.length ?? 0;
  const wide = euc.match(/[\u3040-\u30ff\u4e00-\u9fff]/g)?.length ?? 0;
  return !sjisText.includes("\ufffd") ? halfKana >= wide : true;
}

function decodeCsv(
  bytes: Uint8Array,
  format: UploadFormat,
): { text: string; format: ExportFormat } {
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]))
    throw refuse(
      "UTF-16（Unicode テキスト）で保存されたファイルです。「CSV UTF-8（コンマ区切り）」か Excel ブックで保存し直してください",
    );
  if (bytes.includes(0))
    throw refuse(
      "CSV として読めません（文字でないデータが含まれています）。ファイルが壊れていないか確かめてください",
    );
  const bom = startsWith(bytes, BOM);
  const utf8 = bom || validUtf8(bytes);
  const looksUtf8 = bom || (utf8 && !ascii(bytes));
  const sjisText = iconv.decode(Buffer.from(bytes), "cp932");
  const sjis = !sjisText.includes("\ufffd");
  if (!utf8 && looksEucJp(bytes, sjisText))
    throw refuse(
      "EUC-JP で保存されたファイルのようです。「CSV UTF-8（コンマ区切り）」か Shift_JIS の CSV、または Excel ブックで保存し直してください",
    );
  if (format === "csv-sjis") {
    if (looksUtf8)
      throw refuse(
        "Shift_JIS として読めません。UTF-8 で保存されたファイルのようです。形式に「CSV（UTF-8）」か「自動判別」を選んでください",
      );
    if (!sjis)
      throw refuse(
        "Shift_JIS（CP932）として読めない文字があります。ファイルの文字コードを確かめてください",
      );
    return { text: sjisText, format: "csv-sjis" };
  }
  if (format === "csv") {
    if (!utf8)
      throw refuse(
        sjis
          ? "UTF-8 として読めません。Shift_JIS で保存されたファイルのようです。形式に「CSV（Shift_JIS）」か「自動判別」を選んでください"
          : "UTF-8 として読めません。ファイルの文字コードを確かめてください",
      );
  } else if (!utf8) {
    if (!sjis)
      throw refuse(
        "文字コードを判別できません。UTF-8 か Shift_JIS（CP932）の CSV で保存してください",
      );
    return { text: sjisText, format: "csv-sjis" };
  }
  const text = Buffer.from(bom ? bytes.subarray(3) : bytes).toString("utf8");
  return { text, format: "csv" };
}

export async function readCsv(
  bytes: Uint8Array,
  fileName: string,
  format: UploadFormat,
): Promise<Grid> {
  const decoded = decodeCsv(bytes, format);
  const records = parseCsv(decoded.text);
  const rows: GridRow[] = [];
  records.forEach((cells, i) => {
    if (cells.some((c) => c.trim() !== "")) rows.push({ row: i + 1, cells });
  });
  return { sheet: fileName || "CSV", rows, format: decoded.format };
}

/** RFC 4180 CSV (quotes, doubled quotes, CRLF, LF or CR, line breaks inside quotes). */
export function parseCsv(text: string): string[][] {
  try {
    return parse(text, {
      // Blank lines stay records (skip_empty_lines is off): a record's number is its row in
      // Excel. Any line end, mixed in one file (left to itself, csv-parse keeps to the first it
      // meets); rows of any length. Quotes are strict: a stray one is refused, not guessed at.
      record_delimiter: ["\r\n", "\n", "\r"],
      relax_column_count: true,
    });
  } catch (error) {
    if (error instanceof CsvError) throw refuse(csvProblem(error, text));
    throw error;
  }
}

/**
 * What is wrong, and on which line of the file. csv-parse counts a CRLF inside quotes as two
 * lines, so the line is counted here from where the broken field starts: `bytes` is where the
 * last field or record ended (the delimiter, or the start of the next record), and `index` how
 * many fields of the broken record were complete.
 */
function csvProblem(error: CsvError, text: string): string {
  const start = error.bytes + (error.index > 0 ? 1 : 0);
  const line = lineAt(Buffer.from(text, "utf8").subarray(0, start));
  switch (error.code) {
    case "CSV_QUOTE_NOT_CLOSED":
      return `CSV の ${line} 行目で始まった引用符（"）が閉じられていません`;
    case "CSV_INVALID_CLOSING_QUOTE":
      return `CSV の ${line} 行目で始まった引用符（"）の値が、閉じる引用符の後も続いています。値の中の引用符は「""」と二つ重ねてください`;
    case "INVALID_OPENING_QUOTE":
      return `CSV の ${line} 行目で、引用符（"）で囲まれていない値の途中に引用符があります。引用符を含む値は全体を引用符で囲み、中の引用符は「""」と二つ重ねてください`;
    default:
      return `CSV の ${line} 行目を読めません。ファイルが壊れていないか確かめてください`;
  }
}

/** The line (1-based) the text after these bytes starts on; CRLF, LF and CR each end a line. */
function lineAt(bytes: Uint8Array): number {
  let line = 1;
  bytes.forEach((b, i) => {
    if (b === 0x0a ? bytes[i - 1] !== 0x0d : b === 0x0d) line++;
  });
  return line;
}
