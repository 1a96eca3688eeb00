/**
 * `npm run bench`: one run on this machine, printed as a table and written to
 * bench/results.json.
 *
 * 1. The indicator registry page (/082058/indicators, demo data) against a plain node:http
 *    server sending the same bytes with the same headers: requests/second of each, same client.
 * 2. A synthetic municipality of 2,000 indicators × 12 fiscal years of actuals, imported from
 *    plan files: import time (bench/plan-import.ts; `npx tsx bench/plan-import.ts` runs it
 *    alone), then sequential latency of the indicators API and registry page.
 * 3. Saving an actual while 16 editors of the synthetic municipality do the same, each on an
 *    indicator of its own section: staff form (session cookie + CSRF) and token API, p50/p95
 *    (`npx tsx bench/save-actual.ts` runs it alone, `--profile` lists one save's statements).
 * 4. Programs (事務事業): 800 programs × 5 fiscal years in the synthetic municipality; the list
 *    page with its roll-up by measure, a program page and the API list, warm and right after a
 *    data change, and the database statements one page costs.
 * 5. Spreadsheets: the synthetic municipality's actuals (2,000 rows × 12 fiscal years) exported
 *    as xlsx, read by ExcelJS alone, previewed as an import (ratio to ExcelJS's read), and an
 *    edited file of 200 changed cells applied as drafts; peak heap while previewing. The same
 *    preview of Ishioka's registry (the demo data) given 10 fiscal years of actuals (medians
 *    of 7 runs: the file is small).
 * 6. Start-up of `src/main.ts` on the data folder left by 1–5, until /healthz answers 200.
 * 7. Committed saves per second on a new embedded database, fsync off and on (bench/saves.ts;
 *    `npx tsx bench/saves.ts` runs this section alone).
 * 8. The open data catalogue's CKAN API: package_search and datastore_search of a 10,000-row
 *    resource, p50/p95 (bench/opendata.ts; `npx tsx bench/opendata.ts` runs it alone).
 * 9. Reads right after writes, run before 6 on the same server: the first API list and registry
 *    page after each publish, alone and while 16 editors save drafts, and after a letter; the
 *    process's resident memory (bench/writes.ts; `npx tsx bench/writes.ts` runs it alone).
 * 10. The resident memory of `npm start` serving the demo, after every public page type was
 *    served, on the embedded database and on PostgreSQL with DATABASE_URL (bench/memory.ts;
 *    `npx tsx bench/memory.ts` runs it alone).
 * 11. The public pages' throughput of `npm start` against a bare node:http server sending the
 *    same bytes, with `wrk -t1 -c32`, page by page (bench/wrk.ts; skipped when wrk is not
 *    installed; `npx tsx bench/wrk.ts` runs it alone).
 *
 * Servers listen on 127.0.0.1 only. The load client runs in a worker thread so that it does not
 * share the server's event loop. Everything is written under one temp folder, removed at the end.
 */
import { rmSync } from "node:fs";
import { mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createApp } from "../src/app.tsx";
import { changed } from "../src/core/changes.ts";
import { openPglite } from "../src/core/db/client.ts";
import { DEMO_MUNICIPALITY, ensureDemo } from "../src/demo/seed.ts";
import {
  fetchOnce,
  LoadClient,
  percentile,
  replayableHeaders,
  startApp,
  startStatic,
  timed,
} from "./http.ts";
import { benchMemory } from "./memory.ts";
import { benchOpenData, OPENDATA } from "./opendata.ts";
import { benchPlanImport } from "./plan-import.ts";
import { countingDb, PROGRAMS, seedPrograms } from "./programs.ts";
import { benchSaveActual, SAVE_ACTUAL } from "./save-actual.ts";
import { benchSaves, SAVES } from "./saves.ts";
import { benchSpreadsheets, fillYears } from "./spreadsheets.ts";
import { killChildren, measureStartup, type StartupRun } from "./startup.ts";
import { benchWrites } from "./writes.ts";
import { benchWrk } from "./wrk.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const RESULTS = path.join(ROOT, "bench", "results.json");

