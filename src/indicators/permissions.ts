/**
 * Who may change indicators: the least role of each role-gated indicator action
 * (accounts/permissions.ts). Entering actuals is an ownership rule instead (a person enters their
 * own sections' values, a planner every section's), checked by the entry rule (entry.ts).
 */
import { definePermissions } from "../accounts/index.ts";

export const permissions = definePermissions("indicators", {
  editDefinition: { role: "planner", what: "指標の定義の編集" },
  publishRunning: { role: "planner", what: "集計中の値の公開" },
});
