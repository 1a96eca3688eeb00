/**
 * Publication: the one step by which staff work reaches the public portal and API. A planner
 * sees every waiting draft — actuals and definitions — with what it changes, and publishes the
 * ones seen, all or nothing, in one transaction.
 */
import { eq } from "drizzle-orm";
import { type Principal, refusal } from "../accounts/index.ts";
import { announceChange, type Change, changed } from "../core/changes.ts";
import type { Db, Tx } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import type { ErrorDetail } from "../core/errors.ts";
import { type ActionContext, conflict, invalid, type Outcome, saved } from "../core/outcome.ts";
import {
  type DraftableRecord,
  listRecordDrafts,
  type PendingRecordDraft,
  prepareRecordPublish,
} from "../core/record-drafts.ts";
import { recordDrafts } from "../core/record-drafts-schema.ts";
import {
  challengeWording,
  indicatorDefinitionRecord,
  type PendingDraft,
  prepareActualPublish,
  readDrafts,
} from "../indicators/index.ts";
import { listSectionsIn } from "../municipalities/index.ts";
import { planNodeRecord } from "../plan/index.ts";
import { permissions } from "./permissions.ts";

/** Every kind of definition that staff edit as drafts, showing sections by name. */
export async function draftKinds(tx: Tx, mc: string): Promise<DraftableRecord<unknown>[]> {
  const names = new Map((await listSectionsIn(tx, mc)).map((s) => [s.code, s.name]));
  const { label } = await challengeWording(tx, mc);
  return [planNodeRecord(names), indicatorDefinitionRecord(names, label)];
}

export interface Pending {
  actuals: PendingDraft[];
  definitions: PendingRecordDraft[];
}

/** Everything waiting for publication, with its diff. */
export function listPending(db: Db, mc: string): Promise<Pending> {
  return withTenant(db, mc, async (tx) => ({
    actuals: await readDrafts(tx, mc),
    definitions: await listRecordDrafts(tx, mc, await draftKinds(tx, mc)),
  }));
}

/** The records with a draft, as "type/key" (to mark them in lists). */
export function draftedKeys(db: Db, mc: string): Promise<Set<string>> {
  return withTenant(db, mc, async (tx) => {
    const rows = await tx
      .select({ type: recordDrafts.recordType, key: recordDrafts.recordKey })
      .from(recordDrafts)
      .where(eq(recordDrafts.municipalityCode, mc));
    return new Set(rows.map((r) => `${r.type}/${r.key}`));
  });
}

/** What the planner has seen and picked: draft id → the version shown, per kind. */
export interface Picked {
  actuals: ReadonlyMap<number, number>;
  definitions: ReadonlyMap<number, number>;
}

/**
 * Publishes the picked drafts. All or nothing: when any of them changed since it was shown, or
 * what it was made from moved under it, nothing is published and the conflict lists each one.
 * Saved with the number published.
 */
export async function publish(
  ctx: ActionContext<Principal>,
  picked: Picked,
): Promise<Outcome<number, ErrorDetail[]>> {
  const no = refusal(ctx.who, permissions.publish);
  if (no) return no;
  if (picked.actuals.size + picked.definitions.size === 0)
    return invalid(
      [{ location: "drafts", message: "1件も選ばれていません" }],
      "公開する下書きを選んでください",
    );
  const { db, municipality: mc, actor } = ctx;
  let change: Change = {};
  const outcome = await withTenant(db, mc, async (tx) => {
    const actuals = await prepareActualPublish(tx, mc, actor, picked.actuals);
    const definitions = await prepareRecordPublish(
      tx,
      mc,
      actor,
      await draftKinds(tx, mc),
      picked.definitions,
    );
    const problems = [...actuals.problems, ...definitions.problems];
    if (problems.length)
      return conflict(
        problems,
        "確認した内容から変わった下書きがあるため、公開しませんでした。一覧を開き直してください",
      );
    const n = (await definitions.commit()) + (await actuals.commit());
    // Values alone change those indicators' records; a definition may change anything shown.
    change =
      picked.definitions.size === 0
        ? { topic: "indicators", indicatorIds: actuals.indicatorIds }
        : {};
    await announceChange(tx, mc, change);
    return saved(n);
  });
  if (outcome.status === "saved") changed(db, [mc], change);
  return outcome;
}
