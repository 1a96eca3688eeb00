/**
 * Writing the fiscal frame from staff pages and spreadsheets: one settled/budget year's lines,
 * or one scenario's assumptions. Each save checks the pure rules (frame.ts, frame-scenario.ts)
 * and projects every scenario with the result before writing, so nothing the public page could
 * not project is stored; it carries the version the form was opened on (stale → conflict),
 * writes one audit entry and announces the change so the page cache drops. A scenario derived
 * from another (慎重 from 基本) is re-derived when its base changes.
 */
import { and, eq } from "drizzle-orm";
import type { Principal } from "../accounts/index.ts";
import { type Actor, audit } from "../core/audit.ts";
import { announceChange, changed } from "../core/changes.ts";
import type { Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import type { ErrorDetail } from "../core/errors.ts";
import type { FormBody } from "../core/forms.ts";
import {
  type ActionContext,
  conflict,
  forbidden,
  invalid,
  type Outcome,
  saved,
} from "../core/outcome.ts";
import { FINANCE_REFUSAL, mayWriteFinance, requireFinanceEditor } from "./access.ts";
import { validateFrameYear } from "./frame.ts";
import type { FrameFileYear } from "./frame-file.ts";
import { readScenarioForm, readYearForm } from "./frame-form.ts";
import { loadScenario } from "./frame-queries.ts";
import {
  type FrameScenarioRow,
  type FrameYearRow,
  frameReport,
  frameYearOf,
} from "./frame-report.ts";
import {
  type PrudentDeltas,
  prudentFrom,
  type ScenarioAssumptions,
  validateScenario,
} from "./frame-scenario.ts";
import { fiscalFrameScenarios, fiscalFrameYears } from "./frame-schema.ts";
import { permissions } from "./permissions.ts";

export type YearInput = Omit<FrameFileYear, "published">;

/** What a save of the frame answers: the new version, or (conflict) the row as saved now. */
export type FrameOutcome<R> = Outcome<{ version: number }, R | null>;

const INVALID = "入力に誤りがあります。保存していません";
const BROKEN_FORM = "フォームが壊れています。ページを開き直してください";

async function loadAll(tx: Tx, mc: string) {
  return {
    years: await tx
      .select()
      .from(fiscalFrameYears)
      .where(eq(fiscalFrameYears.municipalityCode, mc))
      .for("update"),
    scenarios: await tx
      .select()
      .from(fiscalFrameScenarios)
      .where(eq(fiscalFrameScenarios.municipalityCode, mc))
      .for("update"),
  };
}

/** Projects every scenario over the given rows; the errors, located as `where`. */
function projectionErrors(years: FrameYearRow[], scenarios: FrameScenarioRow[], where: string) {
  try {
    frameReport(years, scenarios);
    return [];
  } catch (e) {
    return [{ location: where, message: `この内容では推計できません: ${(e as Error).message}` }];
  }
}

const finish = async (tx: Tx, mc: string) => announceChange(tx, mc);

/** Saves a settled or budget year's lines from the staff form, opened on `version` (0: new). */
export async function saveFrameYear(
  ctx: ActionContext<Principal>,
  input: { fiscalYear: number; kind: "settled" | "budget"; version: number; form: FormBody },
): Promise<FrameOutcome<FrameYearRow>> {
  const read = readYearForm(input.form, input.fiscalYear, input.kind);
  if (!read.ok) return invalid(read.details, INVALID);
  const { db, municipality: mc } = ctx;
  const outcome = await withTenant(db, mc, async (tx): Promise<FrameOutcome<FrameYearRow>> => {
    if (!(await mayWriteFinance(tx, mc, ctx.who, permissions.saveFrameYear)))
      return forbidden(FINANCE_REFUSAL);
    return writeYear(tx, mc, ctx.actor, read.value, input.version);
  });
  if (outcome.status === "saved") changed(db, [mc]);
  return outcome;
}

/**
 * A year's lines inside an import's transaction (bound to `mc`; spreadsheets/frame.ts): who may
 * not is refused (403); the caller calls `changed`.
 */
export async function writeFrameYear(
  tx: Tx,
  mc: string,
  who: Principal,
  actor: Actor,
  input: YearInput,
  expectedVersion: number,
): Promise<FrameOutcome<FrameYearRow>> {
  await requireFinanceEditor(tx, mc, who, permissions.saveFrameYear);
  return writeYear(tx, mc, actor, input, expectedVersion);
}

async function writeYear(
  tx: Tx,
  mc: string,
  actor: Actor,
  input: YearInput,
  expectedVersion: number,
): Promise<FrameOutcome<FrameYearRow>> {
  const all = await loadAll(tx, mc);
  const same = (y: FrameYearRow) =>
    y.scenario === "" && y.fiscalYear === input.fiscalYear && y.kind === input.kind;
  const before = all.years.find(same);
  if ((before?.version ?? 0) !== expectedVersion) return conflict(before ?? null);
  const values = {
    revenue: input.revenue,
    extraordinaryFiscalBonds: input.extraordinaryFiscalBonds,
    expenditure: input.expenditure,
    funds: input.funds ?? null,
    population: input.population ?? null,
    standardFiscalScale: input.standardFiscalScale ?? null,
    sample: input.sample,
    source: input.source,
    note: input.note ?? null,
  };
  const after: FrameYearRow = {
    ...(before ?? {
      id: 0,
      municipalityCode: mc,
      scenario: "",
      fiscalYear: input.fiscalYear,
      kind: input.kind,
      published: null,
      version: 0,
    }),
    ...values,
    version: (before?.version ?? 0) + 1,
  };
  try {
    validateFrameYear(frameYearOf(after), "year");
  } catch (e) {
    return invalid([yearError((e as Error).message)], INVALID);
  }
  const errors = projectionErrors(
    [...all.years.filter((y) => !same(y)), after],
    all.scenarios,
    "(全体)",
  );
  if (errors.length) return invalid(errors, INVALID);
  if (before)
    await tx
      .update(fiscalFrameYears)
      .set({ ...values, version: after.version })
      .where(eq(fiscalFrameYears.id, before.id));
  else
    await tx.insert(fiscalFrameYears).values({
      municipalityCode: mc,
      scenario: "",
      fiscalYear: input.fiscalYear,
      kind: input.kind,
      ...values,
    });
  await audit(tx, actor, {
    municipality: mc,
    action: "finance.frame_year",
    recordType: "fiscal_frame_year",
    recordKey: `${input.fiscalYear}:${input.kind}`,
    before: before ?? null,
    after: { ...values, version: after.version },
  });
  await finish(tx, mc);
  return saved({ version: after.version });
}

/** "year.revenue.cityTax は…" → the field revenue.cityTax. */
function yearError(message: string): ErrorDetail {
  const field = /^year\.([\w.]+)/.exec(message)?.[1];
  const location = field === "extraordinaryFiscalBonds" ? "extraordinaryFiscalBonds" : field;
  return { location: location ?? "(全体)", message: message.replace(/^year\./, "") };
}

export interface ScenarioInput {
  untilFiscalYear: number;
  /** The full assumptions (a base scenario), or the deltas (a derived one). */
  assumptions?: ScenarioAssumptions;
  deltas?: PrudentDeltas;
  sample: boolean;
  source: string;
  note: string | null;
}

/**
 * Saves a scenario's assumptions from the staff form, opened on `version`; the scenarios derived
 * from it follow, each with its own audit entry.
 */
export async function saveScenario(
  ctx: ActionContext<Principal>,
  input: { name: string; version: number; form: FormBody },
): Promise<FrameOutcome<FrameScenarioRow>> {
  const { db, municipality: mc, actor } = ctx;
  const { name } = input;
  const { row, years } = await loadScenario(db, mc, name);
  // A scenario's versions start at 1: a form without one was not opened on a saved scenario.
  if (input.version < 1)
    return invalid([{ location: "version", message: "版の番号がありません" }], BROKEN_FORM);
  const read = readScenarioForm(input.form, row, years);
  if (!read.ok) return invalid(read.details, INVALID);
  const outcome = await withTenant(db, mc, async (tx): Promise<FrameOutcome<FrameScenarioRow>> => {
    if (!(await mayWriteFinance(tx, mc, ctx.who, permissions.saveScenario)))
      return forbidden(FINANCE_REFUSAL);
    const all = await loadAll(tx, mc);
    const before = all.scenarios.find((s) => s.name === name);
    if (!before || before.version !== input.version) return conflict(before ?? null);
    const change = read.value;
    let after: FrameScenarioRow;
    try {
      if (before.derivedFrom) {
        const base = all.scenarios.find((s) => s.name === before.derivedFrom!.scenario)!;
        const deltas = change.deltas ?? before.derivedFrom.deltas;
        const { name: _n, ...assumptions } = prudentFrom(
          { ...base.assumptions, name: base.name },
          deltas,
        );
        after = { ...before, assumptions, derivedFrom: { scenario: base.name, deltas } };
      } else {
        validateScenario(change.assumptions!, "assumptions");
        after = { ...before, assumptions: change.assumptions! };
      }
    } catch (e) {
      const message = (e as Error).message;
      const field = /^assumptions\.([\w.[\]]+)/.exec(message)?.[1];
      return invalid([{ location: field ?? "(全体)", message }], INVALID);
    }
    after = {
      ...after,
      untilFiscalYear: change.untilFiscalYear,
      sample: change.sample,
      source: change.source,
      note: change.note,
      version: before.version + 1,
    };
    // Scenarios derived from this one follow it.
    const derived = all.scenarios
      .filter((s) => s.derivedFrom?.scenario === name)
      .map((s) => {
        const { name: _n, ...assumptions } = prudentFrom(
          { ...after.assumptions, name },
          s.derivedFrom!.deltas,
        );
        return {
          before: s,
          after: {
            ...s,
            assumptions,
            untilFiscalYear: after.untilFiscalYear,
            version: s.version + 1,
          },
        };
      });
    const others = all.scenarios.filter(
      (s) => s.name !== name && !derived.some((d) => d.after.name === s.name),
    );
    const errors = projectionErrors(
      all.years,
      [...others, after, ...derived.map((d) => d.after)],
      "(全体)",
    );
    if (errors.length) return invalid(errors, INVALID);
    for (const s of [after, ...derived.map((d) => d.after)])
      await tx
        .update(fiscalFrameScenarios)
        .set({
          assumptions: s.assumptions,
          derivedFrom: s.derivedFrom,
          untilFiscalYear: s.untilFiscalYear,
          sample: s.sample,
          source: s.source,
          note: s.note,
          version: s.version,
        })
        .where(
          and(eq(fiscalFrameScenarios.id, s.id), eq(fiscalFrameScenarios.municipalityCode, mc)),
        );
    await audit(tx, actor, {
      municipality: mc,
      action: "finance.frame_scenario",
      recordType: "fiscal_frame_scenario",
      recordKey: name,
      before,
      after: { ...after, derived: derived.map((d) => d.after.name) },
    });
    for (const d of derived)
      await audit(tx, actor, {
        municipality: mc,
        action: "finance.frame_scenario",
        recordType: "fiscal_frame_scenario",
        recordKey: d.after.name,
        before: d.before,
        after: { ...d.after, followed: name },
      });
    await finish(tx, mc);
    return saved({ version: after.version });
  });
  if (outcome.status === "saved") changed(db, [mc]);
  return outcome;
}
