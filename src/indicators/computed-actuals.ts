/**
 * The one way another domain writes an indicator's computed actuals (counted from its records:
 * letters, staff proposals, registries, surveys, open data):
 *
 * ```ts
 * await recordComputedActuals(tx, mc, indicatorId, [
 *   { fiscalYear: 2026, value: 12, source: "連携協定の台帳から自動計算: 年度末に有効な協定 12件",
 *     recordsPath: "/082058/registries/agreements?year=2026" },
 * ], { actor, now });
 * ```
 *
 * Call it inside the transaction that changed the records, with every fiscal year the records
 * have (a year left out is left as it is). For each year (rules in running.ts):
 * - a year still in progress (or an ended year whose reporting round is open) is kept as
 *   「集計中（M月D日時点）」 in running_actuals: shown to staff and the public, never used for
 *   the status; it becomes the year's actual when the round closes (`closeComputedYear`, called
 *   by reporting) or a planner publishes it (`publishRunningActual`);
 * - any other year is the year's actual at once (origin "computed").
 * A value offered as a baseline (`baselineFrom`, a survey's first result) fills the indicator's
 * baseline instead when the plan printed none yet (「●●%」; rule `fillsBaseline`): at once, dated
 * to the plan's baseline year, with the year measured and the source as the baseline's note and
 * a public correction saying why.
 * A year's actual that changes keeps the old value in the public correction history (訂正履歴)
 * with the reason 「記録の変更による再計算」; every change has its audit entry. Nothing is
 * written for a year whose value and source are as stored. Callers announce the change
 * (core/changes.ts) after their transaction as they already do for their own records.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { type Principal, refusal } from "../accounts/index.ts";
import { type Actor, audit, SYSTEM_ACTOR } from "../core/audit.ts";
import { announceChange, type Change, changed } from "../core/changes.ts";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { AppError } from "../core/errors.ts";
import { fiscalYearInJapan, fiscalYearLabel, shortFiscalYearLabel } from "../core/fiscal-year.ts";
import { formatValue } from "../core/format.ts";
import { type ActionContext, conflict, type Outcome, saved } from "../core/outcome.ts";
import { readRounds } from "../reporting/index.ts";
import { permissions } from "./permissions.ts";
import {
  baselineReason,
  computedBaselineNote,
  computedYearState,
  fillsBaseline,
  RECOMPUTED_REASON,
} from "./running.ts";
import { actualCorrections, indicatorActuals, indicators, runningActuals } from "./schema.ts";

/** One fiscal year's computed value. */
export interface ComputedYear {
  fiscalYear: number;
  value: number | null;
  /** The formula with its counts, shown beside the value (「提案型 3件 ÷ 受付 5件」). */
  source: string;
  /** Where the records behind the number are listed on the site (a path). */
  recordsPath?: string | null;
  note?: string | null;
  /**
   * Where a value that may fill an unknown baseline comes from (「市民意識調査「…」」): given, the
   * value becomes the baseline while the plan has none (「●●%」), else the year's actual.
   */
  baselineFrom?: string;
}

export interface ComputedOptions {
  /** Who changed the records (the audit entries' actor); the system by default. */
  actor?: Actor;
  /** The moment that decides which fiscal year is in progress; now by default. */
  now?: Date;
}

/** What was written: the fiscal years made actuals, those kept as 集計中, and the baseline's. */
export interface ComputedWritten {
  final: number[];
  running: number[];
  baseline: number[];
}

