import { describe, expect, it } from "vitest";
import { ratioExplanations } from "./ratio-explanations.ts";

describe("ratioExplanations", () => {
  it("takes each ratio's words from the plan's list, by exact name", () => {
    const blocks = [
      { kind: "paragraphs", content: { paragraphs: ["実質赤字比率 : 段落は対象外"] } },
      {
        kind: "list",
        content: {
          items: [
            "①実質赤字比率 : 一般会計等の赤字を指標化し、\n黒字のためマイナス標記となります。",
            "②連結実質赤字比率：全ての会計の赤字を指標化し",
            "③実質公債費比率 : 25%以上では借金をすることが制限され",
            "その他の項目",
          ],
        },
      },
    ];
    expect(ratioExplanations(blocks)).toEqual({
      realDeficit: "一般会計等の赤字を指標化し、\n黒字のためマイナス標記となります。",
      consolidatedRealDeficit: "全ての会計の赤字を指標化し",
      realDebtService: "25%以上では借金をすることが制限され",
    });
  });

  it("finds nothing in a plan without such a list", () => {
    expect(
      ratioExplanations([{ kind: "list", content: { items: ["将来負担比率の説明"] } }]),
    ).toEqual({});
  });
});
