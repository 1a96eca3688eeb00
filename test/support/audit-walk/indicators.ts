/**
 * Indicators in the audit walk: a planner saves an actual as a draft and discards another, on a
 * year whose round is open (no demo round closes it).
 */
import {
  discardActualDraft,
  publishRunningActual,
  readRunning,
  saveActual,
} from "../../../src/indicators/index.ts";
import { actions as proposals } from "../../../src/proposals/index.ts";
import type { Scenarios } from "../audit-walk.ts";
import { SUBMISSION } from "./proposals.ts";

const FY = 2024;

export const scenarios: Scenarios = {
  saveActual: {
    run: async (env) => {
      const outcome = await saveActual(env.as.planner, {
        indicatorCode: "GZ-1-O1",
        fiscalYear: FY,
        value: "123.4",
        note: "速報値",
        expected: null,
      });
      return { outcome, changed: [["indicator_actual", `GZ-1-O1/${FY}`]] };
    },
  },
  discardActualDraft: {
    prepare: async (env) => {
      const outcome = await saveActual(env.as.planner, {
        indicatorCode: "GZ-1-R1",
        fiscalYear: FY,
        value: "7",
        expected: null,
      });
      if (outcome.status !== "saved" || !outcome.value.draft) throw new Error(outcome.status);
      return outcome.value.draft.version;
    },
    run: async (env, draftVersion) => {
      const outcome = await discardActualDraft(env.as.planner, {
        indicatorCode: "GZ-1-R1",
        fiscalYear: FY,
        draftVersion: draftVersion as number,
      });
      return { outcome, changed: [["indicator_actual", `GZ-1-R1/${FY}`]] };
    },
  },
  publishRunningActual: {
    // A staff proposal makes this year's 職員提案の提案数 集計中; a planner publishes it.
    prepare: async (env) => {
      const o = await proposals.submitProposal(env.as.editor, {
        submission: SUBMISSION,
      });
      if (o.status !== "saved") throw new Error(`proposal not submitted: ${o.status}`);
      const [row] = await readRunning(env.db, env.mc);
      if (!row) throw new Error("no running value");
      return row;
    },
    run: async (env, prepared) => {
      const { code, running } = prepared as Awaited<ReturnType<typeof readRunning>>[number];
      const outcome = await publishRunningActual(env.as.planner, {
        indicatorCode: code,
        fiscalYear: running.fiscalYear,
        version: running.version,
      });
      return { outcome, changed: [["indicator_actual", `${code}/${running.fiscalYear}`]] };
    },
  },
};
