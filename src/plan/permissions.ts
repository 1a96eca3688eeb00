/** Who may change the plan: the least role of each plan action (accounts/permissions.ts). */
import { definePermissions } from "../accounts/index.ts";

export const permissions = definePermissions("plan", {
  editNode: { role: "planner", what: "計画の項目の編集" },
});
