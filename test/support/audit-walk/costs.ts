/** Audit walk scenarios of program costs, budget requests and cost settings. */
import { saveBudgetRequest } from "../../../src/costs/budget-store.ts";
import { saveCostSetting } from "../../../src/costs/cost-settings.ts";
import {
  loadProgramCosts,
  publishProgramYear,
  saveProgramYear,
} from "../../../src/costs/cost-store.ts";
import { recordKeyOf } from "../../../src/evaluations/index.ts";
import type { Scenarios } from "../audit-walk.ts";

/** 【サンプル】行政評価・マネジメントシステム運用事業 (行革推進課, the demo editor's section). */
const OWN = "01-02-01-05-001";

export const scenarios: Scenarios = {
  publishProgramYear: {
    // A draft of 令和5年度 (saved before the walk counts), then published.
    prepare: async (env) => {
      const year = (await loadProgramCosts(env.db, env.mc, OWN, 2023))!.year!;
      const o = await saveProgramYear(env.as.editor, {
        programCode: OWN,
        fiscalYear: 2023,
        costs: { ...year, facilities: [...year.facilities, "監査の歩みの公開"] },
        version: year.version,
      });
      if (o.status !== "saved") throw new Error(`draft of 2023: ${o.status}`);
      return o.value.year.version;
    },
    run: async (env, version) => {
      const outcome = await publishProgramYear(env.as.planner, {
        programCode: OWN,
        fiscalYear: 2023,
        version: version as number,
      });
      return { outcome, changed: [["program_year", recordKeyOf(OWN, 2023)]] };
    },
  },
  saveBudgetRequest: {
    run: async (env) => {
      const outcome = await saveBudgetRequest(env.as.editor, {
        programCode: OWN,
        fiscalYear: 2025,
        amount: 4_321_000,
        note: "監査の歩み",
        version: null,
      });
      return { outcome, changed: [["budget_request", recordKeyOf(OWN, 2025)]] };
    },
  },
  saveCostSetting: {
    run: async (env) => {
      const outcome = await saveCostSetting(env.as.planner, {
        fiscalYear: 2021,
        regular: 8_123_456,
        partTime: null,
        settlementClosed: false,
      });
      return { outcome, changed: [["program_cost_settings", "2021"]] };
    },
  },
  saveProgramYear: {
    run: async (env) => {
      const found = await loadProgramCosts(env.db, env.mc, OWN, 2024);
      const year = found!.year!;
      const outcome = await saveProgramYear(env.as.editor, {
        programCode: OWN,
        fiscalYear: 2024,
        costs: { ...year, facilities: [...year.facilities, "監査の歩みの会議室"] },
        version: year.version,
      });
      return { outcome, changed: [["program_year", recordKeyOf(OWN, 2024)]] };
    },
  },
};
