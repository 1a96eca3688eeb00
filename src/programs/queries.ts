/**
 * Reading programs for the public pages and API: each program with its section, initiatives
 * (and their measures), indicators, years with computed costs, and published evaluations; and
 * the roll-up to initiatives and measures. A fixed number of queries whatever the count (six,
 * plus the indicator registry, which is shared and cached), computed once per data version.
 *
 * Only published evaluations are read here: an evaluation that is not published never leaves
 * the database through these functions.
 */
import { and, asc, eq } from "drizzle-orm";
import { feedOf } from "../core/changes.ts";
import type { Db } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import {
  type CostSettings,
  type Funding,
  type StaffEffort,
  unitCost,
  type YearCost,
  type Yen,
  yearCost,
} from "../costs/index.ts";
import { programCostSettings, programYears } from "../costs/schema.ts";
import type { Aspect, Direction, EvaluationContent } from "../evaluations/index.ts";
import { finalDirection } from "../evaluations/index.ts";
import { programEvaluations } from "../evaluations/schema.ts";
import type { IndicatorRecord } from "../indicators/index.ts";
import { loadRegistry } from "../indicators/index.ts";
import { sections } from "../municipalities/schema.ts";
import type { NodeContext, PlanNode } from "../plan/index.ts";
import { planNodes } from "../plan/schema.ts";
import type { InitiativeLink, ProgramCode } from "./program.ts";
import { type Rollup, type RollupProgram, rollUp } from "./rollup.ts";
import {
  type ProgramIndicatorRole,
  programIndicators,
  programInitiatives,
  programs,
} from "./schema.ts";

/** One fiscal year's row of the municipality's cost settings. */
export interface CostSettingRow {
  fiscalYear: number;
  regular: Yen;
  partTime: Yen | null;
  settlementClosed: boolean;
}

/** The cost rules' settings from the yearly rows: the last closed year and the unit costs. */
export function costSettings(rows: readonly CostSettingRow[]): CostSettings {
  const closed = rows.filter((r) => r.settlementClosed).map((r) => r.fiscalYear);
  return {
    lastClosedFiscalYear: closed.length ? Math.max(...closed) : null,
    unitPersonnelCosts: Object.fromEntries(
      rows.map((r) => [
        r.fiscalYear,
        r.partTime === null ? { regular: r.regular } : { regular: r.regular, partTime: r.partTime },
      ]),
    ),
  };
}

/** A published evaluation: the content, and the direction that counts. */
export interface PublishedEvaluation {
  content: EvaluationContent;
  /** finalDirection: the secondary evaluation's, else the section's. */
  direction: Direction | null;
  publishedAt: Date | null;
}

export interface ProgramYearView {
  fiscalYear: number;
  /**
   * Whether the year has published costs. A year with a published evaluation is shown even
   * without them: its budget, funding and staff are then null and its costs cannot be computed.
   */
  hasCosts: boolean;
  leadingProject: boolean;
  initialBudget: Yen | null;
  finalBudget: Yen | null;
  settlement: Yen | null;
  funding: Funding | null;
  staff: StaffEffort | null;
  facilities: string[];
  /** The computed costs; null when they cannot be computed (see costProblem). */
  cost: YearCost | null;
  costProblem: string | null;
  /** The first activity indicator's actual of the year, and total cost ÷ it. */
  activityActual: { indicator: IndicatorRecord; value: number } | null;
  unitCost: number | null;
  /** Only a published evaluation; null otherwise. */
  evaluation: PublishedEvaluation | null;
}

export interface ProgramInitiative {
  code: string;
  title: string;
  share: number | null;
  measure: PlanNode | null;
  planCode: string | null;
}

export interface ProgramView {
  id: number;
  code: string;
  parts: ProgramCode;
  name: string;
  purpose: string;
  targetGroup: string;
  means: string;
  section: { code: string; name: string };
  firstFiscalYear: number;
  lastFiscalYear: number | null;
  sample: boolean;
  note: string | null;
  initiatives: ProgramInitiative[];
  indicators: { role: ProgramIndicatorRole; record: IndicatorRecord }[];
  /** Oldest first. */
  years: ProgramYearView[];
}

export interface PublicPrograms {
  programs: ProgramView[];
  settings: CostSettings;
  /** Every initiative code of the plans → its measure (for filters and the roll-up). */
  initiativeContexts: Map<string, NodeContext>;
}

