/** Indicators with baseline, target and yearly actuals, and the achievement rules: what other domains may use. */
import { publishRunningActual } from "./computed-actuals.ts";
import { discardActualDraft, saveActual } from "./drafts.ts";

export {
  type ComputedOptions,
  type ComputedWritten,
  type ComputedYear,
  closeComputedYear,
  publishRunningActual,
  type RunningActual,
  readRunning,
  recordComputedActuals,
} from "./computed-actuals.ts";
export {
  checkDefinition,
  type DefinitionFields,
  definitionFieldLabels,
  formatInterim,
  parseInterim,
  TARGET_FORM_LABELS,
} from "./definition.ts";
export { definitionFieldsOf, indicatorDefinitionRecord } from "./definition-drafts.ts";
export { definitionEditing } from "./definition-editing.ts";
export { type BatchEntry, readActualCells, saveActualDrafts } from "./draft-batch.ts";
export {
  type ActualConflict,
  type ActualInput,
  discardActualDraft,
  draftKeys,
  type PendingDraft,
  readDrafts,
  saveActual,
} from "./drafts.ts";
export {
  type ActualDetails,
  checkActualEntry,
  detailsOf,
  isCorrection,
  type PublishedActual,
} from "./entry.ts";
export { type Feed, feedsFrom, feedsInMunicipality, loadFeeds } from "./feeds.ts";
export { countStatuses, type Located } from "./filter.ts";
export {
  actualQualifier,
  shortYearLabel,
  VALUE_KIND_ENTRY,
  VALUE_KIND_LABELS,
  YEAR_KIND_LABELS,
  yearLabel,
} from "./labels.ts";
export {
  loadOwners,
  type Owner,
  type OwnerSources,
  ownersInMunicipality,
  readOwnerSources,
} from "./owners.ts";
export { permissions } from "./permissions.ts";
export { loadPublicRegistry } from "./public-registry.ts";
export { prepareActualPublish } from "./publish-actuals.ts";
export {
  challengeWording,
  type IndicatorRecord,
  indicatorsByNode,
  indicatorsWhere,
  loadIndicators,
  loadRegistry,
} from "./queries.ts";
export { INDICATOR_CSV_HEADER, indicatorCsvHeader, indicatorCsvRow } from "./routes.tsx";
export { computedYearState, runningLabel } from "./running.ts";
export { saveIndicators } from "./store.ts";
export { IndicatorTable } from "./views/indicator-table.tsx";
export { ChallengeBadge, KIND_LABELS, StatusLabel, StatusLegend } from "./views/status.tsx";

/** The writes a person triggers (a definition's draft is saved and discarded by publishing). */
export const actions = { saveActual, discardActualDraft, publishRunningActual };
