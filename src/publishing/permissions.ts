/** Who may publish drafts: the least role of each publishing action (accounts/permissions.ts). */
import { definePermissions } from "../accounts/index.ts";

export const permissions = definePermissions("publishing", {
  /** The page of every plan node and indicator to edit, with its drafts marked. */
  editPlan: { role: "planner", what: "計画と指標の編集" },
  publish: { role: "planner", what: "下書きの公開" },
});
