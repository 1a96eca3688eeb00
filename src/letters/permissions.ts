/** Letters to the mayor: who may handle them on the staff pages (the least role of each). */
import { definePermissions } from "../accounts/index.ts";

export const permissions = definePermissions("letters", {
  /** The staff pages of letters: an editor sees their sections' letters (mayHandle). */
  manage: { role: "editor", what: "市長へのたよりの職員用ページ" },
  /** Every section's letters, not only one's own sections'. */
  seeAll: { role: "planner", what: "すべての課のたよりの閲覧" },
  triage: { role: "planner", what: "分類・担当課の指定" },
  /** A step of the timeline: an editor of the letter's section (mayHandle) or a planner. */
  addStep: { role: "editor", what: "対応の記録" },
  publish: { role: "planner", what: "公開用の文章の保存と公開" },
  /** Opening and closing the public form, and who receives the letters (reception.ts). */
  reception: { role: "admin", what: "市長へのたよりの受付の設定" },
});
