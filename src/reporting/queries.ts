/** Reading reporting rounds: the records the pure rules (rules.ts) work on. */
import { and, asc, eq, isNotNull, or, type SQL, sql } from "drizzle-orm";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { loadOwners } from "../indicators/index.ts";
import { actualDrafts, indicatorActuals, indicators } from "../indicators/schema.ts";
import { planNodes, plans } from "../plan/schema.ts";
import {
  actualLocked,
  type EnteredValue,
  type NodeRef,
  type Reopening,
  type Round,
  type RoundIndicator,
} from "./rules.ts";
import { reportingRounds, roundIndicators, roundReopenings } from "./schema.ts";

export interface StoredRound extends Round {
  id: number;
  openedBy: string;
  openedAt: Date;
  closedBy: string | null;
}

/** Every round of a municipality with its indicator ids, newest fiscal year first. */
export async function readRounds(tx: Tx, mc: string): Promise<StoredRound[]> {
  const [rows, members] = await Promise.all([
    tx
      .select()
      .from(reportingRounds)
      .where(eq(reportingRounds.municipalityCode, mc))
      .orderBy(asc(reportingRounds.fiscalYear)),
    tx
      .select({ roundId: roundIndicators.roundId, indicatorId: roundIndicators.indicatorId })
      .from(roundIndicators)
      .where(eq(roundIndicators.municipalityCode, mc)),
  ]);
  return rows
    .map((r) => ({
      id: r.id,
      fiscalYear: r.fiscalYear,
      deadline: r.deadline,
      closedAt: r.closedAt,
      openedBy: r.openedBy,
      openedAt: r.openedAt,
      closedBy: r.closedBy,
      indicatorIds: members.filter((m) => m.roundId === r.id).map((m) => m.indicatorId),
    }))
    .reverse();
}

/**
 * What decides whether one indicator's actual of one fiscal year is locked (rules.ts
 * actualLocked), as one JSON value for a larger query: the round of that year (none, or one) and
 * the indicator's reopenings of it. Timestamps as milliseconds since the epoch (as a Date holds
 * them). Read with `roundFactsOf`. `indicatorId` is an SQL expression (an outer query's column).
 */
export function roundFactsJson(mc: string, fiscalYear: number, indicatorId: SQL): SQL {
  const ms = (column: string) => sql.raw(`floor(extract(epoch from ${column}) * 1000)::float8`);
  return sql`json_build_object(
    'rounds', (select coalesce(json_agg(json_build_object('fiscalYear', r.fiscal_year,
                                                          'closedAt', ${ms("r.closed_at")})), '[]')
                 from reporting_rounds r
                where r.municipality_code = ${mc} and r.fiscal_year = ${fiscalYear}),
    'reopenings', (select coalesce(json_agg(json_build_object(
                           'fiscalYear', r.fiscal_year, 'indicatorId', o.indicator_id,
                           'reason', o.reason, 'reopenedAt', ${ms("o.reopened_at")},
                           'relockedAt', ${ms("o.relocked_at")})), '[]')
                     from round_reopenings o
                     join reporting_rounds r on r.id = o.round_id and r.municipality_code = ${mc}
                    where o.municipality_code = ${mc} and r.fiscal_year = ${fiscalYear}
                      and o.indicator_id = ${indicatorId}))`;
}

interface RoundFactsJson {
  rounds: { fiscalYear: number; closedAt: number | null }[];
  reopenings: (Omit<Reopening, "reopenedAt" | "relockedAt"> & {
    reopenedAt: number;
    relockedAt: number | null;
  })[];
}

/** The value of `roundFactsJson` (as the driver gives it: parsed, or its text) as records. */
export function roundFactsOf(value: unknown): {
  rounds: Pick<Round, "fiscalYear" | "closedAt">[];
  reopenings: Reopening[];
} {
  const facts = (typeof value === "string" ? JSON.parse(value) : value) as RoundFactsJson;
  const date = (ms: number | null) => (ms === null ? null : new Date(ms));
  return {
    rounds: facts.rounds.map((r) => ({ fiscalYear: r.fiscalYear, closedAt: date(r.closedAt) })),
    reopenings: facts.reopenings.map((r) => ({
      ...r,
      reopenedAt: new Date(r.reopenedAt),
      relockedAt: date(r.relockedAt),
    })),
  };
}

export async function readReopenings(tx: Tx, mc: string): Promise<Reopening[]> {
  const rows = await tx
    .select({
      fiscalYear: reportingRounds.fiscalYear,
      indicatorId: roundReopenings.indicatorId,
      reason: roundReopenings.reason,
      reopenedAt: roundReopenings.reopenedAt,
      relockedAt: roundReopenings.relockedAt,
    })
    .from(roundReopenings)
    .innerJoin(reportingRounds, eq(reportingRounds.id, roundReopenings.roundId))
    .where(eq(roundReopenings.municipalityCode, mc));
  return rows;
}

