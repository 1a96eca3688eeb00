/** Surveys (市民意識調査・職員アンケート): questionnaire, sample, answers, results: what other domains may use. */
import { enterPaperAnswers, saveAnswers, settleDoubleEntry } from "./answering.ts";
import {
  createSurvey,
  drawSurveySample,
  linkIndicator,
  publishResults,
  setSurveyStatus,
  updateSurvey,
  uploadFrame,
} from "./store.ts";

export { loadSampleSurvey } from "./demo.ts";
export { compareKeyings } from "./double-entry.ts";
export {
  keyPaperForms,
  type PaperCode,
  type PaperUploadForm,
  paperCodes,
  paperKeying,
} from "./paper.ts";
export { CODE_HEADER, type PaperColumn, paperColumns, readPaperRow } from "./paper-sheet.ts";
export { permissions } from "./permissions.ts";
export { findSurvey, listSurveys, surveyResults } from "./queries.ts";
export { resultsTable } from "./results-view.ts";
export { normaliseCode } from "./rules.ts";

/**
 * The writes a person triggers (each one audit entry per record it changes): the staff's, and
 * the public's (answering with an access code: `who` is null).
 */
export const actions = {
  createSurvey,
  updateSurvey,
  uploadFrame,
  drawSurveySample,
  setSurveyStatus,
  linkIndicator,
  publishResults,
  saveAnswers,
  enterPaperAnswers,
  settleDoubleEntry,
};
