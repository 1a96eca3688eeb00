/**
 * Bench section: the resident memory of `npm start` serving the demo municipality (Ishioka),
 * once every public page type was served. The server is started as `node bin/start.mjs` on a new
 * data folder (which loads the demo), stopped, and started again on that folder, as a city's
 * server runs day to day. Then every public page is asked for: the pages reached by links from
 * the portal's front pages (one of each kind of address), every GET of the API document without
 * a path parameter other than the municipality, the CKAN actions and the DCAT files. The
 * process's resident set (VmRSS of /proc/{pid}/status) is read after it started, after that walk
 * and after a second one. Targets (issue 19): < 300 MB on the embedded database, < 200 MB on
 * PostgreSQL (measured too when DATABASE_URL is set, on a new database of that server).
 *
 * `npm run bench` runs it as its section 10. `npx tsx bench/memory.ts` runs it alone and
 * replaces the `memory.*` entries of bench/results.json.
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { fetchOnce } from "./http.ts";
import { type Figure, replaceFigures } from "./results.ts";
import { measureStartup, npmStartArgs } from "./startup.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const MC = "082058";

/** The process's resident set, in MB. */
async function residentMb(pid: number) {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]);
  return Math.round(kb / 1024);
}

/** One address of each shape: digits (ids, years) stand for any. */
const shapeOf = (p: string) => p.replace(/\?.*$/, "").replace(/\d+/g, "N");

/** The public addresses to ask for: the API's reads and the open-data files, then the links. */
async function startingPoints(base: string) {
  const doc = JSON.parse((await fetchOnce(`${base}/api/v1/openapi.json`)).body.toString()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  const api = Object.entries(doc.paths)
    .filter(([p, ops]) => "get" in ops && !/\{(?!code\}|municipalityCode\})/.test(p))
    .map(([p]) => `/api/v1${p.replace(/\{(code|municipalityCode)\}/g, MC)}`);
  return [
    "/",
    `/${MC}/`,
    ...api,
    "/api/3/action/package_list",
    `/api/3/action/package_search?rows=10`,
    `/${MC}/opendata/catalog.jsonld`,
  ];
}

/** Asks for every public page once per shape of address; returns how many it asked for. */
async function walk(base: string) {
  const queue = await startingPoints(base);
  const seen = new Set(queue.map(shapeOf));
  let asked = 0;
  while (queue.length) {
    const p = queue.shift()!;
    const res = await fetchOnce(`${base}${p}`);
    asked++;
    const type = String(res.headers["content-type"] ?? "");
    // Pages' links and sources, and the stylesheets' fonts (a browser asks for them too).
    const body = /text\/(html|css)/.test(type) ? res.body.toString() : "";
    for (const m of body.matchAll(/(?:href="|src="|url\(["']?)(\/[^"'#)]*)/g)) {
      const href = m[1]!.replace(/&amp;/g, "&");
      if (/\/manage(\/|$)|\/sign-?in|\/sign-?out/.test(href)) continue;
      const shape = shapeOf(href);
      if (seen.has(shape)) continue;
      seen.add(shape);
      queue.push(href);
    }
  }
  return asked;
}

/** Starts the server twice on one data folder: the first start, and the second as it serves. */
async function measure(id: string, label: string, target: number, env: Record<string, string>) {
  const work = await mkdtemp(path.join(os.tmpdir(), "shisaku-bench-memory-"));
  const dataDir = path.join(work, "data");
  const args = npmStartArgs();
  try {
    // The first start makes the database and loads the demo (then serves from a fresh instance
    // of the embedded database: main.ts).
    let firstStart = 0;
    await measureStartup("node", args, {
      cwd: ROOT,
      dataDir,
      timeoutMs: 600_000,
      env,
      check: async (_base, pid) => {
        firstStart = await residentMb(pid);
      },
    });
    const seen: { started: number; walked: number; again: number; pages: number } = {
      started: 0,
      walked: 0,
      again: 0,
      pages: 0,
    };
    await measureStartup("node", args, {
      cwd: ROOT,
      dataDir,
      timeoutMs: 120_000,
      env,
      check: async (base, pid) => {
        seen.started = await residentMb(pid);
        seen.pages = await walk(base);
        seen.walked = await residentMb(pid);
        await walk(base);
        seen.again = await residentMb(pid);
      },
    });
    return [
      {
        id: `memory.${id}.served`,
        label: `${label}: resident after every public page type was served`,
        value: Math.max(seen.walked, seen.again),
        unit: "MB",
        target: { op: "<", value: target },
        detail: {
          afterStart: seen.started,
          afterFirstWalk: seen.walked,
          afterSecondWalk: seen.again,
          pages: seen.pages,
        },
      },
      {
        id: `memory.${id}.started`,
        label: `${label}: resident right after start`,
        value: seen.started,
        unit: "MB",
      },
      {
        id: `memory.${id}.firstStart`,
        label: `${label}: resident right after the first start (new database, demo loaded)`,
        value: firstStart,
        unit: "MB",
      },
    ] satisfies Figure[];
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The embedded database, and PostgreSQL when DATABASE_URL names a server. */
export async function benchMemory(): Promise<Figure[]> {
  const figures = await measure("embedded", "npm start on the embedded database", 300, {});
  const url = process.env.DATABASE_URL;
  if (!url) return figures;
  const name = `shisaku_bench_memory_${process.pid}`;
  const server = new URL(url);
  const admin = (sql: string) =>
    execFileSync("psql", [server.toString().replace(/\/[^/]*$/, "/postgres"), "-qc", sql]);
  admin(`create database ${name}`);
  try {
    server.pathname = `/${name}`;
    const pg = await measure("postgres", "npm start on PostgreSQL", 200, {
      DATABASE_URL: server.toString(),
    });
    return [...figures, ...pg];
  } finally {
    admin(`drop database if exists ${name} with (force)`);
  }
}

/** Alone: measures and replaces the `memory.*` entries of bench/results.json. */
async function main() {
  console.log("[10] resident memory of npm start serving the demo municipality");
  const figures = await benchMemory();
  for (const f of figures) console.log(`  ${f.label}: ${f.value} ${f.unit}`);
  await replaceFigures("memory.", figures);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
