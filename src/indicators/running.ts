/**
 * The rules of a computed actual (counted from records by another domain) for a fiscal year
 * still in progress: it is shown as 「集計中（M月D日時点）」, never used for the status, and
 * becomes the year's actual when the year is closed. Pure; the writes are computed-actuals.ts.
 */
import { shortFiscalYearLabel } from "../core/fiscal-year.ts";

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

/** How a baseline computed from records is marked in its note (「計算：…」), to recompute it. */
export const COMPUTED_BASELINE_MARK = "計算：";

/**
 * The note of a baseline computed from records of `fiscalYear` (a survey's first result): it
 * says when the value was measured, since the baseline keeps the plan's baseline year —
 * 「計算：令和8年度の市民意識調査「…」による。…の割合…」.
 */
export function computedBaselineNote(fiscalYear: number, from: string, source: string): string {
  return `${COMPUTED_BASELINE_MARK}${shortFiscalYearLabel(fiscalYear)}の${from}による。${source}`;
}

/**
 * Whether a computed value offered as a baseline (a survey's first result) fills the
 * indicator's baseline: when the plan printed no number yet (「●●%」: no baseline value), or
 * when the baseline is itself an earlier computation from the same fiscal year's records (a
 * recomputation: its note names that year). Otherwise the value is the year's actual.
 */
export function fillsBaseline(
  baseline: { value: number | null; fiscalYear: number | null; note: string | null },
  fiscalYear: number,
): boolean {
  if (baseline.value === null) return true;
  return (baseline.note ?? "").startsWith(
    `${COMPUTED_BASELINE_MARK}${shortFiscalYearLabel(fiscalYear)}の`,
  );
}

/**
 * The correction history's reason when a computed value replaces a baseline the plan left
 * unknown: 「基準値「●●%」（今年度中にアンケート実施）は未確定のため、…の結果を基準値としました」.
 */
export function baselineReason(old: { text: string; note: string | null }, from: string): string {
  return `基準値「${old.text}」${old.note ? `（${old.note}）` : ""}は未確定のため、${from}の結果を基準値としました`;
}