/** The first activity indicator's actual of the year, if any. */
function activityOf(view: ProgramView, fiscalYear: number): ProgramYearView["activityActual"] {
  for (const x of view.indicators) {
    if (x.role !== "activity") continue;
    const value = x.record.actuals.find((a) => a.fiscalYear === fiscalYear)?.value ?? null;
    if (value !== null) return { indicator: x.record, value };
  }
  return null;
}

function publishedEvaluationOf(e: typeof programEvaluations.$inferSelect): PublishedEvaluation {
  const ratings = {
    necessity: e.ratingNecessity,
    effectiveness: e.ratingEffectiveness,
    efficiency: e.ratingEfficiency,
    equity: e.ratingEquity,
  } satisfies Record<Aspect, string | null>;
  const content: EvaluationContent = {
    self: { ratings, findings: e.findings, direction: e.direction, reason: e.reason },
    secondary:
      e.secondaryDirection === null && e.secondaryComment === null
        ? null
        : { direction: e.secondaryDirection, comment: e.secondaryComment ?? "" },
  };
  return { content, direction: finalDirection(e.status, content), publishedAt: e.publishedAt };
}

async function readPublicPrograms(db: Db, mc: string): Promise<PublicPrograms> {
  const [registry, rows] = await Promise.all([
    loadRegistry(db, mc),
    withTenant(db, mc, (tx) =>
      Promise.all([
        tx
          .select({
            id: programs.id,
            code: programs.code,
            account: programs.account,
            chapter: programs.chapter,
            clause: programs.clause,
            item: programs.item,
            number: programs.number,
            name: programs.name,
            purpose: programs.purpose,
            targetGroup: programs.targetGroup,
            means: programs.means,
            sectionCode: sections.code,
            sectionName: sections.name,
            firstFiscalYear: programs.firstFiscalYear,
            lastFiscalYear: programs.lastFiscalYear,
            sample: programs.sample,
            note: programs.note,
          })
          .from(programs)
          .innerJoin(sections, eq(sections.id, programs.sectionId))
          .where(eq(programs.municipalityCode, mc))
          .orderBy(asc(programs.code)),
        tx
          .select({
            programId: programInitiatives.programId,
            nodeId: programInitiatives.nodeId,
            code: planNodes.code,
            title: planNodes.title,
            share: programInitiatives.share,
          })
          .from(programInitiatives)
          .innerJoin(planNodes, eq(planNodes.id, programInitiatives.nodeId))
          .where(eq(programInitiatives.municipalityCode, mc))
          .orderBy(asc(programInitiatives.position)),
        tx
          .select()
          .from(programYears)
          .where(eq(programYears.municipalityCode, mc))
          .orderBy(asc(programYears.fiscalYear)),
        tx
          .select()
          .from(programEvaluations)
          .where(
            and(
              eq(programEvaluations.municipalityCode, mc),
              eq(programEvaluations.status, "published"),
            ),
          ),
        tx
          .select()
          .from(programIndicators)
          .where(eq(programIndicators.municipalityCode, mc))
          .orderBy(asc(programIndicators.position)),
        tx
          .select({
            fiscalYear: programCostSettings.fiscalYear,
            regular: programCostSettings.unitCostRegular,
            partTime: programCostSettings.unitCostPartTime,
            settlementClosed: programCostSettings.settlementClosed,
          })
          .from(programCostSettings)
          .where(eq(programCostSettings.municipalityCode, mc)),
      ]),
    ),
  ]);
  const [programRows, linkRows, yearRows, evaluationRows, indicatorRows, settingRows] = rows;
  const settings = costSettings(settingRows);
  const recordById = new Map(registry.located.map((x) => [x.record.id, x.record]));
  const initiativeContexts = new Map(
    [...registry.index.byCode].filter(([, ctx]) => ctx.node.kind === "initiative"),
  );

  const views = new Map<number, ProgramView>();
  for (const p of programRows)
    views.set(p.id, {
      id: p.id,
      code: p.code,
      parts: {
        account: p.account,
        chapter: p.chapter,
        clause: p.clause,
        item: p.item,
        number: p.number,
      },
      name: p.name,
      purpose: p.purpose,
      targetGroup: p.targetGroup,
      means: p.means,
      section: { code: p.sectionCode, name: p.sectionName },
      firstFiscalYear: p.firstFiscalYear,
      lastFiscalYear: p.lastFiscalYear,
      sample: p.sample,
      note: p.note,
      initiatives: [],
      indicators: [],
      years: [],
    });
  for (const l of linkRows) {
    const ctx = registry.index.byId.get(l.nodeId);
    views.get(l.programId)?.initiatives.push({
      code: l.code,
      title: l.title,
      share: l.share,
      measure: ctx?.measure ?? null,
      planCode: ctx?.plan.code ?? null,
    });
  }
  for (const x of indicatorRows) {
    const record = recordById.get(x.indicatorId);
    if (record) views.get(x.programId)?.indicators.push({ role: x.role, record });
  }
  const evaluationOf = new Map(evaluationRows.map((e) => [`${e.programId}:${e.fiscalYear}`, e]));
  const withCosts = new Set<string>();
  for (const row of yearRows) {
    const view = views.get(row.programId);
    // Only published figures leave the database through here: a draft year is not public.
    if (!view || !row.published) continue;
    const y = { ...row, ...row.published };
    withCosts.add(`${y.programId}:${y.fiscalYear}`);
    const year = {
      fiscalYear: y.fiscalYear,
      initialBudget: y.initialBudget,
      finalBudget: y.finalBudget,
      settlement: y.settlement,
      funding: {
        national: y.fundingNational,
        prefectural: y.fundingPrefectural,
        bonds: y.fundingBonds,
        otherSpecific: y.fundingOtherSpecific,
        general: y.fundingGeneral,
      },
      staff: { regular: y.staffRegularHundredths / 100, partTime: y.staffPartTimeHundredths / 100 },
    };
    let cost: YearCost | null = null;
    let costProblem: string | null = null;
    try {
      cost = yearCost(year, settings);
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      costProblem = e.message;
    }
    const activity = activityOf(view, y.fiscalYear);
    const e = evaluationOf.get(`${y.programId}:${y.fiscalYear}`);
    view.years.push({
      ...year,
      hasCosts: true,
      leadingProject: y.leadingProject,
      facilities: y.facilities,
      cost,
      costProblem,
      activityActual: activity,
      unitCost: cost && activity ? unitCost(cost.totalCost, activity.value) : null,
      evaluation: e ? publishedEvaluationOf(e) : null,
    });
  }
  // A published evaluation is public whatever else is missing: its year is listed without costs.
  for (const e of evaluationRows) {
    const view = views.get(e.programId);
    if (!view || withCosts.has(`${e.programId}:${e.fiscalYear}`)) continue;
    view.years.push({
      fiscalYear: e.fiscalYear,
      hasCosts: false,
      leadingProject: false,
      initialBudget: null,
      finalBudget: null,
      settlement: null,
      funding: null,
      staff: null,
      facilities: [],
      cost: null,
      costProblem: null,
      activityActual: activityOf(view, e.fiscalYear),
      unitCost: null,
      evaluation: publishedEvaluationOf(e),
    });
    view.years.sort((a, b) => a.fiscalYear - b.fiscalYear);
  }
  return { programs: [...views.values()], settings, initiativeContexts };
}

