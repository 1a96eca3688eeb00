/** Reporting rounds: the yearly update of actuals, its deadline, reminders and closing: what other domains may use. */
import { closeRound, openRound, reopenIndicator, sendReminders } from "./store.ts";

export { loadMyUpdates } from "./my-updates.ts";
export { permissions } from "./permissions.ts";
export {
  closureOf,
  readReopenings,
  readRounds,
  roundFactsJson,
  roundFactsOf,
} from "./queries.ts";
export { type ReminderKind, reminderKindDue } from "./reminders.ts";
export {
  actualLocked,
  closeSummary,
  compareCodes,
  daysUntilDeadline,
  formatJapaneseDate,
  isPastDeadline,
  type Reopening,
  type Round,
  validateDeadline,
} from "./rules.ts";
export {
  indicatorYears,
  planPeriodsOf,
  type StaffYears,
  staffDefaultYear,
  staffYears,
} from "./staff-year.ts";
export { closeRound, openRound, reopenIndicator, sendReminders } from "./store.ts";

/** The writes a person triggers. */
export const actions = { openRound, closeRound, reopenIndicator, sendReminders };
