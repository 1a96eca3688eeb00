/**
 * The plan tree (政策 → 基本施策 → 具体的な取組 → …, each level named as the plan names it) and the
 * plan files it is loaded from: what other domains may use.
 */

export {
  DEFAULT_LEVELS,
  levelAt,
  levelLabelOf,
  levelNoun,
  type NodeLevel,
  planLevels,
} from "./levels.ts";
export { planNodeRecord } from "./node-drafts.ts";
export { type NodeFields, nodeFieldLabels } from "./node-edit.ts";
export { nodeEditing } from "./node-editing.ts";
export { nodeLevelsOf } from "./node-levels.ts";
export { permissions } from "./permissions.ts";
export {
  BodyKind,
  FiscalYearNumber,
  type IndicatorFile,
  IndicatorKind,
  IndicatorSource,
  InterimTarget,
  type MunicipalityFile,
  NUMERIC_TARGET_FORMS,
  PlanLevel,
  StableCode,
  TargetForm,
  ValueKind,
  YearKind,
} from "./plan-file.ts";
export {
  type BlockRow,
  indexNodes,
  loadPlans,
  type NodeContext,
  type PlanNode,
  type PlanTree,
} from "./queries.ts";
export { BlockView } from "./views/blocks.tsx";
export { measureTitle, nodeHref, nodeLabel, nodeTitle } from "./views/measure-page.tsx";
export { PlanOverview } from "./views/plan-page.tsx";