/**
 * Request counts are upper bounds: each phase also stops when its time budget (maxMs) is spent,
 * so that a slow build still finishes in about three minutes. The figures say how many requests
 * they are based on.
 */
const CONFIG = {
  throughput: {
    requests: 2000,
    concurrency: 16,
    warmup: 200,
    maxMs: 12_000,
    warmupMaxMs: 3_000,
    rounds: 2,
  },
  apiLatency: { requests: 300, warmup: 30, maxMs: 12_000, warmupMaxMs: 3_000 },
  pageLatency: { requests: 40, warmup: 5, maxMs: 12_000, warmupMaxMs: 3_000 },
  /** Per path (staff form, then API): requests over all editors, each editor one at a time. */
  saveActual: SAVE_ACTUAL,
  startupRuns: 3,
  /** Section 7, per kind of save and fsync setting. */
  saves: SAVES,
  opendata: OPENDATA,
};

interface Target {
  op: "<" | "<=" | ">=";
  value: number;
}

interface Figure {
  id: string;
  label: string;
  value: number;
  unit: string;
  target?: Target;
  pass?: boolean;
  detail?: Record<string, unknown>;
}

const figures: Figure[] = [];
const notes: string[] = [];

function record(f: Omit<Figure, "pass">) {
  const t = f.target;
  const pass = t
    ? t.op === "<"
      ? f.value < t.value
      : t.op === "<="
        ? f.value <= t.value
        : f.value >= t.value
    : undefined;
  figures.push({ ...f, pass });
  const target = f.target ? ` (target ${f.target.op} ${f.target.value} ${f.unit})` : "";
  console.log(`  ${f.label}: ${fmt(f.value)} ${f.unit}${target}`);
}

const fmt = (x: number) =>
  Number.isFinite(x)
    ? x >= 100
      ? x.toFixed(0)
      : x >= 10
        ? x.toFixed(1)
        : x.toFixed(2)
    : String(x);
const round2 = (x: number) => Math.round(x * 100) / 100;

/** The figures of one spreadsheet run (bench/spreadsheets.ts), under `prefix`. */
function recordSheets(prefix: string, sheets: Awaited<ReturnType<typeof benchSpreadsheets>>) {
  const detail = { fileBytes: sheets.fileBytes, rows: sheets.rows };
  record({
    id: `${prefix}.export`,
    label: `export actuals as xlsx (${sheets.rows} rows)`,
    value: Math.round(sheets.exportMs),
    unit: "ms",
    detail,
  });
  record({
    id: `${prefix}.excelRead`,
    label: "  ExcelJS's own read of that file",
    value: Math.round(sheets.excelReadMs),
    unit: "ms",
  });
  record({
    id: `${prefix}.preview`,
    label: "import preview of the same file (read + check)",
    value: Math.round(sheets.previewMs),
    unit: "ms",
  });
  record({
    id: `${prefix}.previewRatio`,
    label: "  preview / ExcelJS read",
    value: round2(sheets.previewMs / sheets.excelReadMs),
    unit: "×",
    target: { op: "<=", value: 2 },
  });
  record({
    id: `${prefix}.previewHeap`,
    label: "  peak heap growth while previewing",
    value: Math.round(sheets.previewHeap / 1024 / 1024),
    unit: "MiB",
  });
  if (sheets.changes)
    record({
      id: `${prefix}.apply`,
      label: `apply an edited file (${sheets.changes} changed cells → drafts, one transaction)`,
      value: Math.round(sheets.applyMs),
      unit: "ms",
    });
}
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;

/** The indicator count the API reports for a municipality. */
async function totalIndicators(base: string, code: string) {
  const r = await fetchOnce(`${base}/api/v1/municipalities/${code}/indicators?limit=1`);
  if (r.status !== 200) throw new Error(`indicators API answered ${r.status} for ${code}`);
  return (JSON.parse(r.body.toString()) as { total: number }).total;
}

function machine() {
  const cpus = os.cpus();
  return {
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    cores: cpus.length,
    availableParallelism: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
  };
}

