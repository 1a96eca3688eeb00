/**
 * Who may change the registries (accounts/permissions.ts): staff who enter data, and up; which
 * registries the municipality keeps and the indicators they feed, an admin.
 */
import { definePermissions } from "../accounts/index.ts";

export const permissions = definePermissions("registries", {
  manage: { role: "editor", what: "台帳の記録の登録・編集・廃止" },
  configure: { role: "admin", what: "使う台帳と計算する指標の設定" },
});
