/** Program costs (事業費・人件費・財源), cost settings and the budget review (事業査定): what other domains may use. */
import { saveBudgetRequest } from "./budget-store.ts";
import { saveCostSetting } from "./cost-settings.ts";
import { publishProgramYear, saveProgramYear } from "./cost-store.ts";

export {
  type CostSeries,
  costChartDescription,
  costChartOption,
  measureCostDescription,
  measureCostOption,
  stackedCostDescription,
  stackedCostOption,
} from "./chart.ts";
export {
  COST_BASIS_LABELS,
  type CostSettings,
  checkProgramYear,
  FUNDING_LABELS,
  FUNDING_SOURCES,
  type Funding,
  fteHundredths,
  STAFF_LABELS,
  type StaffEffort,
  staffFte,
  unitCost,
  unitPersonnelCostFor,
  type YearCost,
  type Yen,
  yearCost,
} from "./cost.ts";
export { checkYearCosts, EMPTY_COSTS, type YearCosts } from "./cost-input.ts";
export { LIST } from "./cost-routes.tsx";
export {
  costYearProblem,
  lastCostYear,
  readCostSettingRows,
  type StaffYear,
  saveProgramYearIn,
  staffYearOf,
} from "./cost-store.ts";
export { permissions } from "./permissions.ts";

/** The writes a person triggers (the audit walk runs each). */
export const actions = { publishProgramYear, saveBudgetRequest, saveCostSetting, saveProgramYear };
