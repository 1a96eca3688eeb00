/** The figures of one bench section written into bench/results.json, replacing that section's. */
import { execFileSync } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

export interface Figure {
  id: string;
  label: string;
  value: number;
  unit: string;
  target?: { op: "<" | "<=" | ">="; value: number };
  detail?: Record<string, unknown>;
}

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const RESULTS = path.join(ROOT, "bench", "results.json");

/** Replaces the figures whose id starts with `prefix` by `figures`, each dated. */
export async function replaceFigures(prefix: string, figures: Figure[]) {
  const results = JSON.parse(await readFile(RESULTS, "utf8")) as { figures: Figure[] };
  results.figures = [
    ...results.figures.filter((f) => !f.id.startsWith(prefix)),
    ...figures.map((f) => ({
      ...f,
      detail: { ...f.detail, measuredAt: new Date().toISOString() },
    })),
  ];
  await writeFile(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  execFileSync("npx", ["biome", "format", "--write", RESULTS], { cwd: ROOT });
  console.log(`\nwrote ${figures.length} figures to bench/results.json`);
}
