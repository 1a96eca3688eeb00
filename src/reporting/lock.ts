/** The round lock as the write paths of actuals see it. */

import type { Tx } from "../core/db/client.ts";
import { AppError } from "../core/errors.ts";
import { fiscalYearLabel } from "../core/fiscal-year.ts";
import { readReopenings, readRounds } from "./queries.ts";
import { actualLocked } from "./rules.ts";

/** Refuses a change to an actual whose fiscal year's round is closed (unless reopened). */
export async function assertActualOpen(
  tx: Tx,
  mc: string,
  indicatorId: number,
  fiscalYear: number,
) {
  const [rounds, reopenings] = await Promise.all([readRounds(tx, mc), readReopenings(tx, mc)]);
  if (actualLocked(fiscalYear, indicatorId, rounds, reopenings))
    throw new AppError(
      "conflict",
      `${fiscalYearLabel(fiscalYear)}の報告は締め切られているため、この値は変更できません。変更が必要なときは企画担当に再開を依頼してください`,
      [{ location: "fiscalYear", message: "締め切られた年度です" }],
    );
}
