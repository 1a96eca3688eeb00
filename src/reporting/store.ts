/** Opening, closing and reopening reporting rounds, and preparing their reminders. */
import { and, eq, inArray, isNull } from "drizzle-orm";
import { listUsers, type Principal, refusal } from "../accounts/index.ts";
import { type Actor, audit, SYSTEM_ACTOR } from "../core/audit.ts";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { AppError } from "../core/errors.ts";
import { fiscalYearLabel } from "../core/fiscal-year.ts";
import { enqueue } from "../core/outbox.ts";
import { outbox } from "../core/outbox-schema.ts";
import {
  type ActionContext,
  conflict,
  invalid,
  type Outcome,
  saved,
  unchanged,
} from "../core/outcome.ts";
import { parseFiscalYearParam } from "../core/reporting-years.ts";
import { closeComputedYear, loadFeeds } from "../indicators/index.ts";
import { indicatorAppearances, indicators } from "../indicators/schema.ts";
import { planNodes, plans } from "../plan/schema.ts";
import { recomputeRegistries } from "../registries/index.ts";
import { permissions } from "./permissions.ts";
import {
  readEntered,
  readReopenings,
  readRoundIndicators,
  readRounds,
  waitingDrafts,
} from "./queries.ts";
import {
  dueReminders,
  type PreparedReminder,
  type ReminderKind,
  reminderRecipients,
} from "./reminders.ts";
import { defaultRoundIndicators, validateReopening, validateRound } from "./rules.ts";
import { reportingRounds, roundIndicators, roundReopenings } from "./schema.ts";

/**
 * A new round's default set: the indicators whose plans cover the fiscal year, but for those
 * fed by another module (their values are not entered by hand).
 */
export async function defaultIndicatorIds(tx: Tx, mc: string, fiscalYear: number) {
  const [planRows, nodes, appearances] = await Promise.all([
    tx
      .select({ id: plans.id, startFiscalYear: plans.periodFrom, endFiscalYear: plans.periodTo })
      .from(plans)
      .where(eq(plans.municipalityCode, mc)),
    tx
      .select({
        id: planNodes.id,
        planId: planNodes.planId,
        parentId: planNodes.parentId,
        kind: planNodes.kind,
      })
      .from(planNodes)
      .where(eq(planNodes.municipalityCode, mc)),
    tx
      .select({
        indicatorId: indicatorAppearances.indicatorId,
        nodeId: indicatorAppearances.nodeId,
      })
      .from(indicatorAppearances)
      .where(eq(indicatorAppearances.municipalityCode, mc)),
  ]);
  const fed = await loadFeeds(tx, mc);
  return defaultRoundIndicators(fiscalYear, { plans: planRows, nodes, appearances }).filter(
    (id) => !fed.has(id),
  );
}

export interface OpenRoundInput {
  /** The fiscal year as chosen on the form (or a number). */
  fiscalYear: string | number;
  deadline: string;
  /** The indicators asked for; undefined: every indicator whose plans cover the year. */
  indicatorCodes?: string[];
}

/**
 * Opens the round of a fiscal year. Without indicator codes, it asks for every indicator whose
 * plans cover that year.
 */
