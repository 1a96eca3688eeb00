import { describe, expect, it } from "vitest";
import { isFrameList, readFrameList } from "./frame-list.ts";
import { readFrame } from "./rules.ts";

const LIST = `ID,年齢層,性別,地区
a91f,18-39,女,石岡
77c2,18-39,女,石岡
0b13,40-,男,八郷
c4d8,18-39,女,石岡
`;

describe("a sample frame from an anonymised list", () => {
  it("is read into counts per stratum, in the order the strata first appear", () => {
    expect(readFrame(LIST, "citizens")).toEqual({
      ok: true,
      value: [
        { ageBand: "18-39", sex: "女", area: "石岡", population: 3 },
        { ageBand: "40-", sex: "男", area: "八郷", population: 1 },
      ],
    });
    expect(isFrameList(["ID", "年齢層"])).toBe(true);
    expect(isFrameList(["年齢層", "性別", "地区", "人数"])).toBe(false);
  });

  it("refuses a list with a column named like a name, an address or a phone", () => {
    for (const column of ["氏名", "住所", "電話番号", "生年月日", "メールアドレス", "Name"]) {
      const read = readFrame(`ID,年齢層,性別,地区,${column}\nx1,18-39,女,石岡,…\n`, "citizens");
      expect(read.ok, column).toBe(false);
      if (!read.ok) {
        expect(read.details[0]!.location).toBe("frame: 1行目");
        expect(read.details[0]!.message).toContain(`個人を特定できる列（${column}）`);
      }
    }
  });

  it("refuses any column besides the four", () => {
    const read = readFrame("ID,年齢層,性別,地区,世帯\nx1,18-39,女,石岡,3\n", "citizens");
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.details[0]!.message).toContain("ほかの列は受け付けません");
  });

  it("refuses cells that look like personal data, naming the line and column", () => {
    const read = readFrameList([
      ["ID", "年齢層", "性別", "地区"],
      ["0299-23-1111", "18-39", "女", "石岡"],
      ["x2", "1980-04-01", "男", "石岡"],
      ["x3", "18-39", "女", "石岡1丁目"],
      ["x4", "18-39", "女", "taro@example.jp"],
      ["x4", "18-39", "女", "石岡"],
    ]);
    expect(read.ok).toBe(false);
    if (!read.ok)
      expect(read.details.map((d) => `${d.location} ${d.message.split("のような")[0]}`)).toEqual([
        "frame: 2行目 ID 電話番号",
        "frame: 3行目 年齢層 日付（生年月日）",
        "frame: 4行目 地区 住所",
        "frame: 5行目 地区 メールアドレス",
        "frame: 6行目 ID ID「x4」が2回あります",
      ]);
  });

  it("is for citizens only: a staff frame stays counts per section", () => {
    expect(readFrame(LIST, "staff").ok).toBe(false);
  });
});
