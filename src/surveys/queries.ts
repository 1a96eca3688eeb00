/** Surveys, reading: lists, one survey, its frame, codes and the results computed once per change. */
import { and, asc, count, desc, eq, inArray, ne, notExists } from "drizzle-orm";
import { LRUCache } from "lru-cache";
import { users } from "../accounts/schema.ts";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { indicators } from "../indicators/schema.ts";
import {
  compareKeyings,
  DOUBLE_ENTRY_PERCENT,
  disagreementRate,
  doubleEntrySeed,
} from "./double-entry.ts";
import { computeResults, type SurveyResults } from "./results.ts";
import {
  type Survey,
  surveyDoubleEntries,
  surveyResponses,
  surveyStrata,
  surveys,
} from "./schema.ts";

/** Surveys, newest first; the public sees those past the draft (open or closed). */
export function listSurveys(db: Db, mc: string, opts: { publicOnly: boolean }) {
  return withTenant(db, mc, (tx) =>
    tx
      .select()
      .from(surveys)
      .where(
        and(
          eq(surveys.municipalityCode, mc),
          opts.publicOnly ? ne(surveys.status, "draft") : undefined,
        ),
      )
      .orderBy(desc(surveys.fiscalYear), desc(surveys.id)),
  );
}

export function findSurvey(db: Db, mc: string, id: number, opts: { publicOnly: boolean }) {
  return withTenant(db, mc, async (tx) => {
    const [row] = await tx
      .select()
      .from(surveys)
      .where(
        and(
          eq(surveys.municipalityCode, mc),
          eq(surveys.id, id),
          opts.publicOnly ? ne(surveys.status, "draft") : undefined,
        ),
      );
    return row;
  });
}

export const strataIn = (tx: Tx, surveyId: number) =>
  tx
    .select()
    .from(surveyStrata)
    .where(eq(surveyStrata.surveyId, surveyId))
    .orderBy(asc(surveyStrata.id));

export const strataOf = (db: Db, mc: string, surveyId: number) =>
  withTenant(db, mc, (tx) => strataIn(tx, surveyId));

/** A paper form keyed twice whose keyings are not yet compared or settled: it does not count. */
const awaitingSettlement = (tx: Tx) =>
  notExists(
    tx
      .select({ id: surveyDoubleEntries.id })
      .from(surveyDoubleEntries)
      .where(
        and(
          eq(surveyDoubleEntries.responseId, surveyResponses.id),
          eq(surveyDoubleEntries.resolved, false),
        ),
      ),
  );

/**
 * The results of a survey from its submitted answers (inside a transaction), without the paper
 * forms still waiting for their second keying or the settlement of its disagreements.
 */
export async function resultsIn(tx: Tx, survey: Survey): Promise<SurveyResults> {
  const strata = await strataIn(tx, survey.id);
  const responses = await tx
    .select({ stratumId: surveyResponses.stratumId, answers: surveyResponses.answers })
    .from(surveyResponses)
    .where(
      and(
        eq(surveyResponses.surveyId, survey.id),
        eq(surveyResponses.submitted, true),
        awaitingSettlement(tx),
      ),
    );
  return computeResults(survey.questionnaire, strata, responses);
}

const submittedCount = async (tx: Tx, surveyId: number) =>
  (
    await tx
      .select({ n: count() })
      .from(surveyResponses)
      .where(and(eq(surveyResponses.surveyId, surveyId), eq(surveyResponses.submitted, true)))
  )[0]!.n;

/** Per database (a process may open more than one: the tests do), the computed results. */
const computedBy = new WeakMap<Db, LRUCache<string, { stamp: string; value: SurveyResults }>>();
const computedOf = (db: Db) => {
  let cache = computedBy.get(db);
  if (!cache) {
    cache = new LRUCache({ max: 50 });
    computedBy.set(db, cache);
  }
  return cache;
};

/**
 * The results, computed once per state of the survey: kept until another answer is submitted
 * (while it is open) or the survey changes (its version).
 */
export function surveyResults(db: Db, mc: string, survey: Survey) {
  // A closed survey's results are known by its version alone: a hit needs no transaction.
  const hit = survey.status === "closed" ? computedOf(db).get(`${mc}:${survey.id}`) : undefined;
  if (hit?.stamp === `${survey.version}`) return Promise.resolve(hit.value);
  return withTenant(db, mc, async (tx) => {
    // A closed survey takes no answer (reopening it raises its version): no count needed.
    const stamp =
      survey.status === "closed"
        ? `${survey.version}`
        : `${survey.version}:${await submittedCount(tx, survey.id)}`;
    const key = `${mc}:${survey.id}`;
    const computed = computedOf(db);
    const hit = computed.get(key);
    if (hit?.stamp === stamp) return hit.value;
    const value = await resultsIn(tx, survey);
    computed.set(key, { stamp, value });
    return value;
  });
}

