import { describe, expect, it } from "vitest";
import {
  ASPECT_LABELS,
  ASPECTS,
  checkRatingScale,
  checkSecondaryEvaluation,
  checkSelfEvaluation,
  DEFAULT_RATING_SCALE,
  DIRECTION_DEFINITIONS,
  DIRECTION_LABELS,
  DIRECTIONS,
  type SelfEvaluation,
} from "./evaluation.ts";

const complete: SelfEvaluation = {
  ratings: { necessity: "A", effectiveness: "B", efficiency: "B", equity: "A" },
  findings: "参加者数は目標を上回ったが、周知方法に課題がある",
  direction: "improve",
  reason: "オンライン申込を導入し、受付事務を効率化する",
};

describe("今後の方向性", () => {
  it("拡充・継続・改善・縮小・統合・休止・廃止の7区分で、それぞれ定義がある", () => {
    expect(DIRECTIONS.map((d) => DIRECTION_LABELS[d])).toEqual([
      "拡充",
      "継続",
      "改善",
      "縮小",
      "統合",
      "休止",
      "廃止",
    ]);
    for (const d of DIRECTIONS) expect(DIRECTION_DEFINITIONS[d]).not.toBe("");
  });
});

describe("評価の尺度", () => {
  it("必要性・有効性・効率性・公平性を評価する", () => {
    expect(ASPECTS.map((a) => ASPECT_LABELS[a])).toEqual(["必要性", "有効性", "効率性", "公平性"]);
  });
  it("既定の尺度はA・B・Cの3段階で、観点ごとに定義がある", () => {
    expect(DEFAULT_RATING_SCALE.levels.map((l) => l.code)).toEqual(["A", "B", "C"]);
    expect(DEFAULT_RATING_SCALE.levels[0]!.definitions.necessity).toBe(
      "市が関与して実施する必要性が高い",
    );
    expect(checkRatingScale(DEFAULT_RATING_SCALE)).toEqual([]);
  });
  it("独自の尺度は、2段階以上・記号の重複なし・すべての観点の定義ありでなければならない", () => {
    const def = DEFAULT_RATING_SCALE.levels[0]!.definitions;
    expect(checkRatingScale({ levels: [{ code: "A", definitions: def }] })).toEqual([
      { location: "ratingScale", message: "評価の段階は2つ以上設定してください" },
    ]);
    const issues = checkRatingScale({
      levels: [
        { code: "S", definitions: def },
        { code: "S", definitions: { ...def, equity: " " } },
      ],
    });
    expect(issues.map((i) => i.message)).toEqual([
      "段階の記号「S」が重複しています",
      "段階「S」の公平性の定義がありません",
    ]);
  });
});

describe("一次評価の検証", () => {
  it("すべての観点の評価・所見・方向性・理由がそろえば指摘はない", () => {
    expect(checkSelfEvaluation(complete)).toEqual([]);
  });
  it("未入力の項目をすべて、場所を示して指摘する", () => {
    const empty: SelfEvaluation = {
      ratings: { necessity: null, effectiveness: "A", efficiency: "D", equity: "" },
      findings: "",
      direction: null,
      reason: " ",
    };
    expect(checkSelfEvaluation(empty)).toEqual([
      { location: "self.ratings.necessity", message: "必要性の評価が未入力です" },
      {
        location: "self.ratings.efficiency",
        message: "効率性の評価「D」は A・B・C のいずれかにしてください",
      },
      { location: "self.ratings.equity", message: "公平性の評価が未入力です" },
      { location: "self.findings", message: "評価の所見が未入力です" },
      { location: "self.direction", message: "今後の方向性が未選択です" },
      { location: "self.reason", message: "今後の方向性の理由が未入力です" },
    ]);
  });
  it("設定した尺度の記号で評価する（S・A・B・Cの4段階）", () => {
    const def = DEFAULT_RATING_SCALE.levels[0]!.definitions;
    const scale = { levels: ["S", "A", "B", "C"].map((code) => ({ code, definitions: def })) };
    const rated = { ...complete, ratings: { ...complete.ratings, necessity: "S" } };
    expect(checkSelfEvaluation(rated, scale)).toEqual([]);
    expect(checkSelfEvaluation(rated)).toHaveLength(1);
  });
  it("選択肢にない方向性は受け付けない", () => {
    const odd = { ...complete, direction: "keep" as SelfEvaluation["direction"] };
    expect(checkSelfEvaluation(odd)[0]!.message).toBe("今後の方向性「keep」は選択肢にありません");
  });
});

describe("二次評価の検証", () => {
  it("方向性とコメントが必要", () => {
    expect(checkSecondaryEvaluation({ direction: "reduce", comment: "対象者を絞る" })).toEqual([]);
    expect(checkSecondaryEvaluation(null).map((i) => i.message)).toEqual([
      "二次評価の今後の方向性が未選択です",
      "二次評価のコメントが未入力です",
    ]);
  });
});
