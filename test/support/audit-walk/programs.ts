/** Audit walk scenarios of programs' master data. */
import {
  loadProgramMaster,
  saveProgramMaster,
} from "../../../src/programs/program-master-store.ts";
import type { Scenarios } from "../audit-walk.ts";

/** 【サンプル】行政評価・マネジメントシステム運用事業 (行革推進課, the demo editor's section). */
const OWN = "01-02-01-05-001";

export const scenarios: Scenarios = {
  saveProgramMaster: {
    run: async (env) => {
      const view = (await loadProgramMaster(env.db, env.mc, OWN))!;
      const outcome = await saveProgramMaster(env.as.editor, {
        programCode: OWN,
        master: { ...view.master, purpose: `${view.master.purpose}（監査の歩み）` },
        fingerprint: view.fingerprint,
      });
      return { outcome, changed: [["program", OWN]] };
    },
  },
};
