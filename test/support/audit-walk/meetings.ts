/** The audit walk's scenarios of town meetings (src/meetings/index.ts `actions`). */
import { actions } from "../../../src/meetings/index.ts";
import type { Scenarios, WalkEnv } from "../audit-walk.ts";

const MEETING = {
  heldOn: "2026-06-01",
  place: "石岡市役所",
  theme: "監査の語ろう会",
  participantGroup: "監査の会",
  participantCount: "12",
  summary: "概要",
};

/** A new draft meeting (its own audit entry is written before the walk counts). */
async function draftMeeting(env: WalkEnv) {
  const o = await actions.recordMeeting(env.as.planner, MEETING);
  if (o.status !== "saved") throw new Error(`meeting not recorded: ${o.status}`);
  return o.value;
}

export const scenarios: Scenarios = {
  recordMeeting: {
    run: async (env) => {
      const outcome = await actions.recordMeeting(env.as.planner, MEETING);
      return {
        outcome,
        changed: outcome.status === "saved" ? [["meeting", String(outcome.value)]] : [],
      };
    },
  },
  updateMeeting: {
    prepare: draftMeeting,
    run: async (env, id) => ({
      outcome: await actions.updateMeeting(env.as.planner, {
        id: id as number,
        version: 1,
        submission: { ...MEETING, participantCount: "13" },
      }),
      changed: [["meeting", String(id)]],
    }),
  },
  publishMeeting: {
    prepare: draftMeeting,
    run: async (env, id) => ({
      outcome: await actions.publishMeeting(env.as.planner, { id: id as number, version: 1 }),
      changed: [["meeting", String(id)]],
    }),
  },
  addMeetingProposal: {
    prepare: draftMeeting,
    run: async (env, id) => {
      const outcome = await actions.addMeetingProposal(env.as.planner, {
        meetingId: id as number,
        submission: {
          subject: "公園に屋根を",
          body: "雨の日も遊べるように",
          category: "childcare",
        },
      });
      return {
        outcome,
        changed: outcome.status === "saved" ? [["letter", outcome.value]] : [],
      };
    },
  },
};
