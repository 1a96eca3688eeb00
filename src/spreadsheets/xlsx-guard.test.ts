/**
 * Uploaded .xlsx files that would take the server down: each is made here, small, and must be
 * refused with a message saying what is too large — or, where the reader no longer expands what
 * the file names (merged ranges, validations, names over the whole sheet), read as its few rows.
 */
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import {
  afterSheetData,
  edited,
  endlessColumns,
  SHEET_PART,
  wholeSheetMerge,
  workbook,
} from "../../test/support/xlsx-files.ts";
import { AppError } from "../core/errors.ts";
import { readUpload } from "./files.ts";
import { cellPosition, guardXlsx, xlsxLimits } from "./xlsx-guard.ts";

const LIMITS = { maxBytes: 10 * 1024 * 1024, maxRows: 20_000 };
const SHEET = SHEET_PART;

/** The message a refusal carries, or "read" when the file was read. */
async function outcome(bytes: Uint8Array, limits = LIMITS) {
  try {
    await readUpload(bytes, "実績値.xlsx", "auto", limits);
    return "read";
  } catch (e) {
    if (e instanceof AppError && e.code === "invalid_file") return e.message;
    throw e;
  }
}

describe("an uploaded .xlsx is looked at before it is read", () => {
  it("reads a 1.6 KB-class file whose merged range, validation and name cover the whole sheet as its three rows", async () => {
    const bytes = await edited({
      [SHEET]: (xml) =>
        afterSheetData(
          '<dataValidations count="1"><dataValidation type="list" sqref="A1:XFD1048576"><formula1>"a,b"</formula1></dataValidation></dataValidations>',
        )(wholeSheetMerge(xml)),
      "xl/workbook.xml": (xml) =>
        xml.replace(
          "</sheets>",
          "</sheets><definedNames><definedName name=\"all\">'実績値'!$A$1:$XFD$1048576</definedName></definedNames>",
        ),
    });
    expect(bytes.length).toBeLessThan(10_000);
    const grid = await readUpload(bytes, "実績値.xlsx", "auto", LIMITS);
    expect(grid.sheet).toBe("実績値");
    expect(grid.rows.map((r) => r.cells)).toEqual([
      ["指標コード", "令和6年度"],
      ["GZ-1-R1", 43],
      ["GZ-1-R2", 12.5],
    ]);
  });

  it("refuses a column setting that reaches past Excel's last column", async () => {
    const bytes = await edited({
      [SHEET]: endlessColumns,
    });
    expect(await outcome(bytes)).toMatch(
      /シート「実績値」の列の設定（1〜2000000000 列目）は、取り込める範囲/,
    );
  });

  it("refuses a cell far to the right (XFD9) and a row number past 1,048,576, naming them", async () => {
    const far = await edited({
      [SHEET]: (xml) =>
        xml.replace("</sheetData>", '<row r="9"><c r="XFD9"><v>1</v></c></row></sheetData>'),
    });
    expect(await outcome(far)).toMatch(
      /シート「実績値」のセル XFD9は、取り込める範囲（256 列目・1,048,576 行目まで）を超えています/,
    );
    const deep = await edited({
      [SHEET]: (xml) =>
        xml.replace(
          "</sheetData>",
          '<row r="99999999"><c r="A99999999"><v>1</v></c></row></sheetData>',
        ),
    });
    expect(await outcome(deep)).toMatch(/行番号 99999999/);
  });

  it("refuses a sheet of 120,000 rows before reading any of them", async () => {
    const rows = Array.from(
      { length: 120_000 },
      (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`,
    ).join("");
    const bytes = await edited({
      [SHEET]: (xml) =>
        xml.replace(/<sheetData>[\s\S]*<\/sheetData>/, `<sheetData>${rows}</sheetData>`),
    });
    expect(await outcome(bytes)).toBe(
      "シート「実績値」の行が多すぎます（21,000 行を超えています）。ファイルを分けてください",
    );
  });

  it("refuses cells without their position, which the reader cannot place", async () => {
    const bytes = await edited({
      [SHEET]: (xml) => xml.replace("</sheetData>", '<row r="9"><c><v>1</v></c></row></sheetData>'),
    });
    expect(await outcome(bytes)).toMatch(/セルの位置が書かれていないセルがあります/);
  });

  it("refuses a part that unzips past the limit, without unzipping the rest", async () => {
    const padding = " ".repeat(3 * 1024 * 1024);
    const bytes = await edited({
      [SHEET]: (xml) => xml.replace("<sheetData>", `${padding}<sheetData>`),
    });
    expect(bytes.length).toBeLessThan(100_000);
    const limits = { ...xlsxLimits(20_000), maxUnzippedBytes: 1024 * 1024 };
    await expect(guardXlsx(bytes, limits)).rejects.toThrow(
      "ファイルを展開すると大きすぎます（展開後 1 MB を超えます）。部署ごとなどに分けてください",
    );
    // The same file is within the default limit and is read.
    expect(await outcome(bytes)).toBe("read");
  });

  it("refuses a zip of more than 1,000 parts", async () => {
    const zip = await workbook();
    for (let i = 0; i < 1001; i++) zip.file(`customXml/item${i}.xml`, "<a/>");
    const bytes = await edited({}, zip);
    expect(await outcome(bytes)).toBe(
      "Excel ブックの中の部品が多すぎます（1,000 個を超えています）。書き出したファイルに入力して保存し直してください",
    );
  });

  it("refuses more cells than the limit across all sheets", async () => {
    const row = (r: number) =>
      `<row r="${r}">${Array.from({ length: 40 }, (_, i) => `<c r="${i < 26 ? "" : "A"}${String.fromCharCode(65 + (i % 26))}${r}"><v>1</v></c>`).join("")}</row>`;
    const bytes = await edited({
      [SHEET]: (xml) =>
        xml.replace(
          /<sheetData>[\s\S]*<\/sheetData>/,
          `<sheetData>${Array.from({ length: 300 }, (_, i) => row(i + 1)).join("")}</sheetData>`,
        ),
    });
    // 12,000 cells against a limit of 100 rows × 64 = 6,400.
    expect(await outcome(bytes, { maxBytes: LIMITS.maxBytes, maxRows: 100 })).toBe(
      "ファイルのセルが多すぎます（6,400 個を超えています）。ファイルを分けてください",
    );
  });

  it("says a zip that is not a workbook is broken", async () => {
    const zip = new JSZip();
    zip.file("hello.txt", "not a workbook");
    const bytes = await zip.generateAsync({ type: "uint8array" });
    expect(await outcome(bytes)).toBe("ファイルにシートがありません");
    const cut = (await edited({})).subarray(0, 600);
    expect(await outcome(cut)).toBe("ファイルが壊れているか、Excel ブック（.xlsx）ではありません");
  });
});

describe("cell positions", () => {
  it("reads column letters and row numbers as Excel writes them", () => {
    expect(cellPosition("A1")).toEqual({ column: 1, row: 1 });
    expect(cellPosition("IV65536")).toEqual({ column: 256, row: 65536 });
    expect(cellPosition("XFD1048576")).toEqual({ column: 16384, row: 1048576 });
    expect(cellPosition("a1")).toBeNull();
    expect(cellPosition("1A")).toBeNull();
  });
});
