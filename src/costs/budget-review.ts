/**
 * 事業査定 (budget review): each program's budget request for the next fiscal year beside the
 * direction its evaluation gave, and the report of contradictions — a request that grows while
 * the direction is 縮小, 休止 or 廃止. Pure: plain records in, rows out.
 *
 * The request is compared with the base the caller gives, normally the current fiscal year's
 * 当初予算額 (the 対前年度当初比 of budget requests), so that 補正 does not hide a growth.
 */
import { shortFiscalYearLabel } from "../core/fiscal-year.ts";
import { formatNumber } from "../core/format.ts";
import { DIRECTION_LABELS, type Direction } from "../evaluations/index.ts";
import type { Yen } from "./cost.ts";

/** Directions under which a program's budget should not grow. */
export const SHRINKING_DIRECTIONS: readonly Direction[] = ["reduce", "suspend", "abolish"];

export interface BudgetRequest {
  /** The program's code key (programCodeKey). */
  programKey: string;
  programName: string;
  /** The fiscal year requested for (the next fiscal year). */
  fiscalYear: number;
  /** 前年度当初予算額: what the request is compared with. */
  baseBudget: Yen;
  /** 要求額. */
  requestedBudget: Yen;
  /** The direction that counts (see workflow's finalDirection); null when not evaluated. */
  direction: Direction | null;
}

export interface BudgetReviewRow extends BudgetRequest {
  /** requestedBudget − baseBudget; negative when the request shrinks. */
  change: Yen;
  /** change ÷ baseBudget in percent (full precision); null when the base is 0. */
  changeRate: number | null;
  /** The request grows although the direction is 縮小・休止・廃止. */
  contradicts: boolean;
  /** Why it contradicts, in Japanese; null when it does not. */
  message: string | null;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const yenText = (value: Yen) => `${formatNumber(value)}円`;

function amount(request: BudgetRequest, label: string, value: Yen): Yen {
  if (!Number.isSafeInteger(value) || value < 0)
    throw new RangeError(
      `事務事業 ${request.programKey} の${label}は0以上の整数（円）で指定してください: ${value}`,
    );
  return value;
}

/** One program's request beside its direction. */
export function reviewRequest(request: BudgetRequest): BudgetReviewRow {
  const base = amount(request, "前年度当初予算額", request.baseBudget);
  const requested = amount(request, "要求額", request.requestedBudget);
  const change = requested - base;
  const changeRate = base === 0 ? null : (change / base) * 100;
  const contradicts =
    change > 0 && request.direction !== null && SHRINKING_DIRECTIONS.includes(request.direction);
  const rate = changeRate === null ? "" : `（${formatNumber(changeRate, 1)}%）`;
  const message = contradicts
    ? `今後の方向性は「${DIRECTION_LABELS[request.direction!]}」ですが、${shortFiscalYearLabel(request.fiscalYear)}の要求額（${yenText(requested)}）が前年度当初予算額（${yenText(base)}）より${yenText(change)}${rate}増えています`
    : null;
  return { ...request, change, changeRate, contradicts, message };
}

/** Every request beside its direction, in the order given. */
export const budgetReviewRows = (requests: readonly BudgetRequest[]): BudgetReviewRow[] =>
  requests.map(reviewRequest);

/**
 * The report: programs whose request grows while the direction is 縮小・休止・廃止, the largest
 * growth first (then by program code).
 */
export function contradictionReport(requests: readonly BudgetRequest[]): BudgetReviewRow[] {
  return budgetReviewRows(requests)
    .filter((row) => row.contradicts)
    .sort((a, b) => b.change - a.change || compareText(a.programKey, b.programKey));
}