/** Sequential latency of one URL, recorded as p50/p95/p99 figures. */
async function latencyFigures(
  client: LoadClient,
  url: string,
  id: string,
  label: string,
  cfg: (typeof CONFIG)["apiLatency"],
  p95Target?: number,
) {
  const r = await client.run({ mode: "latency", url, ...cfg });
  if (r.failed > 0) throw new Error(`${url}: ${r.failed} of ${r.samples.length} requests failed`);
  if (r.samples.length < cfg.requests)
    notes.push(
      `${label}: time budget of ${cfg.maxMs / 1000} s reached after ${r.samples.length} of ${cfg.requests} requests`,
    );
  const detail = {
    url: url.replace(/^http:\/\/[^/]+/, ""),
    requests: r.samples.length,
    warmup: cfg.warmup,
    responseBytes: r.bytes,
    mean: round2(r.samples.reduce((a, b) => a + b, 0) / r.samples.length),
    max: round2(Math.max(...r.samples)),
  };
  for (const p of [50, 95, 99]) {
    record({
      id: `${id}.p${p}`,
      label: `${label} p${p}`,
      value: round2(percentile(r.samples, p)),
      unit: "ms",
      target: p === 95 && p95Target !== undefined ? { op: "<", value: p95Target } : undefined,
      detail: p === 50 ? detail : undefined,
    });
  }
  console.log(
    `    (${r.samples.length} requests, ${kib(r.bytes)} per response, mean ${fmt(detail.mean)} ms)`,
  );
}

