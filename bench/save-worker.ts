/**
 * The client of the save-an-actual bench, run in a worker thread (like bench/load-worker.ts) so
 * that it does not share the server's event loop. Each lane is one editor saving one (indicator,
 * fiscal year) again and again, one request at a time, over keep-alive connections (one per
 * editor at most), and follows the versions the server answers with, so that every request is a
 * valid save.
 */
import http from "node:http";
import { parentPort } from "node:worker_threads";
import type { SaveLane, SaveRunResult, SaveTask } from "./save-actual.ts";

interface Answer {
  status: number;
  location: string | undefined;
  body: string;
}

function send(
  agent: http.Agent,
  url: URL,
  method: string,
  headers: http.OutgoingHttpHeaders,
  body: string,
) {
  return new Promise<Answer>((resolve, reject) => {
    const req = http.request(
      url,
      { method, agent, headers: { ...headers, "content-length": Buffer.byteLength(body) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            location: res.headers.location,
            body: Buffer.concat(chunks).toString(),
          }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** A value no synthetic actual has, different on every request. */
const valueFor = (seq: number) => 100_000 + seq + 0.5;
const REASON = "ベンチマーク（架空の訂正）";

/** The request body, carrying the versions the lane last saw. */
function bodyOf(task: SaveTask, lane: SaveLane, seq: number) {
  if (task.kind === "form")
    return new URLSearchParams({
      _csrf: lane.csrf ?? "",
      publishedVersion: String(lane.versions.published),
      draftVersion: String(lane.versions.draft),
      value: String(valueFor(seq)),
      note: "",
      reason: REASON,
    }).toString();
  return JSON.stringify({
    value: valueFor(seq),
    reason: REASON,
    publishedVersion: lane.versions.published,
    draftVersion: lane.versions.draft,
  });
}

/** The draft version after a valid save, or an error message. */
function savedVersion(task: SaveTask, lane: SaveLane, a: Answer): number | string {
  const next = lane.versions.draft + 1;
  if (task.kind === "form") {
    if (a.status === 303 && a.location?.includes("done=saved")) return next;
    return `${a.status} ${a.location ?? a.body.slice(0, 300)}`;
  }
  if (a.status === 200) {
    const json = JSON.parse(a.body) as { status: string; draft: { version: number } | null };
    if (json.status === "draft" && json.draft?.version === next) return next;
  }
  return `${a.status} ${a.body.slice(0, 300)}`;
}

/**
 * Up to `requests` saves spread over the lanes, each lane one request at a time; no new request
 * starts after `maxMs`. Stops at the first invalid answer: the versions are then unknown.
 */
async function phase(task: SaveTask, requests: number, maxMs: number, agent: http.Agent) {
  const method = task.kind === "form" ? "POST" : "PUT";
  const samples: number[] = [];
  const errors: string[] = [];
  let next = 0;
  const started = performance.now();
  const deadline = started + maxMs;
  const lane = async (l: SaveLane) => {
    const url = new URL(l.path, task.base);
    while (next < requests && performance.now() < deadline && errors.length === 0) {
      const seq = task.seq + next++;
      const t = performance.now();
      try {
        const a = await send(agent, url, method, l.headers, bodyOf(task, l, seq));
        const ms = performance.now() - t;
        const v = savedVersion(task, l, a);
        if (typeof v === "number") {
          samples.push(ms);
          l.versions.draft = v;
        } else errors.push(`${method} ${l.path}: ${v}`);
      } catch (e) {
        errors.push(`${method} ${l.path}: ${(e as Error).message}`);
      }
    }
  };
  await Promise.all(task.lanes.map(lane));
  return { samples, errors, elapsedMs: performance.now() - started, sent: next };
}

async function run(task: SaveTask): Promise<SaveRunResult> {
  if (new URL(task.base).hostname !== "127.0.0.1") throw new Error(`loopback only: ${task.base}`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: task.lanes.length });
  try {
    const warm = await phase(task, task.warmup, task.warmupMaxMs, agent);
    const main =
      warm.errors.length > 0
        ? { samples: [], errors: [], elapsedMs: 0, sent: 0 }
        : await phase({ ...task, seq: task.seq + warm.sent }, task.requests, task.maxMs, agent);
    return {
      samples: main.samples,
      elapsedMs: main.elapsedMs,
      warmedUp: warm.samples.length,
      errors: [...warm.errors, ...main.errors],
      versions: task.lanes.map((l) => l.versions),
      sent: warm.sent + main.sent,
    };
  } finally {
    agent.destroy();
  }
}

parentPort!.on("message", (task: SaveTask) => {
  run(task).then(
    (result) => parentPort!.postMessage({ ok: true, result }),
    (e: Error) => parentPort!.postMessage({ ok: false, error: e.stack ?? String(e) }),
  );
});
