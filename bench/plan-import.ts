/**
 * Bench section: importing a plan of 2,000 indicators × 12 fiscal years (the synthetic
 * municipality, bench/synthetic.ts) into the embedded database: reading and validating the files
 * alone, the whole first import, and importing the same files again (nothing changes, nothing is
 * written), with the database statements each import costs.
 *
 * `npm run bench` runs it as its section 2 (on its own database, which later sections use).
 * `npx tsx bench/plan-import.ts` runs it alone on a new embedded database (durable commits, as
 * the command runs) and replaces the `import.*` entries of bench/results.json.
 */
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { changed } from "../src/core/changes.ts";
import { type Database, openPglite } from "../src/core/db/client.ts";
import { importPlans, readPlanFiles } from "../src/plan/plan-import.ts";
import { timed } from "./http.ts";
import { countingDb } from "./programs.ts";
import { type Figure, replaceFigures } from "./results.ts";
import { writeSynthetic } from "./synthetic.ts";

/** Import time to stay under (issue: set-based writes). */
export const IMPORT_TARGET_MS = 3000;

/**
 * The same section run on the row-by-row import it replaced (commit 60974fe), on this machine
 * shortly before, for comparison: it is not measured again.
 */
const BEFORE = {
  commit: "60974fe",
  totalMs: 19131,
  readAndValidateMs: 6518,
  statements: 330,
  againMs: 21663,
  loadAverage: [17.7, 20.1, 17.5],
};

const loadAverage = () => os.loadavg().map((l) => Math.round(l * 10) / 10);

/** Writes the synthetic plan files under `work`, imports them twice into `database`. */
export async function benchPlanImport(database: Database, work: string) {
  const synthetic = await writeSynthetic(path.join(work, "synthetic"));
  const [, parseMs] = await timed(() => readPlanFiles(synthetic.dir));
  const counting = countingDb(database);
  const loadBefore = loadAverage();
  const [summary, importMs] = await timed(() => importPlans(counting.db, synthetic.dir));
  const statements = counting.take();
  const created = summary.plans.reduce((n, p) => n + p.indicatorsCreated, 0);
  if (created !== synthetic.indicatorCount)
    throw new Error(`imported ${created} indicators, expected ${synthetic.indicatorCount}`);
  const [again, againMs] = await timed(() => importPlans(counting.db, synthetic.dir));
  const againStatements = counting.take();
  const updated = again.plans.reduce((n, p) => n + p.indicatorsUpdated + p.nodesUpdated, 0);
  if (updated !== 0) throw new Error(`re-import counted ${updated} records as changed`);
  // The imports went through another handle of the same database: its readers forget too.
  changed(database.db, [synthetic.code]);
  const detail = {
    planFileBytes: synthetic.planBytes,
    code: synthetic.code,
    indicators: synthetic.indicatorCount,
    actuals: synthetic.indicatorCount * 12,
    statements,
    loadAverage: { before: loadBefore, after: loadAverage() },
    cores: os.cpus().length,
    before: BEFORE,
  };
  const figures: Figure[] = [
    {
      id: "import.total",
      label: `importPlans (${synthetic.indicatorCount} indicators, ${synthetic.indicatorCount * 12} actuals)`,
      value: Math.round(importMs),
      unit: "ms",
      target: { op: "<", value: IMPORT_TARGET_MS },
      detail,
    },
    {
      id: "import.readAndValidate",
      label: "  of which read + parse + validate (readPlanFiles alone)",
      value: Math.round(parseMs),
      unit: "ms",
    },
    {
      id: "import.statements",
      label: "  database statements of the first import",
      value: statements,
      unit: "statements",
    },
    {
      id: "import.again",
      label: "the same files imported again (nothing changes)",
      value: Math.round(againMs),
      unit: "ms",
      detail: { statements: againStatements },
    },
  ];
  return { synthetic, figures };
}

async function main() {
  const work = await mkdtemp(path.join(os.tmpdir(), "shisaku-bench-import-"));
  let database: Database | undefined;
  try {
    database = await openPglite(path.join(work, "db"));
    await database.migrate();
    console.log("plan import, 2,000 indicators × 12 fiscal years (new embedded database)");
    const { figures } = await benchPlanImport(database, work);
    for (const f of figures) console.log(`  ${f.label}: ${f.value} ${f.unit}`);
    console.log(`  load average ${loadAverage().join(", ")} on ${os.cpus().length} cores`);
    await replaceFigures("import.", figures);
  } finally {
    await database?.close();
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
