/** Staff proposals: who may submit, and what the committee (planners) does (the least role of each). */
import { definePermissions } from "../accounts/index.ts";

const REVIEW = "職員提案の審査（採点・審査結果・実施の記録・審査の観点）";

export const permissions = definePermissions("proposals", {
  /** Every signed-in person may submit a proposal. */
  submit: "viewer",
  /** The committee reads every proposal, with the scores. */
  review: { role: "planner", what: REVIEW },
  saveCriteria: { role: "planner", what: REVIEW },
  score: { role: "planner", what: REVIEW },
  decide: { role: "planner", what: REVIEW },
  implement: { role: "planner", what: REVIEW },
});