export async function openRound(
  ctx: ActionContext<Principal>,
  input: OpenRoundInput,
): Promise<Outcome<{ fiscalYear: number; deadline: string; indicators: number }>> {
  const no = refusal(ctx.who, permissions.manageRounds);
  if (no) return no;
  let fy: number;
  try {
    fy = parseFiscalYearParam(String(input.fiscalYear), {
      fallback: Number.NaN,
      location: "fiscalYear",
    });
  } catch (e) {
    if (e instanceof AppError && e.code === "bad_request") return invalid(e.details, e.message);
    throw e;
  }
  if (input.indicatorCodes?.length === 0)
    return invalid([{ location: "indicators", message: "報告する指標を1つ以上選んでください" }]);
  const { db, municipality: mc, actor } = ctx;
  return withTenant(db, mc, async (tx) => {
    const existing = await readRounds(tx, mc);
    let ids: number[];
    if (input.indicatorCodes) {
      const codes = [...new Set(input.indicatorCodes)];
      const found = await tx
        .select({ id: indicators.id, code: indicators.code })
        .from(indicators)
        .where(and(eq(indicators.municipalityCode, mc), inArray(indicators.code, codes)));
      const unknown = codes.filter((c) => !found.some((f) => f.code === c));
      if (unknown.length)
        return invalid([
          { location: "indicators", message: `指標 ${unknown.join("、")} はありません` },
        ]);
      ids = found.map((f) => f.id);
    } else ids = await defaultIndicatorIds(tx, mc, fy);
    const checked = validateRound(
      { fiscalYear: fy, deadline: input.deadline, indicatorIds: ids },
      existing,
    );
    if (!checked.ok) return invalid(checked.details);
    const { fiscalYear, deadline, indicatorIds } = checked.value;
    const [round] = await tx
      .insert(reportingRounds)
      .values({ municipalityCode: mc, fiscalYear, deadline, openedBy: actor.label })
      .returning({ id: reportingRounds.id });
    await tx.insert(roundIndicators).values(
      indicatorIds.map((indicatorId) => ({
        municipalityCode: mc,
        roundId: round!.id,
        indicatorId,
      })),
    );
    await audit(tx, actor, {
      municipality: mc,
      action: "round.open",
      recordType: "reporting_round",
      recordKey: String(fiscalYear),
      after: { deadline, indicators: indicatorIds.length },
    });
    return saved({ fiscalYear, deadline, indicators: indicatorIds.length });
  });
}

async function lockRound(tx: Tx, mc: string, fiscalYear: number) {
  const [round] = await tx
    .select()
    .from(reportingRounds)
    .where(
      and(eq(reportingRounds.municipalityCode, mc), eq(reportingRounds.fiscalYear, fiscalYear)),
    )
    .for("update");
  if (!round) throw new AppError("not_found", `${fiscalYearLabel(fiscalYear)}の報告はありません`);
  return round;
}

/**
 * Closes a round: the fiscal year's actuals are locked. Refused while drafts of that year wait
 * for publication (they would be stranded), and for a round already closed.
 */
export async function closeRound(
  ctx: ActionContext<Principal>,
  { fiscalYear }: { fiscalYear: number },
): Promise<Outcome> {
  const no = refusal(ctx.who, permissions.manageRounds);
  if (no) return no;
  const { db, municipality: mc, actor } = ctx;
  return withTenant(db, mc, async (tx) => {
    const round = await lockRound(tx, mc, fiscalYear);
    if (round.closedAt)
      return conflict(undefined, `${fiscalYearLabel(fiscalYear)}の報告はすでに締め切られています`);
    const waiting = await waitingDrafts(tx, mc, fiscalYear);
    if (waiting)
      return conflict(
        undefined,
        `${fiscalYearLabel(fiscalYear)}の下書きが ${waiting} 件、公開を待っています。公開前の確認で公開するか取り消してから締め切ってください`,
      );
    const now = new Date();
    // The registries' indicators counted once more as the records stand today, while the year's
    // values are still 集計中, so that the close below makes them the year's actuals.
    await recomputeRegistries(tx, mc, actor, now);
    await tx
      .update(reportingRounds)
      .set({ closedAt: now, closedBy: actor.label })
      .where(eq(reportingRounds.id, round.id));
    // Reopened indicators are locked again with the round.
    await tx
      .update(roundReopenings)
      .set({ relockedAt: now })
      .where(and(eq(roundReopenings.roundId, round.id), isNull(roundReopenings.relockedAt)));
    // The year's computed values still 集計中 become its actuals.
    await closeComputedYear(tx, mc, fiscalYear, actor);
    await audit(tx, actor, {
      municipality: mc,
      action: "round.close",
      recordType: "reporting_round",
      recordKey: String(fiscalYear),
      before: { closedAt: null },
      after: { closedAt: now.toISOString() },
    });
    return saved(undefined);
  });
}