/** Each sampled position's access code, by stratum, for the mailing (CSV). */
export function codesOf(db: Db, mc: string, surveyId: number) {
  return withTenant(db, mc, (tx) =>
    tx
      .select({
        code: surveyResponses.code,
        position: surveyResponses.position,
        ageBand: surveyStrata.ageBand,
        sex: surveyStrata.sex,
        area: surveyStrata.area,
      })
      .from(surveyResponses)
      .innerJoin(surveyStrata, eq(surveyStrata.id, surveyResponses.stratumId))
      .where(and(eq(surveyResponses.municipalityCode, mc), eq(surveyResponses.surveyId, surveyId)))
      .orderBy(asc(surveyStrata.id), asc(surveyResponses.position)),
  );
}

/** Paper forms of a survey waiting for their second keying or the settlement of its disagreements. */
export async function waitingPaperForms(tx: Tx, mc: string, surveyId: number) {
  const [row] = await tx
    .select({ n: count() })
    .from(surveyDoubleEntries)
    .where(
      and(
        eq(surveyDoubleEntries.municipalityCode, mc),
        eq(surveyDoubleEntries.surveyId, surveyId),
        eq(surveyDoubleEntries.resolved, false),
      ),
    );
  return row?.n ?? 0;
}

/** How many codes were issued, started and submitted. */
export function progressOf(db: Db, mc: string, surveyId: number) {
  return withTenant(db, mc, async (tx) => {
    const rows = await tx
      .select({
        submitted: surveyResponses.submitted,
        started: surveyResponses.reached,
        n: count(),
      })
      .from(surveyResponses)
      .where(and(eq(surveyResponses.municipalityCode, mc), eq(surveyResponses.surveyId, surveyId)))
      .groupBy(surveyResponses.submitted, surveyResponses.reached);
    const sum = (f: (r: (typeof rows)[number]) => boolean) =>
      rows.filter(f).reduce((a, r) => a + r.n, 0);
    const waiting = await waitingPaperForms(tx, mc, surveyId);
    return {
      issued: sum(() => true),
      submitted: sum((r) => r.submitted),
      inProgress: sum((r) => !r.submitted && r.started > 0),
      /** Paper forms waiting for their second keying or the settlement of its disagreements. */
      awaiting: waiting,
    };
  });
}

/** The code of the indicator a survey feeds, or null. */
export function indicatorCodeOf(db: Db, mc: string, indicatorId: number | null) {
  if (indicatorId === null) return Promise.resolve(null);
  return withTenant(db, mc, async (tx) => {
    const [row] = await tx
      .select({ code: indicators.code })
      .from(indicators)
      .where(and(eq(indicators.municipalityCode, mc), eq(indicators.id, indicatorId)));
    return row?.code ?? null;
  });
}

/**
 * The double entry of a survey's paper forms: the share and seed of the draw, every form keyed
 * twice (or waiting for its second keying) with who keyed it and when, the disagreeing fields
 * with both values, and the disagreement rate over the forms keyed twice.
 */
export function doubleEntriesOf(db: Db, mc: string, survey: Survey) {
  return withTenant(db, mc, async (tx) => {
    const rows = await tx
      .select({ entry: surveyDoubleEntries, code: surveyResponses.code })
      .from(surveyDoubleEntries)
      .innerJoin(surveyResponses, eq(surveyResponses.id, surveyDoubleEntries.responseId))
      .where(
        and(
          eq(surveyDoubleEntries.municipalityCode, mc),
          eq(surveyDoubleEntries.surveyId, survey.id),
        ),
      )
      .orderBy(asc(surveyDoubleEntries.firstKeyedAt), asc(surveyDoubleEntries.id));
    const ids = [
      ...new Set(rows.flatMap(({ entry: e }) => [e.firstKeyedBy, e.secondKeyedBy, e.settledBy])),
    ].filter((id): id is number => id !== null);
    const people = new Map(
      ids.length
        ? (
            await tx
              .select({ id: users.id, email: users.email })
              .from(users)
              .where(inArray(users.id, ids))
          ).map((u) => [u.id, u.email])
        : [],
    );
    const who = (id: number | null) => (id === null ? null : (people.get(id) ?? `#${id}`));
    const forms = rows.map(({ entry, code }) => ({
      entry,
      code,
      firstBy: who(entry.firstKeyedBy),
      secondBy: who(entry.secondKeyedBy),
      settledBy: who(entry.settledBy),
      comparison:
        entry.secondAnswers === null
          ? null
          : compareKeyings(survey.questionnaire, entry.firstAnswers, entry.secondAnswers),
    }));
    return {
      percent: DOUBLE_ENTRY_PERCENT,
      seed: doubleEntrySeed(survey),
      forms,
      rate: disagreementRate(forms.flatMap((f) => (f.comparison ? [f.comparison] : []))),
    };
  });
}
export type DoubleEntries = Awaited<ReturnType<typeof doubleEntriesOf>>;
