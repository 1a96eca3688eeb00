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
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import type { ErrorDetail } from "../core/errors.ts";
import { requireFinanceEditor } from "./access.ts";
import { validateFrameYear } from "./frame.ts";
import type { FrameFileYear } from "./frame-file.ts";
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

export type YearInput = Omit<FrameFileYear, "published">;

export type FrameSaveResult<R> =
  | { status: "saved"; version: number }
  | { status: "conflict"; current: R | null }
  | { status: "invalid"; errors: ErrorDetail[] };

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

export async function saveFrameYear(
  db: Db,
  mc: string,
  who: Principal,
  actor: Actor,
  input: YearInput,
  expectedVersion: number,
): Promise<FrameSaveResult<FrameYearRow>> {
  const result = await withTenant(db, mc, (tx) =>
    writeFrameYear(tx, mc, who, actor, input, expectedVersion),
  );
  if (result.status === "saved") changed(db, [mc]);
  return result;
}

/** saveFrameYear inside the caller's transaction (bound to `mc`); the caller calls `changed`. */
export async function writeFrameYear(
  tx: Tx,
  mc: string,
  who: Principal,
  actor: Actor,
  input: YearInput,
  expectedVersion: number,
): Promise<FrameSaveResult<FrameYearRow>> {
  {
    await requireFinanceEditor(tx, mc, who);
    const all = await loadAll(tx, mc);
    const same = (y: FrameYearRow) =>
      y.scenario === "" && y.fiscalYear === input.fiscalYear && y.kind === input.kind;
    const before = all.years.find(same);
    if ((before?.version ?? 0) !== expectedVersion)
      return { status: "conflict" as const, current: before ?? null };
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
      return { status: "invalid" as const, errors: [yearError((e as Error).message)] };
    }
    const errors = projectionErrors(
      [...all.years.filter((y) => !same(y)), after],
      all.scenarios,
      "(全体)",
    );
    if (errors.length) return { status: "invalid" as const, errors };
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
    return { status: "saved" as const, version: after.version };
  }
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

export async function saveScenario(
  db: Db,
  mc: string,
  who: Principal,
  actor: Actor,
  name: string,
  input: ScenarioInput,
  expectedVersion: number,
): Promise<FrameSaveResult<FrameScenarioRow>> {
  const result = await withTenant(db, mc, async (tx) => {
    await requireFinanceEditor(tx, mc, who);
    const all = await loadAll(tx, mc);
    const before = all.scenarios.find((s) => s.name === name);
    if (!before || before.version !== expectedVersion)
      return { status: "conflict" as const, current: before ?? null };
    let after: FrameScenarioRow;
    try {
      if (before.derivedFrom) {
        const base = all.scenarios.find((s) => s.name === before.derivedFrom!.scenario)!;
        const deltas = input.deltas ?? before.derivedFrom.deltas;
        const { name: _n, ...assumptions } = prudentFrom(
          { ...base.assumptions, name: base.name },
          deltas,
        );
        after = { ...before, assumptions, derivedFrom: { scenario: base.name, deltas } };
      } else {
        validateScenario(input.assumptions!, "assumptions");
        after = { ...before, assumptions: input.assumptions! };
      }
    } catch (e) {
      const message = (e as Error).message;
      const field = /^assumptions\.([\w.[\]]+)/.exec(message)?.[1];
      return {
        status: "invalid" as const,
        errors: [{ location: field ?? "(全体)", message }],
      };
    }
    after = {
      ...after,
      untilFiscalYear: input.untilFiscalYear,
      sample: input.sample,
      source: input.source,
      note: input.note,
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
          ...s,
          assumptions,
          untilFiscalYear: after.untilFiscalYear,
          version: s.version + 1,
        };
      });
    const others = all.scenarios.filter(
      (s) => s.name !== name && !derived.some((d) => d.name === s.name),
    );
    const errors = projectionErrors(all.years, [...others, after, ...derived], "(全体)");
    if (errors.length) return { status: "invalid" as const, errors };
    for (const s of [after, ...derived])
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
      after: { ...after, derived: derived.map((d) => d.name) },
    });
    await finish(tx, mc);
    return { status: "saved" as const, version: after.version };
  });
  if (result.status === "saved") changed(db, [mc]);
  return result;
}
