/** Fiscal soundness ratios (健全化判断比率) and the medium-term fiscal frame (財政フレーム): what other domains may use. */
export { financeSections, mayEditFinance } from "./access.ts";
export {
  EXPENDITURE_CATEGORIES,
  EXPENDITURE_LABELS,
  REVENUE_CATEGORIES,
  REVENUE_LABELS,
} from "./frame.ts";
export type { FrameYearRow } from "./frame-report.ts";
export { writeFrameYear } from "./frame-store.ts";
export { permissions } from "./permissions.ts";

import { saveFrameYear, saveScenario } from "./frame-store.ts";
import { saveComponents } from "./soundness-store.ts";

/** The staff writes of finance figures. */
export const actions = { saveComponents, saveFrameYear, saveScenario };
