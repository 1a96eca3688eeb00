import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { parseCsv, readCsv } from "./csv-read.ts";

const utf8 = (text: string) => new Uint8Array(Buffer.from(text, "utf8"));

describe("parseCsv reads RFC 4180 records", () => {
  it("quoted commas, doubled quotes and line breaks inside quotes", () => {
    expect(parseCsv('a,"b,c","say ""hi""","two\nlines","crlf\r\ninside"\n')).toEqual([
      ["a", "b,c", 'say "hi"', "two\nlines", "crlf\r\ninside"],
    ]);
  });

  it("CRLF, LF and CR end records, mixed in one file; a final line break adds no record", () => {
    expect(parseCsv("a,b\r\nc,d\ne,f\rg,h\r\n")).toEqual([
      ["a", "b"],
      ["c", "d"],
      ["e", "f"],
      ["g", "h"],
    ]);
    expect(parseCsv("a,b")).toEqual([["a", "b"]]);
    expect(parseCsv("")).toEqual([]);
  });

  it("keeps blank lines as records and rows of any length", () => {
    expect(parseCsv("a,b,c\n\nd\r\n\r\ne,f,g,h\n,\n")).toEqual([
      ["a", "b", "c"],
      [""],
      ["d"],
      [""],
      ["e", "f", "g", "h"],
      ["", ""],
    ]);
  });

  it("keeps spaces and empty quoted fields as they are", () => {
    expect(parseCsv(' a , b ,"",""""\n')).toEqual([[" a ", " b ", "", '"']]);
  });
});

describe("a broken quote is refused with the line it is on", () => {
  const refused = (text: string) => {
    try {
      parseCsv(text);
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error("not refused");
  };

  it.each([
    ['"never closed', 1],
    ['a,b\nc,"never closed\nd,e\n', 2],
    ['h\n"two\nlines","open\nx\n', 3],
    ['h\r\n"crlf\r\ninside\r\nquotes",x\r\ny,"open\r\n', 5],
    ['指標コード,指標名\n"GZ-1","職員提案の\n提案数",件\n\n"GZ-2,提案\n', 5],
    ['a,"b ""quoted"" \n', 1],
  ])("unclosed: %j → line %i", (text, line) => {
    expect(refused(text)).toBe(`CSV の ${line} 行目で始まった引用符（"）が閉じられていません`);
  });

  it("text after a closing quote names the line the quoted value started on", () => {
    expect(refused('h\n"two\nlines","x"y,z\n')).toBe(
      'CSV の 3 行目で始まった引用符（"）の値が、閉じる引用符の後も続いています。値の中の引用符は「""」と二つ重ねてください',
    );
  });

  it("a quote inside an unquoted value names its line", () => {
    expect(refused('h\n"a\nb",12"inch\n')).toBe(
      'CSV の 3 行目で、引用符（"）で囲まれていない値の途中に引用符があります。引用符を含む値は全体を引用符で囲み、中の引用符は「""」と二つ重ねてください',
    );
  });

  it("an upload with a broken quote is refused as an invalid file", async () => {
    await expect(readCsv(utf8('h\n"open'), "x.csv", "auto")).rejects.toMatchObject({
      code: "invalid_file",
      message: 'CSV の 2 行目で始まった引用符（"）が閉じられていません',
    });
  });
});

describe("readCsv", () => {
  it("numbers rows as Excel does (blank lines count, a quoted line break does not) and leaves out blank rows", async () => {
    const grid = await readCsv(
      utf8('\ufeffコード,名前\r\n\r\nA,"二行の\r\n名前"\r\n , \r\nB,"x"\r\n'),
      "f.csv",
      "auto",
    );
    expect(grid).toEqual({
      sheet: "f.csv",
      format: "csv",
      rows: [
        { row: 1, cells: ["コード", "名前"] },
        { row: 3, cells: ["A", "二行の\r\n名前"] },
        { row: 5, cells: ["B", "x"] },
      ],
    });
  });

  it("reads Shift_JIS, told or detected", async () => {
    const bytes = new Uint8Array(iconv.encode('指標,"値,①"\r\n', "cp932"));
    for (const format of ["auto", "csv-sjis"] as const)
      expect(await readCsv(bytes, "", format)).toEqual({
        sheet: "CSV",
        format: "csv-sjis",
        rows: [{ row: 1, cells: ["指標", "値,①"] }],
      });
  });
});