/** Every program of a municipality as the public sees it, cached per data version. */
export function loadPublicPrograms(db: Db, mc: string): Promise<PublicPrograms> {
  return feedOf(db).memo(mc, "programs:public", () => readPublicPrograms(db, mc));
}

/** The year shown for a program: the given one, else its latest. */
export const yearOf = (p: ProgramView, fiscalYear?: number) =>
  fiscalYear === undefined ? p.years.at(-1) : p.years.find((y) => y.fiscalYear === fiscalYear);

/** The direction that counts for a fiscal year (its published evaluation), else null. */
export const directionOf = (p: ProgramView, fiscalYear?: number) =>
  yearOf(p, fiscalYear)?.evaluation?.direction ?? null;

/**
 * Programs rolled up to initiatives, measures and the municipality (rollup.ts), with directions
 * counted for `fiscalYear` (published evaluations only). Years whose costs cannot be computed
 * are left out.
 */
export function programRollup(data: PublicPrograms, fiscalYear?: number): Rollup {
  const measureOf = new Map<string, string>();
  for (const [code, ctx] of data.initiativeContexts)
    if (ctx.measure) measureOf.set(code, ctx.measure.code);
  const input: RollupProgram[] = data.programs.map((p) => ({
    key: p.code,
    initiatives: p.initiatives.map(
      (i): InitiativeLink => ({ initiativeCode: i.code, share: i.share }),
    ),
    direction: directionOf(p, fiscalYear),
    years: p.years.flatMap((y) => (y.cost ? [y.cost] : [])),
  }));
  return rollUp(input, measureOf);
}
