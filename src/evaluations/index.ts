/** Program evaluation (事務事業評価): the evaluation, its workflow, rating scale and yearly round: what other domains may use. */
import { changeEvaluation } from "./evaluation-store.ts";
import { closeEvaluationRound, openEvaluationRound, reopenEvaluationRound } from "./round-store.ts";
import { saveRatingScale } from "./scale-store.ts";

export {
  ASPECT_LABELS,
  ASPECTS,
  type Aspect,
  checkSecondaryEvaluation,
  checkSelfEvaluation,
  DEFAULT_RATING_SCALE,
  DIRECTION_DEFINITIONS,
  DIRECTION_LABELS,
  DIRECTIONS,
  type Direction,
  type EvaluationContent,
  type RatingScale,
  ratingMeanings,
  type SelfEvaluation,
} from "./evaluation.ts";
export { changeEvaluationIn } from "./evaluation-store.ts";
export { permissions } from "./permissions.ts";
export { type EvaluationRound, selfEvaluationClosed } from "./round.ts";
export {
  type EvaluationsDue,
  loadEvaluationsDue,
  prepareEvaluationReminders,
  readEvaluationRounds,
} from "./round-store.ts";
export { loadRatingScale, readRatingScale } from "./scale-store.ts";
export {
  evaluationOf,
  readLatestProgramYear,
  readProgram,
  readPrograms,
  readYearEvaluations,
  recordKeyOf,
  runsIn,
  type StaffProgram,
  type YearEvaluation,
} from "./staff-queries.ts";
export { formatTime } from "./views/evaluation-parts.tsx";
export { EvaluationsDueBox } from "./views/evaluations-due.tsx";
export {
  countingDirection,
  EVALUATION_STATES,
  editableParts,
  finalDirection,
  STATE_LABELS,
} from "./workflow.ts";

/** The writes a person triggers (the audit walk runs each). */
export const actions = {
  changeEvaluation,
  closeEvaluationRound,
  openEvaluationRound,
  reopenEvaluationRound,
  saveRatingScale,
};
