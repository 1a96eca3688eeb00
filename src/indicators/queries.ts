/** Reading the indicator registry: records with sections, actuals, appearances and assessment. */
import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { feedOf } from "../core/changes.ts";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import type { SectionRef } from "../municipalities/index.ts";
import { sections } from "../municipalities/schema.ts";
import type { TargetForm, ValueKind, YearKind } from "../plan/index.ts";
import { indexNodes, loadPlans } from "../plan/index.ts";
import { planNodes, plans } from "../plan/schema.ts";
import { type Assessment, assess } from "./achievement.ts";
import { CHALLENGE_LABEL } from "./definition.ts";
import { locate } from "./filter.ts";
import {
  indicatorActuals,
  indicatorAppearances,
  indicatorSections,
  indicators,
  runningActuals,
} from "./schema.ts";

type IndicatorRow = typeof indicators.$inferSelect;

export interface ActualRecord {
  fiscalYear: number;
  value: number | null;
  /** As reported when it is words: 「策定」「なし」. */
  text: string | null;
  /** For a milestone target: reached or not. */
  done: boolean | null;
  /** The date the value stands at (YYYY-MM-DD). */
  asOf: string | null;
  /** 見込. */
  estimate: boolean;
  note: string | null;
  source: string | null;
  /** entered (by staff or a plan file), or reported / computed by another module. */
  origin: "entered" | "reported" | "computed";
  /** A computed actual's records behind the number (a site path). */
  recordsPath?: string | null;
}

/** A computed value of a fiscal year in progress (集計中): shown, never used for the status. */
export interface RunningRecord {
  fiscalYear: number;
  value: number | null;
  note: string | null;
  source: string;
  recordsPath: string | null;
  computedAt: Date;
}

export interface Appearance {
  nodeId: number;
  nodeCode: string;
  planCode: string;
  position: number;
  reposted: boolean;
}

export interface IndicatorRecord {
  id: number;
  code: string;
  kind: IndicatorRow["kind"];
  name: string;
  definition: string | null;
  unit: string;
  decimals: number | null;
  challenge: boolean;
  valueKind: ValueKind;
  yearKind: YearKind;
  source: IndicatorRow["source"];
  nodeId: number | null;
  baseline: { value: number | null; fiscalYear: number | null; text: string; note: string | null };
  target: {
    form: TargetForm;
    value: number | null;
    fiscalYear: number | null;
    text: string;
    note: string | null;
    interim: IndicatorRow["targetInterim"];
  };
  note: string | null;
  sections: SectionRef[];
  actuals: ActualRecord[];
  /** Computed values of years in progress, by fiscal year (see computed-actuals.ts). */
  running: RunningRecord[];
  appearances: Appearance[];
  assessment: Assessment;
}

function toRecord(
  r: IndicatorRow,
): Omit<IndicatorRecord, "sections" | "actuals" | "running" | "appearances" | "assessment"> {
  return {
    id: r.id,
    code: r.code,
    kind: r.kind,
    name: r.name,
    definition: r.definition,
    unit: r.unit,
    decimals: r.decimals,
    challenge: r.challenge,
    valueKind: r.valueKind,
    yearKind: r.yearKind,
    source: r.source,
    nodeId: r.nodeId,
    baseline: {
      value: r.baselineValue,
      fiscalYear: r.baselineFiscalYear,
      text: r.baselineText,
      note: r.baselineNote,
    },
    target: {
      form: r.targetForm as TargetForm,
      value: r.targetValue,
      fiscalYear: r.targetFiscalYear,
      text: r.targetText,
      note: r.targetNote,
      interim: r.targetInterim,
    },
    note: r.note,
  };
}

/** Loads every indicator of a municipality with everything shown about them. */
export function loadIndicators(db: Db, municipalityCode: string): Promise<IndicatorRecord[]> {
  return withTenant(db, municipalityCode, (tx) => readIndicators(tx, municipalityCode));
}

