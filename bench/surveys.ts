/**
 * Bench: a survey's public results page and results API with 5,000 answers, after the first
 * computation (later requests reuse the computed results and charts; the page cache is left out
 * by sending a cookie, so each request renders the page). `npx tsx bench/surveys.ts`.
 */
import { performance } from "node:perf_hooks";
import { createApp } from "../src/app.tsx";
import { openPglite } from "../src/core/db/client.ts";
import { withTenant } from "../src/core/db/tenant.ts";
import { DEMO_MUNICIPALITY, ensureDemo } from "../src/demo/seed.ts";
import { loadSampleSurvey } from "../src/surveys/index.ts";
import { percentile } from "./http.ts";

const database = await openPglite();
await database.migrate();
await ensureDemo(database.db);
await loadSampleSurvey(database.db, DEMO_MUNICIPALITY, { sampled: 10000, answers: 5000 });
const r = (await withTenant(database.db, DEMO_MUNICIPALITY, (tx) =>
  tx.execute("select max(id) as id from surveys"),
)) as unknown as { rows: { id: number }[] };
const id = r.rows[0]!.id;
const app = createApp({ db: database.db });
const headers = { cookie: "bench=1" };
for (const path of [
  `/${DEMO_MUNICIPALITY}/surveys/${id}/results`,
  `/api/v1/municipalities/${DEMO_MUNICIPALITY}/surveys/${id}/results`,
]) {
  let t = performance.now();
  const first = await app.request(path, { headers });
  if (first.status !== 200) throw new Error(`${path}: ${first.status}`);
  await first.text();
  const firstMs = performance.now() - t;
  const times: number[] = [];
  for (let i = 0; i < 100; i++) {
    t = performance.now();
    await (await app.request(path, { headers })).text();
    times.push(performance.now() - t);
  }
  console.log(
    `${path}: first ${firstMs.toFixed(0)} ms, then p50 ${percentile(times, 50).toFixed(1)} ms, p95 ${percentile(times, 95).toFixed(1)} ms (5,000 answers)`,
  );
}
await database.close();
