/**
 * 事務事業 costs against the fiscal frame: per measure and fiscal year, the sum of its programs'
 * total costs (evaluation's roll-up, read only) beside the frame's 歳出合計 of that year (a stored
 * settled/budget year, else the first scenario's projection), and the share in percent. Pure.
 */
import type { YearFigures } from "../programs/index.ts";
import { totalExpenditure } from "./frame.ts";
import { type FrameReport, frameYearOf } from "./frame-report.ts";
import { roundDecimal } from "./soundness.ts";

export interface ProgramShareRow {
  measureCode: string;
  measureTitle: string;
  fiscalYear: number;
  programCost: number;
  frameExpenditure: number | null;
  /** 歳出合計 of a projection (推計) rather than a stored year. */
  projected: boolean;
  /** Percent to one decimal; null when the frame has no such year. */
  share: number | null;
}

export function programShares(
  measures: ReadonlyMap<string, YearFigures>,
  titleOf: (code: string) => string,
  frame: FrameReport,
): ProgramShareRow[] {
  const stored = new Map(frame.years.map((y) => [y.fiscalYear, totalExpenditure(frameYearOf(y))]));
  const projected = new Map(
    (frame.scenarios[0]?.years ?? []).map((y) => [y.fiscalYear, y.totalExpenditure]),
  );
  const rows: ProgramShareRow[] = [];
  for (const [code, years] of measures)
    for (const [fy, figures] of [...years].sort(([a], [b]) => a - b)) {
      const total = stored.get(fy) ?? projected.get(fy) ?? null;
      rows.push({
        measureCode: code,
        measureTitle: titleOf(code),
        fiscalYear: fy,
        programCost: figures.totalCost,
        frameExpenditure: total,
        projected: !stored.has(fy) && total !== null,
        share: total ? roundDecimal((figures.totalCost / total) * 100, 1, "halfUp") : null,
      });
    }
  return rows;
}
