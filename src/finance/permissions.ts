/**
 * Who may enter the finance figures (accounts/permissions.ts): an editor at least — and an
 * editor only for the finance section, the data rule of access.ts.
 */
import { definePermissions } from "../accounts/index.ts";

export const permissions = definePermissions("finance", {
  saveComponents: { role: "editor", what: "財政健全化判断比率の構成要素の入力" },
  saveFrameYear: { role: "editor", what: "財政フレームの年度の入力" },
  saveScenario: { role: "editor", what: "財政フレームの推計の前提の入力" },
});
