/**
 * Reading and saving a program's master data (program-master.ts): one transaction with the
 * program locked, one audit entry, and the change announced so that the public program page,
 * the measure pages and the roll-ups follow at once.
 */
import { and, asc, eq } from "drizzle-orm";
import { may, type Principal } from "../accounts/index.ts";
import { audit } from "../core/audit.ts";
import { announceChange, changed } from "../core/changes.ts";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import {
  type ActionContext,
  conflict,
  forbidden,
  invalid,
  type Outcome,
  saved,
  unchanged,
} from "../core/outcome.ts";
import { programYears } from "../costs/schema.ts";
import { readProgram, type StaffProgram } from "../evaluations/index.ts";
import { sections } from "../municipalities/schema.ts";
import { planNodes } from "../plan/schema.ts";
import { permissions } from "./permissions.ts";
import { lockProgram, programEditRefusal } from "./program-lock.ts";
import {
  checkMaster,
  fingerprintOf,
  MASTER_LABELS,
  type ProgramMaster,
  SECTION_FIELDS,
} from "./program-master.ts";
import { programInitiatives, programs } from "./schema.ts";

export interface Choice {
  code: string;
  name: string;
}

export interface MasterView {
  program: StaffProgram;
  master: ProgramMaster;
  fingerprint: string;
  sections: Choice[];
  /** Every initiative (plan node of kind initiative) of the municipality's plans. */
  initiatives: Choice[];
}

async function readMaster(tx: Tx, programId: number): Promise<ProgramMaster> {
  const [row] = await tx
    .select({ p: programs, sectionCode: sections.code })
    .from(programs)
    .innerJoin(sections, eq(sections.id, programs.sectionId))
    .where(eq(programs.id, programId));
  const links = await tx
    .select({ initiativeCode: planNodes.code, share: programInitiatives.share })
    .from(programInitiatives)
    .innerJoin(planNodes, eq(planNodes.id, programInitiatives.nodeId))
    .where(eq(programInitiatives.programId, programId))
    .orderBy(asc(programInitiatives.position));
  const p = row!.p;
  return {
    name: p.name,
    purpose: p.purpose,
    targetGroup: p.targetGroup,
    means: p.means,
    sectionCode: row!.sectionCode,
    firstFiscalYear: p.firstFiscalYear,
    lastFiscalYear: p.lastFiscalYear,
    initiatives: links,
  };
}

const readSections = (tx: Tx, mc: string) =>
  tx
    .select({ id: sections.id, code: sections.code, name: sections.name })
    .from(sections)
    .where(eq(sections.municipalityCode, mc))
    .orderBy(asc(sections.position), asc(sections.code));

const readInitiatives = (tx: Tx, mc: string) =>
  tx
    .select({ id: planNodes.id, code: planNodes.code, name: planNodes.title })
    .from(planNodes)
    .where(and(eq(planNodes.municipalityCode, mc), eq(planNodes.kind, "initiative")))
    .orderBy(asc(planNodes.code));

/** The form's data; undefined for an unknown program. */
export function loadProgramMaster(
  db: Db,
  mc: string,
  code: string,
): Promise<MasterView | undefined> {
  return withTenant(db, mc, async (tx) => {
    const program = await readProgram(tx, mc, code);
    if (!program) return undefined;
    const master = await readMaster(tx, program.id);
    const [sectionRows, initiativeRows] = await Promise.all([
      readSections(tx, mc),
      readInitiatives(tx, mc),
    ]);
    return {
      program,
      master,
      fingerprint: fingerprintOf(master),
      sections: sectionRows.map(({ code, name }) => ({ code, name })),
      initiatives: initiativeRows.map(({ code, name }) => ({ code, name })),
    };
  });
}

export interface MasterInput {
  programCode: string;
  master: ProgramMaster;
  /** fingerprintOf the master data the form was opened on. */
  fingerprint: string;
}

/**
 * Saves a program's master data over the fingerprint the form was opened on. Refuses who may not
 * edit the program or, not being a planner, changes more than 目的・対象・手段; data that breaks
 * the rules is invalid (naming the fields); a stale fingerprint is a conflict with the current
 * data. A 404 for an unknown program.
 */
export async function saveProgramMaster(
  ctx: ActionContext<Principal>,
  input: MasterInput,
): Promise<Outcome<ProgramMaster, ProgramMaster>> {
  const { db, municipality: mc, who, actor } = ctx;
  const { programCode, master: next } = input;
  const result = await withTenant(
    db,
    mc,
    async (tx): Promise<Outcome<ProgramMaster, ProgramMaster>> => {
      const program = await lockProgram(tx, mc, programCode);
      const refusal = programEditRefusal(who, program);
      if (refusal) return forbidden(refusal);
      const current = await readMaster(tx, program.id);
      if (fingerprintOf(current) !== input.fingerprint) return conflict(current);
      if (!may(who, permissions.editAllMaster)) {
        const kept = { ...next, ...Object.fromEntries(SECTION_FIELDS.map((f) => [f, current[f]])) };
        if (fingerprintOf(kept) !== fingerprintOf(current))
          return forbidden(
            `担当課の入力担当が変更できるのは${SECTION_FIELDS.map((f) => MASTER_LABELS[f]).join("・")}です。それ以外は企画担当・管理者に依頼してください`,
          );
      }
      const [sectionRows, initiativeRows, yearRows] = await Promise.all([
        readSections(tx, mc),
        readInitiatives(tx, mc),
        tx
          .select({ fy: programYears.fiscalYear })
          .from(programYears)
          .where(eq(programYears.programId, program.id)),
      ]);
      const issues = checkMaster(next, {
        sample: program.sample,
        sections: new Set(sectionRows.map((s) => s.code)),
        initiatives: new Set(initiativeRows.map((n) => n.code)),
        costYears: yearRows.map((y) => y.fy),
      });
      if (issues.length)
        return invalid(issues, `事務事業 ${programCode} の基本情報に誤りがあります`);
      if (fingerprintOf(next) === fingerprintOf(current)) return unchanged(current);
      await tx
        .update(programs)
        .set({
          name: next.name,
          purpose: next.purpose,
          targetGroup: next.targetGroup,
          means: next.means,
          sectionId: sectionRows.find((s) => s.code === next.sectionCode)!.id,
          firstFiscalYear: next.firstFiscalYear,
          lastFiscalYear: next.lastFiscalYear,
        })
        .where(eq(programs.id, program.id));
      await tx.delete(programInitiatives).where(eq(programInitiatives.programId, program.id));
      const nodeIds = new Map(initiativeRows.map((n) => [n.code, n.id]));
      await tx.insert(programInitiatives).values(
        next.initiatives.map((l, position) => ({
          municipalityCode: mc,
          programId: program.id,
          nodeId: nodeIds.get(l.initiativeCode)!,
          share: l.share,
          position,
        })),
      );
      await audit(tx, actor, {
        municipality: mc,
        action: "program.save",
        recordType: "program",
        recordKey: programCode,
        before: current,
        after: next,
      });
      await announceChange(tx, mc);
      return saved(next);
    },
  );
  if (result.status === "saved") changed(db, [mc]);
  return result;
}
