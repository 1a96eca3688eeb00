/** Letters to the mayor (市長へのたより): receiving, handling, redaction, publication, retention: what other domains may use. */

import { receiveLetter } from "./receive.ts";
import { setLetterForm, setReceiver } from "./reception.ts";
import { eraseContact } from "./retention.ts";
import { addStep, savePublicVersion, triageLetter } from "./store.ts";

export { permissions } from "./permissions.ts";
export { hashToken, listPublished, type PublicLetter } from "./queries.ts";
export { nextReceiptNumber } from "./receive.ts";
export { letterFormState } from "./reception.ts";
export { type ReceptionState, receptionState } from "./reception-rules.ts";
export {
  CATEGORIES,
  type Category,
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
export { MeasureLettersPage } from "./views/measure-letters-page.tsx";
export { categoryLabel, isoDay, japaneseDate, PlainText, Timeline } from "./views/parts.tsx";

/**
 * The writes a person triggers (each one audit entry per record it changes): the staff's, and
 * the public's (receiving a letter, the writer erasing their contact: `who` is null).
 */
export const actions = {
  receiveLetter,
  triageLetter,
  addStep,
  savePublicVersion,
  eraseContact,
  setLetterForm,
  setReceiver,
};
