/** Programs (事務事業): master data, the initiatives they serve, roll-up to the plan, public pages: what other domains may use. */
export { PROGRAM_CODE_LABELS, PROGRAM_CODE_PARTS } from "./program.ts";
export { isStale, lockProgram, mayEditProgram, refuseProgramEdit } from "./program-lock.ts";
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