/** Reopens one indicator of a closed round, with a reason, so its value can be corrected. */
export async function reopenIndicator(
  ctx: ActionContext<Principal>,
  input: { fiscalYear: number; indicatorCode: string; reason: string },
): Promise<Outcome> {
  const no = refusal(ctx.who, permissions.manageRounds);
  if (no) return no;
  const { db, municipality: mc, actor } = ctx;
  return withTenant(db, mc, async (tx) => {
    const round = await lockRound(tx, mc, input.fiscalYear);
    const [indicator] = await tx
      .select({ id: indicators.id })
      .from(indicators)
      .where(and(eq(indicators.municipalityCode, mc), eq(indicators.code, input.indicatorCode)));
    if (!indicator) throw new AppError("not_found", `指標 ${input.indicatorCode} が見つかりません`);
    const checked = validateReopening(
      { fiscalYear: input.fiscalYear, indicatorId: indicator.id, reason: input.reason },
      await readRounds(tx, mc),
      await readReopenings(tx, mc),
    );
    if (!checked.ok) return invalid(checked.details);
    await tx.insert(roundReopenings).values({
      municipalityCode: mc,
      roundId: round.id,
      indicatorId: indicator.id,
      reason: checked.value.reason,
      reopenedBy: actor.label,
    });
    await audit(tx, actor, {
      municipality: mc,
      action: "round.reopen",
      recordType: "indicator_actual",
      recordKey: `${input.indicatorCode}/${input.fiscalYear}`,
      after: { reason: checked.value.reason },
    });
    return saved(undefined);
  });
}

/**
 * A planner prepares the reminders due now (the job does the same each day): saved with how many
 * were prepared, unchanged when none was due.
 */
export async function sendReminders(
  ctx: ActionContext<Principal>,
  input: { municipalityName: string; now?: Date },
): Promise<Outcome<number>> {
  const no = refusal(ctx.who, permissions.manageRounds);
  if (no) return no;
  const municipality = { code: ctx.municipality, name: input.municipalityName };
  const count = await prepareReminders(ctx.db, municipality, input.now ?? new Date(), {
    actor: ctx.actor,
  });
  return count > 0 ? saved(count) : unchanged(0);
}

/**
 * Prepares the reminders due now for the open rounds of a municipality (into the outbox), as
 * the system (the daily job) or as the person who asked. Idempotent: a reminder already prepared
 * is never prepared again.
 */
export async function prepareReminders(
  db: Db,
  municipality: { code: string; name: string },
  now: Date,
  { actor = SYSTEM_ACTOR, ...opts }: { daysBefore?: number; origin?: string; actor?: Actor } = {},
) {
  const mc = municipality.code;
  const staff = (await listUsers(db, mc))
    .filter((u) => u.disabledAt === null)
    .map((u) => ({
      userId: u.id,
      email: u.email,
      displayName: u.displayName,
      role: u.role,
      sectionCodes: u.sections,
    }));
  return withTenant(db, mc, async (tx) => {
    const rounds = (await readRounds(tx, mc)).filter((r) => r.closedAt === null);
    if (rounds.length === 0) return 0;
    const indicatorList = await readRoundIndicators(tx, mc);
    const keys = await tx
      .select({ key: outbox.key })
      .from(outbox)
      .where(eq(outbox.municipalityCode, mc));
    const prepared: PreparedReminder[] = keys.flatMap(({ key }) => {
      const m = /^round-reminder\/\d{6}\/(\d+)\/(before|due)\/(\d+)$/.exec(key);
      return m
        ? [{ fiscalYear: Number(m[1]), kind: m[2] as ReminderKind, userId: Number(m[3]) }]
        : [];
    });
    let count = 0;
    for (const round of rounds) {
      const entered = await readEntered(tx, mc, round.fiscalYear);
      const recipients = reminderRecipients(round, staff, indicatorList, entered);
      const reminders = dueReminders({ municipality, round, now, recipients, prepared, ...opts });
      for (const r of reminders) {
        if (await enqueue(tx, mc, { key: r.key, to: r.to, subject: r.subject, text: r.text }))
          count++;
      }
    }
    if (count > 0)
      await audit(tx, actor, {
        municipality: mc,
        action: "round.remind",
        recordType: "outbox",
        recordKey: now.toISOString(),
        after: { prepared: count },
      });
    return count;
  });
}
