/**
 * Bench section: the public pages' throughput of the live server (`node bin/start.mjs`, the
 * demo municipality on a new embedded database) against a bare Node `http` server
 * (bench/bare-server.mjs) sending the same bytes with the same headers, both measured with
 * `wrk -t1 -c32` in one run, page by page, one right after the other. Pages: the indicator
 * registry, the municipality's home, an indicator's page, the API's indicator list (JSON) and
 * the registry's CSV download, and a counted open-data download (a resource's CSV). Each
 * page's figure of the application stands beside the bare server's and their ratio; the
 * target (issue 19) is ≥ 0.8× on every page. The machine's load average is given with each,
 * and each server's CPU time per answer (from /proc), which a busy machine changes far less
 * than it changes requests per second.
 *
 * Both servers run in processes of their own; wrk in a third. A page is asked for three times
 * first, so that what the server keeps in memory is warm, and each server is warmed by a
 * short wrk run before the measured ones. Rounds alternate application and bare server; the
 * best round of each is kept (a shared machine only ever makes a round slower).
 *
 * Skipped, with a message, when wrk is not installed (`apt-get install wrk`). With
 * BENCH_CPU_PROF=DIR the application runs under `node --cpu-prof` and leaves its profile in DIR.
 *
 * `npm run bench` runs it as its section 11. `npx tsx bench/wrk.ts` runs it alone and replaces
 * the `wrk.*` entries of bench/results.json.
 */
import { execFile, spawn, spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { fetchOnce, replayableHeaders } from "./http.ts";
import { type Figure, replaceFigures } from "./results.ts";
import { freePort, npmStartArgs, type Spawned, spawnServer } from "./startup.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const MC = "082058";

export const WRK = {
  threads: 1,
  connections: 32,
  seconds: Number(process.env.BENCH_WRK_SECONDS ?? 10),
  warmupSeconds: 2,
  rounds: 2,
  /** The ratio the application should reach on every page (issue 19). */
  target: 0.8,
};

/** Whether wrk can be run. */
export function wrkInstalled() {
  return spawnSync("wrk", ["--version"]).error === undefined;
}

interface WrkRun {
  requestsPerSecond: number;
  requests: number;
  /** Answers that were not 2xx or 3xx. */
  failed: number;
  /** Socket errors of every kind (timeouts: no answer within wrk's 2 s). */
  socketErrors: number;
  latencyAvg: string;
  /** The 1-minute load average just before the run. */
  load: number;
  /** The server's CPU time (user + system) per answer: what a busy machine does not change. */
  cpuMicrosPerRequest?: number;
}

/** A process's CPU time so far (user + system), in microseconds (Linux). */
async function cpuMicros(pid: number) {
  const stat = await readFile(`/proc/${pid}/stat`, "utf8").catch(() => "");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // utime and stime, fields 14 and 15 of the file, in clock ticks (100 a second on Linux).
  return ((Number(fields[11]) + Number(fields[12])) / 100) * 1e6;
}

/** One wrk run against `url`. */
function wrk(url: string, seconds: number): Promise<WrkRun> {
  const load = round2(os.loadavg()[0]!);
  const args = [`-t${WRK.threads}`, `-c${WRK.connections}`, `-d${seconds}s`, url];
  return new Promise((resolve, reject) => {
    execFile("wrk", args, (error, stdout) => {
      if (error) return reject(new Error(`wrk ${args.join(" ")}: ${error.message}`));
      const num = (re: RegExp) => Number(re.exec(stdout)?.[1] ?? Number.NaN);
      const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(
        stdout,
      );
      resolve({
        requestsPerSecond: num(/Requests\/sec:\s+([\d.]+)/),
        requests: num(/(\d+) requests in/),
        failed: num(/Non-2xx or 3xx responses:\s+(\d+)/) || 0,
        socketErrors: socket ? socket.slice(1).reduce((n, x) => n + Number(x), 0) : 0,
        latencyAvg: /Latency\s+(\S+)/.exec(stdout)?.[1] ?? "?",
        load,
      });
    });
  });
}

const round2 = (x: number) => Math.round(x * 100) / 100;

/** A run as the figures' detail gives it. */
const shown = (r: WrkRun) => ({
  requestsPerSecond: r.requestsPerSecond,
  latencyAvg: r.latencyAvg,
  socketErrors: r.socketErrors,
  load: r.load,
  cpuMicrosPerRequest: r.cpuMicrosPerRequest,
});

/** The bare server of bench/bare-server.mjs on `answers`, in a process of its own. */
async function startBare(file: string): Promise<{ base: string; pid: number; stop(): void }> {
  const port = await freePort();
  const child = spawn("node", [path.join(ROOT, "bench", "bare-server.mjs"), file, String(port)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`bare server exited (${code})`)));
    child.stdout!.once("data", () => resolve());
  });
  return { base: `http://127.0.0.1:${port}`, pid: child.pid!, stop: () => child.kill("SIGTERM") };
}

