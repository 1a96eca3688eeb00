/** Opening, closing and reopening evaluation rounds, and preparing their reminders. */
import { and, asc, eq } from "drizzle-orm";
import { hasRole, listUsers, type Principal } from "../accounts/index.ts";
import { type Actor, audit, SYSTEM_ACTOR } from "../core/audit.ts";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { AppError } from "../core/errors.ts";
import { fiscalYearLabel } from "../core/fiscal-year.ts";
import { enqueue } from "../core/outbox.ts";
import {
  checkEvaluationRound,
  type EvaluationReminder,
  type EvaluationRound,
  evaluationReminders,
  type RoundProgram,
} from "./round.ts";
import { evaluationRounds } from "./schema.ts";
import { loadYearEvaluations } from "./staff-queries.ts";

const RECORD = "evaluation_round";

export async function readEvaluationRounds(tx: Tx, mc: string): Promise<EvaluationRound[]> {
  const rows = await tx
    .select()
    .from(evaluationRounds)
    .where(eq(evaluationRounds.municipalityCode, mc))
    .orderBy(asc(evaluationRounds.fiscalYear));
  return rows.map((r) => ({
    fiscalYear: r.fiscalYear,
    deadline: r.deadline,
    openedBy: r.openedBy,
    openedAt: r.openedAt,
    closedAt: r.closedAt,
    closedBy: r.closedBy,
  }));
}

export const loadEvaluationRounds = (db: Db, mc: string) =>
  withTenant(db, mc, (tx) => readEvaluationRounds(tx, mc));

/** The round of a fiscal year (inside a tenant transaction). */
export async function readEvaluationRound(tx: Tx, mc: string, fy: number) {
  return (await readEvaluationRounds(tx, mc)).find((r) => r.fiscalYear === fy);
}

/** Every program of the year with the state of its evaluation, as the round sees them. */
export async function loadRoundPrograms(db: Db, mc: string, fy: number): Promise<RoundProgram[]> {
  return (await loadYearEvaluations(db, mc, fy)).map((r) => ({
    code: r.program.code,
    name: r.program.name,
    section: r.program.section,
    state: r.evaluation.state,
  }));
}

function requirePlanner(who: Principal) {
  if (!hasRole(who.role, "planner"))
    throw new AppError(
      "forbidden",
      "事務事業評価の開始・締切・再開は企画担当（planner）以上の役割の方が行います",
    );
}

export async function openEvaluationRound(
  db: Db,
  mc: string,
  who: Principal,
  actor: Actor,
  input: { fiscalYear: number; deadline: string },
) {
  requirePlanner(who);
  return withTenant(db, mc, async (tx) => {
    const checked = checkEvaluationRound(input, await readEvaluationRounds(tx, mc));
    if (!checked.ok)
      throw new AppError("bad_request", "入力内容を確認してください", checked.details);
    await tx.insert(evaluationRounds).values({
      municipalityCode: mc,
      fiscalYear: input.fiscalYear,
      deadline: checked.deadline,
      openedBy: actor.label,
    });
    await audit(tx, actor, {
      municipality: mc,
      action: "evaluation_round.open",
      recordType: RECORD,
      recordKey: String(input.fiscalYear),
      after: { deadline: checked.deadline },
    });
  });
}

async function lockRound(tx: Tx, mc: string, fy: number) {
  const [row] = await tx
    .select()
    .from(evaluationRounds)
    .where(and(eq(evaluationRounds.municipalityCode, mc), eq(evaluationRounds.fiscalYear, fy)))
    .for("update");
  if (!row)
    throw new AppError("not_found", `${fiscalYearLabel(fy)}の事務事業評価は開始されていません`);
  return row;
}

/** Closes (closed: true) or reopens (false) the round of a fiscal year. */
export async function setEvaluationRoundClosed(
  db: Db,
  mc: string,
  who: Principal,
  actor: Actor,
  fy: number,
  closed: boolean,
) {
  requirePlanner(who);
  await withTenant(db, mc, async (tx) => {
    const round = await lockRound(tx, mc, fy);
    if ((round.closedAt !== null) === closed)
      throw new AppError(
        "conflict",
        `${fiscalYearLabel(fy)}の事務事業評価はすでに${closed ? "締め切られています" : "受付中です"}`,
      );
    const now = new Date();
    await tx
      .update(evaluationRounds)
      .set(closed ? { closedAt: now, closedBy: actor.label } : { closedAt: null, closedBy: null })
      .where(eq(evaluationRounds.id, round.id));
    await audit(tx, actor, {
      municipality: mc,
      action: closed ? "evaluation_round.close" : "evaluation_round.reopen",
      recordType: RECORD,
      recordKey: String(fy),
      before: { closedAt: round.closedAt?.toISOString() ?? null },
      after: { closedAt: closed ? now.toISOString() : null },
    });
  });
}

/**
 * Prepares the reminders due now for the open evaluation rounds of a municipality (into the
 * outbox; a reminder already prepared is never prepared again). Returns how many were added.
 */
export async function prepareEvaluationReminders(
  db: Db,
  municipality: { code: string; name: string },
  now: Date,
  opts: { origin?: string } = {},
) {
  const mc = municipality.code;
  const open = (await loadEvaluationRounds(db, mc)).filter((r) => r.closedAt === null);
  if (open.length === 0) return 0;
  const staff = (await listUsers(db, mc))
    .filter((u) => u.disabledAt === null)
    .map((u) => ({
      userId: u.id,
      email: u.email,
      displayName: u.displayName,
      role: u.role,
      sectionCodes: u.sections,
    }));
  const reminders: EvaluationReminder[] = [];
  for (const round of open)
    reminders.push(
      ...evaluationReminders({
        municipality,
        round,
        programs: await loadRoundPrograms(db, mc, round.fiscalYear),
        staff,
        now,
        ...opts,
      }),
    );
  if (reminders.length === 0) return 0;
  return withTenant(db, mc, async (tx) => {
    let count = 0;
    for (const r of reminders) if (await enqueue(tx, mc, r)) count++;
    if (count > 0)
      await audit(tx, SYSTEM_ACTOR, {
        municipality: mc,
        action: "evaluation_round.remind",
        recordType: "outbox",
        recordKey: now.toISOString(),
        after: { prepared: count },
      });
    return count;
  });
}
