/**
 * The fiscal years staff report on: from 1990 (the plans start in 平成) to the current fiscal
 * year, by default the one that ended last. Shared by the actual entry and round pages.
 */
import { AppError } from "./errors.ts";
import { fiscalYearLabel, fiscalYearOf } from "./fiscal-year.ts";

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

/** Reads a fiscal year parameter (`fy`, a path segment); empty gives the fallback. */
export function parseReportingYear(raw: string | undefined, fallback: number, location = "fy") {
  if (raw === undefined || raw === "") return fallback;
  const fy = Number(raw);
  if (!reportable(fy))
    throw new AppError("bad_request", `年度 ${raw} は選べません`, [
      {
        location,
        message: `年度は${fiscalYearLabel(FIRST_FISCAL_YEAR)}から${fiscalYearLabel(fiscalYearOf(new Date()))}までを西暦4桁で指定してください`,
      },
    ]);
  return fy;
}
