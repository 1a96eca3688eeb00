/** Who may change the registries (accounts/permissions.ts): staff who enter data, and up. */
import { definePermissions } from "../accounts/index.ts";

export const permissions = definePermissions("registries", {
  manage: { role: "editor", what: "台帳の記録の登録・編集・廃止" },
});