/** Of every indicator of the municipality, or of those with the ids given. */
async function readIndicators(
  db: Db,
  municipalityCode: string,
  ids?: readonly number[],
): Promise<IndicatorRecord[]> {
  const only = (column: Parameters<typeof inArray>[0]): SQL | undefined =>
    ids ? inArray(column, [...ids]) : undefined;
  const rows = await db
    .select()
    .from(indicators)
    .where(and(eq(indicators.municipalityCode, municipalityCode), only(indicators.id)))
    .orderBy(asc(indicators.code));
  if (rows.length === 0) return [];
  const [sectionRows, actualRows, appearanceRows, runningRows] = await Promise.all([
    db
      .select({
        indicatorId: indicatorSections.indicatorId,
        code: sections.code,
        name: sections.name,
        kind: sections.kind,
      })
      .from(indicatorSections)
      .innerJoin(sections, eq(sections.id, indicatorSections.sectionId))
      .where(
        and(
          eq(indicatorSections.municipalityCode, municipalityCode),
          only(indicatorSections.indicatorId),
        ),
      )
      .orderBy(asc(indicatorSections.position)),
    // One row per indicator with its actuals as a JSON array: far fewer rows to decode.
    db
      .select({
        indicatorId: indicatorActuals.indicatorId,
        actuals: sql<ActualRecord[]>`json_agg(json_build_object(
          'fiscalYear', ${indicatorActuals.fiscalYear}, 'value', ${indicatorActuals.value},
          'text', ${indicatorActuals.text}, 'done', ${indicatorActuals.done},
          'asOf', ${indicatorActuals.asOf}, 'estimate', ${indicatorActuals.estimate},
          'note', ${indicatorActuals.note}, 'source', ${indicatorActuals.source},
          'origin', ${indicatorActuals.origin}, 'recordsPath', ${indicatorActuals.recordsPath})
          order by ${indicatorActuals.fiscalYear})`,
      })
      .from(indicatorActuals)
      .where(
        and(
          eq(indicatorActuals.municipalityCode, municipalityCode),
          only(indicatorActuals.indicatorId),
        ),
      )
      .groupBy(indicatorActuals.indicatorId),
    db
      .select({
        indicatorId: indicatorAppearances.indicatorId,
        nodeId: indicatorAppearances.nodeId,
        nodeCode: planNodes.code,
        planCode: plans.code,
        position: indicatorAppearances.position,
        reposted: indicatorAppearances.reposted,
      })
      .from(indicatorAppearances)
      .innerJoin(planNodes, eq(planNodes.id, indicatorAppearances.nodeId))
      .innerJoin(plans, eq(plans.id, planNodes.planId))
      .where(
        and(
          eq(indicatorAppearances.municipalityCode, municipalityCode),
          only(indicatorAppearances.indicatorId),
        ),
      )
      .orderBy(asc(indicatorAppearances.position)),
    db
      .select({
        indicatorId: runningActuals.indicatorId,
        fiscalYear: runningActuals.fiscalYear,
        value: runningActuals.value,
        note: runningActuals.note,
        source: runningActuals.source,
        recordsPath: runningActuals.recordsPath,
        computedAt: runningActuals.computedAt,
      })
      .from(runningActuals)
      .where(
        and(
          eq(runningActuals.municipalityCode, municipalityCode),
          only(runningActuals.indicatorId),
        ),
      )
      .orderBy(asc(runningActuals.fiscalYear)),
  ]);
  const records = new Map<number, IndicatorRecord>();
  for (const r of rows) {
    records.set(r.id, {
      ...toRecord(r),
      sections: [],
      actuals: [],
      running: [],
      appearances: [],
      assessment: undefined!,
    });
  }
  for (const s of sectionRows)
    records.get(s.indicatorId)?.sections.push({ code: s.code, name: s.name, kind: s.kind });
  for (const a of actualRows) {
    const record = records.get(a.indicatorId);
    if (record) record.actuals = a.actuals;
  }
  for (const { indicatorId, ...a } of appearanceRows) records.get(indicatorId)?.appearances.push(a);
  for (const { indicatorId, ...r } of runningRows) records.get(indicatorId)?.running.push(r);
  const out = [...records.values()];
  for (const r of out) {
    r.assessment = assess({
      baseline: r.baseline,
      target: r.target,
      valueKind: r.valueKind,
      actuals: r.actuals,
    });
  }
  return out;
}