export async function recordComputedActuals(
  tx: Tx,
  mc: string,
  indicatorId: number,
  years: readonly ComputedYear[],
  options: ComputedOptions = {},
): Promise<ComputedWritten> {
  const written: ComputedWritten = { final: [], running: [], baseline: [] };
  if (years.length === 0) return written;
  const actor = options.actor ?? SYSTEM_ACTOR;
  const now = options.now ?? new Date();
  const [indicator] = await tx
    .select()
    .from(indicators)
    .where(and(eq(indicators.municipalityCode, mc), eq(indicators.id, indicatorId)))
    .for("update");
  if (!indicator) throw new AppError("not_found", `指標 ${indicatorId} が見つかりません`);
  const rounds = await readRounds(tx, mc);
  const current = fiscalYearInJapan(now);
  for (const y of years) {
    const { baselineFrom, ...rest } = y;
    const computed = { ...rest, recordsPath: y.recordsPath ?? null, note: y.note ?? null };
    const baseline = {
      value: indicator.baselineValue,
      fiscalYear: indicator.baselineFiscalYear,
      note: indicator.baselineNote,
    };
    if (baselineFrom !== undefined && fillsBaseline(baseline, y.fiscalYear)) {
      if (await writeBaseline(tx, mc, indicator, computed, baselineFrom, actor, now))
        written.baseline.push(y.fiscalYear);
    } else if (computedYearState(y.fiscalYear, current, rounds) === "final") {
      if (await writeActual(tx, mc, { indicatorId, code: indicator.code }, computed, actor, now))
        written.final.push(y.fiscalYear);
      await tx
        .delete(runningActuals)
        .where(
          and(
            eq(runningActuals.indicatorId, indicatorId),
            eq(runningActuals.fiscalYear, y.fiscalYear),
          ),
        );
    } else if (
      await writeRunning(tx, mc, { indicatorId, code: indicator.code }, computed, actor, now)
    )
      written.running.push(y.fiscalYear);
  }
  return written;
}

type Target = { indicatorId: number; code: string };
type Computed = Required<Omit<ComputedYear, "baselineFrom">>;

/**
 * Makes a computed value the indicator's baseline (the plan's 「●●%」 replaced, or an earlier
 * computed baseline recomputed): the value printed with its unit (and the note, e.g.
 * 「サンプル」), the source as the baseline's note, a public correction saying why and the
 * indicator's version raised. False when the baseline already has that value and source.
 */
async function writeBaseline(
  tx: Tx,
  mc: string,
  indicator: typeof indicators.$inferSelect,
  y: Computed,
  from: string,
  actor: Actor,
  now: Date,
): Promise<boolean> {
  const note = computedBaselineNote(y.fiscalYear, from, y.source);
  // The plan's baseline year stays (「●●%（令和3年度、今年度中にアンケート実施）」): the value
  // measures that baseline; the note and the correction say when it was measured.
  const fiscalYear = indicator.baselineFiscalYear ?? y.fiscalYear;
  const text = `${formatValue(y.value, indicator.unit, indicator.decimals)}${y.note ? `（${y.note}）` : ""}`;
  if (
    indicator.baselineValue === y.value &&
    indicator.baselineNote === note &&
    indicator.baselineText === text
  )
    return false;
  await tx
    .update(indicators)
    .set({
      baselineValue: y.value,
      baselineFiscalYear: fiscalYear,
      baselineText: text,
      baselineNote: note,
      version: sql`${indicators.version} + 1`,
    })
    .where(eq(indicators.id, indicator.id));
  await tx.insert(actualCorrections).values({
    municipalityCode: mc,
    indicatorId: indicator.id,
    fiscalYear,
    oldValue: indicator.baselineValue,
    newValue: y.value,
    oldNote: `基準値「${indicator.baselineText}」`,
    newNote: `基準値${y.note ? `・${y.note}` : ""}`,
    reason:
      indicator.baselineValue === null
        ? baselineReason(
            { text: indicator.baselineText, note: indicator.baselineNote },
            `${shortFiscalYearLabel(y.fiscalYear)}の${from}`,
          )
        : RECOMPUTED_REASON,
    correctedAt: now,
  });
  await audit(tx, actor, {
    municipality: mc,
    action: "actual.compute_baseline",
    recordType: "indicator",
    recordKey: indicator.code,
    before: {
      baselineValue: indicator.baselineValue,
      baselineText: indicator.baselineText,
      baselineFiscalYear: indicator.baselineFiscalYear,
      baselineNote: indicator.baselineNote,
    },
    after: {
      baselineValue: y.value,
      baselineText: text,
      baselineFiscalYear: fiscalYear,
      baselineNote: note,
    },
  });
  return true;
}

