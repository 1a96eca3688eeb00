/**
 * Bench section: committed saves per second on the embedded database, with fsync off (as PGlite
 * ships, and as the test suite runs) and on (as the server and the commands run), on the same
 * folder, one save after another, each its own transaction, in rounds that alternate off and on
 * (each figure the better of its rounds):
 *
 * - an actual saved as a draft (`saveActual`: the indicator locked, read, checked, the draft
 *   upserted and an audit entry written), alternating two values so that each is a change;
 * - a single-row update through Drizzle (`update … set n = n + 1`), the bare cost of a commit.
 *
 * `npm run bench` runs it as its section 7. `npx tsx bench/saves.ts` runs it alone and replaces
 * the `saves.*` entries of bench/results.json.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { sql } from "drizzle-orm";
import type { Principal } from "../src/accounts/rules.ts";
import { SYSTEM_ACTOR } from "../src/core/audit.ts";
import { type Database, openPglite } from "../src/core/db/client.ts";
import { DEMO_MUNICIPALITY, ensureDemo } from "../src/demo/seed.ts";
import { saveActual } from "../src/indicators/drafts.ts";
import { percentile } from "./http.ts";
import { replaceFigures } from "./results.ts";

export const SAVES = { maxSaves: 1000, maxMs: 4000, warmup: 20, rounds: 2 };

const PLANNER: Principal = {
  userId: 0,
  email: "bench@localhost",
  role: "planner",
  sectionCodes: [],
};
const REF = { indicatorCode: "GZ-1-O1", fiscalYear: 2024 };

export interface SavesFigure {
  id: string;
  label: string;
  value: number;
  unit: string;
  detail?: Record<string, unknown>;
}

interface Run {
  saves: number;
  elapsedMs: number;
  samples: number[];
}

/** Calls `save(i)` one after another for up to maxSaves or maxMs (after a warm-up). */
async function measure(save: (i: number) => Promise<unknown>): Promise<Run> {
  for (let i = 0; i < SAVES.warmup; i++) await save(i);
  const samples: number[] = [];
  const started = performance.now();
  for (let i = 0; i < SAVES.maxSaves && performance.now() - started < SAVES.maxMs; i++) {
    const t = performance.now();
    await save(SAVES.warmup + i);
    samples.push(performance.now() - t);
  }
  return { saves: samples.length, elapsedMs: performance.now() - started, samples };
}

async function saveActuals(database: Database) {
  return measure(async (i) => {
    const r = await saveActual(
      { db: database.db, municipality: DEMO_MUNICIPALITY, who: PLANNER, actor: SYSTEM_ACTOR },
      { ...REF, value: String(50 + (i % 2)), expected: null },
    );
    if (r.status !== "saved") throw new Error(`saveActual answered ${r.status}`);
  });
}

const updateRow = (database: Database) =>
  measure(() => database.db.execute(sql`update bench_saves set n = n + 1 where id = 1`));

/**
 * A new embedded database with the demo in `work`, measured with fsync off, then reopened
 * with fsync on and measured again. Returns the figures (ids `saves.*`).
 */
export async function benchSaves(work: string): Promise<SavesFigure[]> {
  const dir = path.join(work, "saves", "db");
  const setup = await openPglite(dir, { fsync: false });
  try {
    await setup.migrate();
    await ensureDemo(setup.db);
    await setup.db.execute(sql`create table bench_saves (id int primary key, n int not null)`);
    await setup.db.execute(sql`insert into bench_saves values (1, 0)`);
  } finally {
    await setup.close();
  }
  const measureWith = async (fsync: boolean) => {
    const database = await openPglite(dir, { fsync });
    try {
      const shown = await database.pglite!.query<{ setting: string }>(
        `select string_agg(name || '=' || setting, ', ' order by name) as setting from pg_settings
          where name in ('fsync', 'synchronous_commit', 'wal_sync_method')`,
      );
      return {
        actual: await saveActuals(database),
        row: await updateRow(database),
        settings: shown.rows[0]!.setting,
      };
    } finally {
      await database.close();
    }
  };
  // Rounds alternate off and on, so that a busy moment of the machine does not fall on one
  // setting only; each figure is the better of its rounds.
  const rounds: Record<"off" | "on", Awaited<ReturnType<typeof measureWith>>[]> = {
    off: [],
    on: [],
  };
  for (let round = 0; round < SAVES.rounds; round++) {
    rounds.off.push(await measureWith(false));
    rounds.on.push(await measureWith(true));
  }
  const rate = (r: Run) => r.saves / r.elapsedMs;
  const best = (mode: "off" | "on", kind: "actual" | "row") =>
    rounds[mode].map((r) => r[kind]).reduce((a, b) => (rate(b) > rate(a) ? b : a));
  const figures: SavesFigure[] = [];
  const labels = {
    actual: "save an actual (draft + audit entry), one transaction each",
    row: "update one row through Drizzle, one transaction each",
  } as const;
  for (const kind of ["actual", "row"] as const) {
    for (const mode of ["off", "on"] as const) {
      const r = best(mode, kind);
      figures.push({
        id: `saves.${kind}.fsync${mode === "on" ? "On" : "Off"}`,
        label: `${labels[kind]}, fsync ${mode}`,
        value: Math.round((r.saves / r.elapsedMs) * 1000),
        unit: "saves/s",
        detail: {
          saves: r.saves,
          warmup: SAVES.warmup,
          p50: Math.round(percentile(r.samples, 50) * 100) / 100,
          p95: Math.round(percentile(r.samples, 95) * 100) / 100,
          perRound: rounds[mode].map((x) => Math.round(rate(x[kind]) * 1000)),
          settings: rounds[mode][0]!.settings,
          // The machine may be shared: its load says how far to trust the figure.
          loadAverage1m: Math.round(os.loadavg()[0]! * 10) / 10,
        },
      });
    }
    const off = best("off", kind);
    const on = best("on", kind);
    figures.push({
      id: `saves.${kind}.ratio`,
      label: `  fsync on / off (${kind === "actual" ? "actuals" : "row updates"} per second)`,
      value: Math.round(((on.saves / on.elapsedMs) * 100) / (off.saves / off.elapsedMs)) / 100,
      unit: "×",
    });
  }
  return figures;
}

/** Alone: measures and replaces the `saves.*` entries of bench/results.json. */
async function main() {
  const work = await mkdtemp(path.join(os.tmpdir(), "shisaku-bench-saves-"));
  try {
    console.log("[7] committed saves per second on the embedded database, fsync off and on");
    const figures = await benchSaves(work);
    for (const f of figures) console.log(`  ${f.label}: ${f.value} ${f.unit}`);
    await replaceFigures("saves.", figures);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
