/** Reporting rounds: the yearly update of actuals, its deadline, reminders and closing: what other domains may use. */
export { loadMyUpdates } from "./my-updates.ts";
export { readReopenings, readRounds } from "./queries.ts";
export {
  actualLocked,
  compareCodes,
  daysUntilDeadline,
  formatJapaneseDate,
  isPastDeadline,
  type ReminderKind,
  type Reopening,
  type Round,
  reminderKindDue,
  validateDeadline,
} from "./rules.ts";
