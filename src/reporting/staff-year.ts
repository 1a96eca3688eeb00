/**
 * The year every staff list opens on (core/reporting-years.ts defaultStaffYear), from the open
 * rounds of actuals and of program evaluations and the years with work due, and the years its
 * picker offers (staffYearChoices), from the plans' periods and those rounds. Reads the evaluation
 * tables through their schema: the evaluations domain itself builds on reporting.
 */
import { isNull, sql } from "drizzle-orm";
import type { Db, Tx } from "../core/db/client.ts";
import { jsonRows } from "../core/db/json-rows.ts";
import { withTenant } from "../core/db/tenant.ts";
import { fiscalYearOf } from "../core/fiscal-year.ts";
import { defaultStaffYear, type PlanPeriod, staffYearChoices } from "../core/reporting-years.ts";
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
    const ends = periods.map((p) => p.to);
    const plansEnd =
      ends.length > 0 && ends.every((y) => y !== null) ? Math.max(...(ends as number[])) : null;
    const defaultYear = defaultStaffYear(
      { open, due: [...rounds, ...evaluated].map((r) => r.fiscalYear), plansEnd },
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

/**
 * The periods of the plans that some indicators hang on (all the municipality's indicators when
 * `ids` is not given), each with all its indicators' earliest baseline year and the first and last
 * year their figures name (baselines, final and interim targets, published actuals and drafts):
 * what staffYearChoices needs to run the indicator pages' and the actuals spreadsheet's years
 * over the plans rather than a fixed window.
 */
export function planPeriodsOf(tx: Tx, mc: string, ids?: number[]): Promise<PlanPeriod[]> {
  const some = ids === undefined ? sql`true` : sql`i.id = any(${sql.param(ids)}::int[])`;
  return jsonRows<PlanPeriod>(
    tx,
    sql`with every as (
          select i.id, n.plan_id, i.baseline_fiscal_year, i.target_fiscal_year, i.target_interim
            from indicators i
            join plan_nodes n on n.municipality_code = i.municipality_code and n.id = i.node_id
           where i.municipality_code = ${mc}
        ), ind as (
          select * from every
           where plan_id in (select plan_id from every i where ${some})
        ), named as (
          select plan_id, baseline_fiscal_year as y from ind
          union all select plan_id, target_fiscal_year from ind
          union all select ind.plan_id, (m->>'fiscalYear')::int
            from ind, jsonb_array_elements(ind.target_interim) m
          union all select ind.plan_id, a.fiscal_year from ind
            join indicator_actuals a on a.municipality_code = ${mc} and a.indicator_id = ind.id
          union all select ind.plan_id, d.fiscal_year from ind
            join actual_drafts d on d.municipality_code = ${mc} and d.indicator_id = ind.id
        )
        select p.period_from as "from", p.period_to as "to",
               (select min(baseline_fiscal_year) from ind where ind.plan_id = p.id) as baseline,
               (select json_build_object('first', min(y), 'last', max(y))
                  from named where named.plan_id = p.id and y is not null
                 having count(y) > 0) as named
          from plans p
         where p.municipality_code = ${mc} and p.id in (select plan_id from ind)`,
  );
}

/**
 * One indicator's entry page: the years its picker offers (staffYearChoices over its plan's
 * period, the years that hold its values and the open round's year while the plan runs) and the
 * year it opens on — the staff lists' year (defaultStaffYear), or the plan's last year when that
 * year lies beyond a plan that has ended.
 */
export async function indicatorYears(
  db: Db,
  mc: string,
  indicatorId: number,
  { chosen, held, now = new Date() }: { chosen?: number; held: number[]; now?: Date },
): Promise<StaffYears> {
  const usual = await staffDefaultYear(db, mc, now);
  return withTenant(db, mc, async (tx) => {
    const periods = await planPeriodsOf(tx, mc, [indicatorId]);
    const open = (
      await tx
        .select({ fiscalYear: reportingRounds.fiscalYear })
        .from(reportingRounds)
        .where(isNull(reportingRounds.closedAt))
    ).map((r) => r.fiscalYear);
    const base = { periods, open, last: fiscalYearOf(now) };
    const plain = staffYearChoices({ ...base, include: held }, now);
    const defaultYear = plain.includes(usual) ? usual : (plain[0] ?? usual);
    const years = staffYearChoices({ ...base, include: [...held, chosen ?? defaultYear] }, now);
    return { defaultYear, years };
  });
}