interface Page {
  id: string;
  label: string;
  path: string;
}

/** The pages measured: one of each kind a citizen or a data user asks for most. */
async function pagesOf(base: string): Promise<Page[]> {
  const list = await fetchOnce(`${base}/api/v1/municipalities/${MC}/indicators?limit=1`);
  const first = (JSON.parse(list.body.toString()) as { items: { code: string }[] }).items[0];
  if (!first) throw new Error("the demo municipality has no indicator");
  return [
    { id: "registry", label: "registry page", path: `/${MC}/indicators` },
    { id: "home", label: "municipality's home", path: `/${MC}/` },
    { id: "indicator", label: "an indicator's page", path: `/${MC}/indicators/${first.code}` },
    {
      id: "apiList",
      label: "API indicator list (JSON)",
      path: `/api/v1/municipalities/${MC}/indicators`,
    },
    { id: "csv", label: "registry CSV download", path: `/${MC}/indicators.csv` },
    {
      id: "download",
      label: "open-data resource CSV (counted download)",
      path: `/${MC}/opendata/public-toilets/public-toilets/csv`,
    },
  ];
}

/** Measures every page on the application and on the bare server; the figures. */
async function measure(app: Spawned, work: string): Promise<Figure[]> {
  // BENCH_WRK_PAGES=download,home: only those pages (development; the section measures all).
  const only = process.env.BENCH_WRK_PAGES?.split(",");
  const pages = (await pagesOf(app.base)).filter((p) => !only || only.includes(p.id));
  const answers = [];
  for (const page of pages) {
    // Rendered, then kept: the answer measured is the one a busy server gives.
    for (let i = 0; i < 3; i++) await fetchOnce(`${app.base}${page.path}`);
    const res = await fetchOnce(`${app.base}${page.path}`);
    if (res.status !== 200) throw new Error(`${page.path} answered ${res.status}`);
    answers.push({
      path: page.path,
      status: res.status,
      headers: replayableHeaders(res.headers, res.body.length),
      body: res.body.toString("base64"),
      bytes: res.body.length,
    });
  }
  const file = path.join(work, "answers.json");
  await writeFile(file, JSON.stringify(answers));
  const bare = await startBare(file);
  try {
    for (const a of answers) {
      const copy = await fetchOnce(`${bare.base}${a.path}`);
      if (copy.body.toString("base64") !== a.body)
        throw new Error(`the bare server does not send the bytes of ${a.path}`);
    }
    const figures: Figure[] = [];
    for (const [i, page] of pages.entries()) {
      const servers = { app: app.base, bare: bare.base };
      const runs: Record<keyof typeof servers, WrkRun[]> = { app: [], bare: [] };
      for (const base of Object.values(servers))
        await wrk(`${base}${page.path}`, WRK.warmupSeconds);
      for (let round = 0; round < WRK.rounds; round++) {
        for (const name of ["app", "bare"] as const) {
          const pid = name === "app" ? app.pid : bare.pid;
          const cpu = await cpuMicros(pid);
          const r = await wrk(`${servers[name]}${page.path}`, WRK.seconds);
          r.cpuMicrosPerRequest = round2(((await cpuMicros(pid)) - cpu) / r.requests);
          if (r.failed > 0) throw new Error(`${name} ${page.path}: ${r.failed} failed requests`);
          runs[name].push(r);
        }
      }
      const best = (rs: WrkRun[]) =>
        rs.reduce((a, b) => (b.requestsPerSecond > a.requestsPerSecond ? b : a));
      const appBest = best(runs.app);
      const bareBest = best(runs.bare);
      const ratio = round2(appBest.requestsPerSecond / bareBest.requestsPerSecond);
      const cpu = (rs: WrkRun[]) => Math.min(...rs.map((r) => r.cpuMicrosPerRequest ?? Infinity));
      const cpuRatio = round2(cpu(runs.bare) / cpu(runs.app));
      const detail = {
        url: page.path,
        responseBytes: answers[i]!.bytes,
        wrk: `-t${WRK.threads} -c${WRK.connections} -d${WRK.seconds}s`,
        rounds: WRK.rounds,
        app: runs.app.map(shown),
        bare: runs.bare.map(shown),
      };
      figures.push(
        {
          id: `wrk.${page.id}.app`,
          label: `${page.label}: application (npm start)`,
          value: Math.round(appBest.requestsPerSecond),
          unit: "req/s",
          detail: { ...detail, loadAverage: appBest.load },
        },
        {
          id: `wrk.${page.id}.bare`,
          label: `${page.label}: bare node:http, same bytes`,
          value: Math.round(bareBest.requestsPerSecond),
          unit: "req/s",
          detail: { loadAverage: bareBest.load },
        },
        {
          id: `wrk.${page.id}.ratio`,
          label: `${page.label}: application / bare`,
          value: ratio,
          unit: "×",
          target: { op: ">=", value: WRK.target },
        },
        {
          id: `wrk.${page.id}.cpuRatio`,
          label: `${page.label}: bare's CPU time per answer / the application's`,
          value: cpuRatio,
          unit: "×",
          detail: { appMicros: cpu(runs.app), bareMicros: cpu(runs.bare) },
        },
      );
      console.log(
        `  ${page.label} (${(answers[i]!.bytes / 1024).toFixed(1)} KiB): ${Math.round(appBest.requestsPerSecond)} req/s (load ${appBest.load}) against ${Math.round(bareBest.requestsPerSecond)} (load ${bareBest.load}), ${ratio}×; CPU per answer ${cpu(runs.app)} µs against ${cpu(runs.bare)} µs`,
      );
    }
    return figures;
  } finally {
    bare.stop();
  }
}

/** The section's figures; none (with a message) when wrk is not installed. */
export async function benchWrk(): Promise<Figure[]> {
  if (!wrkInstalled()) {
    console.log("  skipped: wrk is not installed (apt-get install wrk)");
    return [];
  }
  const work = await mkdtemp(path.join(os.tmpdir(), "shisaku-bench-wrk-"));
  const profile = process.env.BENCH_CPU_PROF;
  const flags = profile ? ["--cpu-prof", `--cpu-prof-dir=${path.resolve(profile)}`] : [];
  try {
    // The first start makes the database and loads the demo.
    const app = await spawnServer("node", [...flags, ...npmStartArgs()], {
      cwd: ROOT,
      dataDir: path.join(work, "data"),
      timeoutMs: 600_000,
    });
    try {
      return await measure(app, work);
    } finally {
      await app.stop();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** Alone: measures and replaces the `wrk.*` entries of bench/results.json. */
async function main() {
  console.log("[11] public pages with wrk: npm start against a bare node:http server");
  const figures = await benchWrk();
  // Some pages only (BENCH_WRK_PAGES): printed, not written over the section's figures.
  if (figures.length > 0 && !process.env.BENCH_WRK_PAGES) await replaceFigures("wrk.", figures);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
