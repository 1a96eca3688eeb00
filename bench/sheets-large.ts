/**
 * `npx tsx bench/sheets-large.ts`: the spreadsheet import at its row limit, on its own (the rest
 * of `npm run bench` takes minutes). A synthetic municipality of 20,000 indicators (2 fiscal
 * years of actuals) exports its actuals as CSV and xlsx — 20,000 data rows, the default limit —
 * and each file is previewed twice: alone (timed), then while a client in a worker thread asks
 * the same process's /healthz one request after another, to show that the server stays
 * responsive during a large preview. The figures replace the `sheets.large.*` entries of
 * bench/results.json.
 *
 * `npx tsx bench/sheets-large.ts --rows 5000 [--tag before]`: the same with fewer rows (quick to
 * seed), CSV only, for comparing the server's responsiveness during a preview before and after a
 * change; its figures replace the `sheets.quick.<tag>.*` entries.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Principal } from "../src/accounts/rules.ts";
import { createApp } from "../src/app.tsx";
import { SYSTEM_ACTOR } from "../src/core/audit.ts";
import { openPglite } from "../src/core/db/client.ts";
import { importPlans } from "../src/plan/plan-import.ts";
import type { ExportFormat } from "../src/spreadsheets/files.ts";
import {
  applyImport,
  datasetNamed,
  exportDataset,
  previewImport,
} from "../src/spreadsheets/import.ts";
import { LoadClient, percentile, startApp, timed } from "./http.ts";
import { type Figure, replaceFigures } from "./results.ts";
import { excelRead } from "./spreadsheets.ts";
import { DEFAULT_SYNTHETIC, writeSynthetic } from "./synthetic.ts";

const PLANNER: Principal = {
  userId: 0,
  email: "bench@localhost",
  role: "planner",
  sectionCodes: [],
};

const figures: Figure[] = [];
const record = (f: Figure) => {
  figures.push(f);
  console.log(`  ${f.label}: ${f.value} ${f.unit}`);
};
const round1 = (x: number) => Math.round(x * 10) / 10;
const arg = (name: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const quickRows = Number(arg("rows")) || 0;
const PREFIX = quickRows ? `sheets.quick.${arg("tag") ?? quickRows}.` : "sheets.large.";
const MEASURES = DEFAULT_SYNTHETIC.measures;

let appUrl = "";
const work = await mkdtemp(path.join(os.tmpdir(), "shisaku-sheets-large-"));
const client = new LoadClient();
const opened = await openPglite(path.join(work, "db"));
try {
  await opened.migrate();
  const synthetic = await writeSynthetic(path.join(work, "synthetic"), {
    ...DEFAULT_SYNTHETIC,
    indicatorsPerMeasure: quickRows ? Math.ceil(quickRows / MEASURES) : 2000,
    firstYear: 2024,
    lastYear: 2025,
  });
  console.log(`[setup] ${synthetic.indicatorCount} indicators`);
  const [, importMs] = await timed(() => importPlans(opened.db, synthetic.dir));
  console.log(`  importPlans: ${Math.round(importMs)} ms`);
  const app = await startApp(createApp({ db: opened.db }));
  appUrl = app.url;
  const ds = datasetNamed("actuals");
  const mc = synthetic.code;
  // The client's worker loads and opens its connection first, so that its samples fall within
  // the preview they are taken during.
  await client.run({
    mode: "latency",
    url: `${app.url}/healthz`,
    requests: 200,
    warmup: 0,
    warmupMaxMs: 0,
    maxMs: 500,
  });

  for (const format of (quickRows ? ["csv"] : ["csv", "xlsx"]) as ExportFormat[]) {
    console.log(`\n[${PREFIX}] ${format}`);
    const [bytes, exportMs] = await timed(() =>
      exportDataset(db(), mc, ds, format, { drafts: true }),
    );
    const upload = { fileName: `actuals.${format === "xlsx" ? "xlsx" : "csv"}`, bytes, format };
    const [alone, previewMs] = await timed(() => previewImport(db(), mc, ds, upload, PLANNER));
    if (alone.errors.length || alone.changes.length)
      throw new Error(`unchanged file: ${alone.errors[0]?.message ?? "changes"}`);
    const detail = { rows: alone.rows, fileBytes: bytes.length };
    record({
      id: `${PREFIX}${format}.export`,
      label: `export ${alone.rows} rows as ${format}`,
      value: Math.round(exportMs),
      unit: "ms",
      detail,
    });
    record({
      id: `${PREFIX}${format}.preview`,
      label: `preview of that file (read + check), nothing else running`,
      value: Math.round(previewMs),
      unit: "ms",
      detail,
    });
    if (format === "xlsx") {
      const [, excelReadMs] = await timed(() => excelRead(bytes));
      record({
        id: `${PREFIX}${format}.excelRead`,
        label: "  ExcelJS's own read of that file",
        value: Math.round(excelReadMs),
        unit: "ms",
      });
      record({
        id: `${PREFIX}${format}.previewRatio`,
        label: "  preview / ExcelJS read",
        value: Math.round((previewMs / excelReadMs) * 100) / 100,
        unit: "×",
        detail: { target: "<= 2" },
      });
    }
    // The same preview again, while /healthz is asked one request after another.
    await whilePinged(`${PREFIX}${format}`, "the preview", 600_000, () =>
      previewImport(db(), mc, ds, upload, PLANNER),
    );
    if (format !== "csv") continue;
    // Applying a file that changes one year of every row: all-or-nothing in one transaction.
    const edited = editLastYear(bytes);
    const changed = { ...upload, fileName: "actuals-edited.csv", bytes: edited };
    const preview = await previewImport(db(), mc, ds, changed, PLANNER);
    if (preview.errors.length) throw new Error(`edited file: ${preview.errors[0]!.message}`);
    const confirmation = { sha256: preview.sha256, digest: preview.digest, reason: "ベンチマーク" };
    const [, applyMs] = await whilePinged(`${PREFIX}${format}.apply`, "the apply", 600_000, () =>
      applyImport(db(), mc, ds, changed, PLANNER, SYSTEM_ACTOR, confirmation),
    );
    record({
      id: `${PREFIX}${format}.apply`,
      label: `apply an edited file: ${preview.changes.length} changed cells → drafts, one transaction`,
      value: Math.round(applyMs),
      unit: "ms",
      detail: { rows: preview.rows, cells: preview.changes.length },
    });
  }
  await app.close();

  await replaceFigures(PREFIX, figures);
} finally {
  await client.close();
  await opened.close();
  await rm(work, { recursive: true, force: true });
}

function db() {
  return opened.db;
}

/**
 * Runs `f` while a client in a worker thread asks /healthz one request after another, and
 * records the latencies it saw (p50, p95, slowest). Returns f's result and its time.
 */
