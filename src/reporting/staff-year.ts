/**
 * The year every staff list opens on (core/reporting-years.ts defaultStaffYear), from the open
 * rounds of actuals and of program evaluations and the years with work due. Reads the evaluation
 * tables through their schema: the evaluations domain itself builds on reporting.
 */
import type { Db } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { defaultStaffYear } from "../core/reporting-years.ts";
import { evaluationRounds, programEvaluations } from "../evaluations/schema.ts";
import { reportingRounds } from "./schema.ts";

export function staffDefaultYear(db: Db, mc: string, now = new Date()): Promise<number> {
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
    return defaultStaffYear(
      {
        open: rounds.filter((r) => r.closedAt === null),
        due: [...rounds, ...evaluated].map((r) => r.fiscalYear),
      },
      now,
    );
  });
}