const keyOf = (t: Target, fiscalYear: number) => `${t.code}/${fiscalYear}`;

async function writeRunning(
  tx: Tx,
  mc: string,
  t: Target,
  y: Computed,
  actor: Actor,
  now: Date,
): Promise<boolean> {
  const [before] = await tx
    .select()
    .from(runningActuals)
    .where(
      and(
        eq(runningActuals.indicatorId, t.indicatorId),
        eq(runningActuals.fiscalYear, y.fiscalYear),
      ),
    )
    .for("update");
  const values = { value: y.value, note: y.note, source: y.source, recordsPath: y.recordsPath };
  if (before && before.value === y.value && before.source === y.source) return false;
  if (before)
    await tx
      .update(runningActuals)
      .set({ ...values, computedAt: now, version: sql`${runningActuals.version} + 1` })
      .where(eq(runningActuals.id, before.id));
  else
    await tx.insert(runningActuals).values({
      municipalityCode: mc,
      indicatorId: t.indicatorId,
      fiscalYear: y.fiscalYear,
      computedAt: now,
      ...values,
    });
  await audit(tx, actor, {
    municipality: mc,
    action: "actual.compute_running",
    recordType: "indicator_actual",
    recordKey: keyOf(t, y.fiscalYear),
    before: before ? { value: before.value, source: before.source } : null,
    after: { value: y.value, source: y.source, computedAt: now.toISOString() },
  });
  return true;
}

/**
 * Makes a computed value the year's actual (origin "computed"); a changed published value goes
 * to the correction history. False when the stored actual already has that value and source.
 */
async function writeActual(
  tx: Tx,
  mc: string,
  t: Target,
  y: Computed,
  actor: Actor,
  now: Date,
  action = "actual.compute",
): Promise<boolean> {
  const [before] = await tx
    .select()
    .from(indicatorActuals)
    .where(
      and(
        eq(indicatorActuals.indicatorId, t.indicatorId),
        eq(indicatorActuals.fiscalYear, y.fiscalYear),
      ),
    )
    .for("update");
  if (
    before &&
    before.origin === "computed" &&
    before.value === y.value &&
    before.source === y.source &&
    before.recordsPath === y.recordsPath
  )
    return false;
  const values = {
    value: y.value,
    note: y.note,
    source: y.source,
    recordsPath: y.recordsPath,
    origin: "computed" as const,
    publishedAt: now,
  };
  if (before)
    await tx
      .update(indicatorActuals)
      .set({ ...values, version: sql`${indicatorActuals.version} + 1` })
      .where(eq(indicatorActuals.id, before.id));
  else
    await tx.insert(indicatorActuals).values({
      municipalityCode: mc,
      indicatorId: t.indicatorId,
      fiscalYear: y.fiscalYear,
      ...values,
    });
  if (before && before.value !== y.value)
    await tx.insert(actualCorrections).values({
      municipalityCode: mc,
      indicatorId: t.indicatorId,
      fiscalYear: y.fiscalYear,
      oldValue: before.value,
      newValue: y.value,
      oldNote: before.note,
      newNote: y.note,
      reason: RECOMPUTED_REASON,
      correctedAt: now,
    });
  await audit(tx, actor, {
    municipality: mc,
    action,
    recordType: "indicator_actual",
    recordKey: keyOf(t, y.fiscalYear),
    before: before ? { value: before.value, source: before.source, origin: before.origin } : null,
    after: { value: y.value, source: y.source, origin: "computed" },
  });
  return true;
}

