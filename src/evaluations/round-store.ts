/** Opening, closing and reopening evaluation rounds, and preparing their reminders. */
import { and, asc, eq } from "drizzle-orm";
import { listUsers, mayUpdateFor, type Principal, refusal } from "../accounts/index.ts";
import { audit, SYSTEM_ACTOR } from "../core/audit.ts";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { AppError } from "../core/errors.ts";
import { fiscalYearLabel } from "../core/fiscal-year.ts";
import { enqueue } from "../core/outbox.ts";
import { type ActionContext, conflict, invalid, type Outcome, saved } from "../core/outcome.ts";
import { permissions } from "./permissions.ts";
import {
  checkEvaluationRound,
  type EvaluationReminder,
  type EvaluationRound,
  evaluationReminders,
  type RoundProgram,
  selfDone,
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

export interface EvaluationsDue {
  fiscalYear: number;
  deadline: string;
  /** Programs of the person's sections not submitted yet. */
  due: number;
}

/** For each open round (nearest deadline first), what is still due of this person's programs. */
export async function loadEvaluationsDue(
  db: Db,
  mc: string,
  who: Pick<Principal, "role" | "sectionCodes">,
): Promise<EvaluationsDue[]> {
  const open = (await loadEvaluationRounds(db, mc))
    .filter((r) => r.closedAt === null)
    .sort((a, b) => a.deadline.localeCompare(b.deadline));
  const out: EvaluationsDue[] = [];
  for (const round of open) {
    const programs = (await loadRoundPrograms(db, mc, round.fiscalYear)).filter(
      (p) => mayUpdateFor(who, [p.section.code]) && !selfDone(p.state),
    );
    if (programs.length)
      out.push({ fiscalYear: round.fiscalYear, deadline: round.deadline, due: programs.length });
  }
  return out;
}

/** Opens the evaluation round of a fiscal year with its deadline (planners and admins). */
export async function openEvaluationRound(
  ctx: ActionContext<Principal>,
  input: { fiscalYear: number; deadline: string },
): Promise<Outcome<{ fiscalYear: number; deadline: string }>> {
  const { db, municipality: mc, who, actor } = ctx;
  const no = refusal(who, permissions.manageRounds);
  if (no) return no;
  return withTenant(db, mc, async (tx) => {
    const checked = checkEvaluationRound(input, await readEvaluationRounds(tx, mc));
    if (!checked.ok) return invalid(checked.details);
    await tx.insert(evaluationRounds).values({
      municipalityCode: mc,
      fiscalYear: input.fiscalYear,
      deadline: checked.value,
      openedBy: actor.label,
    });
    await audit(tx, actor, {
      municipality: mc,
      action: "evaluation_round.open",
      recordType: RECORD,
      recordKey: String(input.fiscalYear),
      after: { deadline: checked.value },
    });
    return saved({ fiscalYear: input.fiscalYear, deadline: checked.value });
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
async function setRoundClosed(
  ctx: ActionContext<Principal>,
  fy: number,
  closed: boolean,
): Promise<Outcome<{ fiscalYear: number }, { closedAt: Date | null }>> {
  const { db, municipality: mc, who, actor } = ctx;
  const no = refusal(who, permissions.manageRounds);
  if (no) return no;
  return withTenant(db, mc, async (tx) => {
    const round = await lockRound(tx, mc, fy);
    if ((round.closedAt !== null) === closed)
      return conflict(
        { closedAt: round.closedAt },
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
    return saved({ fiscalYear: fy });
  });
}

/** Closes the round of a fiscal year: the self-evaluations freeze for editors. */
export const closeEvaluationRound = (
  ctx: ActionContext<Principal>,
  input: { fiscalYear: number },
) => setRoundClosed(ctx, input.fiscalYear, true);

/** Reopens a closed round. */
export const reopenEvaluationRound = (
  ctx: ActionContext<Principal>,
  input: { fiscalYear: number },
) => setRoundClosed(ctx, input.fiscalYear, false);

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
