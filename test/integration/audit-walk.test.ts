/**
 * Every action of every domain (the `actions` of its index.ts) writes exactly one audit entry per
 * record it changes, in its own transaction. A new action without a scenario fails the walk.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import * as accounts from "../../src/accounts/index.ts";
import * as audit from "../../src/audit/index.ts";
import { withTenant } from "../../src/core/db/tenant.ts";
import * as costs from "../../src/costs/index.ts";
import * as evaluations from "../../src/evaluations/index.ts";
import * as finance from "../../src/finance/index.ts";
import * as indicators from "../../src/indicators/index.ts";
import * as letters from "../../src/letters/index.ts";
import * as meetings from "../../src/meetings/index.ts";
import * as municipalities from "../../src/municipalities/index.ts";
import * as opendata from "../../src/opendata/index.ts";
import * as peers from "../../src/peers/index.ts";
import * as plan from "../../src/plan/index.ts";
import * as programs from "../../src/programs/index.ts";
import * as proposals from "../../src/proposals/index.ts";
import * as publishing from "../../src/publishing/index.ts";
import * as registries from "../../src/registries/index.ts";
import * as reporting from "../../src/reporting/index.ts";
import * as spreadsheets from "../../src/spreadsheets/index.ts";
import * as surveys from "../../src/surveys/index.ts";
import { describeEachBackend } from "../support/app.ts";
import { type Scenarios, WALK_MUNICIPALITY, type WalkEnv, walkEnv } from "../support/audit-walk.ts";

const DOMAINS: Record<string, object> = {
  accounts,
  audit,
  costs,
  evaluations,
  finance,
  indicators,
  letters,
  meetings,
  municipalities,
  opendata,
  peers,
  plan,
  programs,
  proposals,
  publishing,
  registries,
  reporting,
  spreadsheets,
  surveys,
};

/** Every domain's listed actions, as "domain.verb". */
const ACTIONS = Object.entries(DOMAINS).flatMap(([domain, mod]) =>
  Object.keys((mod as { actions?: Record<string, unknown> }).actions ?? {}).map(
    (verb) => `${domain}.${verb}`,
  ),
);

/** The scenarios, one file per domain (test/support/audit-walk/<domain>.ts). */
const WALK_DIR = path.resolve("test/support/audit-walk");
const SCENARIOS: Scenarios = Object.fromEntries(
  (
    await Promise.all(
      readdirSync(WALK_DIR)
        .filter((f) => f.endsWith(".ts"))
        .map(async (f) => {
          const mod = (await import(pathToFileURL(path.join(WALK_DIR, f)).href)) as {
            scenarios: Scenarios;
          };
          const domain = f.replace(/\.ts$/, "");
          return Object.entries(mod.scenarios).map(([verb, s]) => [`${domain}.${verb}`, s]);
        }),
    )
  ).flat(),
);

it("has a scenario for every action and an action for every scenario", () => {
  expect(ACTIONS.filter((a) => !SCENARIOS[a])).toEqual([]);
  expect(Object.keys(SCENARIOS).filter((s) => !ACTIONS.includes(s))).toEqual([]);
  expect(ACTIONS.length).toBeGreaterThan(0);
});

async function auditIds(env: WalkEnv) {
  return withTenant(env.db, env.mc, async (tx) => {
    const r = (await tx.execute(
      sql`select coalesce(max(id), 0) as id from audit_log`,
    )) as unknown as {
      rows: { id: number | string }[];
    };
    return Number(r.rows[0]!.id);
  });
}

async function entriesAfter(env: WalkEnv, id: number) {
  return withTenant(env.db, env.mc, async (tx) => {
    const r = (await tx.execute(
      sql`select record_type, record_key from audit_log where id > ${id} order by id`,
    )) as unknown as { rows: { record_type: string; record_key: string }[] };
    return r.rows.map((e) => `${e.record_type} ${e.record_key}`);
  });
}

describeEachBackend("audit walk", (t) => {
  let env: WalkEnv;
  beforeAll(async () => {
    env = await walkEnv(t.database.db);
  });

  it.each(Object.keys(SCENARIOS).sort())(
    "%s writes one audit entry per changed record",
    async (name) => {
      expect(env.mc).toBe(WALK_MUNICIPALITY);
      const scenario = SCENARIOS[name]!;
      const prepared = await scenario.prepare?.(env);
      const last = await auditIds(env);
      const { outcome, changed } = await scenario.run(env, prepared);
      expect(outcome.status).toBe("saved");
      expect(changed.length).toBeGreaterThan(0);
      const written = await entriesAfter(env, last);
      expect(written.sort()).toEqual(changed.map(([type, key]) => `${type} ${key}`).sort());
    },
  );
});
