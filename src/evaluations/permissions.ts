/**
 * Who may take the actions of program evaluation: the least role of each. An editor is further
 * limited to the programs of their own sections (workflow.ts, a data rule checked in the action).
 */
import { definePermissions } from "../accounts/index.ts";

export const permissions = definePermissions("evaluations", {
  /** 一次評価 while a draft, of the own section's programs. */
  editSelf: { role: "editor", what: "一次評価の編集" },
  submit: { role: "editor", what: "提出" },
  /** 二次評価 while submitted, of every program. */
  editSecondary: { role: "planner", what: "二次評価の編集" },
  review: { role: "planner", what: "二次評価の確定" },
  publish: { role: "planner", what: "公表" },
  sendBack: { role: "planner", what: "差し戻し" },
  /** Every section's programs (an editor only their own sections'). */
  everySection: { role: "planner", what: "担当外の課の事務事業の評価" },
  /** The 一次評価 of a year whose round is closed. */
  editClosedRound: { role: "planner", what: "締め切った年度の一次評価の変更" },
  manageScale: { role: "planner", what: "評価の段階の設定" },
  manageRounds: { role: "planner", what: "事務事業評価の開始・締切・再開" },
});
