/** The audit walk's scenario of peer comparison (src/peers/index.ts `actions`). */
import { actions } from "../../../src/peers/index.ts";
import type { Scenarios } from "../audit-walk.ts";

export const scenarios: Scenarios = {
  linkIndicator: {
    run: async (env) => {
      const outcome = await actions.linkIndicator(env.as.planner, {
        indicatorCode: "GZ-2-O3",
        sharedCode: "future-burden-ratio",
        expected: null,
      });
      return { outcome, changed: [["indicator", "GZ-2-O3"]] };
    },
  },
};