/** Indicators as rounds see them: code, name, reporting sections and the node measured. */
export async function readRoundIndicators(tx: Tx, mc: string): Promise<RoundIndicator[]> {
  const [rows, owners] = await Promise.all([
    tx
      .select({
        id: indicators.id,
        code: indicators.code,
        name: indicators.name,
        nodeId: indicators.nodeId,
      })
      .from(indicators)
      .where(eq(indicators.municipalityCode, mc))
      .orderBy(asc(indicators.code)),
    loadOwners(tx, mc),
  ]);
  return rows.map((r) => ({
    ...r,
    sectionCodes: (owners.get(r.id) ?? []).map((o) => o.code),
  }));
}

/** (indicator, fiscal year) pairs with a value: a saved draft, or a published value or note. */
export async function readEntered(tx: Tx, mc: string, fiscalYear: number): Promise<EnteredValue[]> {
  const [published, drafts] = await Promise.all([
    tx
      .select({
        indicatorId: indicatorActuals.indicatorId,
        fiscalYear: indicatorActuals.fiscalYear,
      })
      .from(indicatorActuals)
      .where(
        and(
          eq(indicatorActuals.municipalityCode, mc),
          eq(indicatorActuals.fiscalYear, fiscalYear),
          or(isNotNull(indicatorActuals.value), isNotNull(indicatorActuals.note)),
        ),
      ),
    tx
      .select({ indicatorId: actualDrafts.indicatorId, fiscalYear: actualDrafts.fiscalYear })
      .from(actualDrafts)
      .where(and(eq(actualDrafts.municipalityCode, mc), eq(actualDrafts.fiscalYear, fiscalYear))),
  ]);
  return [...published, ...drafts];
}

export async function readNodes(
  tx: Tx,
  mc: string,
): Promise<(NodeRef & { code: string; title: string; number: number | null })[]> {
  return tx
    .select({
      id: planNodes.id,
      planId: planNodes.planId,
      parentId: planNodes.parentId,
      kind: planNodes.kind,
      code: planNodes.code,
      title: planNodes.title,
      number: planNodes.number,
    })
    .from(planNodes)
    .where(eq(planNodes.municipalityCode, mc))
    .orderBy(asc(planNodes.planId), asc(planNodes.position), asc(planNodes.id));
}

/** Each plan's names of its levels (null: 政策 → 基本施策 → 具体的な取組), for the pages' labels. */
export function readPlanLevels(tx: Tx, mc: string) {
  return tx
    .select({ id: plans.id, levels: plans.levels })
    .from(plans)
    .where(eq(plans.municipalityCode, mc))
    .orderBy(asc(plans.id));
}

/** The year's drafts of actuals waiting to be published (they keep a round from closing). */
export async function waitingDrafts(tx: Tx, mc: string, fiscalYear: number): Promise<number> {
  const rows = await tx
    .select({ id: actualDrafts.id })
    .from(actualDrafts)
    .where(and(eq(actualDrafts.municipalityCode, mc), eq(actualDrafts.fiscalYear, fiscalYear)));
  return rows.length;
}

/** Everything a round's pages need, in one transaction. */
export function loadRoundState(db: Db, mc: string, fiscalYear: number) {
  return withTenant(db, mc, async (tx) => {
    const [rounds, reopenings, indicatorList, nodes, entered, drafts, planLevels] =
      await Promise.all([
        readRounds(tx, mc),
        readReopenings(tx, mc),
        readRoundIndicators(tx, mc),
        readNodes(tx, mc),
        readEntered(tx, mc, fiscalYear),
        waitingDrafts(tx, mc, fiscalYear),
        readPlanLevels(tx, mc),
      ]);
    return {
      drafts,
      plans: planLevels,
      round: rounds.find((r) => r.fiscalYear === fiscalYear),
      rounds,
      reopenings,
      indicators: indicatorList,
      nodes,
      entered,
    };
  });
}

export const loadRounds = (db: Db, mc: string) => withTenant(db, mc, (tx) => readRounds(tx, mc));

/**
 * The close that keeps an indicator's actual of a year from being entered (the round closed and
 * the indicator not reopened): when and by whom, for the entry page to say; undefined if open.
 */
export function closureOf(db: Db, mc: string, fiscalYear: number, indicatorId: number) {
  return withTenant(db, mc, async (tx) => {
    const [rounds, reopenings] = await Promise.all([readRounds(tx, mc), readReopenings(tx, mc)]);
    const round = rounds.find((r) => r.fiscalYear === fiscalYear);
    if (!round?.closedAt || !actualLocked(fiscalYear, indicatorId, rounds, reopenings))
      return undefined;
    return { closedAt: round.closedAt, closedBy: round.closedBy };
  });
}
