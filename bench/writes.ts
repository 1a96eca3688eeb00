/**
 * Bench section: reads right after writes, on the synthetic municipality (2,000 indicators × 12
 * fiscal years, bench/synthetic.ts).
 *
 * 1. A planner publishes one actual (saved as a draft, then published), twelve times; after
 *    each publish, the first read of the indicators API list and of the registry page is timed.
 * 2. The same while 16 editors save drafts of their own indicators as fast as they can (each
 *    one at a time, through the write actions the routes call) and the planner publishes every
 *    2 seconds; the saves per second of the editors are reported with it.
 * 3. A citizen's letter (a change of another topic) followed by the same two reads.
 *
 * `npm run bench` runs it (section 9); `npx tsx bench/writes.ts` runs it alone on a fresh
 * embedded database (the import of the synthetic plan timed too) and replaces the `writes.*`
 * entries of bench/results.json.
 */
import { existsSync } from "node:fs";
import { cp, mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type { Principal } from "../src/accounts/rules.ts";
import { createApp } from "../src/app.tsx";
import { SYSTEM_ACTOR } from "../src/core/audit.ts";
import { changed } from "../src/core/changes.ts";
import { type Db, openPglite } from "../src/core/db/client.ts";
import { reportingYear } from "../src/core/reporting-years.ts";
import { saveActual } from "../src/indicators/drafts.ts";
import { loadIndicators } from "../src/indicators/queries.ts";
import { importPlans } from "../src/plan/plan-import.ts";
import { listPending, publish } from "../src/publishing/publish.ts";
import { fetchOnce, percentile, startApp, timed } from "./http.ts";
import { type Figure, replaceFigures } from "./results.ts";
import { writeSynthetic } from "./synthetic.ts";

/**
 * Counts are upper bounds: each phase also stops starting new publishes (or reads) once its time
 * budget (`maxMs`) is spent, and fails the section if it has not ended by twice that (a single
 * write or read that hangs), so that the section never runs for long on a slow or loaded machine.
 */
export const WRITES = {
  publishes: 12,
  editors: 16,
  loadPublishes: 8,
  publishEveryMs: 2000,
  maxMs: { quiet: 60_000, busy: 60_000, letter: 20_000 },
};

/** Runs a phase, failing it if it has not ended `ms` after it started. */
async function withDeadline<T>(phase: string, ms: number, run: () => Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`bench writes: phase "${phase}" still running after ${ms / 1000} s`)),
      ms,
    );
  });
  try {
    return await Promise.race([run(), late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Whether a phase started at `started` may begin another step (the first always may). */
const inBudget = (started: number, maxMs: number, done: number) =>
  done === 0 || performance.now() - started < maxMs;

const PLANNER: Principal = {
  userId: 0,
  email: "bench@localhost",
  role: "planner",
  sectionCodes: [],
};

const round2 = (x: number) => Math.round(x * 100) / 100;

/** Saves `value` as the draft of (indicator, fiscal year); throws unless saved. */
async function saveDraft(db: Db, mc: string, indicatorCode: string, fy: number, value: number) {
  const r = await saveActual(
    { db, municipality: mc, who: PLANNER, actor: SYSTEM_ACTOR },
    { indicatorCode, fiscalYear: fy, value: String(value), reason: "ベンチマーク", expected: null },
  );
  if (r.status !== "saved" && r.status !== "unchanged")
    throw new Error(`saveActual ${indicatorCode} answered ${r.status}: ${JSON.stringify(r)}`);
}

/** Publishes the drafts of one indicator (the planner picks them as shown). */
async function publishOne(db: Db, mc: string, indicatorCode: string) {
  const pending = await listPending(db, mc);
  const mine = pending.actuals.filter((d) => d.indicatorCode === indicatorCode);
  const r = await publish(
    { db, municipality: mc, who: PLANNER, actor: SYSTEM_ACTOR },
    { actuals: new Map(mine.map((d) => [d.id, d.version])), definitions: new Map() },
  );
  if (r.status !== "saved") throw new Error(`publish answered ${r.status}`);
}

/** The first API list read and registry page after a write: their times in ms. */
async function firstReads(base: string, mc: string) {
  const [api, apiMs] = await timed(() =>
    fetchOnce(`${base}/api/v1/municipalities/${mc}/indicators`),
  );
  const [page, pageMs] = await timed(() => fetchOnce(`${base}/${mc}/indicators`));
  if (api.status !== 200 || page.status !== 200)
    throw new Error(`reads answered ${api.status} / ${page.status}`);
  return { apiMs, pageMs };
}

function latencyFigures(id: string, label: string, samples: number[], target?: number): Figure[] {
  return [50, 95].map((p) => ({
    id: `${id}.p${p}`,
    label: `${label} p${p}`,
    value: round2(percentile(samples, p)),
    unit: "ms",
    ...(p === 95 && target !== undefined ? { target: { op: "<" as const, value: target } } : {}),
    detail:
      p === 50
        ? { samples: samples.length, max: round2(Math.max(...samples)), all: samples.map(round2) }
        : undefined,
  }));
}

/**
 * Runs the section against an app at `base` serving `db`, whose municipality `mc` holds the
 * synthetic plan. Returns its figures (ids `writes.*`).
 */
export async function benchWrites(db: Db, base: string, mc: string): Promise<Figure[]> {
  const codes = (await loadIndicators(db, mc)).map((r) => r.code);
  const fy = reportingYear(new Date());
  const figures: Figure[] = [];
  // Warm: the reads below are the first after a write, not the first ever.
  await firstReads(base, mc);
  await firstReads(base, mc);

  // 1. Publishes one after another, nothing else running.
  const quiet = { api: [] as number[], page: [] as number[] };
  const quietStarted = performance.now();
  await withDeadline("publishes", 2 * WRITES.maxMs.quiet, async () => {
    for (let i = 0; i < WRITES.publishes && inBudget(quietStarted, WRITES.maxMs.quiet, i); i++) {
      const code = codes[(i * 37) % codes.length]!;
      await saveDraft(db, mc, code, fy, 1000 + i);
      await publishOne(db, mc, code);
      const r = await firstReads(base, mc);
      quiet.api.push(r.apiMs);
      quiet.page.push(r.pageMs);
    }
  });
  figures.push(
    ...latencyFigures(
      "writes.publish.api",
      "first GET …/indicators after a publish",
      quiet.api,
      20,
    ),
    ...latencyFigures(
      "writes.publish.page",
      "first registry page (2,000 rows) after a publish",
      quiet.page,
      20,
    ),
  );

  // 2. The same while editors save drafts and the planner publishes every few seconds.
  let stop = false;
  const saveSamples: number[] = [];
  const editors = Array.from({ length: WRITES.editors }, async (_, e) => {
    const code = codes[(e * 101 + 7) % codes.length]!;
    for (let i = 0; !stop; i++) {
      const t = performance.now();
      await saveDraft(db, mc, code, fy, 2000 + e * 10_000 + (i % 2));
      saveSamples.push(performance.now() - t);
      // The embedded database answers within the microtask queue: without a turn of the event
      // loop between saves, the editors would starve every timer (the planner's publishes, the
      // deadlines), which saves arriving over the network never do.
      await new Promise((r) => setImmediate(r));
    }
  });
  const busy = { api: [] as number[], page: [] as number[] };
  const started = performance.now();
  try {
    await withDeadline("publishes while editors save", 2 * WRITES.maxMs.busy, async () => {
      for (let i = 0; i < WRITES.loadPublishes && inBudget(started, WRITES.maxMs.busy, i); i++) {
        await new Promise((r) => setTimeout(r, WRITES.publishEveryMs));
        const code = codes[(i * 53 + 11) % codes.length]!;
        await saveDraft(db, mc, code, fy, 3000 + i);
        await publishOne(db, mc, code);
        const r = await firstReads(base, mc);
        busy.api.push(r.apiMs);
        busy.page.push(r.pageMs);
      }
    });
  } finally {
    stop = true;
    // Each editor ends with the save it is making.
    await withDeadline("editors' last saves", 30_000, () => Promise.all(editors));
  }
  const elapsed = performance.now() - started;
  figures.push(
    ...latencyFigures(
      "writes.busy.api",
      `first GET …/indicators after a publish, ${WRITES.editors} editors saving`,
      busy.api,
      20,
    ),
    ...latencyFigures(
      "writes.busy.page",
      `first registry page after a publish, ${WRITES.editors} editors saving`,
      busy.page,
      20,
    ),
    {
      id: "writes.busy.saves.rps",
      label: `  drafts saved per second meanwhile (${WRITES.editors} editors, in process)`,
      value: Math.round((saveSamples.length / elapsed) * 1000),
      unit: "saves/s",
      detail: {
        saves: saveSamples.length,
        p50: round2(percentile(saveSamples, 50)),
        p95: round2(percentile(saveSamples, 95)),
      },
    },
  );

  // 3. A change of another topic (what a citizen's letter announces) leaves the registry alone.
  const other: number[] = [];
  const letterStarted = performance.now();
  await withDeadline("reads after a letter", 2 * WRITES.maxMs.letter, async () => {
    for (let i = 0; i < 6 && inBudget(letterStarted, WRITES.maxMs.letter, i); i++) {
      changed(db, [mc], { topic: "letters" });
      const r = await firstReads(base, mc);
      other.push(r.apiMs + r.pageMs);
    }
  });
  figures.push(
    ...latencyFigures(
      "writes.letter.reads",
      "API list + registry page after a letter (other topic)",
      other,
    ),
  );
  figures.push({
    id: "writes.rss",
    label: "resident memory of the bench process after these",
    value: Math.round(process.memoryUsage().rss / 1024 / 1024),
    unit: "MiB",
  });
  return figures;
}

/** Alone: a fresh embedded database, the synthetic plan imported, then the section. */
async function main() {
  const work = await mkdtemp(path.join(os.tmpdir(), "shisaku-bench-writes-"));
  // BENCH_WRITES_TEMPLATE: a folder keeping the imported database between runs (development).
  const template = process.env.BENCH_WRITES_TEMPLATE;
  if (template && existsSync(template))
    await cp(template, path.join(work, "db"), { recursive: true });
  const database = await openPglite(path.join(work, "db"));
  try {
    await database.migrate();
    const synthetic = await writeSynthetic(path.join(work, "synthetic"));
    const [, importMs] = await timed(async () => {
      if (!template || !existsSync(template)) await importPlans(database.db, synthetic.dir);
    });
    if (template && !existsSync(template)) {
      await database.close();
      await cp(path.join(work, "db"), template, { recursive: true });
      await rm(work, { recursive: true, force: true });
      process.exit(0);
    }
    const figures: Figure[] = [
      {
        id: "writes.import",
        label: `importPlans (${synthetic.indicatorCount} indicators × 12 years), fresh database`,
        value: Math.round(importMs),
        unit: "ms",
      },
    ];
    console.log(`  ${figures[0]!.label}: ${figures[0]!.value} ms`);
    const app = await startApp(createApp({ db: database.db }));
    try {
      for (const f of await benchWrites(database.db, app.url, synthetic.code)) {
        figures.push(f);
        console.log(`  ${f.label}: ${f.value} ${f.unit}`);
      }
    } finally {
      await app.close();
    }
    if (process.env.BENCH_NO_WRITE !== "1") await replaceFigures("writes.", figures);
  } finally {
    await database.close();
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
