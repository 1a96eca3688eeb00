/**
 * Reading an uploaded CSV: its encoding told or detected (UTF-8 with or without BOM, Shift_JIS /
 * CP932; UTF-16 and EUC-JP recognised and refused with what to do), then RFC 4180 records.
 */
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

/** RFC 4180 CSV (quotes, doubled quotes, CRLF or LF, line breaks inside quotes). */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let openedAt = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === "\n") line++;
        field += ch;
      }
    } else if (ch === '"' && field === "") {
      quoted = true;
      openedAt = line;
    } else if (ch === ",") {
      record.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      record.push(field);
      records.push(record);
      record = [];
      field = "";
      line++;
    } else field += ch;
  }
  if (quoted) throw refuse(`CSV の ${openedAt} 行目で始まった引用符（"）が閉じられていません`);
  if (field !== "" || record.length) {
    record.push(field);
    records.push(record);
  }
  return records;
}
