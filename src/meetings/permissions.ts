/** Town meetings with the mayor: who may record, correct and publish them (the least role of each). */
import { definePermissions } from "../accounts/index.ts";

export const permissions = definePermissions("meetings", {
  /** The staff pages of meeting records (drafts included). */
  manage: { role: "planner", what: "市長と語ろう会の記録" },
  record: { role: "planner", what: "市長と語ろう会の記録" },
  update: { role: "planner", what: "市長と語ろう会の記録の訂正" },
  publish: { role: "planner", what: "市長と語ろう会の記録の公開" },
  addProposal: { role: "planner", what: "市長と語ろう会の提案の記録" },
});
