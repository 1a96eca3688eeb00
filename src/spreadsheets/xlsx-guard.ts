/**
 * Looks inside an uploaded .xlsx before ExcelJS reads it, so that no file can make the reader
 * take unbounded memory or time. An .xlsx is a zip of XML parts; a small file can unzip to
 * gigabytes, or name a cell or column range far beyond its real content (`<col max="…">`, a cell
 * at XFD1048576) that a reader then walks. The guard unzips every part the way ExcelJS's
 * streaming reader does (unzipper, reading the entries in file order), counting the bytes as they
 * come out and stopping at the limit, and reads every XML part with the same XML parser (saxes),
 * counting rows and cells and checking each position. A file that passes has a bounded size
 * unzipped and a bounded number of rows, cells and columns; one that does not is refused with a
 * message saying what is too large and where.
 */
import { Readable, Transform } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { SaxesParser } from "saxes";
import unzipper from "unzipper";
import { AppError } from "../core/errors.ts";
import { refuse } from "./csv-read.ts";

/** What an .xlsx may hold at most. */
export interface XlsxLimits {
  /** Parts in the zip. */
  maxEntries: number;
  /** All parts together, unzipped. */
  maxUnzippedBytes: number;
  /** Rows in one sheet (the data rows' limit plus room for headers and notes). */
  maxSheetRows: number;
  /** Cells in all sheets together. */
  maxCells: number;
  /** The last column a cell or a column definition may reach (IV = 256). */
  maxColumn: number;
}

/** Excel's own last row and column (1,048,576 and XFD = 16,384). */
export const EXCEL_MAX_ROW = 1_048_576;

/** Limits for a file whose data rows are at most `maxRows`. */
export function xlsxLimits(maxRows: number): XlsxLimits {
  return {
    maxEntries: 1000,
    maxUnzippedBytes: Math.max(64 * 1024 * 1024, maxRows * 3200),
    maxSheetRows: maxRows + 1000,
    maxCells: maxRows * 64,
    maxColumn: 256,
  };
}

const megabytes = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
const count = (n: number) => n.toLocaleString("ja-JP");

/** Column letters to their number (A = 1); NaN for anything else. */
export function columnNumber(letters: string): number {
  if (!/^[A-Z]{1,7}$/.test(letters)) return Number.NaN;
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** A cell reference as the sheet XML writes it ("B12"), or null when it is not one. */
export function cellPosition(ref: string): { row: number; column: number } | null {
  const m = /^([A-Z]+)(\d+)$/.exec(ref);
  if (!m) return null;
  return { column: columnNumber(m[1]!), row: Number(m[2]) };
}

/** What the guard found, for the messages: sheet names by part, and the running totals. */
interface Scan {
  limits: XlsxLimits;
  unzipped: number;
  cells: number;
  /** Sheet names by relationship id, and relationship targets by id, from the workbook. */
  sheetByRel: Map<string, string>;
  targetByRel: Map<string, string>;
  /**
   * The first thing found out of bounds in a sheet, said once the workbook has named its sheets
   * (a zip may hold the sheets before the workbook part).
   */
  problem?: () => string;
}

/** Stops checking a part: what was found is said when the whole file has been looked at. */
class Found extends Error {}

/** The sheet a part holds, as the person knows it (its tab name), when the workbook says. */
function sheetLabel(scan: Scan, part: string): string {
  for (const [id, target] of scan.targetByRel) {
    const full = target.startsWith("/") ? target.slice(1) : `xl/${target}`;
    const name = scan.sheetByRel.get(id);
    if (full === part && name) return `シート「${name}」`;
  }
  return `シート（${part}）`;
}

const localName = (name: string) => name.slice(name.indexOf(":") + 1);

/** The parts ExcelJS reads as worksheets (its own test, unanchored as it is there). */
const isWorksheet = (part: string) => /xl\/worksheets\/sheet(\d+)[.]xml/.test(part);

/** Checks one XML part as it is parsed; throws the refusal for the first thing out of bounds. */
function xmlChecker(scan: Scan, part: string) {
  const { limits } = scan;
  let rows = 0;
  const worksheet = isWorksheet(part);
  const found = (message: (sheet: string) => string) => {
    scan.problem ??= () => message(sheetLabel(scan, part));
    return new Found();
  };
  const tooFar = (what: string) =>
    found(
      (sheet) =>
        `${sheet}の${what}は、取り込める範囲（${count(limits.maxColumn)} 列目・${count(EXCEL_MAX_ROW)} 行目まで）を超えています。データのある範囲だけを新しいブックに貼り付けて保存し直してください`,
    );
  return (tag: { name: string; attributes: Record<string, string> }) => {
    const a = tag.attributes;
    switch (localName(tag.name)) {
      case "sheet":
        if (part === "xl/workbook.xml" && a.name) {
          const id = a["r:id"] ?? Object.entries(a).find(([k]) => k.endsWith(":id"))?.[1];
          if (id) scan.sheetByRel.set(id, a.name);
        }
        return;
      case "Relationship":
        if (part === "xl/_rels/workbook.xml.rels" && a.Id && a.Target)
          scan.targetByRel.set(a.Id, a.Target);
        return;
      case "row": {
        if (!worksheet) return;
        rows++;
        if (rows > limits.maxSheetRows)
          throw found(
            (sheet) =>
              `${sheet}の行が多すぎます（${count(limits.maxSheetRows)} 行を超えています）。ファイルを分けてください`,
          );
        if (a.r === undefined) return;
        const r = Number(a.r);
        if (!Number.isInteger(r) || r < 1 || r > EXCEL_MAX_ROW) throw tooFar(`行番号 ${a.r}`);
        return;
      }
      case "c": {
        if (!worksheet) return;
        scan.cells++;
        if (scan.cells > limits.maxCells)
          throw refuse(
            `ファイルのセルが多すぎます（${count(limits.maxCells)} 個を超えています）。ファイルを分けてください`,
          );
        if (a.r === undefined)
          throw found(
            (sheet) =>
              `${sheet}にセルの位置が書かれていないセルがあります。Excel で開いて Excel ブック（.xlsx）として保存し直してください`,
          );
        const at = cellPosition(a.r);
        if (!at || !(at.column <= limits.maxColumn) || at.row < 1 || at.row > EXCEL_MAX_ROW)
          throw tooFar(`セル ${a.r}`);
        return;
      }
      case "col": {
        if (!worksheet) return;
        const max = Number(a.max ?? a.min);
        if (!Number.isInteger(max) || max < 1 || max > 16_384)
          throw tooFar(`列の設定（${a.min}〜${a.max} 列目）`);
        return;
      }
    }
  };
}

/** Passes the bytes of one part through, counting them against the whole file's limit. */
function counter(scan: Scan) {
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      scan.unzipped += chunk.length;
      if (scan.unzipped > scan.limits.maxUnzippedBytes)
        done(
          refuse(
            `ファイルを展開すると大きすぎます（展開後 ${megabytes(scan.limits.maxUnzippedBytes)} を超えます）。部署ごとなどに分けてください`,
          ),
        );
      else done(null, chunk);
    },
  });
}

