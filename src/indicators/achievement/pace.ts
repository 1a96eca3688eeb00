/** The pace line (順調 / 遅れ): from the baseline through each interim target to the target. */
import { finite } from "./numbers.ts";
import type { InterimPoint } from "./types.ts";

/** The milestones of the pace line, baseline first and target last, by fiscal year. */
export function paceLine(
  b: number,
  baselineFY: number,
  t: number,
  targetFY: number,
  interim: readonly InterimPoint[] | undefined,
): { fiscalYear: number; value: number }[] {
  const between = (Array.isArray(interim) ? interim : []).flatMap((p) => {
    const fiscalYear = finite(p?.fiscalYear);
    const value = finite(p?.value);
    return fiscalYear === null ||
      value === null ||
      fiscalYear <= baselineFY ||
      fiscalYear >= targetFY
      ? []
      : [{ fiscalYear, value }];
  });
  between.sort((x, y) => x.fiscalYear - y.fiscalYear);
  const unique = between.filter((p, i) => i === 0 || between[i - 1]!.fiscalYear !== p.fiscalYear);
  return [{ fiscalYear: baselineFY, value: b }, ...unique, { fiscalYear: targetFY, value: t }];
}

/** The value the line expects in a fiscal year (exact at each milestone). */
export function expectedOn(line: { fiscalYear: number; value: number }[], fy: number): number {
  if (fy <= line[0]!.fiscalYear) return line[0]!.value;
  for (let i = 1; i < line.length; i++) {
    const [p, q] = [line[i - 1]!, line[i]!];
    if (fy === q.fiscalYear) return q.value;
    if (fy < q.fiscalYear) {
      const share = (fy - p.fiscalYear) / (q.fiscalYear - p.fiscalYear);
      return 2 * (p.value / 2 + (q.value / 2 - p.value / 2) * share);
    }
  }
  return line.at(-1)!.value;
}
