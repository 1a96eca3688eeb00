/**
 * The yearly reporting round (実績値の報告): pure rules, no I/O.
 *
 * A planner opens one round per fiscal year with a deadline and the indicators to report.
 * Editors enter the values of their sections' indicators ("my updates"); reminders are prepared
 * before and on the deadline; closing the round locks that fiscal year's actuals, and a planner
 * may reopen one indicator with a reason.
 *
 * A value counts as entered once a draft is saved or a value is published: saving is the
 * editor's part, publishing the planner's. The caller says which (indicator, fiscal year) pairs
 * have one.
 *
 * Deadlines are Japanese calendar dates (YYYY-MM-DD): a value is on time until the end of that
 * day in Asia/Tokyo. Japan has kept no daylight saving time since 1951, so the Tokyo date of an
 * instant is its UTC date nine hours later — no time-zone database is needed.
 */
import { hasRole, mayUpdateFor } from "../accounts/index.ts";
import type { Role } from "../accounts/schema.ts";
import type { ErrorDetail } from "../core/errors.ts";
import { fiscalYearLabel, fiscalYearRange } from "../core/fiscal-year.ts";
import type { Checked } from "../core/outcome.ts";
import type { NodeKind } from "../plan/schema.ts";

// ── Records ────────────────────────────────────────────────────────────────────────────────

/** A plan and the fiscal years it covers; a missing bound leaves that side open. */
export interface PlanPeriod {
  id: number;
  startFiscalYear: number | null;
  endFiscalYear: number | null;
}

/** A node of a plan tree, enough to find its plan and its measure. */
export interface NodeRef {
  id: number;
  planId: number;
  parentId: number | null;
  kind: NodeKind;
}

/** An indicator printed on a node (再掲 included). */
export interface AppearanceRef {
  indicatorId: number;
  nodeId: number;
}

/** An indicator as a round sees it. */
export interface RoundIndicator {
  id: number;
  code: string;
  name: string;
  /** Responsible sections (codes); an indicator may have several. */
  sectionCodes: string[];
  /** The node it measures; its measure groups the overview. */
  nodeId: number | null;
}

export interface Round {
  fiscalYear: number;
  /** YYYY-MM-DD, a Japanese calendar date: the last day on which a value is on time. */
  deadline: string;
  indicatorIds: number[];
  /** When the round was closed (the fiscal year's actuals locked); null while open. */
  closedAt: Date | null;
}

/** An indicator with a value entered for a fiscal year (a saved draft or a published value). */
export interface EnteredValue {
  indicatorId: number;
  fiscalYear: number;
}

/** A planner's reopening of one indicator's actual in a closed round. */
export interface Reopening {
  fiscalYear: number;
  indicatorId: number;
  reason: string;
  reopenedAt: Date;
  /** When the indicator was locked again; null while it stays open. */
  relockedAt: Date | null;
}

// ── Dates (Asia/Tokyo) ───────────────────────────────────────────────────────────────────────

const TOKYO_OFFSET_MS = 9 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const WRITTEN_DATE = /^(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})日?$/;

/** The calendar date (YYYY-MM-DD) in Japan at an instant. */
export function tokyoDate(now: Date): string {
  if (Number.isNaN(now.getTime())) throw new RangeError("無効な日時です");
  return new Date(now.getTime() + TOKYO_OFFSET_MS).toISOString().slice(0, 10);
}

/** Milliseconds since the epoch of a YYYY-MM-DD date at 00:00 UTC, or null if it is no date. */
function dayNumber(date: string): number | null {
  const m = ISO_DATE.exec(date);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = Date.UTC(year, month - 1, day);
  const back = new Date(t);
  return back.getUTCFullYear() === year &&
    back.getUTCMonth() === month - 1 &&
    back.getUTCDate() === day
    ? t / DAY_MS
    : null;
}

function requireDay(date: string): number {
  const day = dayNumber(date);
  if (day === null) throw new RangeError(`「${date}」は日付（YYYY-MM-DD）ではありません`);
  return day;
}

/** Whole days from `from` to `to` (both YYYY-MM-DD); negative when `to` is earlier. */
export function daysBetween(from: string, to: string): number {
  return requireDay(to) - requireDay(from);
}

/** Days left until the deadline, counted in Japan: 0 on the deadline day, negative after it. */
export function daysUntilDeadline(deadline: string, now: Date): number {
  return daysBetween(tokyoDate(now), deadline);
}

/** Is the deadline's day over in Japan? */
export function isPastDeadline(deadline: string, now: Date): boolean {
  return daysUntilDeadline(deadline, now) < 0;
}

const WEEKDAYS = ["日", "月", "火", "水", "木", "金", "土"] as const;

