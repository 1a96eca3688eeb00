/** Peer comparison: who may link the municipality's own indicators to shared indicators. */
import { definePermissions } from "../accounts/index.ts";

export const permissions = definePermissions("peers", {
  linkIndicator: { role: "planner", what: "指標と共通指標の関連付け" },
});
