/**
 * The workflow of a program evaluation: draft → submitted → reviewed → published, who may move
 * it, and who may edit which part in which state. Pure: the caller loads the evaluation and the
 * actor, asks `transition`, and saves the new state (with its audit record) only when ok.
 *
 * - 提出 (submit, draft → submitted): an editor of one of the program's sections, or a planner /
 *   admin; the self-evaluation must be complete.
 * - 二次評価の確定 (review, submitted → reviewed): a planner (行革推進課) or admin; the secondary
 *   evaluation must be complete.
 * - 公表 (publish, reviewed → published): a planner or admin.
 * - 差し戻し (send back, submitted or reviewed → draft): a planner or admin. A published
 *   evaluation is final here; withdrawing a publication is not part of this workflow.
 *
 * Roles are cumulative (admin ⊇ planner ⊇ editor ⊇ viewer); only an editor is limited to the
 * programs of their own sections.
 */
import { may, type Permission, ROLE_LABELS } from "../accounts/index.ts";
import type { Role } from "../accounts/schema.ts";
import {
  checkSecondaryEvaluation,
  checkSelfEvaluation,
  DEFAULT_RATING_SCALE,
  type Direction,
  type EvaluationContent,
  type RatingScale,
} from "./evaluation.ts";
import { permissions } from "./permissions.ts";

export const EVALUATION_STATES = ["draft", "submitted", "reviewed", "published"] as const;
export type EvaluationState = (typeof EVALUATION_STATES)[number];
export const STATE_LABELS: Record<EvaluationState, string> = {
  draft: "作成中",
  submitted: "提出済",
  reviewed: "二次評価済",
  published: "公表済",
};

export const ACTIONS = ["submit", "review", "publish", "sendBack"] as const;
export type EvaluationAction = (typeof ACTIONS)[number];
export const ACTION_LABELS: Record<EvaluationAction, string> = {
  submit: "提出",
  review: "二次評価の確定",
  publish: "公表",
  sendBack: "差し戻し",
};

interface Rule {
  from: readonly EvaluationState[];
  to: EvaluationState;
  /** The least role that may act. */
  permission: Permission;
  /** An editor must belong to one of the program's sections. */
  ownSection: boolean;
}

export const TRANSITIONS: Readonly<Record<EvaluationAction, Rule>> = {
  submit: { from: ["draft"], to: "submitted", permission: permissions.submit, ownSection: true },
  review: {
    from: ["submitted"],
    to: "reviewed",
    permission: permissions.review,
    ownSection: false,
  },
  publish: {
    from: ["reviewed"],
    to: "published",
    permission: permissions.publish,
    ownSection: false,
  },
  sendBack: {
    from: ["submitted", "reviewed"],
    to: "draft",
    permission: permissions.sendBack,
    ownSection: false,
  },
};

/** Who acts: compatible with the accounts' principal (role and section codes). */
export interface Actor {
  role: Role;
  sectionCodes: readonly string[];
}

/** The program's responsible sections. */
export interface ProgramSections {
  sectionCodes: readonly string[];
}

export type TransitionResult =
  | { ok: true; state: EvaluationState }
  | { ok: false; message: string };

/** Does the role suffice, and does an editor belong to one of the program's sections? */
function permitted(
  actor: Actor,
  permission: Permission,
  ownSection: boolean,
  program: ProgramSections,
) {
  if (!may(actor, permission)) return false;
  if (!ownSection || may(actor, permissions.everySection)) return true;
  return program.sectionCodes.some((code) => actor.sectionCodes.includes(code));
}

/** Why the actor may not take the action on this program, or null when they may. */
export function permissionError(
  action: EvaluationAction,
  actor: Actor,
  program: ProgramSections,
): string | null {
  const rule = TRANSITIONS[action];
  if (!may(actor, rule.permission))
    return `「${ACTION_LABELS[action]}」は${ROLE_LABELS[rule.permission.role]}以上の役割の方が行えます（あなたの役割: ${ROLE_LABELS[actor.role]}）`;
  if (!permitted(actor, rule.permission, rule.ownSection, program))
    return `この事務事業の担当課に所属していないため、「${ACTION_LABELS[action]}」を行えません`;
  return null;
}

/**
 * The state after `action`, or why it cannot be taken: permission first, then the state, then
 * the content the action requires (a complete self- or secondary evaluation).
 */
export function transition(input: {
  state: EvaluationState;
  action: EvaluationAction;
  actor: Actor;
  program: ProgramSections;
  content: EvaluationContent;
  scale?: RatingScale;
}): TransitionResult {
  const { state, action, content } = input;
  const rule = TRANSITIONS[action];
  const denied = permissionError(action, input.actor, input.program);
  if (denied) return { ok: false, message: denied };
  if (!rule.from.includes(state)) {
    const from = rule.from.map((s) => STATE_LABELS[s]).join("・");
    return {
      ok: false,
      message: `${STATE_LABELS[state]}の評価には「${ACTION_LABELS[action]}」を行えません（${from}の評価のみ）`,
    };
  }
  const missing =
    action === "submit"
      ? checkSelfEvaluation(content.self, input.scale ?? DEFAULT_RATING_SCALE)
      : action === "review"
        ? checkSecondaryEvaluation(content.secondary)
        : [];
  if (missing.length > 0) {
    const what = action === "submit" ? "一次評価" : "二次評価";
    return {
      ok: false,
      message: `${what}に不足があるため「${ACTION_LABELS[action]}」を行えません: ${missing.map((m) => m.message).join("、")}`,
    };
  }
  return { ok: true, state: rule.to };
}

/** The actions the actor may take now (for buttons); content is checked only on `transition`. */
export function availableActions(
  state: EvaluationState,
  actor: Actor,
  program: ProgramSections,
): EvaluationAction[] {
  return ACTIONS.filter(
    (a) => TRANSITIONS[a].from.includes(state) && permissionError(a, actor, program) === null,
  );
}

/**
 * Which part the actor may edit now: the self-evaluation while a draft (whoever may submit it),
 * the secondary evaluation while submitted (a planner or admin).
 */
export function editableParts(
  state: EvaluationState,
  actor: Actor,
  program: ProgramSections,
): { self: boolean; secondary: boolean } {
  return {
    self: state === "draft" && permitted(actor, permissions.editSelf, true, program),
    secondary: state === "submitted" && permitted(actor, permissions.editSecondary, false, program),
  };
}

/** Published evaluations are public; the others only for signed-in staff. */
export const isPublic = (state: EvaluationState): boolean => state === "published";

/**
 * The direction that counts: once the secondary evaluation is confirmed (reviewed, published),
 * its direction; before that, the section's.
 */
export function finalDirection(
  state: EvaluationState,
  content: EvaluationContent,
): Direction | null {
  return countingDirection(state, content)?.direction ?? null;
}

/** finalDirection, and whose it is: the confirmed secondary evaluation's or the section's. */
export function countingDirection(
  state: EvaluationState,
  content: EvaluationContent,
): { direction: Direction; by: "secondary" | "self" } | null {
  const confirmed = state === "reviewed" || state === "published";
  const secondary = confirmed ? content.secondary?.direction : null;
  if (secondary) return { direction: secondary, by: "secondary" };
  return content.self.direction ? { direction: content.self.direction, by: "self" } : null;
}
