/**
 * The year every staff list opens on (core/reporting-years.ts defaultStaffYear), from the open
 * rounds of actuals and of program evaluations and the years with work due, and the years its
 * picker offers (staffYearChoices), from the plans' periods and those rounds. Reads the evaluation
 * tables through their schema: the evaluations domain itself builds on reporting.
 */
import type { Db } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { defaultStaffYear, staffYearChoices } from "../core/reporting-years.ts";
import { evaluationRounds, programEvaluations } from "../evaluations/schema.ts";
import { plans } from "../plan/schema.ts";
import { reportingRounds } from "./schema.ts";

/** The staff lists' year: the one they open on and the ones their picker offers, newest first. */
export interface StaffYears {
  defaultYear: number;
  years: number[];
}

/**
 * The default year and the picker's years; `chosen` (the year shown) is always among them, and
 * `last` is the latest year the picker may offer (the current fiscal year unless said otherwise).
 */
export function staffYears(
  db: Db,
  mc: string,
  { chosen, last, now = new Date() }: { chosen?: number; last?: number; now?: Date } = {},
): Promise<StaffYears> {
  return withTenant(db, mc, async (tx) => {
    const rounds = [
      ...(await tx
        .select({
          fiscalYear: reportingRounds.fiscalYear,
          deadline: reportingRounds.deadline,
          closedAt: reportingRounds.closedAt,
        })
        .from(reportingRounds)),
      ...(await tx
        .select({
          fiscalYear: evaluationRounds.fiscalYear,
          deadline: evaluationRounds.deadline,
          closedAt: evaluationRounds.closedAt,
        })
        .from(evaluationRounds)),
    ];
    const evaluated = await tx
      .selectDistinct({ fiscalYear: programEvaluations.fiscalYear })
      .from(programEvaluations);
    const periods = await tx.select({ from: plans.periodFrom, to: plans.periodTo }).from(plans);
    const open = rounds.filter((r) => r.closedAt === null);
    const defaultYear = defaultStaffYear(
      { open, due: [...rounds, ...evaluated].map((r) => r.fiscalYear) },
      now,
    );
    const include = [defaultYear, ...open.map((r) => r.fiscalYear)];
    if (chosen !== undefined) include.push(chosen);
    return { defaultYear, years: staffYearChoices({ periods, include, last }, now) };
  });
}

export async function staffDefaultYear(db: Db, mc: string, now = new Date()): Promise<number> {
  return (await staffYears(db, mc, { now })).defaultYear;
}
