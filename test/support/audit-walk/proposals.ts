/** The audit walk's scenarios of staff proposals (src/proposals/index.ts `actions`). */
import { fiscalYearInJapan } from "../../../src/core/fiscal-year.ts";
import { actions } from "../../../src/proposals/index.ts";
import type { Scenarios, WalkEnv } from "../audit-walk.ts";

/** A complete staff proposal (also used where a test needs one submitted). */
export const SUBMISSION = {
  title: "監査の提案",
  problem: "問題",
  proposal: "提案",
  expectedEffect: "効果",
  expectedHours: "",
  expectedYen: "",
  sections: ["somu"],
  applicant: "individual",
  groupName: "",
  memberNames: "",
};

/** A new proposal by the editor (its own audit entry is written before the walk counts). */
async function proposal(env: WalkEnv) {
  const o = await actions.submitProposal(env.as.editor, { submission: SUBMISSION });
  if (o.status !== "saved") throw new Error(`proposal not submitted: ${o.status}`);
  return o.value;
}

/** A new proposal, adopted (at version 2). */
async function adopted(env: WalkEnv) {
  const number = await proposal(env);
  const o = await actions.decideProposal(env.as.planner, {
    number,
    version: 1,
    decision: "adopted",
    reason: "効果が見込めます",
  });
  if (o.status !== "saved") throw new Error(`proposal not decided: ${o.status}`);
  return number;
}

export const scenarios: Scenarios = {
  submitProposal: {
    run: async (env) => {
      const outcome = await actions.submitProposal(env.as.editor, { submission: SUBMISSION });
      return {
        outcome,
        // The proposal, and this year's 職員提案の提案数 (集計中) computed from the proposals.
        changed:
          outcome.status === "saved"
            ? [
                ["staff_proposal", outcome.value],
                ["indicator_actual", `GZ-1-R1/${fiscalYearInJapan(new Date())}`],
              ]
            : [],
      };
    },
  },
  saveProposalDraft: {
    run: async (env) => {
      const outcome = await actions.saveProposalDraft(env.as.editor, {
        id: null,
        version: null,
        submission: { ...SUBMISSION, problem: "", sections: [] },
      });
      // Only the draft: no proposal, and 職員提案の提案数 is not recomputed.
      return {
        outcome,
        changed:
          outcome.status === "saved" ? [["staff_proposal_draft", String(outcome.value)]] : [],
      };
    },
  },
  saveCriteria: {
    run: async (env) => ({
      outcome: await actions.saveCriteria(env.as.planner, [
        { name: "独創性", description: "新しい発想か" },
        { name: "実現性", description: "" },
      ]),
      changed: [["proposal_criteria", env.mc]],
    }),
  },
  scoreProposal: {
    prepare: proposal,
    run: async (env, number) => {
      // Five marks: enough for the default criteria or the two saved by saveCriteria.
      const scores = Object.fromEntries([0, 1, 2, 3, 4].map((i) => [`score${i}`, "3"]));
      return {
        outcome: await actions.scoreProposal(env.as.planner, {
          number: number as string,
          scores,
        }),
        changed: [["staff_proposal", number as string]],
      };
    },
  },
  decideProposal: {
    prepare: proposal,
    run: async (env, number) => ({
      outcome: await actions.decideProposal(env.as.planner, {
        number: number as string,
        version: 1,
        decision: "continued",
        reason: "もう少し検討します",
      }),
      changed: [["staff_proposal", number as string]],
    }),
  },
  recordImplementation: {
    prepare: adopted,
    run: async (env, number) => ({
      outcome: await actions.recordImplementation(env.as.planner, {
        number: number as string,
        version: 2,
        submission: {
          implementation: "全課で実施しました",
          implementedOn: "2026-05-01",
          measuredEffect: "",
          measuredHours: "",
          measuredYen: "",
        },
      }),
      changed: [["staff_proposal", number as string]],
    }),
  },
};
