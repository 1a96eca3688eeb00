/**
 * Writing a program's costs of a fiscal year (事業費・財源・人員・施設); the municipality's cost
 * settings are in cost-settings.ts. One call, one transaction, one audit entry, whether from the
 * staff form, the API or a spreadsheet; the rules are cost.ts (through cost-input.ts).
 */
import { and, asc, eq } from "drizzle-orm";
import { type Principal, refusal } from "../accounts/index.ts";
import { audit } from "../core/audit.ts";
import { announceChange, changed } from "../core/changes.ts";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { AppError } from "../core/errors.ts";
import { fiscalYearLabel, fiscalYearOf } from "../core/fiscal-year.ts";
import {
  type ActionContext,
  conflict,
  forbidden,
  invalid,
  type Outcome,
  saved,
  unchanged,
} from "../core/outcome.ts";
import { FIRST_FISCAL_YEAR } from "../core/reporting-years.ts";
import { readProgram, recordKeyOf, runsIn, type StaffProgram } from "../evaluations/index.ts";
import {
  type CostSettingRow,
  costSettings,
  isStale,
  lockProgram,
  programEditRefusal,
} from "../programs/index.ts";
import { type BudgetRequestView, readBudgetRequest } from "./budget-store.ts";
import {
  type CostSettings,
  fteHundredths,
  type StaffKind,
  unitPersonnelCostFor,
  type YearCost,
  type Yen,
  yearCost,
} from "./cost.ts";
import { checkYearCosts, type YearCosts } from "./cost-input.ts";
import { permissions } from "./permissions.ts";
import { programCostSettings, programYears, publishCurrentYearCosts } from "./schema.ts";

/** A saved program year as staff see it. */
export interface StaffYear extends YearCosts {
  fiscalYear: number;
  version: number;
  /** The version the public sees (null: never published; below version: a newer draft). */
  publishedVersion: number | null;
}

type YearRow = typeof programYears.$inferSelect;

export const staffYearOf = (r: YearRow): StaffYear => ({
  fiscalYear: r.fiscalYear,
  version: r.version,
  publishedVersion: r.publishedVersion,
  leadingProject: r.leadingProject,
  initialBudget: r.initialBudget,
  finalBudget: r.finalBudget,
  settlement: r.settlement,
  funding: {
    national: r.fundingNational,
    prefectural: r.fundingPrefectural,
    bonds: r.fundingBonds,
    otherSpecific: r.fundingOtherSpecific,
    general: r.fundingGeneral,
  },
  staff: { regular: r.staffRegularHundredths / 100, partTime: r.staffPartTimeHundredths / 100 },
  facilities: r.facilities,
});

const columnsOf = (c: YearCosts) => ({
  leadingProject: c.leadingProject,
  initialBudget: c.initialBudget,
  finalBudget: c.finalBudget,
  settlement: c.settlement,
  fundingNational: c.funding.national,
  fundingPrefectural: c.funding.prefectural,
  fundingBonds: c.funding.bonds,
  fundingOtherSpecific: c.funding.otherSpecific,
  fundingGeneral: c.funding.general,
  staffRegularHundredths: fteHundredths(c.staff.regular)!,
  staffPartTimeHundredths: fteHundredths(c.staff.partTime)!,
  facilities: c.facilities,
});

/** The audit entry's and the conflict page's flat view of a year. */
export const yearSnapshot = (y: StaffYear) => ({ version: y.version, ...columnsOf(y) });

/** The municipality's cost setting rows, oldest year first. */
export function readCostSettingRows(tx: Tx, mc: string): Promise<CostSettingRow[]> {
  return tx
    .select({
      fiscalYear: programCostSettings.fiscalYear,
      regular: programCostSettings.unitCostRegular,
      partTime: programCostSettings.unitCostPartTime,
      settlementClosed: programCostSettings.settlementClosed,
    })
    .from(programCostSettings)
    .where(eq(programCostSettings.municipalityCode, mc))
    .orderBy(asc(programCostSettings.fiscalYear));
}

