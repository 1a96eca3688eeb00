/**
 * What a program evaluation (事務事業評価) says: ratings of four aspects on a rating scale, the
 * findings, and a direction (今後の方向性) with its reason — by the section (一次評価, self-
 * evaluation) and by 行革推進課 (二次評価, secondary evaluation). Pure data and checks; the
 * workflow between them is in workflow.ts.
 */
import type { ErrorDetail } from "../core/errors.ts";

export const DIRECTIONS = [
  "expand",
  "continue",
  "improve",
  "reduce",
  "merge",
  "suspend",
  "abolish",
] as const;
export type Direction = (typeof DIRECTIONS)[number];
export const DIRECTION_LABELS: Record<Direction, string> = {
  expand: "拡充",
  continue: "継続",
  improve: "改善",
  reduce: "縮小",
  merge: "統合",
  suspend: "休止",
  abolish: "廃止",
};
export const DIRECTION_DEFINITIONS: Record<Direction, string> = {
  expand: "事業の規模や内容を拡大・充実して実施する",
  continue: "現在の内容・方法のまま継続して実施する",
  improve: "実施方法や内容を見直し、改善したうえで実施する",
  reduce: "事業の規模や内容を縮小して実施する",
  merge: "他の事業と統合して実施する",
  suspend: "事業の実施を一時休止する",
  abolish: "事業を廃止する",
};

export const ASPECTS = ["necessity", "effectiveness", "efficiency", "equity"] as const;
export type Aspect = (typeof ASPECTS)[number];
export const ASPECT_LABELS: Record<Aspect, string> = {
  necessity: "必要性",
  effectiveness: "有効性",
  efficiency: "効率性",
  equity: "公平性",
};
/** The question each aspect answers. */
export const ASPECT_QUESTIONS: Record<Aspect, string> = {
  necessity: "市民ニーズや社会情勢に照らして、市が関与して実施する必要があるか",
  effectiveness: "事業の成果が上がり、施策の目的の達成に貢献しているか",
  efficiency: "成果に対してコストや実施方法が適切か",
  equity: "受益者が偏らず、受益と負担の関係が適正か",
};

/** One level of a rating scale, e.g. A, with what it means for each aspect. */
export interface RatingLevel {
  code: string;
  definitions: Record<Aspect, string>;
}
/** Levels from best to worst. Configurable per municipality. */
export interface RatingScale {
  levels: readonly RatingLevel[];
}

export const DEFAULT_RATING_SCALE: RatingScale = {
  levels: [
    {
      code: "A",
      definitions: {
        necessity: "市が関与して実施する必要性が高い",
        effectiveness: "成果が十分に上がっている",
        efficiency: "効率的に実施されており、コスト削減の余地は小さい",
        equity: "受益と負担の関係は適正である",
      },
    },
    {
      code: "B",
      definitions: {
        necessity: "必要性はあるが、市の関与の在り方に見直しの余地がある",
        effectiveness: "成果は上がっているが、向上の余地がある",
        efficiency: "実施方法の見直しにより、効率化の余地がある",
        equity: "受益と負担の関係に見直しの余地がある",
      },
    },
    {
      code: "C",
      definitions: {
        necessity: "市が関与して実施する必要性は低い",
        effectiveness: "成果が上がっていない",
        efficiency: "効率性が低く、抜本的な見直しが必要である",
        equity: "受益が偏っている、または受益と負担の関係が適正でない",
      },
    },
  ],
};

/** Ratings by aspect: a level code, or null when not rated yet. */
export type Ratings = Record<Aspect, string | null>;

/** 一次評価: by the responsible section. */
export interface SelfEvaluation {
  ratings: Ratings;
  /** 評価の所見 (成果と課題). */
  findings: string;
  direction: Direction | null;
  /** 方向性の理由. */
  reason: string;
}

/** 二次評価: by 行革推進課 or a committee. */
export interface SecondaryEvaluation {
  direction: Direction | null;
  comment: string;
}

