/** Program costs (事業費・人件費・財源), cost settings and the budget review (事業査定): what other domains may use. */
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
export { home, LIST } from "./cost-routes.tsx";
export {
  type CostCtx,
  costYearProblem,
  lastCostYear,
  readCostSettingRows,
  type StaffYear,
  saveProgramYearIn,
  staffYearOf,
} from "./cost-store.ts";