async function whilePinged<T>(
  id: string,
  what: string,
  maxMs: number,
  f: () => Promise<T>,
): Promise<[T, number]> {
  const stop = new SharedArrayBuffer(4);
  const pings = client.run({
    mode: "latency",
    url: `${appUrl}/healthz`,
    requests: 1_000_000,
    warmup: 0,
    warmupMaxMs: 0,
    maxMs,
    stop,
  });
  const [result, ms] = await timed(f);
  Atomics.store(new Int32Array(stop), 0, 1);
  // A connection reset (the server closed an idle keep-alive socket while blocked) is a
  // result too: it is recorded, not fatal.
  const pinged = await pings.then(
    (r) => r,
    (e: Error) => e,
  );
  if (pinged instanceof Error) {
    record({
      id: `${id}.healthz.failed`,
      label: `  /healthz client failed during ${what}`,
      value: 1,
      unit: "run",
      detail: { error: pinged.message.split("\n")[0] },
    });
    return [result, ms];
  }
  const { samples, failed } = pinged;
  if (failed) throw new Error(`${failed} /healthz requests failed`);
  const during = { samples: samples.length, ms: Math.round(ms) };
  for (const p of [50, 95])
    record({
      id: `${id}.healthz.p${p}`,
      label: `  /healthz during ${what} p${p}`,
      value: round1(percentile(samples, p)),
      unit: "ms",
      detail: during,
    });
  record({
    id: `${id}.healthz.max`,
    label: `  /healthz during ${what}, slowest`,
    value: round1(Math.max(...samples)),
    unit: "ms",
    detail: during,
  });
  return [result, ms];
}

/** The CSV with every row's last fiscal year's value raised by one. */
function editLastYear(bytes: Uint8Array): Uint8Array {
  const lines = new TextDecoder().decode(bytes).split("\r\n");
  const edited = lines.map((line, i) => {
    if (i === 0 || line === "") return line;
    const cells = line.split(",");
    const last = cells.length - 1;
    const value = Number(cells[last]!.replaceAll('"', ""));
    if (cells[last] !== "" && Number.isFinite(value)) cells[last] = String(value + 1);
    return cells.join(",");
  });
  return new TextEncoder().encode(edited.join("\r\n"));
}
