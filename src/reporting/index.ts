/** Reporting rounds: the yearly update of actuals, its deadline, reminders and closing: what other domains may use. */
export { assertActualOpen } from "./lock.ts";
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
  reminderKindDue,
  validateDeadline,
} from "./rules.ts";