async function scanPart(scan: Scan, entry: unzipper.Entry) {
  const part = entry.path;
  const xml = /\.(xml|rels|vml)$/i.test(part);
  const parser = xml ? new SaxesParser() : null;
  const check = xmlChecker(scan, part);
  let broken = false;
  if (parser) {
    parser.on("opentag", (tag) => {
      try {
        check(tag as { name: string; attributes: Record<string, string> });
      } catch (e) {
        if (!(e instanceof Found)) throw e;
        // The rest of this part is only counted.
        broken = true;
      }
    });
    // A part the XML parser cannot read is left to the reader, which will refuse it; its bytes
    // are still counted.
    parser.on("error", () => {
      broken = true;
    });
  }
  const decoder = new StringDecoder("utf8");
  for await (const chunk of entry.pipe(counter(scan)) as AsyncIterable<Buffer>) {
    if (parser && !broken) parser.write(decoder.write(chunk));
  }
  if (parser && !broken) parser.write(decoder.end());
}

/**
 * Reads every part of the file once, without keeping it; throws an `invalid_file` error saying
 * what is too large (or that the file is not an .xlsx) before any reader builds a model of it.
 */
export async function guardXlsx(bytes: Uint8Array, limits: XlsxLimits): Promise<void> {
  const scan: Scan = {
    limits,
    unzipped: 0,
    cells: 0,
    sheetByRel: new Map(),
    targetByRel: new Map(),
  };
  const zip = Readable.from([Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)]).pipe(
    unzipper.Parse({ forceStream: true }),
  );
  // A file that ends inside a part is an error of the zip stream, not of the part's: wait on both.
  const ended = new Promise<never>((_, reject) => zip.once("error", reject));
  ended.catch(() => {});
  let entries = 0;
  try {
    for await (const entry of zip as AsyncIterable<unzipper.Entry>) {
      entries++;
      if (entries > limits.maxEntries)
        throw refuse(
          `Excel ブックの中の部品が多すぎます（${count(limits.maxEntries)} 個を超えています）。書き出したファイルに入力して保存し直してください`,
        );
      await Promise.race([scanPart(scan, entry), ended]);
    }
  } catch (e) {
    zip.destroy();
    if (e instanceof AppError) throw e;
    throw refuse("ファイルが壊れているか、Excel ブック（.xlsx）ではありません");
  }
  if (entries === 0) throw refuse("ファイルが壊れているか、Excel ブック（.xlsx）ではありません");
  if (scan.problem) throw refuse(scan.problem());
}

/**
 * The parts a streaming reader needs before the sheets: ExcelJS's reader keeps a sheet that
 * arrives before the shared strings and the workbook in a temporary file and reads it at the
 * end, and ExcelJS itself writes the sheets first. In this order (zip-order.ts) a workbook is
 * read in one pass without temporary files.
 */
export const READING_ORDER = [
  "[Content_Types].xml",
  "_rels/.rels",
  "xl/_rels/workbook.xml.rels",
  "xl/workbook.xml",
  "xl/sharedStrings.xml",
  "xl/styles.xml",
];
