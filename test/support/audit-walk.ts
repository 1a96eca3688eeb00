/**
 * The audit walk (test/integration/audit-walk.test.ts): every action a domain lists in its
 * index.ts `actions` has a scenario here (test/support/audit-walk/<domain>.ts) that runs it once
 * on the demo municipality and names the records the run changes. The walk asserts that the run
 * wrote exactly one audit entry for each of those records, and none for anything else.
 */

import type { SignedIn } from "../../src/accounts/sessions.ts";
import { resolveSession, signIn } from "../../src/accounts/sessions.ts";
import type { Db } from "../../src/core/db/client.ts";
import type { ActionContext } from "../../src/core/outcome.ts";
import { DEMO } from "./staff.ts";

export const WALK_MUNICIPALITY = "082058";

export interface WalkEnv {
  db: Db;
  /** The demo municipality's code. */
  mc: string;
  /** ActionContexts of the demo accounts, on the demo municipality. */
  as: Record<keyof typeof DEMO, ActionContext<SignedIn>>;
}

/** [recordType, recordKey] of one audit entry, as the action writes it. */
export type RecordRef = readonly [type: string, key: string];

export interface ScenarioRun {
  /** What the action returned (an Outcome); the walk requires it saved. */
  outcome: { status: string };
  /** The records the run changed: each must have exactly one audit entry. */
  changed: RecordRef[];
}

/** One action's scenario: prepares what it needs (without audit entries, or before the walk counts) and runs it. */
export interface Scenario {
  prepare?: (env: WalkEnv) => Promise<unknown>;
  run: (env: WalkEnv, prepared: unknown) => Promise<ScenarioRun>;
}

export type Scenarios = Record<string, Scenario>;

/** Signs the demo accounts in and gives their ActionContexts. */
export async function walkEnv(db: Db): Promise<WalkEnv> {
  const mc = WALK_MUNICIPALITY;
  const as = {} as WalkEnv["as"];
  for (const [role, account] of Object.entries(DEMO) as [
    keyof typeof DEMO,
    (typeof DEMO)[keyof typeof DEMO],
  ][]) {
    const token = await signIn(db, mc, account);
    if (!token) throw new Error(`demo account ${account.email} cannot sign in`);
    const who = await resolveSession(db, mc, token);
    if (!who) throw new Error(`no session for ${account.email}`);
    as[role] = { db, municipality: mc, who, actor: { label: `user:${who.userId} ${who.email}` } };
  }
  return { db, mc, as };
}
