/**
 * The load client, run in a worker thread so that its CPU time does not share the event loop of
 * the server under test (which runs on the main thread of the bench process). Loopback only.
 */
import http from "node:http";
import { parentPort } from "node:worker_threads";
import type { ClientResult, ClientTask } from "./http.ts";

function get(agent: http.Agent, url: URL): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent }, (res) => {
      let bytes = 0;
      res.on("data", (chunk: Buffer) => {
        bytes += chunk.length;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, bytes }));
      res.on("error", reject);
    });
    req.on("error", reject);
  });
}

/**
 * `requests` GETs of `url` with at most `concurrency` in flight, over keep-alive sockets; no new
 * request starts after `maxMs`, so a slow server is measured on fewer requests.
 */
async function throughput(
  url: URL,
  requests: number,
  concurrency: number,
  maxMs: number,
  agent: http.Agent,
) {
  let next = 0;
  let ok = 0;
  let failed = 0;
  let bytes = 0;
  const started = performance.now();
  const deadline = started + maxMs;
  const lane = async () => {
    while (next < requests && performance.now() < deadline) {
      next++;
      try {
        const r = await get(agent, url);
        if (r.status === 200) ok++;
        else failed++;
        bytes += r.bytes;
      } catch {
        failed++;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
  return { elapsedMs: performance.now() - started, ok, failed, bytes };
}

/**
 * One request at a time; each sample is the time from sending to the last byte of the body.
 * Stops after `requests`, once `maxMs` have passed, or when told to stop, whichever comes first.
 */
async function latency(
  url: URL,
  requests: number,
  maxMs: number,
  agent: http.Agent,
  stop?: SharedArrayBuffer,
) {
  const samples: number[] = [];
  let failed = 0;
  let bytes = 0;
  const deadline = performance.now() + maxMs;
  const stopped = () => stop !== undefined && Atomics.load(new Int32Array(stop), 0) === 1;
  for (let i = 0; i < requests && performance.now() < deadline && !stopped(); i++) {
    const t = performance.now();
    const r = await get(agent, url);
    samples.push(performance.now() - t);
    if (r.status !== 200) failed++;
    bytes = r.bytes;
  }
  return { samples, failed, bytes };
}

async function run(task: ClientTask): Promise<ClientResult> {
  const url = new URL(task.url);
  if (url.hostname !== "127.0.0.1") throw new Error(`loopback only: ${task.url}`);
  const concurrency = task.mode === "throughput" ? task.concurrency : 1;
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  try {
    const { requests, warmup, maxMs, warmupMaxMs } = task;
    if (task.mode === "throughput") {
      await throughput(url, warmup, concurrency, warmupMaxMs, agent);
      const r = await throughput(url, requests, concurrency, maxMs, agent);
      return { mode: "throughput", ...r };
    }
    await latency(url, warmup, warmupMaxMs, agent);
    return { mode: "latency", ...(await latency(url, requests, maxMs, agent, task.stop)) };
  } finally {
    agent.destroy();
  }
}

parentPort!.on("message", (task: ClientTask) => {
  run(task).then(
    (result) => parentPort!.postMessage({ ok: true, result }),
    (e: Error) => parentPort!.postMessage({ ok: false, error: e.stack ?? String(e) }),
  );
});