/** The latest fiscal year with a value (or, for a milestone, words or a done mark), if any. */
export function latestActual(r: IndicatorRecord): ActualRecord | undefined {
  return r.actuals.filter((a) => a.value !== null || a.text !== null || a.done !== null).at(-1);
}

/**
 * The whole registry of a municipality located in its plan trees. Computed once per version of
 * the municipality's data and shared by pages and API (treat it as read-only).
 */
export function loadRegistry(db: Db, municipalityCode: string) {
  const compute = async () => {
    const [trees, records] = await Promise.all([
      loadPlans(db, municipalityCode),
      loadIndicators(db, municipalityCode),
    ]);
    const index = indexNodes(trees);
    return { trees, index, located: locate(records, index.byId) };
  };
  type Registry = Awaited<ReturnType<typeof compute>>;
  // A publish of values changes those indicators' records only: read them again, keep the rest.
  const patch = async (old: Registry, ids: ReadonlySet<number>): Promise<Registry> => {
    if (ids.size === 0) return old;
    const fresh = await withTenant(db, municipalityCode, (tx) =>
      readIndicators(tx, municipalityCode, [...ids]),
    );
    const byId = new Map(fresh.map((r) => [r.id, r]));
    const present = old.located.filter((x) => ids.has(x.record.id)).length;
    // An indicator added or removed meanwhile: the whole registry again.
    if (present !== ids.size || fresh.length !== ids.size) return compute();
    return {
      ...old,
      located: old.located.map((x) => {
        const record = byId.get(x.record.id);
        return record ? { ...x, record } : x;
      }),
    };
  };
  return feedOf(db).memo(municipalityCode, "registry", compute, {
    topics: ["indicators"],
    patch,
  });
}

/** Indicators printed at a node (their appearances), in printed order. */
export function indicatorsByNode(located: { record: IndicatorRecord }[]) {
  const map = new Map<number, { position: number; record: IndicatorRecord }[]>();
  for (const { record } of located) {
    for (const a of record.appearances) {
      const list = map.get(a.nodeId) ?? [];
      list.push({ position: a.position, record });
      map.set(a.nodeId, list);
    }
  }
  for (const list of map.values()) list.sort((a, b) => a.position - b.position);
  return (nodeId: number) => (map.get(nodeId) ?? []).map((x) => x.record);
}

/**
 * The registry's indicators of the municipality that a predicate picks (by name and definition):
 * how a domain that computes an indicator's actuals finds it.
 */
export async function indicatorsWhere(
  tx: Tx,
  mc: string,
  pick: (i: { name: string; definition: string | null }) => boolean,
) {
  return (
    await tx
      .select({ id: indicators.id, name: indicators.name, definition: indicators.definition })
      .from(indicators)
      .where(eq(indicators.municipalityCode, mc))
  ).filter(pick);
}

/** The public badge's word for the `challenge` flag, for a plan that names its own levels. */
const CHALLENGE_WORD = "チャレンジ指標";

/**
 * Whether a municipality's plans know the `challenge` flag (some indicator or plan node carries
 * it, as Ishioka's チャレンジする取組 do) and its words: Ishioka's 「チャレンジする取組の指標」 for
 * plans of the default levels (政策 → 基本施策 → 具体的な取組), else the public badge's
 * 「チャレンジ指標」. A plan that never uses it is not shown the flag at all.
 */
export async function challengeWording(
  tx: Tx,
  mc: string,
): Promise<{ uses: boolean; label: string }> {
  const [row] = (
    (await tx.execute(sql`
        select exists (select 1 from indicators where municipality_code = ${mc} and challenge)
            or exists (select 1 from plan_nodes where municipality_code = ${mc} and challenge)
               as uses,
               exists (select 1 from plans where municipality_code = ${mc} and levels is not null)
               as named`)) as unknown as { rows: { uses: boolean; named: boolean }[] }
  ).rows;
  return {
    uses: row?.uses === true,
    label: row?.named === true ? CHALLENGE_WORD : CHALLENGE_LABEL,
  };
}
