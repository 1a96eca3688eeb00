/**
 * Reading evaluations for staff, in every state (the public side reads only published ones, in
 * queries.ts): one program's evaluation of a year for the form, and every program's state of a
 * year for "my evaluations".
 */
import { and, asc, desc, eq, max } from "drizzle-orm";
import { auditLog } from "../core/audit-schema.ts";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { programCostSettings, programYears } from "../costs/schema.ts";
import { sections } from "../municipalities/schema.ts";
import { programs } from "../programs/schema.ts";
import type { EvaluationContent } from "./evaluation.ts";
import { programEvaluations } from "./schema.ts";
import type { EvaluationState } from "./workflow.ts";

export type EvaluationRow = typeof programEvaluations.$inferSelect;

export interface StaffProgram {
  id: number;
  code: string;
  name: string;
  sample: boolean;
  section: { code: string; name: string };
  firstFiscalYear: number;
  lastFiscalYear: number | null;
}

export interface Step {
  by: string;
  at: Date;
}

/** An evaluation as staff see it; version 0 and state draft when none was saved yet. */
export interface StaffEvaluation {
  state: EvaluationState;
  content: EvaluationContent;
  version: number;
  submitted: Step | null;
  reviewed: Step | null;
  published: Step | null;
}

export const RECORD_TYPE = "program_evaluation";
export const recordKeyOf = (programCode: string, fiscalYear: number) =>
  `${programCode}/${fiscalYear}`;

const step = (by: string | null, at: Date | null): Step | null => (by && at ? { by, at } : null);

export function evaluationOf(row: EvaluationRow | undefined): StaffEvaluation {
  return {
    state: row?.status ?? "draft",
    version: row?.version ?? 0,
    content: {
      self: {
        ratings: {
          necessity: row?.ratingNecessity ?? null,
          effectiveness: row?.ratingEffectiveness ?? null,
          efficiency: row?.ratingEfficiency ?? null,
          equity: row?.ratingEquity ?? null,
        },
        findings: row?.findings ?? "",
        direction: row?.direction ?? null,
        reason: row?.reason ?? "",
      },
      secondary:
        !row || (row.secondaryDirection === null && row.secondaryComment === null)
          ? null
          : { direction: row.secondaryDirection, comment: row.secondaryComment ?? "" },
    },
    submitted: step(row?.submittedBy ?? null, row?.submittedAt ?? null),
    reviewed: step(row?.reviewedBy ?? null, row?.reviewedAt ?? null),
    published: step(row?.publishedBy ?? null, row?.publishedAt ?? null),
  };
}

/** Does the program run in the fiscal year (and so has an evaluation of it)? */
export const runsIn = (p: Pick<StaffProgram, "firstFiscalYear" | "lastFiscalYear">, fy: number) =>
  p.firstFiscalYear <= fy && (p.lastFiscalYear === null || fy <= p.lastFiscalYear);

const programColumns = {
  id: programs.id,
  code: programs.code,
  name: programs.name,
  sample: programs.sample,
  sectionCode: sections.code,
  sectionName: sections.name,
  firstFiscalYear: programs.firstFiscalYear,
  lastFiscalYear: programs.lastFiscalYear,
};

const toProgram = (r: {
  id: number;
  code: string;
  name: string;
  sample: boolean;
  sectionCode: string;
  sectionName: string;
  firstFiscalYear: number;
  lastFiscalYear: number | null;
}): StaffProgram => ({
  id: r.id,
  code: r.code,
  name: r.name,
  sample: r.sample,
  section: { code: r.sectionCode, name: r.sectionName },
  firstFiscalYear: r.firstFiscalYear,
  lastFiscalYear: r.lastFiscalYear,
});

/** Every program of a municipality, in code order (inside a tenant transaction). */
export async function readPrograms(tx: Tx, mc: string): Promise<StaffProgram[]> {
  const rows = await tx
    .select(programColumns)
    .from(programs)
    .innerJoin(sections, eq(sections.id, programs.sectionId))
    .where(eq(programs.municipalityCode, mc))
    .orderBy(asc(programs.code));
  return rows.map(toProgram);
}

/** One program by its code (inside a tenant transaction). */
export async function readProgram(tx: Tx, mc: string, code: string) {
  const [row] = await tx
    .select(programColumns)
    .from(programs)
    .innerJoin(sections, eq(sections.id, programs.sectionId))
    .where(and(eq(programs.municipalityCode, mc), eq(programs.code, code)));
  return row ? toProgram(row) : undefined;
}

