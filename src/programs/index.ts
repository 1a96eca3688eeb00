/** Programs (事務事業): master data, the initiatives they serve, roll-up to the plan, public pages: what other domains may use. */
import { saveProgramMaster } from "./program-master-store.ts";

export { permissions } from "./permissions.ts";
export { PROGRAM_CODE_LABELS, PROGRAM_CODE_PARTS } from "./program.ts";
export {
  isStale,
  lockProgram,
  mayEditProgram,
  programEditRefusal,
} from "./program-lock.ts";
export {
  type CostSettingRow,
  costSettings,
  loadPublicPrograms,
  type ProgramView,
  type ProgramYearView,
  programRollup,
} from "./queries.ts";
export { effectiveShares, type YearFigures } from "./rollup.ts";
export { DirectionText, SampleBadge, yen } from "./views/parts.tsx";

/** The writes a person triggers (the audit walk runs each). */
export const actions = { saveProgramMaster };
