/**
 * Reporting rounds in the audit walk: a planner opens, closes and reopens rounds and prepares
 * reminders. Each scenario works on a fiscal year of its own, long past, that no demo round uses.
 */
import {
  closeRound,
  openRound,
  reopenIndicator,
  sendReminders,
} from "../../../src/reporting/index.ts";
import type { Scenarios, WalkEnv } from "../audit-walk.ts";

async function opened(env: WalkEnv, fiscalYear: number, deadline = `${fiscalYear + 1}-06-30`) {
  const outcome = await openRound(env.as.planner, { fiscalYear, deadline });
  if (outcome.status !== "saved") throw new Error(`round ${fiscalYear}: ${outcome.status}`);
}

async function closed(env: WalkEnv, fiscalYear: number) {
  await opened(env, fiscalYear);
  const outcome = await closeRound(env.as.planner, { fiscalYear });
  if (outcome.status !== "saved") throw new Error(`close ${fiscalYear}: ${outcome.status}`);
}

/** A day as Tokyo's calendar has it, `days` after now. */
const tokyoDay = (now: Date, days: number) =>
  new Date(now.getTime() + (9 + days * 24) * 3_600_000).toISOString().slice(0, 10);

export const scenarios: Scenarios = {
  openRound: {
    run: async (env) => {
      const outcome = await openRound(env.as.planner, {
        fiscalYear: "2016",
        deadline: "2017-06-30",
      });
      return { outcome, changed: [["reporting_round", "2016"]] };
    },
  },
  closeRound: {
    prepare: (env) => opened(env, 2015),
    run: async (env) => {
      const outcome = await closeRound(env.as.planner, { fiscalYear: 2015 });
      return { outcome, changed: [["reporting_round", "2015"]] };
    },
  },
  reopenIndicator: {
    prepare: (env) => closed(env, 2014),
    run: async (env) => {
      const outcome = await reopenIndicator(env.as.planner, {
        fiscalYear: 2014,
        indicatorCode: "GZ-1-O1",
        reason: "決算額の確定に伴い訂正するため",
      });
      return { outcome, changed: [["indicator_actual", "GZ-1-O1/2014"]] };
    },
  },
  sendReminders: {
    prepare: async (env) => {
      const now = new Date();
      await opened(env, 2013, tokyoDay(now, 2));
      return now;
    },
    run: async (env, now) => {
      const at = now as Date;
      const outcome = await sendReminders(env.as.planner, { municipalityName: "石岡市", now: at });
      return { outcome, changed: [["outbox", at.toISOString()]] };
    },
  },
};