export interface EvaluationContent {
  self: SelfEvaluation;
  secondary: SecondaryEvaluation | null;
}

const blank = (text: string | null | undefined) => (text ?? "").trim() === "";
const isDirection = (value: unknown): value is Direction =>
  typeof value === "string" && (DIRECTIONS as readonly string[]).includes(value);

/** A usable scale: two or more levels, distinct non-empty codes, a definition for every aspect. */
export function checkRatingScale(scale: RatingScale, location = "ratingScale"): ErrorDetail[] {
  const issues: ErrorDetail[] = [];
  if (scale.levels.length < 2)
    issues.push({ location, message: "評価の段階は2つ以上設定してください" });
  const seen = new Set<string>();
  scale.levels.forEach((level, i) => {
    const at = `${location}.levels.${i}`;
    if (blank(level.code))
      issues.push({ location: `${at}.code`, message: `${i + 1}番目の段階の記号がありません` });
    else if (seen.has(level.code))
      issues.push({
        location: `${at}.code`,
        message: `段階の記号「${level.code}」が重複しています`,
      });
    seen.add(level.code);
    for (const aspect of ASPECTS)
      if (blank(level.definitions?.[aspect]))
        issues.push({
          location: `${at}.definitions.${aspect}`,
          message: `段階「${level.code}」の${ASPECT_LABELS[aspect]}の定義がありません`,
        });
  });
  return issues;
}

/** A self-evaluation ready to submit: every aspect rated on the scale, findings, direction, reason. */
export function checkSelfEvaluation(
  self: SelfEvaluation,
  scale: RatingScale = DEFAULT_RATING_SCALE,
  location = "self",
): ErrorDetail[] {
  const codes = scale.levels.map((l) => l.code);
  const issues: ErrorDetail[] = [];
  for (const aspect of ASPECTS) {
    const rating = self.ratings[aspect];
    const at = `${location}.ratings.${aspect}`;
    if (rating === null || blank(rating))
      issues.push({ location: at, message: `${ASPECT_LABELS[aspect]}の評価が未入力です` });
    else if (!codes.includes(rating))
      issues.push({
        location: at,
        message: `${ASPECT_LABELS[aspect]}の評価「${rating}」は ${codes.join("・")} のいずれかにしてください`,
      });
  }
  if (blank(self.findings))
    issues.push({ location: `${location}.findings`, message: "評価の所見が未入力です" });
  issues.push(...checkDirection(self.direction, `${location}.direction`));
  if (blank(self.reason))
    issues.push({ location: `${location}.reason`, message: "今後の方向性の理由が未入力です" });
  return issues;
}

/** A secondary evaluation ready to confirm: its own direction and a comment. */
export function checkSecondaryEvaluation(
  secondary: SecondaryEvaluation | null,
  location = "secondary",
): ErrorDetail[] {
  const issues = checkDirection(
    secondary?.direction ?? null,
    `${location}.direction`,
    "二次評価の",
  );
  if (blank(secondary?.comment))
    issues.push({ location: `${location}.comment`, message: "二次評価のコメントが未入力です" });
  return issues;
}

function checkDirection(direction: unknown, location: string, whose = ""): ErrorDetail[] {
  if (direction === null || direction === undefined || direction === "")
    return [{ location, message: `${whose}今後の方向性が未選択です` }];
  if (!isDirection(direction))
    return [
      { location, message: `${whose}今後の方向性「${String(direction)}」は選択肢にありません` },
    ];
  return [];
}

/** What each given rating means on the scale: 「必要性 A：市が関与して…」, rated aspects only. */
export function ratingMeanings(ratings: Ratings, scale: RatingScale): string[] {
  return ASPECTS.flatMap((a) => {
    const code = ratings[a];
    const level = scale.levels.find((l) => l.code === code);
    return code && level ? [`${ASPECT_LABELS[a]} ${code}：${level.definitions[a]}`] : [];
  });
}
