/** Start-up time of the server (`npm start`) on an existing data folder, as a child process. */
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:net";
import { fetchOnce } from "./http.ts";

export interface StartupRun {
  /** From spawn to the first 200 of GET /healthz. */
  ms: number;
  /** What the server itself logged ("ready N ms after the process started"), if it did. */
  selfReportedMs: number | null;
}

/**
 * What `npm start` runs after `node` (package.json's start script: its V8 options, then
 * bin/start.mjs), so that a bench started as `node …` runs the server as users do.
 */
export function npmStartArgs(): string[] {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  const [node, ...args] = String(pkg.scripts.start).split(/\s+/);
  if (node !== "node" || args.at(-1) !== "bin/start.mjs")
    throw new Error(
      `package.json's start script is not "node … bin/start.mjs": ${pkg.scripts.start}`,
    );
  return args;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const address = s.address();
      const port = typeof address === "object" && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/** Children still running, so that an interrupted bench can stop them. */
const live = new Set<ChildProcess>();

/** Kills the process groups of children still running (for an interrupted bench). */
export function killChildren() {
  for (const child of live) {
    try {
      process.kill(-child.pid!, "SIGKILL");
    } catch {
      // already gone
    }
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Stops the child's whole process group (npx starts grandchildren): TERM, then KILL. */
async function stop(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // already gone
    }
  };
  signal("SIGTERM");
  const timeout = sleep(10_000).then(() => "timeout" as const);
  if ((await Promise.race([exited, timeout])) === "timeout") {
    signal("SIGKILL");
    await exited;
  }
}

export interface Spawned {
  base: string;
  pid: number;
  /** From spawn to the first 200 of GET /healthz. */
  readyMs: number;
  /** Everything the server wrote so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Spawns `command args` in `cwd` with the data folder and a free port (its own process group),
 * and polls /healthz every 10 ms until it answers 200; the child is stopped if it does not.
 */
export async function spawnServer(
  command: string,
  args: string[],
  opts: {
    cwd: string;
    dataDir: string;
    timeoutMs?: number;
    /** Environment besides the data folder and port (default: the embedded database). */
    env?: Record<string, string>;
    /** Runs just before the spawn (and is not timed). */
    before?: () => Promise<void>;
  },
): Promise<Spawned> {
  const port = await freePort();
  await opts.before?.();
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const child = spawn(command, args, {
    cwd: opts.cwd,
    env: {
      ...process.env,
      SHISAKU_DATA_DIR: opts.dataDir,
      PORT: String(port),
      HOST: "127.0.0.1",
      DATABASE_URL: "",
      ...opts.env,
    },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  live.add(child);
  child.once("exit", () => live.delete(child));
  let output = "";
  child.stdout!.on("data", (d: Buffer) => {
    output += d.toString();
  });
  child.stderr!.on("data", (d: Buffer) => {
    output += d.toString();
  });
  const spawned = {
    base,
    pid: child.pid!,
    readyMs: 0,
    output: () => output,
    stop: () => stop(child),
  };
  try {
    const deadline = started + (opts.timeoutMs ?? 30_000);
    for (;;) {
      if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
      if (performance.now() > deadline) throw new Error(`no /healthz within time:\n${output}`);
      const res = await fetchOnce(`${base}/healthz`).catch(() => null);
      if (res?.status === 200) return { ...spawned, readyMs: performance.now() - started };
      await sleep(10);
    }
  } catch (e) {
    await stop(child);
    throw e;
  }
}

/**
 * Spawns `command args` in `cwd` with the data folder and a free port, polls /healthz every
 * 10 ms and returns the time until it answers 200. The child is always stopped.
 */
export async function measureStartup(
  command: string,
  args: string[],
  opts: {
    cwd: string;
    dataDir: string;
    timeoutMs?: number;
    /** Runs while the server answers, given its address and process id. */
    check?: (base: string, pid: number) => Promise<void>;
    /** Environment besides the data folder and port (default: the embedded database). */
    env?: Record<string, string>;
    /** Runs just before the spawn (and is not timed). */
    before?: () => Promise<void>;
  },
): Promise<StartupRun> {
  const server = await spawnServer(command, args, opts);
  try {
    await opts.check?.(server.base, server.pid);
    for (let i = 0; i < 100 && !/ready \d+ ms/.test(server.output()); i++) await sleep(10);
    const m = /ready (\d+) ms/.exec(server.output());
    return { ms: server.readyMs, selfReportedMs: m ? Number(m[1]) : null };
  } finally {
    await server.stop();
  }
}
