/**
 * The fiscal years staff report on: from 1990 (the plans start in 平成) to the current fiscal
 * year, by default the one that ended last. Shared by the actual entry and round pages.
 */
import { AppError } from "./errors.ts";
import { fiscalYearLabel, fiscalYearOf, parseFiscalYear } from "./fiscal-year.ts";

/** The earliest fiscal year a value may be reported for. */
export const FIRST_FISCAL_YEAR = 1990;

/** The year staff report by default: the fiscal year that ended last. */
export const reportingYear = (now = new Date()) => fiscalYearOf(now) - 1;

/** first, first+1, …, last. */
export const yearsOf = (first: number, last: number) =>
  Array.from({ length: Math.max(0, last - first + 1) }, (_, i) => first + i);

/** Is this a fiscal year a value may be reported for now? */
export const reportable = (fy: number, now = new Date()) =>
  Number.isInteger(fy) && fy >= FIRST_FISCAL_YEAR && fy <= fiscalYearOf(now);

/**
 * The one reader of a fiscal year in a URL or form (`fy`, a path segment, a field): a whole year
 * from 1990 to `last` — the current fiscal year unless a domain says otherwise (program costs
 * run to next year, the fiscal frame into the future). Empty gives the fallback, and is refused
 * without one; anything else outside the range is refused (400) naming the parameter.
 */
export function parseFiscalYearParam(
  raw: string | undefined,
  {
    fallback,
    location = "fy",
    last = fiscalYearOf(new Date()),
  }: { fallback?: number; location?: string; last?: number } = {},
): number {
  if ((raw === undefined || raw === "") && fallback !== undefined) return fallback;
  // 2027, 令和9年度, R9 and 2027年度 all name the same year.
  const read = parseFiscalYear(raw ?? "");
  const fy = read.ok ? read.fiscalYear : Number.NaN;
  if (!Number.isInteger(fy) || fy < FIRST_FISCAL_YEAR || fy > last)
    throw new AppError("bad_request", `年度 ${raw ?? ""} は選べません`, [
      {
        location,
        message: `年度は${fiscalYearLabel(FIRST_FISCAL_YEAR)}から${fiscalYearLabel(last)}までを、2027 や 令和9年度 のように指定してください`,
      },
    ]);
  return fy;
}

/** What the default year of a staff list is decided from (reporting/staff-year.ts reads it). */
export interface StaffYearSignals {
  /** Rounds still open (reporting actuals, evaluating programs), with their deadlines. */
  open: { fiscalYear: number; deadline: string }[];
  /** Years with work due or done: every round's year, every year a program was evaluated. */
  due: number[];
  /** The last year of the plans, when every plan prints its end (none: a plan still running). */
  plansEnd?: number | null;
}

/**
 * The one rule for the year every staff list opens on (actuals, rounds, evaluations): the open
 * round's year (of several, the one whose deadline comes first, the newer year on a tie); else
 * the latest year with work due, not after the current fiscal year; else the year that ended last,
 * or the plans' last year when every plan ended before it (nothing is asked of a year after them).
 */
export function defaultStaffYear(s: StaffYearSignals, now = new Date()): number {
  const [first] = [...s.open].sort(
    (a, b) => a.deadline.localeCompare(b.deadline) || b.fiscalYear - a.fiscalYear,
  );
  if (first) return first.fiscalYear;
  const current = fiscalYearOf(now);
  const due = s.due.filter((y) => y <= current);
  if (due.length) return Math.max(...due);
  const ended = reportingYear(now);
  return s.plansEnd != null ? Math.min(ended, s.plansEnd) : ended;
}

/** How many years before the year that ended last a picker offers when no plan names a period. */
const NO_PERIOD_YEARS_BACK = 5;

/**
 * A plan's period (`period_from`–`period_to`); either end may be unknown. `baseline` and `named`
 * come from the plan's own indicators when the caller reads them (the indicator pages and the
 * actuals spreadsheet do; the round pages give only the printed period).
 */
export interface PlanPeriod {
  from: number | null;
  to: number | null;
  /** The earliest baseline year of the plan's indicators (a baseline is printed before the plan starts). */
  baseline?: number | null;
  /** The earliest and the latest year the plan's own figures name: baselines, targets, actuals. */
  named?: { first: number; last: number } | null;
}

/**
 * The years one plan covers: its printed period, begun at its baseline year where that comes
 * first (a plan's start year unknown: its baseline or its first named year). A plan without a
 * printed period is taken as still running (today's window) unless every year its figures name
 * lies before that window, as a plan of 2001 transcribed from an old document: then the years its
 * figures name.
 */
function windowOf(p: PlanPeriod, now: Date): PlanPeriod {
  if (p.from === null && p.to === null) {
    const named = p.named;
    return named && named.last < reportingYear(now) - NO_PERIOD_YEARS_BACK
      ? { from: named.first, to: named.last }
      : p;
  }
  const starts = [p.from, p.baseline ?? null].filter((y): y is number => y !== null);
  const from = starts.length ? Math.min(...starts) : (p.named?.first ?? null);
  return { from, to: p.to };
}

/**
 * The one rule for the years a staff year picker offers, newest first: the plans' periods (each
 * begun at its baseline year, windowOf) — from the earliest plan's first year to the latest
 * plan's last year, but never past `last` (the current fiscal year unless a domain says otherwise)
 * — widened to take in every year in `include` (the default and the chosen year, the years that
 * hold values) and every year in `open` (the open rounds') that a plan is still running in.
 * Without a plan period (a plan whose document prints none, as Ishioka's) the picker runs from
 * five years before the year that ended last (late reports and corrections of earlier years), or
 * an earlier year in `include`, to `last`.
 */
export function staffYearChoices(
  {
    periods: printed,
    include = [],
    open = [],
    last = fiscalYearOf(new Date()),
  }: { periods: PlanPeriod[]; include?: number[]; open?: number[]; last?: number },
  now = new Date(),
): number[] {
  const periods = printed.map((p) => windowOf(p, now));
  const starts = periods.flatMap((p) => (p.from === null ? [] : [p.from]));
  const ends = periods.flatMap((p) => (p.to === null ? [] : [p.to]));
  const openEnded = periods.length === 0 || periods.some((p) => p.to === null);
  const running = open.filter((y) => openEnded || ends.some((to) => to >= y));
  const wanted = [...include, ...running].filter(
    (y) => Number.isInteger(y) && y >= FIRST_FISCAL_YEAR && y <= last,
  );
  const from = starts.length
    ? Math.min(...starts)
    : Math.min(reportingYear(now) - NO_PERIOD_YEARS_BACK, ...wanted);
  const to = openEnded ? last : Math.min(Math.max(...ends), last);
  const first = Math.max(FIRST_FISCAL_YEAR, Math.min(from, to, ...wanted));
  return yearsOf(first, Math.max(to, ...wanted)).reverse();
}
