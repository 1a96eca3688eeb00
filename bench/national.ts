/**
 * National scale on PostgreSQL: `shisaku demo national`'s invented municipalities (サンプル) and
 * shared indicator values, then sequential latency, uncached (every request a different
 * municipality, or the data version moved on before it), of
 *   - the public list API (/api/v1/shared-indicators) and the values API of one indicator,
 *     target p95 < 100 ms;
 *   - the comparisons: /compare/{shared} (ranked table and chart of a peer group) and
 *     /{code}/compare (every shared indicator against four peer groups), target p95 < 200 ms.
 *
 *   DATABASE_URL=postgres://…/scratch npx tsx bench/national.ts
 *   NATIONAL_MUNICIPALITIES=1741 NATIONAL_INDICATORS=500 NATIONAL_YEARS=10 (the defaults)
 *   NATIONAL_SKIP_GENERATE=1 measures the data already there.
 *
 * The database is changed: use a scratch database, never one with real data.
 */
import { createApp } from "../src/app.tsx";
import { ANY, changed } from "../src/core/changes.ts";
import { loadConfig } from "../src/core/config.ts";
import { openMigrated } from "../src/core/db/open.ts";
import { demoBodies, generateNationalDemo, NATIONAL_DEMO, progressBar } from "../src/peers/demo.ts";
import { percentile } from "./http.ts";
import { replaceFigures } from "./results.ts";

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const o = {
  ...NATIONAL_DEMO,
  municipalities: env("NATIONAL_MUNICIPALITIES", NATIONAL_DEMO.municipalities),
  indicators: env("NATIONAL_INDICATORS", NATIONAL_DEMO.indicators),
  years: env("NATIONAL_YEARS", NATIONAL_DEMO.years),
};
const REQUESTS = env("NATIONAL_REQUESTS", 60);

if (!process.env.DATABASE_URL) {
  console.error("bench/national.ts needs DATABASE_URL (a scratch PostgreSQL database)");
  process.exit(2);
}

const database = await openMigrated(loadConfig(), { holder: "command", command: "bench national" });
const db = database.db;
let generateMs = 0;
if (!process.env.NATIONAL_SKIP_GENERATE) {
  const t0 = performance.now();
  await generateNationalDemo(db, o, progressBar("指標"));
  generateMs = performance.now() - t0;
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
  console.log(`  ${label}: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms`);
  return { p50, p95 };
}

const code = (i: number) => codes[(i * 37) % codes.length]!;
console.log(
  `national: ${o.municipalities} municipalities × ${o.indicators} shared indicators × ${o.years} years`,
);
const list = await measure(
  "GET /api/v1/shared-indicators (uncached)",
  () => "/api/v1/shared-indicators",
  () => changed(db, [ANY]),
);
const values = await measure(
  "GET /api/v1/shared-indicators/{code}/values (peer group of a municipality)",
  (i) =>
    `/api/v1/shared-indicators/real-debt-service-ratio/values?peerGroup=${groups[i % 4]}&municipality=${code(i)}`,
);
const comparePage = await measure(
  "GET /compare/{shared} (ranked table + chart)",
  (i) => `/compare/real-debt-service-ratio?peerGroup=${groups[i % 4]}&municipality=${code(i)}`,
);
const municipalityPage = await measure(
  "GET /{code}/compare (every shared indicator)",
  (i) => `/${code(i)}/compare`,
);
await database.close();

const detail = {
  ...o,
  requests: REQUESTS,
  backend: "postgres",
  values: o.municipalities * o.indicators * o.years,
};
const round = (x: number) => Math.round(x * 10) / 10;
await replaceFigures("national.", [
  ...(generateMs
    ? [
        {
          id: "national.generate",
          label: `shisaku demo national (${detail.values} values)`,
          value: Math.round(generateMs / 1000),
          unit: "s",
          detail,
        },
      ]
    : []),
  {
    id: "national.api-list.p95",
    label: "shared indicators API list p95 (target < 100 ms)",
    value: round(list.p95),
    unit: "ms",
    detail,
  },
  {
    id: "national.api-values.p95",
    label: "shared indicator values API p95 (target < 100 ms)",
    value: round(values.p95),
    unit: "ms",
    detail,
  },
  {
    id: "national.compare-indicator.p95",
    label: "/compare/{shared} p95 (target < 200 ms)",
    value: round(comparePage.p95),
    unit: "ms",
    detail,
  },
  {
    id: "national.compare-municipality.p95",
    label: "/{code}/compare p95 (target < 200 ms)",
    value: round(municipalityPage.p95),
    unit: "ms",
    detail,
  },
]);