/** A running value as staff and the public see it. */
export type RunningActual = typeof runningActuals.$inferSelect;

/** Moves one running value into the year's actuals (its row is deleted). */
async function promote(
  tx: Tx,
  mc: string,
  t: Target,
  r: RunningActual,
  actor: Actor,
  action: string,
) {
  await writeActual(
    tx,
    mc,
    t,
    {
      fiscalYear: r.fiscalYear,
      value: r.value,
      source: r.source,
      recordsPath: r.recordsPath,
      note: r.note,
    },
    actor,
    new Date(),
    action,
  );
  await tx.delete(runningActuals).where(eq(runningActuals.id, r.id));
}

/**
 * The year's reporting round closes: every running value of that fiscal year becomes the
 * year's actual (called by reporting's closeRound, in its transaction). Gives how many.
 */
export async function closeComputedYear(tx: Tx, mc: string, fiscalYear: number, actor: Actor) {
  const rows = await tx
    .select({ running: runningActuals, code: indicators.code })
    .from(runningActuals)
    .innerJoin(indicators, eq(indicators.id, runningActuals.indicatorId))
    .where(and(eq(runningActuals.municipalityCode, mc), eq(runningActuals.fiscalYear, fiscalYear)))
    .for("update", { of: runningActuals });
  for (const { running, code } of rows)
    await promote(
      tx,
      mc,
      { indicatorId: running.indicatorId, code },
      running,
      actor,
      "actual.compute_close",
    );
  return rows.length;
}

/** Every running value of a municipality with its indicator, by indicator code and year. */
export function readRunning(db: Db, mc: string) {
  return withTenant(db, mc, (tx) =>
    tx
      .select({
        running: runningActuals,
        code: indicators.code,
        name: indicators.name,
        unit: indicators.unit,
        decimals: indicators.decimals,
      })
      .from(runningActuals)
      .innerJoin(indicators, eq(indicators.id, runningActuals.indicatorId))
      .where(eq(runningActuals.municipalityCode, mc))
      .orderBy(asc(indicators.code), asc(runningActuals.fiscalYear)),
  );
}

/**
 * A planner publishes one running value as the year's actual before its round closes, on the
 * version they saw (a newer computation is a conflict with the current value).
 */
export async function publishRunningActual(
  ctx: ActionContext<Principal>,
  input: { indicatorCode: string; fiscalYear: number; version: number },
): Promise<Outcome<undefined, RunningActual | null>> {
  const no = refusal(ctx.who, permissions.publishRunning);
  if (no) return no;
  const { db, municipality: mc, actor } = ctx;
  let change: Change = {};
  const outcome = await withTenant(db, mc, async (tx) => {
    const [found] = await tx
      .select({ running: runningActuals, id: indicators.id })
      .from(runningActuals)
      .innerJoin(indicators, eq(indicators.id, runningActuals.indicatorId))
      .where(
        and(
          eq(runningActuals.municipalityCode, mc),
          eq(indicators.code, input.indicatorCode),
          eq(runningActuals.fiscalYear, input.fiscalYear),
        ),
      )
      .for("update", { of: runningActuals });
    const label = `${input.indicatorCode} ${fiscalYearLabel(input.fiscalYear)}`;
    if (!found)
      return conflict(
        null,
        `${label}の集計中の値はありません（公開済みか、まだ集計されていません）`,
      );
    if (found.running.version !== input.version)
      return conflict(found.running, `${label}の集計中の値は、確認した後に再計算されました`);
    const target = { indicatorId: found.id, code: input.indicatorCode };
    await promote(tx, mc, target, found.running, actor, "actual.publish_running");
    change = { topic: "indicators", indicatorIds: [found.id] };
    await announceChange(tx, mc, change);
    return saved(undefined);
  });
  if (outcome.status === "saved") changed(db, [mc], change);
  return outcome;
}
