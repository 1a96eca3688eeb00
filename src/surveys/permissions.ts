/** Surveys: who may prepare, sample, run, key in and publish them (the least role of each). */
import { definePermissions } from "../accounts/index.ts";

export const permissions = definePermissions("surveys", {
  /** The staff pages of surveys (drafts, frame, codes and results before publication). */
  manage: { role: "viewer", what: "アンケート調査の管理画面" },
  create: { role: "planner", what: "アンケート調査の作成・訂正" },
  sample: { role: "planner", what: "アンケート調査の標本フレームと標本の抽出" },
  codes: { role: "planner", what: "アンケート調査の回答番号の書き出し" },
  run: { role: "planner", what: "アンケート調査の回答受付の開始・締切" },
  keyIn: { role: "editor", what: "紙の調査票の入力" },
  settle: { role: "editor", what: "紙の調査票の二重入力の不一致の確定（三回目の確認）" },
  publish: { role: "planner", what: "アンケート調査の結果の公開と指標への反映" },
});
