/**
 * National scale on PostgreSQL: `shisaku demo national`'s invented municipalities (サンプル), each
 * a tenant with its own plan of 500 indicators and 10 fiscal years of actuals (8.7 million), and
 * the shared indicators' values; then sequential latency, uncached (every request a different
 * municipality, or the data version moved on before it), of
 *   - every public page type of one municipality (home, plan, measure, registry, an indicator
 *     linked to a shared one) and its API lists, target p95 < 100 ms;
 *   - the shared indicators' list API and the values API of one indicator, target p95 < 100 ms;
 *   - the comparisons: /compare/{shared} (ranked table and chart of a peer group) and
 *     /{code}/compare (every shared indicator against four peer groups), target p95 < 200 ms.
 * Each figure carries the load average of the machine when it was measured.
 *
 *   DATABASE_URL=postgres://…/scratch npx tsx bench/national.ts
 *   NATIONAL_MUNICIPALITIES=1741 NATIONAL_INDICATORS=500 NATIONAL_SHARED_INDICATORS=20
 *   NATIONAL_YEARS=10 (the defaults); NATIONAL_SKIP_GENERATE=1 measures the data already there.
 *
 * The database is changed: use a scratch database, never one with real data.
 */
import { readFile } from "node:fs/promises";
import { loadavg } from "node:os";
import { createApp } from "../src/app.tsx";
import { ANY, changed } from "../src/core/changes.ts";
import { loadConfig } from "../src/core/config.ts";
import { openMigrated } from "../src/core/db/open.ts";
import { demoBodies, generateNationalDemo, NATIONAL_DEMO, progressBar } from "../src/peers/demo.ts";
import { planShape, SAMPLE_PLAN } from "../src/peers/demo-plans.ts";
import { percentile } from "./http.ts";
import { type Figure, replaceFigures } from "./results.ts";

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const o = {
  ...NATIONAL_DEMO,
  municipalities: env("NATIONAL_MUNICIPALITIES", NATIONAL_DEMO.municipalities),
  indicators: env("NATIONAL_INDICATORS", NATIONAL_DEMO.indicators),
  sharedIndicators: env("NATIONAL_SHARED_INDICATORS", NATIONAL_DEMO.sharedIndicators),
  years: env("NATIONAL_YEARS", NATIONAL_DEMO.years),
};
const REQUESTS = env("NATIONAL_REQUESTS", 60);

if (!process.env.DATABASE_URL) {
  console.error("bench/national.ts needs DATABASE_URL (a scratch PostgreSQL database)");
  process.exit(2);
}

const database = await openMigrated(loadConfig(), { holder: "command", command: "bench national" });
const db = database.db;
const load = () => loadavg().map((x) => Math.round(x * 100) / 100);
let generateMs = 0;
let generateLoad: number[] = [];
if (!process.env.NATIONAL_SKIP_GENERATE) {
  const t0 = performance.now();
  await generateNationalDemo(db, o, {
    shared: progressBar("共通指標"),
    tenants: progressBar("団体の計画と実績値"),
  });
  generateMs = performance.now() - t0;
  generateLoad = load();
}
const app = createApp({ db });
const codes = demoBodies(o.municipalities).map((b) => b.code);
const groups = ["similar", "prefecture", "population", "all"];

async function measure(label: string, pathOf: (i: number) => string, before?: () => void) {
  // Warm-up: the modules, the chart library and the database's caches.
  for (let i = 0; i < 3; i++) await app.request(pathOf(REQUESTS + i));
  const ms: number[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    before?.();
    const t0 = performance.now();
    const res = await app.request(pathOf(i));
    await res.arrayBuffer();
    ms.push(performance.now() - t0);
    if (res.status !== 200) throw new Error(`${pathOf(i)}: ${res.status}`);
  }
  const p50 = percentile(ms, 50);
  const p95 = percentile(ms, 95);
  const loadAverage = load();
  console.log(
    `  ${label}: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (load ${loadAverage.join(", ")})`,
  );
  return { p50, p95, loadAverage };
}