/** The stored evaluation of a program's year, locked for the transaction when `lock`. */
export async function readEvaluationRow(tx: Tx, programId: number, fy: number, lock = false) {
  const q = tx
    .select()
    .from(programEvaluations)
    .where(and(eq(programEvaluations.programId, programId), eq(programEvaluations.fiscalYear, fy)));
  const [row] = await (lock ? q.for("update") : q);
  return row;
}

/** The comment of the last send-back (kept in the audit trail), shown while it is a draft. */
async function lastSendBack(tx: Tx, mc: string, key: string) {
  const [row] = await tx
    .select({ actor: auditLog.actor, at: auditLog.occurredAt, after: auditLog.after })
    .from(auditLog)
    .where(
      and(
        eq(auditLog.municipalityCode, mc),
        eq(auditLog.recordType, RECORD_TYPE),
        eq(auditLog.recordKey, key),
        eq(auditLog.action, "evaluation.send_back"),
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(1);
  if (!row) return null;
  const comment = (row.after as { comment?: unknown } | null)?.comment;
  return { by: row.actor, at: row.at, comment: typeof comment === "string" ? comment : "" };
}

/** A program and its evaluation of the year, for the form; undefined for an unknown program. */
export function loadEvaluationForm(db: Db, mc: string, programCode: string, fy: number) {
  return withTenant(db, mc, async (tx) => {
    const program = await readProgram(tx, mc, programCode);
    if (!program) return undefined;
    const evaluation = evaluationOf(await readEvaluationRow(tx, program.id, fy));
    const sentBack =
      evaluation.state === "draft"
        ? await lastSendBack(tx, mc, recordKeyOf(programCode, fy))
        : null;
    return { program, evaluation, sentBack, sheet: await readSheetBasis(tx, mc, program.id, fy) };
  });
}

/** What the year's public sheet is computed from: whether it has a cost row and 人件費単価. */
export interface SheetBasis {
  costs: boolean;
  unitCost: boolean;
}

async function readSheetBasis(tx: Tx, mc: string, programId: number, fy: number) {
  const [year, unit] = await Promise.all([
    tx
      .select({ id: programYears.id })
      .from(programYears)
      .where(and(eq(programYears.programId, programId), eq(programYears.fiscalYear, fy))),
    tx
      .select({ fy: programCostSettings.fiscalYear })
      .from(programCostSettings)
      .where(
        and(eq(programCostSettings.municipalityCode, mc), eq(programCostSettings.fiscalYear, fy)),
      ),
  ]);
  return { costs: year.length > 0, unitCost: unit.length > 0 } satisfies SheetBasis;
}

export interface YearEvaluation {
  program: StaffProgram;
  evaluation: StaffEvaluation;
}

/** Every program running in the fiscal year with its evaluation, in code order. */
export function loadYearEvaluations(db: Db, mc: string, fy: number): Promise<YearEvaluation[]> {
  return withTenant(db, mc, (tx) => readYearEvaluations(tx, mc, fy));
}

/** loadYearEvaluations inside a tenant transaction. */
export async function readYearEvaluations(
  tx: Tx,
  mc: string,
  fy: number,
): Promise<YearEvaluation[]> {
  const rows = await tx
    .select({ ...programColumns, evaluation: programEvaluations })
    .from(programs)
    .innerJoin(sections, eq(sections.id, programs.sectionId))
    .leftJoin(
      programEvaluations,
      and(eq(programEvaluations.programId, programs.id), eq(programEvaluations.fiscalYear, fy)),
    )
    .where(eq(programs.municipalityCode, mc))
    .orderBy(asc(programs.code));
  return rows
    .map((r) => ({ program: toProgram(r), evaluation: evaluationOf(r.evaluation ?? undefined) }))
    .filter((r) => runsIn(r.program, fy));
}

/** The latest fiscal year with any program costs, for the default year of the list. */
export async function readLatestProgramYear(tx: Tx, mc: string): Promise<number | null> {
  const [row] = await tx
    .select({ fy: max(programYears.fiscalYear) })
    .from(programYears)
    .where(eq(programYears.municipalityCode, mc));
  return row?.fy ?? null;
}
