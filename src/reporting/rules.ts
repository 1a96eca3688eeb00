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
 * Here: the records, deadlines, a round's indicators, locking and the checks of a round and a
 * reopening. "My updates" and a round's overview are in overview.ts, reminders in reminders.ts.
 *
 * Deadlines are Japanese calendar dates (YYYY-MM-DD): a value is on time until the end of that
 * day in Asia/Tokyo. Japan has kept no daylight saving time since 1951, so the Tokyo date of an
 * instant is its UTC date nine hours later — no time-zone database is needed.
 */
import type { ErrorDetail } from "../core/errors.ts";
import {
  dayInJapan,
  fiscalYearLabel,
  fiscalYearRange,
  formatJapaneseDay,
  parseJapaneseDate,
} from "../core/fiscal-year.ts";
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

const DAY_MS = 24 * 60 * 60 * 1000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The calendar date (YYYY-MM-DD) in Japan at an instant. */
export const tokyoDate = (now: Date): string => dayInJapan(now);

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

/**
 * What closing a round is about to cut short, in one line: 「19件中3件入力済み・締切の13日前」,
 * 「…・締切当日」, 「…・締切を2日過ぎています」.
 */
export function closeSummary(
  completion: { done: number; total: number },
  deadline: string,
  now: Date,
): string {
  const days = daysUntilDeadline(deadline, now);
  const when =
    days > 0 ? `締切の${days}日前` : days === 0 ? "締切当日" : `締切を${-days}日過ぎています`;
  return `${completion.total}件中${completion.done}件入力済み・${when}`;
}

/** Is the deadline's day over in Japan? */
export function isPastDeadline(deadline: string, now: Date): boolean {
  return daysUntilDeadline(deadline, now) < 0;
}

/** "2025-06-30" → "令和7年6月30日（月）" (core/fiscal-year.ts formatJapaneseDay). */
export function formatJapaneseDate(date: string): string {
  requireDay(date);
  return formatJapaneseDay(date, { weekday: true });
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

export const valueKey = (indicatorId: number, fiscalYear: number) => `${indicatorId}/${fiscalYear}`;

export function enteredKeys(entered: EnteredValue[]): Set<string> {
  return new Set(entered.map((e) => valueKey(e.indicatorId, e.fiscalYear)));
}

/** The round's indicators known here, each once, by code. */
export function indicatorsOf(round: Round, indicators: RoundIndicator[]): RoundIndicator[] {
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

/** Reads a deadline: 2025-06-30, 2025/6/30, 2025年6月30日, 令和7年6月30日 (full-width digits too). */
export function validateDeadline(
  text: string,
): { ok: true; deadline: string } | { ok: false; message: string } {
  const original = typeof text === "string" ? text : String(text ?? "");
  if (original.trim() === "") return { ok: false, message: "入力期限が入力されていません" };
  const read = parseJapaneseDate(original);
  if (!read.ok)
    return {
      ok: false,
      message: `入力期限「${original}」は日付として読み取れません（例: 令和7年6月30日、2025-06-30）`,
    };
  return { ok: true, deadline: read.date };
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