/** "2025-06-30" → "2025年6月30日（月）". */
export function formatJapaneseDate(date: string): string {
  const day = requireDay(date);
  const d = new Date(day * DAY_MS);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日（${WEEKDAYS[d.getUTCDay()]}）`;
}

// ── Indicators of a round ───────────────────────────────────────────────────────────────────

/** Does the plan's period include the fiscal year? */
export function planCovers(plan: PlanPeriod, fiscalYear: number): boolean {
  return (
    (plan.startFiscalYear === null || plan.startFiscalYear <= fiscalYear) &&
    (plan.endFiscalYear === null || fiscalYear <= plan.endFiscalYear)
  );
}

/**
 * The indicators a new round proposes: every indicator printed on a node of a plan whose period
 * covers the fiscal year. Ids ascending, each once.
 */
export function defaultRoundIndicators(
  fiscalYear: number,
  records: { plans: PlanPeriod[]; nodes: NodeRef[]; appearances: AppearanceRef[] },
): number[] {
  const covering = new Set(records.plans.filter((p) => planCovers(p, fiscalYear)).map((p) => p.id));
  const nodes = new Set(records.nodes.filter((n) => covering.has(n.planId)).map((n) => n.id));
  const ids = new Set(
    records.appearances.filter((a) => nodes.has(a.nodeId)).map((a) => a.indicatorId),
  );
  return [...ids].sort((a, b) => a - b);
}

const collator = new Intl.Collator("ja", { numeric: true });

/** Indicator codes in reading order: "KPI-2" before "KPI-10". */
export const compareCodes = (a: string, b: string) => collator.compare(a, b);

const valueKey = (indicatorId: number, fiscalYear: number) => `${indicatorId}/${fiscalYear}`;

function enteredKeys(entered: EnteredValue[]): Set<string> {
  return new Set(entered.map((e) => valueKey(e.indicatorId, e.fiscalYear)));
}

/** The round's indicators known here, each once, by code. */
function indicatorsOf(round: Round, indicators: RoundIndicator[]): RoundIndicator[] {
  const wanted = new Set(round.indicatorIds);
  const byId = new Map<number, RoundIndicator>();
  for (const i of indicators) if (wanted.has(i.id) && !byId.has(i.id)) byId.set(i.id, i);
  return [...byId.values()].sort((a, b) => compareCodes(a.code, b.code));
}

/** The round's indicators still without a value for its fiscal year, by code. */
export function missingIndicators(
  round: Round,
  indicators: RoundIndicator[],
  entered: EnteredValue[],
): RoundIndicator[] {
  const done = enteredKeys(entered);
  return indicatorsOf(round, indicators).filter((i) => !done.has(valueKey(i.id, round.fiscalYear)));
}

// ── My updates ──────────────────────────────────────────────────────────────────────────────

/** Where an indicator stands for the year: nothing entered, a draft, or a published value. */
export type UpdateState = "missing" | "draft" | "published";

const STATE_ORDER: Record<UpdateState, number> = { missing: 0, draft: 1, published: 2 };

/** An indicator as "my updates" needs it: its id, its code, its published values. */
export interface UpdateRecord {
  id: number;
  code: string;
  actuals: { fiscalYear: number; value: number | null; note: string | null }[];
}

/**
 * "My updates" for a fiscal year: the indicators a person reports, each with its state, missing
 * first and then by code. With a round, the round's indicators; without one, every indicator not
 * fed from elsewhere (a registry or a survey computes those). An editor sees the indicators of
 * their sections (an indicator of two sections for an editor of either), a planner or admin
 * every one, a viewer none.
 */
export function myUpdateRows<R extends UpdateRecord, O extends { code: string }>(
  who: { role: Role; sectionCodes: string[] },
  fiscalYear: number,
  records: R[],
  known: {
    round?: { indicatorIds: number[] };
    owners: Map<number, O[]>;
    /** `${indicatorId}/${fiscalYear}` of every saved draft. */
    drafts: Set<string>;
    /** Indicators whose values are computed from elsewhere. */
    feeds: { has(indicatorId: number): boolean };
  },
): { record: R; owners: O[]; state: UpdateState }[] {
  const inRound = known.round ? new Set(known.round.indicatorIds) : null;
  return records
    .filter((r) => (inRound ? inRound.has(r.id) : !known.feeds.has(r.id)))
    .filter((r) =>
      mayUpdateFor(
        who,
        (known.owners.get(r.id) ?? []).map((s) => s.code),
      ),
    )
    .map((record) => ({
      record,
      owners: known.owners.get(record.id) ?? [],
      state: known.drafts.has(`${record.id}/${fiscalYear}`)
        ? ("draft" as const)
        : record.actuals.some((a) => a.fiscalYear === fiscalYear && (a.value !== null || a.note))
          ? ("published" as const)
          : ("missing" as const),
    }))
    .sort(
      (a, b) =>
        STATE_ORDER[a.state] - STATE_ORDER[b.state] || compareCodes(a.record.code, b.record.code),
    );
}

// ── Overview ────────────────────────────────────────────────────────────────────────────────

export interface Completion {
  done: number;
  total: number;
  /** done / total, 0..1; null when there is nothing to report. */
  ratio: number | null;
}

export interface SectionCompletion extends Completion {
  /** null: indicators without a responsible section. */
  sectionCode: string | null;
}

export interface MeasureCompletion extends Completion {
  /** null: indicators not under a measure (policy indicators, or no node). */
  measureId: number | null;
}

export interface RoundOverview {
  fiscalYear: number;
  deadline: string;
  closed: boolean;
  total: Completion;
  /** Each indicator counted under each of its sections; by section code, null last. */
  bySection: SectionCompletion[];
  /** By the measure the indicator's node belongs to, in the order of `nodes`; null last. */
  byMeasure: MeasureCompletion[];
  /** Missing after the deadline day, by code; empty before then. */
  overdue: RoundIndicator[];
}

const completion = (done: number, total: number): Completion => ({
  done,
  total,
  ratio: total === 0 ? null : done / total,
});

/** The measure a node is, or lies under; null for a policy or an unknown node. */
export function measureOf(nodeId: number | null, nodes: Map<number, NodeRef>): number | null {
  const seen = new Set<number>();
  let id = nodeId;
  while (id !== null && !seen.has(id)) {
    seen.add(id);
    const node = nodes.get(id);
    if (!node) return null;
    if (node.kind === "measure") return node.id;
    id = node.parentId;
  }
  return null;
}

function tally<K>(groups: Map<K, { done: number; total: number }>, key: K, done: boolean) {
  const g = groups.get(key) ?? { done: 0, total: 0 };
  g.total += 1;
  if (done) g.done += 1;
  groups.set(key, g);
}

/**
 * Completion of a round overall, per section and per measure, and what is overdue. Only the
 * round's indicators found in `indicators` are counted (a deleted indicator drops out).
 */
export function roundOverview(
  round: Round,
  indicators: RoundIndicator[],
  nodes: NodeRef[],
  entered: EnteredValue[],
  now: Date,
): RoundOverview {
  const done = enteredKeys(entered);
  const nodeMap = new Map(nodes.map((n) => [n.id, n]));
  const bySection = new Map<string | null, { done: number; total: number }>();
  const byMeasure = new Map<number | null, { done: number; total: number }>();
  const listed = indicatorsOf(round, indicators);
  const missing: RoundIndicator[] = [];
  for (const i of listed) {
    const isDone = done.has(valueKey(i.id, round.fiscalYear));
    if (!isDone) missing.push(i);
    const sections = [...new Set(i.sectionCodes)];
    for (const code of sections.length > 0 ? sections : [null]) tally(bySection, code, isDone);
    tally(byMeasure, measureOf(i.nodeId, nodeMap), isDone);
  }
  const nodeOrder = new Map(nodes.map((n, index) => [n.id, index]));
  const last = (x: unknown) => (x === null ? 1 : 0);
  return {
    fiscalYear: round.fiscalYear,
    deadline: round.deadline,
    closed: round.closedAt !== null,
    total: completion(listed.length - missing.length, listed.length),
    bySection: [...bySection]
      .sort(([a], [b]) => last(a) - last(b) || compareCodes(a ?? "", b ?? ""))
      .map(([sectionCode, g]) => ({ sectionCode, ...completion(g.done, g.total) })),
    byMeasure: [...byMeasure]
      .sort(
        ([a], [b]) =>
          last(a) - last(b) || (nodeOrder.get(a ?? -1) ?? 0) - (nodeOrder.get(b ?? -1) ?? 0),
      )
      .map(([measureId, g]) => ({ measureId, ...completion(g.done, g.total) })),
    overdue: isPastDeadline(round.deadline, now) ? missing : [],
  };
}

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

// ── Locking ─────────────────────────────────────────────────────────────────────────────────

function openReopening(
  fiscalYear: number,
  indicatorId: number,
  closedAt: Date,
  reopenings: Reopening[],
): Reopening | undefined {
  return reopenings.find(
    (r) =>
      r.fiscalYear === fiscalYear &&
      r.indicatorId === indicatorId &&
      r.relockedAt === null &&
      r.reopenedAt.getTime() >= closedAt.getTime(),
  );
}

/**
 * Is this actual locked? Closing a fiscal year's round locks all of that year's actuals, except
 * an indicator a planner reopened after the closing and has not locked again.
 */
export function actualLocked(
  fiscalYear: number,
  indicatorId: number,
  rounds: Pick<Round, "fiscalYear" | "closedAt">[],
  reopenings: Reopening[],
): boolean {
  const closedAt = rounds.find((r) => r.fiscalYear === fiscalYear)?.closedAt ?? null;
  if (closedAt === null) return false;
  return openReopening(fiscalYear, indicatorId, closedAt, reopenings) === undefined;
}

// ── Validation ──────────────────────────────────────────────────────────────────────────────

/** Longest reopening reason, as for a correction's reason. */
export const MAX_REASON = 500;

/** Reads a deadline: 2025-06-30, 2025/6/30 or 2025年6月30日 (full-width digits too). */
export function validateDeadline(
  text: string,
): { ok: true; deadline: string } | { ok: false; message: string } {
  const original = typeof text === "string" ? text : String(text ?? "");
  const s = original.normalize("NFKC").trim();
  if (s === "") return { ok: false, message: "入力期限が入力されていません" };
  const m = WRITTEN_DATE.exec(s);
  const deadline = m ? `${m[1]}-${m[2]!.padStart(2, "0")}-${m[3]!.padStart(2, "0")}` : "";
  if (dayNumber(deadline) === null)
    return {
      ok: false,
      message: `入力期限「${original}」は日付として読み取れません（例: 2025-06-30）`,
    };
  return { ok: true, deadline };
}

/**
 * Checks a round to open: a whole fiscal year, a real date not before that fiscal year begins,
 * at least one indicator, and no other round for the same fiscal year (`existing` leaves out
 * the round being edited).
 */
export function validateRound(
  input: { fiscalYear: number; deadline: string; indicatorIds: number[] },
  existing: Pick<Round, "fiscalYear">[],
): Checked<{ fiscalYear: number; deadline: string; indicatorIds: number[] }> {
  const details: ErrorDetail[] = [];
  const fy = input.fiscalYear;
  const validYear = Number.isSafeInteger(fy);
  if (!validYear) details.push({ location: "fiscalYear", message: "年度を選んでください" });
  else if (existing.some((r) => r.fiscalYear === fy))
    details.push({
      location: "fiscalYear",
      message: `${fiscalYearLabel(fy)}の報告はすでに開始されています（報告は年度ごとに1つです）`,
    });
  const deadline = validateDeadline(input.deadline);
  if (!deadline.ok) details.push({ location: "deadline", message: deadline.message });
  else if (validYear && deadline.deadline < fiscalYearRange(fy).start)
    details.push({
      location: "deadline",
      message: `入力期限 ${formatJapaneseDate(deadline.deadline)} が${fiscalYearLabel(fy)}の始まり（${formatJapaneseDate(fiscalYearRange(fy).start)}）より前です`,
    });
  const indicatorIds = [...new Set(input.indicatorIds)].sort((a, b) => a - b);
  if (indicatorIds.length === 0)
    details.push({ location: "indicatorIds", message: "報告する指標を1件以上選んでください" });
  if (details.length > 0 || !deadline.ok) return { ok: false, details };
  return { ok: true, value: { fiscalYear: fy, deadline: deadline.deadline, indicatorIds } };
}

/**
 * Checks a reopening: a reason (trimmed, at most MAX_REASON characters), and an actual that is
 * locked now — its round is closed and it is not already reopened.
 */
export function validateReopening(
  input: { fiscalYear: number; indicatorId: number; reason: string },
  rounds: Pick<Round, "fiscalYear" | "closedAt">[],
  reopenings: Reopening[],
): Checked<{ fiscalYear: number; indicatorId: number; reason: string }> {
  const details: ErrorDetail[] = [];
  const reason = (typeof input.reason === "string" ? input.reason : "").trim();
  if (reason === "")
    details.push({ location: "reason", message: "再開する理由を入力してください" });
  else if ([...reason].length > MAX_REASON)
    details.push({
      location: "reason",
      message: `再開する理由は${MAX_REASON}文字以内で入力してください`,
    });
  const round = rounds.find((r) => r.fiscalYear === input.fiscalYear);
  if (!round || round.closedAt === null)
    details.push({
      location: "fiscalYear",
      message: `${Number.isSafeInteger(input.fiscalYear) ? fiscalYearLabel(input.fiscalYear) : "この年度"}の報告は締め切られていないため、再開の必要はありません`,
    });
  else if (!actualLocked(input.fiscalYear, input.indicatorId, rounds, reopenings))
    details.push({ location: "indicatorId", message: "この指標はすでに再開されています" });
  if (details.length > 0) return { ok: false, details };
  return {
    ok: true,
    value: { fiscalYear: input.fiscalYear, indicatorId: input.indicatorId, reason },
  };
}
