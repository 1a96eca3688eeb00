/**
 * The writes of the registries: adding, editing (on the version the form was opened on) and
 * retiring a record. Each is one transaction with its audit entry, and recomputes the
 * registry's indicator through indicators' recordComputedActuals.
 */
import { and, asc, eq, sql } from "drizzle-orm";
import { type Principal, refusal } from "../accounts/index.ts";
import { type Actor, audit } from "../core/audit.ts";
import { announceChange, changed } from "../core/changes.ts";
import type { Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { AppError } from "../core/errors.ts";
import { readDateField } from "../core/fiscal-year.ts";
import {
  type ActionContext,
  conflict,
  invalid,
  type Outcome,
  saved,
  unchanged,
} from "../core/outcome.ts";
import type { RegistryKey } from "./definitions.ts";
import { checkRecord, mixRefusal, type RecordInput } from "./fields.ts";
import { permissions } from "./permissions.ts";
import { recomputeRegistry } from "./recompute.ts";
import { registryRecords } from "./schema.ts";
import { readRegistry, registryIn } from "./settings.ts";

export type StoredRecord = typeof registryRecords.$inferSelect;

/** What a form sends: the name, each field as typed, the sample checkbox. */
export interface TypedRecord {
  registry: string;
  name: string;
  fields: Record<string, string>;
  sample: boolean;
}

const recordKey = (key: string, id: number) => `${key}/${id}`;
const shown = (
  r: Pick<StoredRecord, "name" | "fields" | "sample" | "retiredOn" | "retiredReason">,
) => ({
  name: r.name,
  fields: r.fields,
  sample: r.sample,
  retiredOn: r.retiredOn,
  retiredReason: r.retiredReason,
});

async function mixCounts(tx: Tx, mc: string, key: string, except?: number) {
  const rows = await tx
    .select({ sample: registryRecords.sample, n: sql<number>`count(*)::int` })
    .from(registryRecords)
    .where(
      and(
        eq(registryRecords.municipalityCode, mc),
        eq(registryRecords.registry, key),
        except === undefined ? undefined : sql`${registryRecords.id} <> ${except}`,
      ),
    )
    .groupBy(registryRecords.sample);
  return {
    sample: rows.find((r) => r.sample)?.n ?? 0,
    real: rows.find((r) => !r.sample)?.n ?? 0,
  };
}

/** Inserts checked records of one registry with an audit entry each (also the demo's loader). */
export async function insertRecords(
  tx: Tx,
  mc: string,
  key: RegistryKey,
  records: readonly RecordInput[],
  actor: Actor,
) {
  const ids: number[] = [];
  for (const r of records) {
    const [row] = await tx
      .insert(registryRecords)
      .values({ municipalityCode: mc, registry: key, ...r, updatedBy: actor.label })
      .returning({ id: registryRecords.id });
    ids.push(row!.id);
    await audit(tx, actor, {
      municipality: mc,
      action: "registry.add",
      recordType: "registry_record",
      recordKey: recordKey(key, row!.id),
      after: shown({ ...r, retiredOn: null, retiredReason: null }),
    });
  }
  return ids;
}

/** Staff add a record to a registry. */
export async function addRecord(
  ctx: ActionContext<Principal>,
  input: TypedRecord,
): Promise<Outcome<{ id: number }>> {
  const no = refusal(ctx.who, permissions.manage);
  if (no) return no;
  const def = await registryIn(ctx.db, ctx.municipality, input.registry);
  const checked = checkRecord(def, input);
  if (!checked.ok) return invalid(checked.details);
  const { db, municipality: mc, actor } = ctx;
  const outcome = await withTenant(db, mc, async (tx) => {
    await lockRegistry(tx, mc, def.key);
    const mixed = mixRefusal(def, checked.value.sample, await mixCounts(tx, mc, def.key));
    if (mixed) return invalid([mixed]);
    const [id] = await insertRecords(tx, mc, def.key, [checked.value], actor);
    await recomputeRegistry(tx, mc, def.key, actor);
    await announceChange(tx, mc);
    return saved({ id: id! });
  });
  if (outcome.status === "saved") changed(db, [mc]);
  return outcome;
}

/** One write at a time per registry, so that the recomputed indicator counts every record. */
const lockRegistry = (tx: Tx, mc: string, key: string) =>
  tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`registry:${mc}:${key}`}))`);

async function lockRecord(tx: Tx, mc: string, key: string, id: number) {
  await lockRegistry(tx, mc, key);
  const [row] = await tx
    .select()
    .from(registryRecords)
    .where(
      and(
        eq(registryRecords.municipalityCode, mc),
        eq(registryRecords.registry, key),
        eq(registryRecords.id, id),
      ),
    )
    .for("update");
  if (!row) throw new AppError("not_found", `台帳 ${key} の記録 ${id} はありません`);
  return row;
}

/**
 * Staff edit a record, on the version their form was opened on (a newer version is a conflict
 * with the current record, for the shared 409 page).
 */
export async function editRecord(
  ctx: ActionContext<Principal>,
  input: TypedRecord & { id: number; version: number },
): Promise<Outcome<{ id: number }, StoredRecord>> {
  const no = refusal(ctx.who, permissions.manage);
  if (no) return no;
  const def = await registryIn(ctx.db, ctx.municipality, input.registry);
  const checked = checkRecord(def, input);
  if (!checked.ok) return invalid(checked.details);
  const { db, municipality: mc, actor } = ctx;
  const outcome = await withTenant(db, mc, async (tx) => {
    const before = await lockRecord(tx, mc, def.key, input.id);
    if (before.version !== input.version) return conflict(before);
    const after = checked.value;
    const mixed = mixRefusal(def, after.sample, await mixCounts(tx, mc, def.key, input.id));
    if (mixed) return invalid([mixed]);
    const same =
      before.name === after.name &&
      before.sample === after.sample &&
      JSON.stringify(before.fields) === JSON.stringify(after.fields);
    if (same) return unchanged({ id: input.id });
    return changeRecord(tx, mc, def.key, actor, before, after, "registry.edit");
  });
  if (outcome.status === "saved") changed(db, [mc]);
  return outcome;
}

/**
 * Staff retire a record: it stopped on a day (an agreement ended, a facility closed or was
 * sold, an entry withdrawn), with the reason. It stays in the registry, marked, and leaves the
 * counts from that day.
 */
export async function retireRecord(
  ctx: ActionContext<Principal>,
  input: { registry: string; id: number; version: number; retiredOn: string; reason: string },
): Promise<Outcome<{ id: number }, StoredRecord>> {
  const no = refusal(ctx.who, permissions.manage);
  if (no) return no;
  const def = await registryIn(ctx.db, ctx.municipality, input.registry);
  // A record is retired on a day that has come: a day after today is refused.
  const read = readDateField(input.retiredOn, "廃止・終了の日", { happened: true });
  const day = read.ok ? read.date : null;
  const reason = input.reason.trim();
  const details = [
    ...(read.ok ? [] : [{ location: "retiredOn", message: read.message }]),
    ...(reason ? [] : [{ location: "reason", message: "理由を入力してください" }]),
    ...(reason.length > 500 ? [{ location: "reason", message: "理由は500字までです" }] : []),
  ];
  if (details.length) return invalid(details);
  const { db, municipality: mc, actor } = ctx;
  const outcome = await withTenant(db, mc, async (tx) => {
    const before = await lockRecord(tx, mc, def.key, input.id);
    if (before.version !== input.version) return conflict(before);
    if (before.retiredOn)
      return invalid([
        { location: "retiredOn", message: `この記録は ${before.retiredOn} に廃止・終了しています` },
      ]);
    const change = { retiredOn: day, retiredReason: reason };
    return changeRecord(tx, mc, def.key, actor, before, change, "registry.retire");
  });
  if (outcome.status === "saved") changed(db, [mc]);
  return outcome;
}

/** Writes a change to a locked record with its audit entry (the caller recomputes). */
async function writeChange(
  tx: Tx,
  mc: string,
  key: RegistryKey,
  actor: Actor,
  before: StoredRecord,
  change: Partial<Pick<StoredRecord, "name" | "fields" | "sample" | "retiredOn" | "retiredReason">>,
  action: "registry.edit" | "registry.retire",
) {
  await tx
    .update(registryRecords)
    .set({
      ...change,
      version: sql`${registryRecords.version} + 1`,
      updatedBy: actor.label,
      updatedAt: new Date(),
    })
    .where(eq(registryRecords.id, before.id));
  await audit(tx, actor, {
    municipality: mc,
    action,
    recordType: "registry_record",
    recordKey: recordKey(key, before.id),
    before: shown(before),
    after: shown({ ...before, ...change }),
  });
}

/** Writes a change to a locked record with its audit entry, and recomputes the indicator. */
async function changeRecord(
  tx: Tx,
  mc: string,
  key: RegistryKey,
  actor: Actor,
  before: StoredRecord,
  change: Partial<Pick<StoredRecord, "name" | "fields" | "sample" | "retiredOn" | "retiredReason">>,
  action: "registry.edit" | "registry.retire",
) {
  await writeChange(tx, mc, key, actor, before, change, action);
  await recomputeRegistry(tx, mc, key, actor);
  await announceChange(tx, mc);
  return saved({ id: before.id });
}

/** One row of a spreadsheet of a registry, checked: a record to add, or one to change. */
export type RecordWrite =
  | { add: RecordInput }
  | {
      id: number;
      version: number;
      edit?: RecordInput;
      retire?: { retiredOn: string; reason: string };
    };

/**
 * Writes the checked rows of a spreadsheet in the caller's transaction: each record on the
 * version it was exported at (a newer one is a conflict), one audit entry per change, the
 * sample/real rule over the registry as it ends up, and the indicator recomputed once.
 */
export async function writeRecords(
  tx: Tx,
  mc: string,
  key: RegistryKey,
  actor: Actor,
  writes: readonly RecordWrite[],
) {
  const def = await readRegistry(tx, mc, key);
  await lockRegistry(tx, mc, key);
  for (const w of writes) {
    if ("add" in w) {
      await insertRecords(tx, mc, key, [w.add], actor);
      continue;
    }
    let current = await lockRecord(tx, mc, key, w.id);
    if (current.version !== w.version)
      throw new AppError(
        "conflict",
        `${def.label}の台帳の記録「${current.name}」（記録番号 ${w.id}）は、書き出した後にほかの人が更新しました。もう一度書き出して入力してください`,
      );
    if (w.edit) {
      await writeChange(tx, mc, key, actor, current, w.edit, "registry.edit");
      current = { ...current, ...w.edit, version: current.version + 1 };
    }
    if (w.retire) {
      if (current.retiredOn)
        throw new AppError(
          "bad_request",
          `記録「${current.name}」（記録番号 ${w.id}）は ${current.retiredOn} に廃止・終了しています`,
        );
      const change = { retiredOn: w.retire.retiredOn, retiredReason: w.retire.reason };
      await writeChange(tx, mc, key, actor, current, change, "registry.retire");
    }
  }
  const counts = await mixCounts(tx, mc, key);
  if (counts.sample > 0 && counts.real > 0)
    throw new AppError("bad_request", mixRefusal(def, false, counts)!.message);
  await recomputeRegistry(tx, mc, key, actor);
  await announceChange(tx, mc);
}

/** The records of one registry, in use first, then by name. */
export function readRecords(tx: Tx, mc: string, key: RegistryKey) {
  return tx
    .select()
    .from(registryRecords)
    .where(and(eq(registryRecords.municipalityCode, mc), eq(registryRecords.registry, key)))
    .orderBy(
      sql`${registryRecords.retiredOn} is not null`,
      asc(registryRecords.name),
      asc(registryRecords.id),
    );
}
