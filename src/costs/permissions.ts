/**
 * Who may take the actions of program costs (a program's costs and budget request need only its
 * section: programEditRefusal, checked in the action).
 */
import { definePermissions } from "../accounts/index.ts";

export const permissions = definePermissions("costs", {
  setCostSettings: { role: "planner", what: "人件費単価と決算確定の設定" },
  publishCosts: { role: "planner", what: "事務事業のコストの公開" },
  readBudgetReview: { role: "planner", what: "事業査定" },
});
