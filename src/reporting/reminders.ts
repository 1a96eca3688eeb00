/**
 * Reminders of a reporting round (pure, no I/O): who is reminded of what, before and on the
 * deadline, each reminder once.
 */
import { hasRole } from "../accounts/index.ts";
import type { Role } from "../accounts/schema.ts";
import { fiscalYearLabel } from "../core/fiscal-year.ts";
import {
  compareCodes,
  daysUntilDeadline,
  type EnteredValue,
  formatJapaneseDate,
  missingIndicators,
  type Round,
  type RoundIndicator,
} from "./rules.ts";

// ── Reminders ───────────────────────────────────────────────────────────────────────────────

export type ReminderKind = "before" | "due";

/** Days before the deadline on which the first reminder goes out, unless configured. */
export const DEFAULT_REMINDER_DAYS_BEFORE = 7;

/** A person to remind and what they still have to enter. */
export interface ReminderRecipient {
  userId: number;
  email: string;
  displayName: string;
  missing: Pick<RoundIndicator, "id" | "code" | "name">[];
}

/** A reminder already prepared (in the outbox), which is never prepared again. */
export interface PreparedReminder {
  fiscalYear: number;
  userId: number;
  kind: ReminderKind;
}

export interface Reminder extends PreparedReminder {
  /** Unique per municipality, round, kind and person: the outbox's idempotency key. */
  key: string;
  to: string;
  subject: string;
  /** Plain text. */
  text: string;
}

export interface ReminderInput {
  municipality: { code: string; name: string };
  round: Round;
  now: Date;
  recipients: ReminderRecipient[];
  prepared: PreparedReminder[];
  /** N: the first reminder is due N days before the deadline. Default 7. */
  daysBefore?: number;
  /** e.g. "https://shisaku.example.jp"; without it the mail carries the link path only. */
  origin?: string;
}

/** The outbox key of a reminder: "round-reminder/082058/2024/before/17". */
export function reminderKey(municipalityCode: string, r: PreparedReminder): string {
  return `round-reminder/${municipalityCode}/${r.fiscalYear}/${r.kind}/${r.userId}`;
}

/**
 * Which reminder is due at `now`: "before" from N days before the deadline until the day before
 * it, "due" on the deadline day, none otherwise. The "before" window (rather than its first day
 * only) means a run missed on that day, or a round opened late, still sends it; a day missed
 * altogether is skipped, never sent late on the deadline day as well.
 */
export function reminderKindDue(
  deadline: string,
  now: Date,
  daysBefore = DEFAULT_REMINDER_DAYS_BEFORE,
): ReminderKind | null {
  if (!Number.isSafeInteger(daysBefore) || daysBefore < 0)
    throw new RangeError(`通知日数 ${daysBefore} は0以上の整数で指定してください`);
  const left = daysUntilDeadline(deadline, now);
  if (left === 0) return "due";
  if (left > 0 && left <= daysBefore) return "before";
  return null;
}

/** The staff page where values are entered, for one fiscal year. */
export const updatesPath = (municipalityCode: string, fiscalYear: number) =>
  `/${municipalityCode}/manage/updates?fy=${fiscalYear}`;

function reminderText(
  input: ReminderInput,
  kind: ReminderKind,
  who: ReminderRecipient,
  missing: ReminderRecipient["missing"],
): { subject: string; text: string } {
  const { municipality, round } = input;
  const year = fiscalYearLabel(round.fiscalYear);
  const deadline = formatJapaneseDate(round.deadline);
  const left = daysUntilDeadline(round.deadline, input.now);
  const subject =
    kind === "due"
      ? `【${municipality.name}】本日${deadline}は${year}の実績値の入力期限です（未入力 ${missing.length}件）`
      : `【${municipality.name}】${year}の実績値の入力期限まであと${left}日です（未入力 ${missing.length}件）`;
  const link = `${(input.origin ?? "").replace(/\/+$/, "")}${updatesPath(municipality.code, round.fiscalYear)}`;
  const text = [
    `${who.displayName.trim() || who.email} 様`,
    "",
    `${year}の実績値の報告について、ご担当の指標のうち次の${missing.length}件が未入力です。`,
    kind === "due"
      ? `本日 ${deadline} が入力期限です。本日中に入力してください。`
      : `入力期限は ${deadline} です（あと${left}日）。`,
    "",
    ...missing.map((i) => `・${i.code} ${i.name}`),
    "",
    "入力は職員用ページの「実績値の入力」から行えます。",
    link,
    "",
    "このメールは施策（Shisaku）から自動で送信しています。",
    `行き違いで入力済みの場合はご容赦ください。（${municipality.name}）`,
    "",
  ].join("\n");
  return { subject, text };
}

/**
 * The reminders due now and not prepared yet: at most one per person, round and kind, for
 * people with something missing, in an open round. Running it again with its result added to
 * `prepared` returns nothing.
 */
export function dueReminders(input: ReminderInput): Reminder[] {
  const { round } = input;
  if (round.closedAt !== null) return [];
  const kind = reminderKindDue(round.deadline, input.now, input.daysBefore);
  if (kind === null) return [];
  const done = new Set(input.prepared.map((p) => reminderKey(input.municipality.code, p)));
  const people = new Map<number, { who: ReminderRecipient; missing: Map<number, Missing> }>();
  for (const who of input.recipients) {
    const entry = people.get(who.userId) ?? { who, missing: new Map<number, Missing>() };
    for (const i of who.missing) entry.missing.set(i.id, i);
    people.set(who.userId, entry);
  }
  const reminders: Reminder[] = [];
  for (const { who, missing } of [...people.values()].sort((a, b) => a.who.userId - b.who.userId)) {
    const ref = { fiscalYear: round.fiscalYear, userId: who.userId, kind };
    const key = reminderKey(input.municipality.code, ref);
    if (missing.size === 0 || done.has(key) || who.email.trim() === "") continue;
    const list = [...missing.values()].sort((a, b) => compareCodes(a.code, b.code));
    reminders.push({ ...ref, key, to: who.email, ...reminderText(input, kind, who, list) });
  }
  return reminders;
}

type Missing = ReminderRecipient["missing"][number];

/**
 * Who to remind of a round, with what: each person (editor or above) with missing indicators of
 * their own sections. A planner or admin is reminded of their sections only, not of everything
 * they may edit. By user id.
 */
export function reminderRecipients(
  round: Round,
  staff: {
    userId: number;
    email: string;
    displayName: string;
    role: Role;
    sectionCodes: string[];
  }[],
  indicators: RoundIndicator[],
  entered: EnteredValue[],
): ReminderRecipient[] {
  const missing = missingIndicators(round, indicators, entered);
  return staff
    .filter((s) => hasRole(s.role, "editor"))
    .map((s) => ({
      userId: s.userId,
      email: s.email,
      displayName: s.displayName,
      missing: missing
        .filter((i) => i.sectionCodes.some((code) => s.sectionCodes.includes(code)))
        .map(({ id, code, name }) => ({ id, code, name })),
    }))
    .filter((r) => r.missing.length > 0)
    .sort((a, b) => a.userId - b.userId);
}
