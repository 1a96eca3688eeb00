/** The achievement rules' input, output and labels (成果指標の達成状況). */
import type { TargetForm } from "../../plan/index.ts";

export type { TargetForm };

export type ValueKind = "annual" | "running_total" | "sum_of_annual";

/** A milestone on the way to the target (中間目標). */
export interface InterimPoint {
  fiscalYear: number;
  value: number | null;
  text?: string | null;
}

export interface AssessmentInput {
  baseline: { value: number | null; fiscalYear: number | null };
  target: {
    form: TargetForm;
    value: number | null;
    fiscalYear: number | null;
    /** As printed: 「設置」. Used in the explanation of a milestone. */
    text?: string | null;
    interim?: readonly InterimPoint[];
  };
  /** Default `annual`. */
  valueKind?: ValueKind;
  /**
   * Any order; a null value means not entered yet. A milestone's actual says `done` (reached or
   * not) and may carry the text as reported (「策定」「なし」).
   */
  actuals: {
    fiscalYear: number;
    value: number | null;
    text?: string | null;
    done?: boolean | null;
  }[];
}

/** What the progress rate or the pace needs and the indicator lacks. */
export type Missing = "baseline" | "baselineYear" | "targetYear";

export const MISSING_LABELS: Record<Missing, string> = {
  baseline: "基準値",
  baselineYear: "基準年度",
  targetYear: "目標年度",
};

export type StatusCode =
  | "achieved"
  | "on_track"
  | "behind"
  | "not_achieved"
  | "in_progress"
  | "not_assessable"
  | "no_data";

export const STATUS_LABELS: Record<StatusCode, string> = {
  achieved: "達成",
  on_track: "順調",
  behind: "遅れ",
  not_achieved: "未達",
  in_progress: "進行中",
  not_assessable: "評価不能",
  no_data: "未入力",
};

export const STATUS_DESCRIPTIONS: Record<StatusCode, string> = {
  achieved: "最新の実績値が目標を満たしています",
  on_track: "目標には届いていませんが、経過年数に見合った進捗があります",
  behind: "目標年度前ですが、目標に届かず進捗が経過年数の目安を下回っています",
  not_achieved: "目標年度を迎えましたが、目標を満たしていません",
  in_progress:
    "目標にはまだ届いていません（目標年度・基準値がない、または進み具合を測れない目標のため、遅れかどうかは判定しません）",
  not_assessable: "目標が調整中・管理継続の指標、または基準値が未確定のため評価できません",
  no_data: "実績値がまだ入力されていません",
};

export interface Assessment {
  statusCode: StatusCode;
  /** Japanese label, STATUS_LABELS[statusCode]. */
  status: string;
  /** Percent 0..100 rounded to one decimal; null where not defined. */
  achievement: number | null;
  met: boolean | null;
  /** Fiscal year of the assessed actual (the latest with a value). */
  fiscalYear: number | null;
  /** Value compared with the target (the sum of the yearly amounts for sum_of_annual). */
  comparedValue: number | null;
  /** Expected progress (%) of the assessed year on the line through the interim targets. */
  expected: number | null;
  /** What the progress rate or the pace would need (empty when nothing is missing). */
  missing: Missing[];
  /** One-line Japanese explanation of this case (without the unit). */
  reason: string;
}
