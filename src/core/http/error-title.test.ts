import { describe, expect, it } from "vitest";
import { errorTitled } from "./error-title.ts";

describe("errorTitled", () => {
  it("puts 「エラー：」 in front of the title once", () => {
    expect(errorTitled("<title>評価｜石岡市｜Shisaku</title>")).toBe(
      "<title>エラー：評価｜石岡市｜Shisaku</title>",
    );
    expect(errorTitled("<title>エラー：評価</title>")).toBe("<title>エラー：評価</title>");
  });
});
