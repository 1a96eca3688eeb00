/** Audit walk scenarios of program evaluation: the evaluation, its rating scale and rounds. */

import { changeEvaluation } from "../../../src/evaluations/evaluation-store.ts";
import { recordKeyOf } from "../../../src/evaluations/index.ts";
import {
  closeEvaluationRound,
  openEvaluationRound,
  reopenEvaluationRound,
} from "../../../src/evaluations/round-store.ts";
import { loadRatingScale, saveRatingScale } from "../../../src/evaluations/scale-store.ts";
import type { Scenarios, WalkEnv } from "../audit-walk.ts";

/** 【サンプル】行政評価・マネジメントシステム運用事業 (行革推進課, the demo editor's section). */
const OWN = "01-02-01-05-001";

/** Opens the round of a year long past (none is open there), before the walk counts. */
async function opened(env: WalkEnv, fiscalYear: number) {
  const outcome = await openEvaluationRound(env.as.planner, {
    fiscalYear,
    deadline: `${fiscalYear + 1}-03-31`,
  });
  if (outcome.status !== "saved") throw new Error(`round ${fiscalYear}: ${outcome.status}`);
}

export const scenarios: Scenarios = {
  changeEvaluation: {
    run: async (env) => {
      const outcome = await changeEvaluation(env.as.planner, {
        programCode: OWN,
        fiscalYear: 2025,
        self: { findings: "監査の歩みの所見" },
        version: null,
      });
      return { outcome, changed: [["program_evaluation", recordKeyOf(OWN, 2025)]] };
    },
  },
  closeEvaluationRound: {
    prepare: (env) => opened(env, 2017),
    run: async (env) => {
      const outcome = await closeEvaluationRound(env.as.planner, { fiscalYear: 2017 });
      return { outcome, changed: [["evaluation_round", "2017"]] };
    },
  },
  openEvaluationRound: {
    run: async (env) => {
      const outcome = await openEvaluationRound(env.as.planner, {
        fiscalYear: 2018,
        deadline: "2019-03-31",
      });
      return { outcome, changed: [["evaluation_round", "2018"]] };
    },
  },
  reopenEvaluationRound: {
    prepare: async (env) => {
      await opened(env, 2016);
      await closeEvaluationRound(env.as.planner, { fiscalYear: 2016 });
    },
    run: async (env) => {
      const outcome = await reopenEvaluationRound(env.as.planner, { fiscalYear: 2016 });
      return { outcome, changed: [["evaluation_round", "2016"]] };
    },
  },
  saveRatingScale: {
    run: async (env) => {
      const { scale, version } = await loadRatingScale(env.db, env.mc);
      const [first, ...rest] = scale.levels;
      const outcome = await saveRatingScale(env.as.planner, {
        scale: {
          levels: [
            {
              ...first!,
              definitions: {
                ...first!.definitions,
                necessity: `${first!.definitions.necessity}（監査の歩み）`,
              },
            },
            ...rest,
          ],
        },
        version,
      });
      return { outcome, changed: [["evaluation_settings", env.mc]] };
    },
  },
};
