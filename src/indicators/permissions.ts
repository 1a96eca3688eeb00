/**
 * Who may change indicators: the least role of each indicator action (accounts/permissions.ts).
 * Entering actuals is also an ownership rule (an editor enters their own sections' values),
 * checked by the entry rule (entry.ts checkActualEntry).
 */
import { definePermissions } from "../accounts/index.ts";

export const permissions = definePermissions("indicators", {
  editDefinition: { role: "planner", what: "指標の定義の編集" },
  enterActuals: { role: "editor", what: "実績値の入力" },
});