export async function readYearRows(tx: Tx, programId: number, onlyFy?: number) {
  const rows = await tx
    .select()
    .from(programYears)
    .where(eq(programYears.programId, programId))
    .orderBy(asc(programYears.fiscalYear));
  return rows.map(staffYearOf).filter((y) => onlyFy === undefined || y.fiscalYear === onlyFy);
}

/** Fiscal years costs may be entered for: 1990 up to next year (its budget is being made). */
export const lastCostYear = (now = new Date()) => fiscalYearOf(now) + 1;

/** Why costs cannot be entered for the program in that fiscal year, or null when they can. */
export function costYearProblem(
  p: StaffProgram,
  fy: number,
): { message: string; field: string } | null {
  if (!Number.isInteger(fy) || fy < FIRST_FISCAL_YEAR || fy > lastCostYear())
    return {
      message: `年度 ${fy} は選べません`,
      field: `年度は${fiscalYearLabel(FIRST_FISCAL_YEAR)}から${fiscalYearLabel(lastCostYear())}までです`,
    };
  if (!runsIn(p, fy))
    return {
      message: `事務事業 ${p.code} は${fiscalYearLabel(fy)}に実施していません（実施期間: ${fiscalYearLabel(p.firstFiscalYear)}〜${p.lastFiscalYear === null ? "" : fiscalYearLabel(p.lastFiscalYear)}）`,
      field: "事業の実施期間の外の年度です",
    };
  return null;
}

const yearDetails = (problem: { field: string }) => [
  { location: "fiscalYear", message: problem.field },
];

export function checkCostYear(p: StaffProgram, fy: number) {
  const problem = costYearProblem(p, fy);
  if (problem) throw new AppError("bad_request", problem.message, yearDetails(problem));
}

/**
 * Whether a fiscal year may be added to the program's costs: a 404 for an unknown program, a 403
 * for who may not edit it, a 400 for a year outside its period.
 */
export function checkAddableYear(ctx: ActionContext<Principal>, programCode: string, fy: number) {
  return withTenant(ctx.db, ctx.municipality, async (tx) => {
    const program = await lockProgram(tx, ctx.municipality, programCode);
    if (programEditRefusal(ctx.who, program))
      throw new AppError("forbidden", "この事務事業の年度を追加する権限がありません");
    checkCostYear(program, fy);
  });
}

export interface ProgramYearInput {
  programCode: string;
  fiscalYear: number;
  costs: YearCosts;
  /** The version the form or client read (0: none saved yet); null expects nothing. */
  version: number | null;
}

export type SavedYear = { year: StaffYear; created: boolean };

/**
 * Saves the costs of a program year (creating the year when it has none: expected version 0).
 * Refuses who may not edit the program; a year outside the program's period and costs that break
 * the rules are invalid (naming the fields); a stale version is a conflict with the current year.
 */
export async function saveProgramYear(
  ctx: ActionContext<Principal>,
  input: ProgramYearInput,
): Promise<Outcome<SavedYear, StaffYear | null>> {
  const result = await withTenant(ctx.db, ctx.municipality, (tx) =>
    saveProgramYearIn(tx, ctx, input),
  );
  if (result.status === "saved") changed(ctx.db, [ctx.municipality]);
  return result;
}

/** saveProgramYear inside the caller's tenant transaction (a spreadsheet import). */
export async function saveProgramYearIn(
  tx: Tx,
  ctx: Omit<ActionContext<Principal>, "db">,
  input: ProgramYearInput,
): Promise<Outcome<SavedYear, StaffYear | null>> {
  const { municipality: mc, who, actor } = ctx;
  const { programCode, fiscalYear: fy, costs } = input;
  const program = await lockProgram(tx, mc, programCode);
  const refusal = programEditRefusal(who, program);
  if (refusal) return forbidden(refusal);
  const problem = costYearProblem(program, fy);
  if (problem) return invalid(yearDetails(problem), problem.message);
  const [current] = await readYearRows(tx, program.id, fy);
  if (isStale(input.version, current?.version ?? 0))
    return conflict(current ?? null, "送られた版の後に、この年度のコストは変更されています");
  const settings = costSettings(await readCostSettingRows(tx, mc));
  const issues = checkYearCosts(fy, costs, settings);
  if (issues.length) return invalid(issues, `${fiscalYearLabel(fy)}のコストに誤りがあります`);
  const values = { ...columnsOf(costs), version: (current?.version ?? 0) + 1 };
  const [row] = current
    ? await tx
        .update(programYears)
        .set(values)
        .where(and(eq(programYears.programId, program.id), eq(programYears.fiscalYear, fy)))
        .returning()
    : await tx
        .insert(programYears)
        .values({ municipalityCode: mc, programId: program.id, fiscalYear: fy, ...values })
        .returning();
  const year = staffYearOf(row!);
  await audit(tx, actor, {
    municipality: mc,
    action: "program_year.save",
    recordType: "program_year",
    recordKey: recordKeyOf(programCode, fy),
    before: current ? yearSnapshot(current) : null,
    after: yearSnapshot(year),
  });
  await announceChange(tx, mc);
  return saved({ year, created: !current });
}