async function main() {
  const benchStarted = performance.now();
  const work = await mkdtemp(path.join(os.tmpdir(), "shisaku-bench-"));
  // Interrupted: stop child servers (they run in their own process groups), remove the temp folder.
  for (const sig of ["SIGINT", "SIGTERM"] as const) {
    process.once(sig, () => {
      killChildren();
      rmSync(work, { recursive: true, force: true });
      process.exit(130);
    });
  }
  const dataDir = path.join(work, "data");
  const client = new LoadClient();
  let database: Awaited<ReturnType<typeof openPglite>> | undefined;
  const servers: { close(): Promise<void> }[] = [];
  try {
    // ── Setup: a fresh embedded database with the demo ────────────────────────────────────
    console.log(
      `Shisaku bench — ${machine().cpuModel}, ${machine().cores} cores, node ${process.version}`,
    );
    console.log("\n[setup] fresh embedded database, migrate + demo");
    const [opened, openMs] = await timed(() => openPglite(path.join(dataDir, "db")));
    database = opened;
    const [, migrateMs] = await timed(() => opened.migrate());
    const [, demoMs] = await timed(() => ensureDemo(opened.db));
    record({
      id: "setup.openFresh",
      label: "open a new embedded database (initdb)",
      value: Math.round(openMs),
      unit: "ms",
    });
    record({
      id: "setup.migrate",
      label: "migrate (fresh)",
      value: Math.round(migrateMs),
      unit: "ms",
    });
    record({
      id: "setup.demo",
      label: "ensureDemo (Ishioka)",
      value: Math.round(demoMs),
      unit: "ms",
    });
    const app = await startApp(createApp({ db: opened.db }));
    servers.push(app);

    // ── 1. Registry page vs a static server of the same bytes ─────────────────────────────
    console.log(`\n[1] /${DEMO_MUNICIPALITY}/indicators vs static bytes`);
    const pagePath = `/${DEMO_MUNICIPALITY}/indicators`;
    const page = await fetchOnce(`${app.url}${pagePath}`);
    if (page.status !== 200) throw new Error(`${pagePath} answered ${page.status}`);
    const demoCount = await totalIndicators(app.url, DEMO_MUNICIPALITY);
    const headers = replayableHeaders(page.headers, page.body.length);
    const stat = await startStatic(page.body, headers);
    servers.push(stat);
    const copy = await fetchOnce(`${stat.url}${pagePath}`);
    if (!copy.body.equals(page.body)) throw new Error("static server does not send the same bytes");
    const t = CONFIG.throughput;
    const rps = { app: [] as number[], static: [] as number[] };
    const counts = { app: [] as number[], static: [] as number[] };
    for (let round = 0; round < t.rounds; round++) {
      for (const [name, server] of [
        ["app", app],
        ["static", stat],
      ] as const) {
        const r = await client.run({
          mode: "throughput",
          url: `${server.url}${pagePath}`,
          ...t,
          warmup: round === 0 ? t.warmup : 0,
        });
        if (r.failed > 0 || r.bytes !== r.ok * page.body.length)
          throw new Error(`${name}: ${r.failed} failed requests, ${r.bytes} bytes`);
        rps[name].push((r.ok / r.elapsedMs) * 1000);
        counts[name].push(r.ok);
        if (r.ok < t.requests)
          notes.push(
            `${name} ${pagePath} round ${round + 1}: time budget of ${t.maxMs / 1000} s reached after ${r.ok} of ${t.requests} requests`,
          );
      }
    }
    const appRps = Math.max(...rps.app);
    const staticRps = Math.max(...rps.static);
    const loadDetail = {
      url: pagePath,
      responseBytes: page.body.length,
      indicators: demoCount,
      concurrency: t.concurrency,
      rounds: t.rounds,
      requestLimitPerRound: t.requests,
      timeBudgetPerRoundMs: t.maxMs,
      warmup: t.warmup,
      rpsPerRound: { app: rps.app.map(Math.round), static: rps.static.map(Math.round) },
      requestsPerRound: counts,
      headers,
    };
    console.log(
      `    (${kib(page.body.length)} per response, best of ${t.rounds} rounds at concurrency ${t.concurrency}; requests per round app ${counts.app.join("/")}, static ${counts.static.join("/")})`,
    );
    record({
      id: "registryPage.app.rps",
      label: `app: registry page (${demoCount} indicators)`,
      value: Math.round(appRps),
      unit: "req/s",
      detail: loadDetail,
    });
    record({
      id: "registryPage.static.rps",
      label: "static server, same bytes",
      value: Math.round(staticRps),
      unit: "req/s",
    });
    record({
      id: "registryPage.ratio",
      label: "ratio app / static",
      value: round2(appRps / staticRps),
      unit: "×",
      target: { op: ">=", value: 0.5 },
    });

    // ── 2. Synthetic municipality: 2,000 indicators × 12 years ────────────────────────────
    console.log("\n[2] synthetic municipality, 2,000 indicators × 12 fiscal years");
    const imported = await benchPlanImport(opened, work);
    const synthetic = imported.synthetic;
    for (const f of imported.figures) record(f);

    const api = `${app.url}/api/v1/municipalities/${synthetic.code}/indicators`;
    const total = await totalIndicators(app.url, synthetic.code);
    if (total !== synthetic.indicatorCount) throw new Error(`API total ${total}`);
    const a = CONFIG.apiLatency;
    await latencyFigures(client, api, "api.list", "GET …/indicators (limit 100)", a, 20);
    await latencyFigures(
      client,
      `${api}?limit=1000`,
      "api.list1000",
      "GET …/indicators?limit=1000",
      a,
    );
    await latencyFigures(
      client,
      `${api}/${synthetic.sampleIndicator}`,
      "api.one",
      `GET …/indicators/${synthetic.sampleIndicator}`,
      a,
    );
    await latencyFigures(
      client,
      `${app.url}/${synthetic.code}/indicators`,
      "page.registry2000",
      `page /${synthetic.code}/indicators (2,000 rows)`,
      CONFIG.pageLatency,
    );

    // The figures above are served from the response cache once warm. The first request
    // after a change of the municipality's data recomputes the registry: measure that too.
    const cold: number[] = [];
    for (let i = 0; i < 15; i++) {
      changed(opened.db, [synthetic.code]);
      const [r, ms] = await timed(() => fetchOnce(api));
      if (r.status !== 200) throw new Error(`cold API request answered ${r.status}`);
      cold.push(ms);
    }
    for (const p of [50, 95]) {
      record({
        id: `api.list.cold.p${p}`,
        label: `GET …/indicators right after a data change p${p}`,
        value: round2(percentile(cold, p)),
        unit: "ms",
        detail:
          p === 50
            ? { requests: cold.length, note: "registry of 2,000 indicators recomputed" }
            : undefined,
      });
    }
    console.log(`  first request after a data change p50: ${fmt(percentile(cold, 50))} ms`);

    // ── 3. Saving an actual, 16 editors at once ───────────────────────────────────────────
    const sa = CONFIG.saveActual;
    console.log(`\n[3] saving an actual, ${sa.editors} editors at once (staff form, then API)`);
    const saves = await benchSaveActual(opened.db, app.url, synthetic.code, sa);
    console.log(
      `    (${sa.editors} editor accounts signed in, one indicator each, ${saves.fiscalYear} fiscal year, in ${fmt(saves.setupMs)} ms)`,
    );
    const saveLabels = {
      form: "save an actual, staff form POST → 303",
      api: "save an actual, API PUT → 200",
    } as const;
    const saveMeasures = {
      form: "POST …/manage/indicators/{indicator}/actuals/{fy} with session cookie, _csrf and Origin, to the 303 (not followed)",
      api: "PUT /api/v1/…/actuals/{fy} with a Bearer token, to the 200 JSON",
    } as const;
    for (const r of saves.runs) {
      if (r.samples.length < sa.requests)
        notes.push(
          `${saveLabels[r.kind]}: time budget of ${sa.maxMs / 1000} s reached after ${r.samples.length} of ${sa.requests} requests`,
        );
      const detail = {
        measures: saveMeasures[r.kind],
        concurrency: sa.editors,
        requests: r.samples.length,
        warmup: r.warmedUp,
        fiscalYear: saves.fiscalYear,
        mean: round2(r.samples.reduce((a, b) => a + b, 0) / r.samples.length),
        max: round2(Math.max(...r.samples)),
        editors: r.kind === "form" ? saves.editors : undefined,
      };
      for (const p of [50, 95]) {
        record({
          id: `saveActual.${r.kind}.p${p}`,
          label: `${saveLabels[r.kind]}, ${sa.editors} editors, p${p}`,
          value: round2(percentile(r.samples, p)),
          unit: "ms",
          target: p === 95 ? { op: "<", value: 100 } : undefined,
          detail: p === 50 ? detail : undefined,
        });
      }
      record({
        id: `saveActual.${r.kind}.rps`,
        label: `  saves per second (${r.samples.length} saves)`,
        value: Math.round((r.samples.length / r.elapsedMs) * 1000),
        unit: "req/s",
      });
    }

    // ── 4. Programs: 800 × 5 years ────────────────────────────────────────────────────────
    console.log(
      `\n[4] programs: ${PROGRAMS.count} programs × ${PROGRAMS.years.length} fiscal years`,
    );
    const [sampleProgram, seedMs] = await timed(() => seedPrograms(opened.db, synthetic.code));
    console.log(`    (written in ${fmt(seedMs)} ms)`);
    const programsPage = `/${synthetic.code}/programs`;
    const programsApi = `/api/v1/municipalities/${synthetic.code}/programs`;
    const programPages = [
      {
        path: programsPage,
        id: "programs.page",
        label: `page ${programsPage} (800 programs, roll-up by measure)`,
      },
      {
        path: `${programsPage}/${sampleProgram}`,
        id: "programs.one",
        label: "page of one program (5 years)",
      },
      { path: programsApi, id: "programs.api", label: "GET …/programs (limit 100)" },
    ];
    for (const p of programPages)
      await latencyFigures(client, `${app.url}${p.path}`, p.id, p.label, CONFIG.pageLatency);
    const coldPage: number[] = [];
    for (let i = 0; i < 10; i++) {
      changed(opened.db, [synthetic.code]);
      const [r, ms] = await timed(() => fetchOnce(`${app.url}${programsPage}`));
      if (r.status !== 200) throw new Error(`cold programs page answered ${r.status}`);
      coldPage.push(ms);
    }
    for (const p of [50, 95])
      record({
        id: `programs.page.cold.p${p}`,
        label: `page ${programsPage} right after a data change p${p}`,
        value: round2(percentile(coldPage, p)),
        unit: "ms",
      });
    // Statements per page, on a second app whose database handle counts them.
    const counting = countingDb(opened);
    const countingApp = await startApp(createApp({ db: counting.db }));
    servers.push(countingApp);
    for (const p of programPages) {
      changed(counting.db, [synthetic.code]);
      counting.take();
      const cold = await fetchOnce(`${countingApp.url}${p.path}`);
      if (cold.status !== 200) throw new Error(`${p.path} answered ${cold.status}`);
      const coldQueries = counting.take();
      await fetchOnce(`${countingApp.url}${p.path}`);
      const warmQueries = counting.take();
      record({
        id: `${p.id}.queries`,
        label: `  database statements: cold ${coldQueries}, warm`,
        value: warmQueries,
        unit: "stmts",
        detail: { cold: coldQueries, warm: warmQueries, programs: PROGRAMS.count },
      });
    }

    // ── 5. Spreadsheets ───────────────────────────────────────────────────────────────────
    console.log("\n[5] spreadsheets: actuals of 2,000 indicators × 12 fiscal years as xlsx");
    recordSheets("sheets", await benchSpreadsheets(opened.db, synthetic.code, 200));
    console.log(
      `\n[5b] spreadsheets: Ishioka's registry (demo data) with 10 fiscal years of actuals`,
    );
    await fillYears(opened.db, DEMO_MUNICIPALITY, 10);
    recordSheets("sheets.ishioka", await benchSpreadsheets(opened.db, DEMO_MUNICIPALITY, 0, 7));

    // ── 9. Reads right after writes (publishes, editors saving, a letter) ─────────────────
    console.log("\n[9] reads right after writes on the synthetic municipality");
    for (const f of await benchWrites(opened.db, app.url, synthetic.code)) record(f);

    // ── 6. Start-up on the existing data folder ───────────────────────────────────────────
    for (const s of servers.splice(0)) await s.close();
    await database!.close();
    database = undefined;
    console.log("\n[6] start-up on the existing data folder (spawn to /healthz 200)");
    const verify = async (base: string) => {
      const seen = await totalIndicators(base, synthetic.code);
      if (seen !== synthetic.indicatorCount) throw new Error(`child sees ${seen} indicators`);
    };
    // The first start after a source change rebuilds the start-up bundle; it is measured apart.
    const rebuild = await measureStartup(process.execPath, ["bin/start.mjs"], {
      cwd: ROOT,
      dataDir,
      check: verify,
      before: () => rm(path.join(ROOT, ".cache", "server"), { recursive: true, force: true }),
    });
    const startups: { name: string; command: string; args: string[]; runs: StartupRun[] }[] = [
      { name: "node bin/start.mjs", command: process.execPath, args: ["bin/start.mjs"], runs: [] },
      { name: "npm start", command: "npm", args: ["start", "--silent"], runs: [] },
    ];
    for (let i = 0; i < CONFIG.startupRuns; i++)
      for (const s of startups)
        s.runs.push(await measureStartup(s.command, s.args, { cwd: ROOT, dataDir }));
    const [direct, viaNpm] = startups as [(typeof startups)[0], (typeof startups)[0]];
    const selfReported = direct.runs.map((r) => r.selfReportedMs).filter((x) => x !== null);
    record({
      id: "startup.direct.median",
      label: `start-up, ${direct.name} (median of ${CONFIG.startupRuns})`,
      value: Math.round(median(direct.runs.map((r) => r.ms))),
      unit: "ms",
      target: { op: "<", value: 2000 },
      detail: { runs: direct.runs.map((r) => Math.round(r.ms)), selfReportedReadyMs: selfReported },
    });
    if (selfReported.length)
      record({
        id: "startup.selfReported.median",
        label: '  of which main.ts\'s own "ready in" (median)',
        value: median(selfReported),
        unit: "ms",
      });
    record({
      id: "startup.npmStart.median",
      label: `start-up, ${viaNpm.name} (median of ${CONFIG.startupRuns})`,
      value: Math.round(median(viaNpm.runs.map((r) => r.ms))),
      unit: "ms",
      target: { op: "<", value: 2000 },
      detail: { runs: viaNpm.runs.map((r) => Math.round(r.ms)) },
    });
    record({
      id: "startup.afterSourceChange",
      label: "start-up right after a source change (bundle rebuilt)",
      value: Math.round(rebuild.ms),
      unit: "ms",
    });

    // ── 7. Committed saves per second, fsync off and on ───────────────────────────────────
    console.log("\n[7] committed saves per second on the embedded database, fsync off and on");
    for (const f of await benchSaves(work)) record(f);

    // ── 8. The open data catalogue's CKAN API ─────────────────────────────────────────────
    console.log("\n[8] the open data catalogue's CKAN API on the embedded database");
    for (const f of await benchOpenData(work)) record(f);

    // ── 10. Resident memory of npm start serving the demo ─────────────────────────────────
    console.log("\n[10] resident memory of npm start serving the demo municipality");
    for (const f of await benchMemory()) record(f);

    // ── 11. Public pages with wrk: npm start against a bare node:http server ──────────────
    console.log("\n[11] public pages with wrk: npm start against a bare node:http server");
    for (const f of await benchWrk()) record(f);

    // ── Report ────────────────────────────────────────────────────────────────────────────
    const totalSeconds = (performance.now() - benchStarted) / 1000;
    printTable();
    for (const n of notes) console.log(`note: ${n}`);
    console.log(`\nbench took ${totalSeconds.toFixed(1)} s`);
    const out = {
      machine: machine(),
      date: new Date().toISOString(),
      config: CONFIG,
      durationSeconds: round2(totalSeconds),
      figures,
      notes,
    };
    await writeFile(`${RESULTS}.tmp`, `${formatJson(out)}\n`);
    await rename(`${RESULTS}.tmp`, RESULTS);
    console.log(`wrote ${path.relative(process.cwd(), RESULTS)}`);
    // Targets are reported, not enforced, unless BENCH_STRICT=1 (e.g. in CI on a quiet machine).
    if (process.env.BENCH_STRICT === "1" && figures.some((f) => f.pass === false))
      process.exitCode = 1;
  } finally {
    for (const s of servers) await s.close().catch(() => {});
    await database?.close().catch(() => {});
    await client.close();
    await rm(work, { recursive: true, force: true });
  }
}

