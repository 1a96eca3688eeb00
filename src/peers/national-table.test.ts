import { describe, expect, it } from "vitest";
import { AppError } from "../core/errors.ts";
import type { Grid, RawCell } from "../spreadsheets/index.ts";
import { readNationalTable } from "./national-table.ts";

const grid = (rows: RawCell[][]): Grid => ({
  sheet: "市町村別",
  format: "csv",
  rows: rows.flatMap((cells, i) => (cells.length ? [{ row: i + 1, cells }] : [])),
});

const HEADER = [
  "都道府県名",
  "団体コード",
  "市区町村名",
  "実質赤字\n比率",
  "連結実質赤字比率",
  "実質公債費比率",
  "将来負担比率",
];

const problemsOf = (rows: RawCell[][]) => {
  try {
    readNationalTable(grid(rows), "kenzenka.csv");
  } catch (e) {
    if (e instanceof AppError) return { message: e.message, details: e.details };
    throw e;
  }
  throw new Error("no error");
};

describe("reading a 健全化判断比率 table", () => {
  it("finds the header below the title, reads every row, 「－」 as no figure", () => {
    const t = readNationalTable(
      grid([
        ["令和5年度決算に基づく健全化判断比率（市町村別）"],
        ["（単位：％）"],
        [],
        HEADER,
        ["茨城県", "082058", "石岡市", "－", "－", "7.2", 13.6],
        ["北海道", "01209", "夕張市", 3.21, "5.12", "36.0", "１２０.５"],
        ["（注）「－」は赤字がないことを示す"],
      ]),
      "kenzenka.csv",
    );
    expect(t.layout).toBe("kenzenka");
    expect(t.sample).toBe(false);
    expect(t.bodies).toEqual([
      { code: "082058", name: "石岡市", prefecture: "茨城県" },
      { code: "012092", name: "夕張市", prefecture: "北海道" },
    ]);
    expect(t.values).toContainEqual({
      bodyCode: "082058",
      sharedCode: "real-deficit-ratio",
      value: null,
      note: "－",
    });
    expect(t.values).toContainEqual({
      bodyCode: "012092",
      sharedCode: "future-burden-ratio",
      value: 120.5,
      note: null,
    });
    expect(t.values).toHaveLength(8);
  });

  it("names file, row and column of every wrong cell, and reads nothing", () => {
    const e = problemsOf([
      HEADER,
      ["茨城県", "082051", "石岡市", "－", "－", "7.2", "13.6"],
      ["茨城県", "082031", "土浦市", "－", "－", "七", "13.6"],
      ["茨城県", "082031", "土浦市", "－", "－", "7", "13.6"],
      ["茨城県", "082015", "", "－", "－", "7", "13.6"],
    ]);
    expect(e.message).toContain("何も読み込んでいません");
    expect(e.details).toEqual([
      {
        location: "kenzenka.csv: 市町村別 の 2 行目『団体コード』列",
        message: "全国地方公共団体コード 082051 の検査数字が誤っています（正しくは 082058）",
      },
      {
        location: "kenzenka.csv: 市町村別 の 3 行目『実質公債費比率』列",
        message: '数値ではありません（"七"）',
      },
      {
        location: "kenzenka.csv: 市町村別 の 4 行目『団体コード』列",
        message: "団体コード 082031 は 3 行目にもあります",
      },
      { location: "kenzenka.csv: 市町村別 の 5 行目『市区町村名』列", message: "空欄です" },
    ]);
  });

  it("says which header is missing, or that the file is not a table of the ministry", () => {
    const missing = problemsOf([HEADER.filter((h) => h !== "将来負担比率")]);
    expect(missing.details[0]!.message).toContain("見出し「将来負担比率」の列がありません");
    const other = problemsOf([
      ["コード", "名前"],
      ["082058", "石岡市"],
    ]);
    expect(other.details[0]!.message).toContain("「団体コード」の見出しがありません");
  });
});

describe("reading a 決算カード table", () => {
  it("reads the body's 類似団体区分 and population, and fills 人口 and 財政力指数", () => {
    const t = readNationalTable(
      grid([
        ["決算カード 主要財政指標【サンプル】"],
        [
          "団体コード",
          "都道府県名",
          "団体名",
          "類似団体区分",
          "住民基本台帳人口",
          "財政力指数",
          "経常収支比率",
          "ラスパイレス指数",
        ],
        ["082058", "茨城県", "石岡市", "都市Ⅱ-1", "71,000", 0.61, 92.4, 99.1],
      ]),
      "card.csv",
    );
    expect(t.layout).toBe("kessan-card");
    expect(t.sample).toBe(true);
    expect(t.bodies).toEqual([
      {
        code: "082058",
        name: "石岡市",
        prefecture: "茨城県",
        similarGroup: "都市Ⅱ-1",
        population: 71000,
      },
    ]);
    expect(t.values.map((v) => [v.sharedCode, v.value])).toEqual([
      ["population", 71000],
      ["fiscal-capability-index", 0.61],
      ["current-balance-ratio", 92.4],
    ]);
  });
  it("refuses a population that is not a whole number", () => {
    const e = problemsOf([
      ["団体コード", "都道府県名", "団体名", "類似団体区分", "人口", "財政力指数", "経常収支比率"],
      ["082058", "茨城県", "石岡市", "都市Ⅱ-1", "71000.5", 0.61, 92.4],
    ]);
    expect(e.details).toEqual([
      {
        location: "kenzenka.csv: 市町村別 の 2 行目『人口』列",
        message: '人口は 0 以上の整数です（"71000.5"）',
      },
    ]);
  });
});