/**
 * Publishes a program year's costs as saved (planners; publishing the year's evaluation does the
 * same): the public page and API show them from then on. The version is the one the page showed;
 * a newer save is a conflict. Unchanged when that version is already public.
 */
export async function publishProgramYear(
  ctx: ActionContext<Principal>,
  input: { programCode: string; fiscalYear: number; version: number },
): Promise<Outcome<StaffYear, StaffYear | null>> {
  const { db, municipality: mc, who, actor } = ctx;
  const no = refusal(who, permissions.publishCosts);
  if (no) return no;
  const result = await withTenant(
    db,
    mc,
    async (tx): Promise<Outcome<StaffYear, StaffYear | null>> => {
      const program = await lockProgram(tx, mc, input.programCode);
      const [current] = await readYearRows(tx, program.id, input.fiscalYear);
      if (!current || current.version !== input.version)
        return conflict(current ?? null, "表示した版の後に、この年度のコストは変更されています");
      if (current.publishedVersion === current.version) return unchanged(current);
      const [row] = await tx
        .update(programYears)
        .set(publishCurrentYearCosts())
        .where(
          and(
            eq(programYears.programId, program.id),
            eq(programYears.fiscalYear, input.fiscalYear),
          ),
        )
        .returning();
      await audit(tx, actor, {
        municipality: mc,
        action: "program_year.publish",
        recordType: "program_year",
        recordKey: recordKeyOf(input.programCode, input.fiscalYear),
        before: { publishedVersion: current.publishedVersion },
        after: { publishedVersion: current.version },
      });
      await announceChange(tx, mc);
      return saved(staffYearOf(row!));
    },
  );
  if (result.status === "saved") changed(db, [mc]);
  return result;
}

/** The computed costs of a year, or why they cannot be computed (cost.ts's RangeError). */
export function computedCost(fy: number, costs: YearCosts, settings: CostSettings) {
  const attempt = <T>(f: () => T): { value: T | null; problem: string | null } => {
    try {
      return { value: f(), problem: null };
    } catch (e) {
      if (!(e instanceof RangeError)) throw e;
      return { value: null, problem: e.message };
    }
  };
  const cost = attempt<YearCost>(() => yearCost({ fiscalYear: fy, ...costs }, settings));
  const unit = attempt<Record<StaffKind, Yen>>(() => unitPersonnelCostFor(fy, settings));
  return { cost: cost.value, costProblem: cost.problem, unit: unit.value };
}

/** A program with its year's costs, its other years, the settings and next year's request. */
export function loadProgramCosts(db: Db, mc: string, programCode: string, fy: number) {
  return withTenant(db, mc, async (tx) => {
    const program = await readProgram(tx, mc, programCode);
    if (!program) return undefined;
    const years = await readYearRows(tx, program.id);
    const settings = costSettings(await readCostSettingRows(tx, mc));
    const request: { fiscalYear: number; current: BudgetRequestView | null } | null = runsIn(
      program,
      fy + 1,
    )
      ? { fiscalYear: fy + 1, current: await readBudgetRequest(tx, program.id, fy + 1) }
      : null;
    return {
      program,
      year: years.find((y) => y.fiscalYear === fy) ?? null,
      years: years.map((y) => y.fiscalYear),
      settings,
      request,
    };
  });
}
