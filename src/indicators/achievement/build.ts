import { type Assessment, type Missing, STATUS_LABELS, type StatusCode } from "./types.ts";

/** An assessment with its label; what a rule does not set stays null (or no missing). */
export function build(
  statusCode: StatusCode,
  fiscalYear: number | null,
  comparedValue: number | null,
  reason: string,
  extra: Partial<Pick<Assessment, "achievement" | "met" | "expected" | "missing">> = {},
): Assessment {
  return {
    statusCode,
    status: STATUS_LABELS[statusCode],
    achievement: extra.achievement ?? null,
    met: extra.met ?? null,
    fiscalYear,
    comparedValue,
    expected: extra.expected ?? null,
    missing: extra.missing ?? [],
    reason,
  };
}

/**
 * What every numeric rule starts from: the latest actual's year, the value compared (the sum for
 * sum_of_annual), the status an unmet target gets, and how values are shown.
 */
export interface Compared {
  /** The value compared with the target. */
  c: number;
  assessedFY: number;
  baseline: number | null;
  baselineFY: number | null;
  target: number | null;
  targetFY: number | null;
  /** 未達 at or after the target year, 遅れ before it, 進行中 without one. */
  missed: StatusCode;
  /** ["targetYear"] when there is no target year. */
  noYear: Missing[];
  /** The compared value as the explanation shows it (「累計 …」 unless annual). */
  shown: string;
  show: (x: number) => string;
}
