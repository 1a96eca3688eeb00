/**
 * Bench: a survey's public results page and results API with 5,000 answers, after the first
 * computation (later requests reuse the computed results and charts; the page cache is left out
 * by sending a cookie, so each request renders the page). Then 5,000 paper forms imported from
 * an xlsx filled in the survey's template: the preview and the apply (target < 3 s together).
 * `npx tsx bench/surveys.ts`.
 */
import { performance } from "node:perf_hooks";
import ExcelJS from "exceljs";
import type { Principal } from "../src/accounts/index.ts";
import { createApp } from "../src/app.tsx";
import { SYSTEM_ACTOR } from "../src/core/audit.ts";
import { openPglite } from "../src/core/db/client.ts";
import { withTenant } from "../src/core/db/tenant.ts";
import { DEMO_MUNICIPALITY, ensureDemo } from "../src/demo/seed.ts";
import {
  applyImport,
  exportDataset,
  previewImport,
  resolveDataset,
} from "../src/spreadsheets/import.ts";
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

// 5,000 paper forms from xlsx: the template filled with the unanswered codes, previewed, applied.
const rows = (await withTenant(database.db, DEMO_MUNICIPALITY, async (tx) => {
  await tx.execute(`update surveys set status = 'open' where id = ${id}`);
  return tx.execute(
    `select code, (select id from users order by id limit 1) as user_id from survey_responses
      where survey_id = ${id} and not submitted order by id limit 5000`,
  );
})) as unknown as { rows: { code: string; user_id: number }[] };
const who: Principal = {
  userId: rows.rows[0]!.user_id,
  email: "bench@localhost",
  role: "editor",
  sectionCodes: [],
};
const ds = await resolveDataset(database.db, DEMO_MUNICIPALITY, `survey-answers/${id}`);
const template = await exportDataset(
  database.db,
  DEMO_MUNICIPALITY,
  ds,
  "xlsx",
  { drafts: true },
  true,
);
const wb = new ExcelJS.Workbook();
await wb.xlsx.load(Buffer.from(template) as unknown as ExcelJS.Buffer);
const ws = wb.getWorksheet("紙の調査票")!;
const TEXTS = ["手続きに時間がかかる", "変わったと感じることがない", "情報が届かない"];
rows.rows.forEach((r, i) => {
  // 問1 by number (4, 5 ask 問4), 問2 by number or wording, 問3 several, 問5 a number.
  const q1 = (i % 5) + 1;
  ws.addRow([
    r.code,
    q1,
    i % 2 ? "満足している" : 3,
    i % 3 ? "1;3" : null,
    q1 >= 4 && i % 2 ? TEXTS[i % 3]! : null,
    i % 40,
  ]);
});
const bytes = new Uint8Array(await wb.xlsx.writeBuffer());
const upload = { fileName: "紙の調査票.xlsx", bytes, format: "xlsx" as const };
let t0 = performance.now();
const preview = await previewImport(database.db, DEMO_MUNICIPALITY, ds, upload, who);
const previewMs = performance.now() - t0;
if (preview.errors.length) throw new Error(`paper forms: ${JSON.stringify(preview.errors[0])}`);
t0 = performance.now();
const applied = await applyImport(database.db, DEMO_MUNICIPALITY, ds, upload, who, SYSTEM_ACTOR, {
  sha256: preview.sha256,
  digest: preview.digest,
  reason: null,
});
const applyMs = performance.now() - t0;
if (applied.status !== "applied") throw new Error(`paper forms: ${applied.status}`);
console.log(
  `5,000 paper forms from xlsx (${(bytes.length / 1024).toFixed(0)} KB): preview ${previewMs.toFixed(0)} ms + apply ${applyMs.toFixed(0)} ms = ${(previewMs + applyMs).toFixed(0)} ms (target < 3,000 ms)`,
);
await database.close();