const code = (i: number) => codes[(i * 37) % codes.length]!;
const { measures } = planShape(o.indicators);
const measure2 = (i: number) => `S-${String((i % measures) + 1).padStart(2, "0")}`;
console.log(
  `national: ${o.municipalities} municipalities × ${o.indicators} indicators × ${o.years} years; ${o.sharedIndicators} shared indicators`,
);
const detail = {
  ...o,
  requests: REQUESTS,
  backend: "postgres",
  actuals: o.municipalities * o.indicators * o.years,
  sharedValues: o.municipalities * o.sharedIndicators * o.years,
  /** Right after generating (pages never read, no VACUUM yet), or on data already there. */
  generatedInThisRun: !process.env.NATIONAL_SKIP_GENERATE,
};
const round = (x: number) => Math.round(x * 10) / 10;
const figures: Figure[] = [];
async function timed(
  id: string,
  label: string,
  target: number,
  pathOf: (i: number) => string,
  before?: () => void,
) {
  const r = await measure(label, pathOf, before);
  figures.push({
    id: `national.${id}.p95`,
    label: `${label} p95 (target < ${target} ms)`,
    value: round(r.p95),
    unit: "ms",
    target: { op: "<", value: target },
    detail: { ...detail, p50: round(r.p50), loadAverage: r.loadAverage },
  });
}

// A municipality's public pages and API lists (each request another municipality: uncached).
await timed("home", "GET /{code}/ (home)", 100, (i) => `/${code(i)}/`);
await timed("plan", "GET /{code}/plans/{plan}", 100, (i) => `/${code(i)}/plans/${SAMPLE_PLAN}`);
await timed(
  "measure",
  "GET /{code}/measures/{measure}",
  100,
  (i) => `/${code(i)}/measures/${measure2(i)}`,
);
await timed("registry", "GET /{code}/indicators (registry)", 100, (i) => `/${code(i)}/indicators`);
await timed(
  "indicator",
  "GET /{code}/indicators/{indicator} (linked: with the peer median)",
  100,
  (i) => `/${code(i)}/indicators/S-01-I001`,
);
await timed(
  "api-indicators",
  "GET /api/v1/municipalities/{code}/indicators",
  100,
  (i) => `/api/v1/municipalities/${code(i)}/indicators`,
);
await timed(
  "api-plans",
  "GET /api/v1/municipalities/{code}/plans",
  100,
  (i) => `/api/v1/municipalities/${code(i)}/plans`,
);
await timed(
  "api-municipalities",
  "GET /api/v1/municipalities (uncached)",
  100,
  () => "/api/v1/municipalities",
  () => changed(db, [ANY]),
);
// The national comparison.
await timed(
  "api-list",
  "GET /api/v1/shared-indicators (uncached)",
  100,
  () => "/api/v1/shared-indicators",
  () => changed(db, [ANY]),
);
await timed(
  "api-values",
  "GET /api/v1/shared-indicators/{code}/values?fiscalYear=&peerGroup=",
  100,
  (i) =>
    `/api/v1/shared-indicators/real-debt-service-ratio/values?fiscalYear=${o.lastYear - (i % o.years)}&peerGroup=${groups[i % 4]}&municipality=${code(i)}`,
);
await timed(
  "compare-indicator",
  "GET /compare/{shared} (ranked table + chart)",
  200,
  (i) => `/compare/real-debt-service-ratio?peerGroup=${groups[i % 4]}&municipality=${code(i)}`,
);
await timed(
  "compare-municipality",
  "GET /{code}/compare (every shared indicator)",
  200,
  (i) => `/${code(i)}/compare`,
);
await database.close();

// Measured on data already there: the figure of its generation is kept as it was.
const kept = generateMs
  ? []
  : (
      JSON.parse(await readFile(new URL("results.json", import.meta.url), "utf8")) as {
        figures: Figure[];
      }
    ).figures.filter((f) => f.id === "national.generate");
await replaceFigures("national.", [
  ...kept,
  ...(generateMs
    ? [
        {
          id: "national.generate",
          label: `shisaku demo national (${detail.actuals} actuals, ${detail.sharedValues} shared values)`,
          value: Math.round(generateMs / 1000),
          unit: "s",
          detail: { ...detail, loadAverage: generateLoad, generatedAt: new Date().toISOString() },
        },
      ]
    : []),
  ...figures,
]);
