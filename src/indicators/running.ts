/**
 * The rules of a computed actual (counted from records by another domain) for a fiscal year
 * still in progress: it is shown as 「集計中（M月D日時点）」, never used for the status, and
 * becomes the year's actual when the year is closed. Pure; the writes are computed-actuals.ts.
 */

/** Where a computed value of a fiscal year goes: shown as 集計中, or the year's actual. */
export type ComputedYearState = "running" | "final";

/**
 * A fiscal year's computed value is final when the year's reporting round is closed, or when
 * the year has ended (before `currentFiscalYear`) and no round of it is open; otherwise — the
 * year in progress, a later one, or an ended year whose round is still open — it is running.
 */
export function computedYearState(
  fiscalYear: number,
  currentFiscalYear: number,
  rounds: readonly { fiscalYear: number; closedAt: Date | null }[],
): ComputedYearState {
  const round = rounds.find((r) => r.fiscalYear === fiscalYear);
  if (round?.closedAt) return "final";
  if (fiscalYear >= currentFiscalYear) return "running";
  return round ? "running" : "final";
}

/** 「集計中（12月7日時点）」: the day of the computation as the calendar in Japan has it. */
export function runningLabel(computedAt: Date): string {
  const jst = new Date(computedAt.getTime() + 9 * 60 * 60 * 1000);
  return `集計中（${jst.getUTCMonth() + 1}月${jst.getUTCDate()}日時点）`;
}

/** The reason kept in the correction history when a recomputation changes a published value. */
export const RECOMPUTED_REASON = "記録の変更による再計算";
