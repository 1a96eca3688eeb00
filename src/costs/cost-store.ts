/**
 * Writing a program's costs of a fiscal year (事業費・財源・人員・施設) and the municipality's cost
 * settings (人件費単価, 決算確定). One call, one transaction, one audit entry, whether from the
 * staff form, the API or a spreadsheet; the rules are cost.ts (through cost-input.ts).
 */
import { and, asc, eq } from "drizzle-orm";
import { hasRole, type Principal } from "../accounts/index.ts";
import { type Actor, audit } from "../core/audit.ts";
import { announceChange, changed } from "../core/changes.ts";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { AppError } from "../core/errors.ts";
import { fiscalYearLabel, fiscalYearOf } from "../core/fiscal-year.ts";
import { FIRST_FISCAL_YEAR } from "../core/reporting-years.ts";
import { readProgram, recordKeyOf, runsIn, type StaffProgram } from "../evaluations/index.ts";
import {
  type CostSettingRow,
  costSettings,
  isStale,
  lockProgram,
  refuseProgramEdit,
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
import { programCostSettings, programYears } from "./schema.ts";

export interface CostCtx {
  db: Db;
  mc: string;
  who: Principal;
  actor: Actor;
}

/** A saved program year as staff see it. */
export interface StaffYear extends YearCosts {
  fiscalYear: number;
  version: number;
}

type YearRow = typeof programYears.$inferSelect;

export const staffYearOf = (r: YearRow): StaffYear => ({
  fiscalYear: r.fiscalYear,
  version: r.version,
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

export function checkCostYear(p: StaffProgram, fy: number) {
  const problem = costYearProblem(p, fy);
  if (problem)
    throw new AppError("bad_request", problem.message, [
      { location: "fiscalYear", message: problem.field },
    ]);
}

export type YearSaveResult =
  | { status: "saved"; year: StaffYear; created: boolean }
  | { status: "conflict"; current: StaffYear | null };

/**
 * Saves the costs of a program year (creating the year when it has none: expected version 0).
 * Refuses (AppError) who may not edit the program (403), a year outside the program's period,
 * and costs that break the rules (400, naming the fields); answers a stale version with the
 * current year.
 */
export async function saveProgramYear(
  ctx: CostCtx,
  ref: { programCode: string; fiscalYear: number },
  costs: YearCosts,
  expectedVersion: number | null,
): Promise<YearSaveResult> {
  const result = await withTenant(ctx.db, ctx.mc, (tx) =>
    saveProgramYearIn(tx, ctx, ref, costs, expectedVersion),
  );
  if (result.status === "saved") changed(ctx.db, [ctx.mc]);
  return result;
}

/** saveProgramYear inside the caller's tenant transaction (a spreadsheet import). */
export async function saveProgramYearIn(
  tx: Tx,
  ctx: Omit<CostCtx, "db">,
  ref: { programCode: string; fiscalYear: number },
  costs: YearCosts,
  expectedVersion: number | null,
): Promise<YearSaveResult> {
  const { mc, who, actor } = ctx;
  const program = await lockProgram(tx, mc, ref.programCode);
  refuseProgramEdit(who, program);
  checkCostYear(program, ref.fiscalYear);
  const [current] = await readYearRows(tx, program.id, ref.fiscalYear);
  if (isStale(expectedVersion, current?.version ?? 0))
    return { status: "conflict", current: current ?? null };
  const settings = costSettings(await readCostSettingRows(tx, mc));
  const issues = checkYearCosts(ref.fiscalYear, costs, settings);
  if (issues.length)
    throw new AppError(
      "bad_request",
      `${fiscalYearLabel(ref.fiscalYear)}のコストに誤りがあります`,
      issues,
    );
  const values = { ...columnsOf(costs), version: (current?.version ?? 0) + 1 };
  const [saved] = current
    ? await tx
        .update(programYears)
        .set(values)
        .where(
          and(eq(programYears.programId, program.id), eq(programYears.fiscalYear, ref.fiscalYear)),
        )
        .returning()
    : await tx
        .insert(programYears)
        .values({
          municipalityCode: mc,
          programId: program.id,
          fiscalYear: ref.fiscalYear,
          ...values,
        })
        .returning();
  const year = staffYearOf(saved!);
  await audit(tx, actor, {
    municipality: mc,
    action: "program_year.save",
    recordType: "program_year",
    recordKey: recordKeyOf(ref.programCode, ref.fiscalYear),
    before: current ? yearSnapshot(current) : null,
    after: yearSnapshot(year),
  });
  await announceChange(tx, mc);
  return { status: "saved", year, created: !current };
}

export interface CostSettingInput {
  fiscalYear: number;
  regular: Yen;
  /** null: the regular rate applies to part-time staff too. */
  partTime: Yen | null;
  settlementClosed: boolean;
}

/** The settings the costs are computed with, and the rows behind them. */
export async function loadCostSettings(
  db: Db,
  mc: string,
): Promise<{ rows: CostSettingRow[]; settings: CostSettings }> {
  const rows = await withTenant(db, mc, (tx) => readCostSettingRows(tx, mc));
  return { rows, settings: costSettings(rows) };
}

/**
 * What a cost-settings form was opened on: each year's settings, so that a save can tell whether
 * the year it sets was changed meanwhile. 「2024:6000000:4000000:1,2025:…」.
 */
export const settingsSeenOf = (rows: readonly CostSettingRow[]) =>
  rows
    .map((r) => `${r.fiscalYear}:${r.regular}:${r.partTime ?? ""}:${r.settlementClosed ? 1 : 0}`)
    .join(",");

/** The year's entry of settingsSeenOf ("" when the form saw no settings for it). */
const seenFor = (seen: string, fy: number) =>
  seen.split(",").find((x) => x.startsWith(`${fy}:`)) ?? "";

export type CostSettingSaveResult =
  | { status: "saved" }
  | { status: "conflict"; current: CostSettingRow | null };

/**
 * Sets one fiscal year's unit personnel costs and 決算確定 (planners and admins). `seen` is what
 * the form was opened on (settingsSeenOf; null: no check); a year changed since is a conflict.
 */
export async function saveCostSetting(
  ctx: CostCtx,
  input: CostSettingInput,
  seen: string | null = null,
): Promise<CostSettingSaveResult> {
  const { db, mc, who, actor } = ctx;
  if (!hasRole(who.role, "planner"))
    throw new AppError("forbidden", "人件費単価と決算確定は企画担当・管理者だけが設定できます");
  if (!Number.isInteger(input.fiscalYear) || input.fiscalYear < FIRST_FISCAL_YEAR)
    throw new AppError("bad_request", "年度を確認してください", [
      { location: "fiscalYear", message: "年度を西暦4桁で入力してください" },
    ]);
  if (input.fiscalYear > lastCostYear())
    throw new AppError("bad_request", "年度を確認してください", [
      {
        location: "fiscalYear",
        message: `${fiscalYearLabel(lastCostYear())}までを設定できます`,
      },
    ]);
  const result = await withTenant(db, mc, async (tx): Promise<CostSettingSaveResult> => {
    const [before] = (await readCostSettingRows(tx, mc)).filter(
      (r) => r.fiscalYear === input.fiscalYear,
    );
    if (
      seen !== null &&
      seenFor(seen, input.fiscalYear) !== (before ? settingsSeenOf([before]) : "")
    )
      return { status: "conflict", current: before ?? null };
    const row = {
      unitCostRegular: input.regular,
      unitCostPartTime: input.partTime,
      settlementClosed: input.settlementClosed,
    };
    await tx
      .insert(programCostSettings)
      .values({ municipalityCode: mc, fiscalYear: input.fiscalYear, ...row })
      .onConflictDoUpdate({
        target: [programCostSettings.municipalityCode, programCostSettings.fiscalYear],
        set: row,
      });
    await audit(tx, actor, {
      municipality: mc,
      action: "program_cost_settings.save",
      recordType: "program_cost_settings",
      recordKey: String(input.fiscalYear),
      before: before ?? null,
      after: input,
    });
    await announceChange(tx, mc);
    return { status: "saved" };
  });
  if (result.status === "conflict") return result;
  changed(db, [mc]);
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
