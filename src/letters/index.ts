/** Letters to the mayor (市長へのたより): receiving, handling, redaction, publication, retention: what other domains may use. */
export { fillComputedActuals, indicatorsWhere } from "./computed-actuals.ts";
export { hashToken, listPublished, type PublicLetter } from "./queries.ts";
export {
  CATEGORIES,
  type Category,
  type Checked,
  fiscalYearInJapan,
  isCategory,
  isReceiptNumber,
  KIND_LABELS,
  LIMITS,
  OUTCOME_LABELS,
  receiptNumber,
  receiptSeq,
  STEP_LABELS,
} from "./rules.ts";
export { nextReceiptNumber, requirePlanner } from "./store.ts";
export { MeasureLettersPage } from "./views/measure-letters-page.tsx";
export { categoryLabel, isoDay, japaneseDate, PlainText, Timeline } from "./views/parts.tsx";
