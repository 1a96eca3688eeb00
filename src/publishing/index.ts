/** Publishing planners' drafts (actuals, definitions, plan nodes) in one step: what other domains may use. */
import { publish } from "./publish.ts";
import { discardDraft, saveDraft } from "./record-draft-actions.ts";

export { type FieldsProps, recordEditRoutes } from "./edit-routes.tsx";
export { permissions } from "./permissions.ts";
export { publish } from "./publish.ts";
export {
  type DiscardDraftInput,
  type DraftConflict,
  type DraftEditing,
  type DraftFields,
  type DraftRecordType,
  discardDraft,
  type SaveDraftInput,
  type SavedDraft,
  saveDraft,
} from "./record-draft-actions.ts";

/** The writes a person triggers. */
export const actions = { publish, saveDraft, discardDraft };
