/** Who may run reporting rounds: the least role of each reporting action (accounts/permissions.ts). */
import { definePermissions } from "../accounts/index.ts";

export const permissions = definePermissions("reporting", {
  /** Opening, closing and reopening rounds, reminders and the outbox (admins included). */
  manageRounds: { role: "planner", what: "報告の開始・締切・再開" },
  /** "My updates" lists every section's indicators, not only the person's own. */
  seeEverySection: { role: "planner", what: "全課の実績値の一覧" },
});
