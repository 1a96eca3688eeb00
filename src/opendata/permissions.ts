/** The open data catalogue: who may see its drafts, describe datasets, upload and publish. */
import { definePermissions } from "../accounts/index.ts";

export const permissions = definePermissions("opendata", {
  /** The staff pages of the catalogue (drafts and withdrawn datasets included). */
  manage: { role: "viewer", what: "オープンデータカタログの職員用ページ" },
  createDataset: { role: "editor", what: "オープンデータのデータセットの作成" },
  updateDataset: { role: "editor", what: "オープンデータのデータセットの説明の変更" },
  uploadResource: { role: "editor", what: "オープンデータのファイルの登録" },
  publish: { role: "planner", what: "オープンデータの公開と公開の取り下げ" },
});
