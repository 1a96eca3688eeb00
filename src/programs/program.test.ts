import { describe, expect, it } from "vitest";
import { checkProgramCode, type ProgramCode, programCodeKey } from "./program.ts";

const code: ProgramCode = { account: "01", chapter: "02", clause: "01", item: "03", number: "005" };

describe("事務事業のコード（会計・款・項・目・事業番号）", () => {
  it("予算書の表記のまま、先頭の0も残して1つのキーにする", () => {
    expect(programCodeKey(code)).toBe("01-02-01-03-005");
    expect(checkProgramCode(code)).toEqual([]);
  });
  it("欠けた部分や空白・「-」を含む部分を、名前を示して指摘する", () => {
    expect(checkProgramCode({ ...code, chapter: " ", number: "5-1" })).toEqual([
      { location: "code.chapter", message: "款が入力されていません" },
      { location: "code.number", message: "事業番号（5-1）に空白や「-」は使えません" },
    ]);
  });
});
