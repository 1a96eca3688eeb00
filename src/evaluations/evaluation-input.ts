/**
 * What staff send to write an evaluation — the same zod schemas for the form and the JSON API.
 * A draft may be incomplete (null ratings, empty texts); only values that cannot be right are
 * refused here. Completeness is checked when the evaluation moves on (workflow.ts).
 */
import { z } from "@hono/zod-openapi";
import {
  ASPECTS,
  DIRECTION_LABELS,
  DIRECTIONS,
  type Direction,
  type Ratings,
  type SecondaryEvaluation,
  type SelfEvaluation,
} from "./evaluation.ts";
import type { EvaluationAction, EvaluationState } from "./workflow.ts";

const WORDS = Object.values(DIRECTION_LABELS);
const byWord = new Map(DIRECTIONS.map((d) => [DIRECTION_LABELS[d], d]));

export const MAX_TEXT = 4000;

/** A level code of the municipality's rating scale (checked against it when saving). */
const Rating = z
  .string()
  .trim()
  .max(20, { error: "評価は20文字以内の段階の記号で入力してください" })
  .nullable();

/** A direction as its code (continue) or its Japanese word (継続); null when not chosen. */
export const DirectionInput = z
  .enum([...DIRECTIONS, ...WORDS] as [string, ...string[]], {
    error: `今後の方向性は ${WORDS.join("・")} のいずれかにしてください`,
  })
  .nullable()
  .openapi({ description: `今後の方向性: ${WORDS.join("・")}（または ${DIRECTIONS.join(", ")}）` });

const Text = (max: number) => z.string().max(max, { error: `${max}文字以内で入力してください` });

export const SelfEvaluationInput = z
  .object({
    ratings: z
      .object({
        necessity: Rating.openapi({ description: "必要性" }),
        effectiveness: Rating.openapi({ description: "有効性" }),
        efficiency: Rating.openapi({ description: "効率性" }),
        equity: Rating.openapi({ description: "公平性" }),
      })
      .openapi({ description: "観点別の評価（評価の段階の記号、既定は A・B・C。未評価は null）" }),
    findings: Text(MAX_TEXT).openapi({ description: "評価の所見" }),
    direction: DirectionInput,
    reason: Text(MAX_TEXT).openapi({ description: "方向性の理由" }),
  })
  .openapi("SelfEvaluationInput");
export type SelfEvaluationInput = z.infer<typeof SelfEvaluationInput>;

export const SecondaryEvaluationInput = z
  .object({
    direction: DirectionInput,
    comment: Text(MAX_TEXT).openapi({ description: "二次評価のコメント" }),
  })
  .openapi("SecondaryEvaluationInput");
export type SecondaryEvaluationInput = z.infer<typeof SecondaryEvaluationInput>;

export const toDirection = (v: string | null): Direction | null =>
  v === null ? null : (byWord.get(v) ?? (v as Direction));

export const toSelfEvaluation = (v: SelfEvaluationInput): SelfEvaluation => ({
  ratings: Object.fromEntries(ASPECTS.map((a) => [a, v.ratings[a] || null])) as Ratings,
  findings: v.findings.trim(),
  direction: toDirection(v.direction),
  reason: v.reason.trim(),
});

export const toSecondaryEvaluation = (v: SecondaryEvaluationInput): SecondaryEvaluation => ({
  direction: toDirection(v.direction),
  comment: v.comment.trim(),
});

/** The state a transition asks for, and the workflow action that reaches it. */
export const TARGET_ACTIONS: Record<EvaluationState, EvaluationAction> = {
  submitted: "submit",
  reviewed: "review",
  published: "publish",
  draft: "sendBack",
};
