import { describe, expect, it } from "vitest";
import { toiletRow } from "../../test/support/opendata.ts";
import { publishedStandardTypes } from "./indicator.ts";
import { STANDARD_SCHEMAS, standardSchema } from "./standard/schemas.ts";
import { changeSummary, checkTable } from "./table-rules.ts";

const MC = "082058";
const toilets = standardSchema("public-toilets")!;
const header = toilets.columns.map((c) => c.name);
const row = (over: Record<string, string> = {}) => toiletRow(over.ID ?? "1", over);
const grid = (...rows: string[][]) => ({
  sheet: "Sheet1",
  format: "csv" as const,
  rows: rows.map((cells, i) => ({ row: i + 1, cells })),
});

describe("the standard schemas", () => {
  it("declare the 14 types, each led by the common columns", () => {
    expect(STANDARD_SCHEMAS.map((s) => s.name)).toEqual([
      "AED設置箇所一覧",
      "介護サービス事業所一覧",
      "医療機関一覧",
      "文化財一覧",
      "観光施設一覧",
      "イベント一覧",
      "公衆無線LANアクセスポイント一覧",
      "公衆トイレ一覧",
      "消防水利施設一覧",
      "指定緊急避難場所一覧",
      "地域・年齢別人口",
      "公共施設一覧",
      "子育て施設一覧",
      "オープンデータ一覧",
    ]);
    for (const s of STANDARD_SCHEMAS) {
      expect(s.columns[0]).toMatchObject({
        name: "全国地方公共団体コード",
        type: "code",
        required: true,
      });
      expect(s.columns[2]!.name).toBe("地方公共団体名");
      expect(new Set(s.columns.map((c) => c.name)).size).toBe(s.columns.length);
    }
    expect(standardSchema("population")!.columns.filter((c) => /歳/.test(c.name))).toHaveLength(36);
  });
});

describe("checking an upload against a standard type", () => {
  it("takes a valid file, normalising 和暦 and full-width digits on the way in", () => {
    const t = checkTable(grid(header, row({ ID: "１", 利用開始時間: "９：００" })), toilets, MC);
    expect(t.errors).toEqual([]);
    expect(t.columns).toEqual(header);
    const r = Object.fromEntries(t.columns.map((c, i) => [c, t.rows[0]![i]]));
    expect(r).toMatchObject({
      ID: "1",
      緯度: 36.19,
      多機能トイレ数: 1,
      利用開始時間: "09:00",
      備考: null,
    });
  });

  it("reports every bad cell with its row and column, and takes nothing", () => {
    const t = checkTable(
      grid(
        header,
        row(),
        row({ ID: "1", 緯度: "200", 車椅子使用者用トイレ有無: "あり", 名称: "" }),
      ),
      toilets,
      MC,
    );
    expect(t.errors.map((e) => [e.row, e.column])).toEqual([
      [3, "名称"],
      [3, "緯度"],
      [3, "車椅子使用者用トイレ有無"],
      [3, "ID"],
    ]);
    expect(t.errors[0]!.message).toBe("必須の項目です。入力してください");
    expect(t.errors[3]!.message).toBe("ID「1」は 2 行目と重なっています");
  });

  it("refuses unknown and missing columns at the header, and reads the earlier edition's names", () => {
    const t = checkTable(grid(["NO", "名称", "色"], ["1", "a", "b"]), toilets, MC);
    expect(
      t.errors.some(
        (e) => e.column === "色" && e.message.includes("「公衆トイレ一覧」の項目にありません"),
      ),
    ).toBe(true);
    expect(
      t.errors.some((e) => e.message === "必須の項目『全国地方公共団体コード』の列がありません"),
    ).toBe(true);
    expect(t.errors.some((e) => e.column === "ID")).toBe(false);
  });

  it("takes any table for a dataset of no standard type, its headers as they are", () => {
    const t = checkTable(grid(["年度", "件数"], ["2023", "１２"]), undefined, MC);
    expect(t).toMatchObject({ columns: ["年度", "件数"], rows: [["2023", "12"]], errors: [] });
  });
});

describe("the change summary and the indicator", () => {
  it("counts rows added, removed and changed by ID", () => {
    const a = {
      columns: ["ID", "名称"],
      rows: [
        ["1", "a"],
        ["2", "b"],
      ],
    };
    const b = {
      columns: ["ID", "名称"],
      rows: [
        ["1", "a"],
        ["2", "B"],
        ["3", "c"],
      ],
    };
    expect(changeSummary(undefined, a)).toBe("新規 2 行");
    expect(changeSummary(a, b)).toBe("3 行（追加 1、削除 0、変更 1）");
  });

  it("counts the published standard types once each", () => {
    expect(
      publishedStandardTypes([
        { standardType: "public-toilets", status: "published" },
        { standardType: "public-toilets", status: "published" },
        { standardType: "aed", status: "draft" },
        { standardType: "public-wifi", status: "published" },
        { standardType: null, status: "published" },
      ]),
    ).toEqual({ count: 2, types: ["公衆無線LANアクセスポイント一覧", "公衆トイレ一覧"] });
  });

  it("names a type whose published datasets are all サンプル so", () => {
    expect(
      publishedStandardTypes([
        { standardType: "public-toilets", status: "published", sample: true },
        { standardType: "public-wifi", status: "published", sample: true },
        { standardType: "public-wifi", status: "published", sample: false },
      ]).types,
    ).toEqual(["公衆無線LANアクセスポイント一覧", "公衆トイレ一覧（サンプル）"]);
  });
});
