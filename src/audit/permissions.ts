/** Who may read the audit trail (accounts/permissions.ts). */
import { definePermissions } from "../accounts/index.ts";

export const permissions = definePermissions("audit", {
  read: { role: "planner", what: "監査ログの閲覧" },
});