/**
 * JSON as Biome formats it (objects expanded, arrays of scalars on one line when they fit in
 * 100 columns), so that `npm run lint` stays clean after a bench run.
 */
function formatJson(value: unknown, indent = 0, lead = 0): string {
  const pad = " ".repeat(indent + 2);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    if (value.every((v) => v === null || typeof v !== "object")) {
      const inline = `[${value.map((v) => JSON.stringify(v)).join(", ")}]`;
      if (lead + inline.length + 1 <= 100) return inline;
    }
    const items = value.map((v) => pad + formatJson(v, indent + 2, pad.length));
    return `[\n${items.join(",\n")}\n${" ".repeat(indent)}]`;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return "{}";
    const items = entries.map(([k, v]) => {
      const key = `${pad}${JSON.stringify(k)}: `;
      return key + formatJson(v, indent + 2, key.length);
    });
    return `{\n${items.join(",\n")}\n${" ".repeat(indent)}}`;
  }
  return JSON.stringify(value);
}

function printTable() {
  const rows = figures.map((f) => [
    f.label,
    `${fmt(f.value)} ${f.unit}`,
    f.target ? `${f.target.op} ${f.target.value} ${f.unit}` : "",
    f.pass === undefined ? "" : f.pass ? "ok" : "MISSED",
  ]);
  const head = ["measure", "value", "target", ""];
  // East Asian characters take two columns in a terminal.
  const width = (s: string) =>
    [...s].reduce((n, ch) => n + (/[\u3000-\uffff]/.test(ch) ? 2 : 1), 0);
  const widths = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i]!))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) =>
        i === 1 ? " ".repeat(widths[i]! - width(c)) + c : c + " ".repeat(widths[i]! - width(c)),
      )
      .join("  ");
  console.log(`\n${line(head)}\n${widths.map((w) => "─".repeat(w)).join("  ")}`);
  for (const r of rows) console.log(line(r));
}

await main();
