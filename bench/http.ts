/** HTTP helpers of the bench: servers on 127.0.0.1, one-off requests, the worker load client. */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Worker } from "node:worker_threads";
import { serve } from "@hono/node-server";

/** Request counts are upper bounds: a phase also ends when its time budget is spent. */
interface Budget {
  url: string;
  requests: number;
  warmup: number;
  maxMs: number;
  warmupMaxMs: number;
}
export type ClientTask =
  | ({ mode: "throughput"; concurrency: number } & Budget)
  | ({
      mode: "latency";
      /** Set its first Int32 to 1 to stop asking (the work measured against has finished). */
      stop?: SharedArrayBuffer;
    } & Budget);

export type ClientResult =
  | { mode: "throughput"; elapsedMs: number; ok: number; failed: number; bytes: number }
  | { mode: "latency"; samples: number[]; failed: number; bytes: number };

export interface Running {
  url: string;
  close(): Promise<void>;
}

function closer(server: http.Server) {
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
}

/** Serves a Hono app (anything with `fetch`) the way src/main.ts does, on a random port. */
export function startApp(app: { fetch: (req: Request) => Response | Promise<Response> }) {
  return new Promise<Running>((resolve) => {
    const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, (info) =>
      resolve({ url: `http://127.0.0.1:${info.port}`, close: closer(server as http.Server) }),
    ) as http.Server;
  });
}

/** A plain node:http server answering every request with the same status, headers and bytes. */
export function startStatic(body: Buffer, headers: http.OutgoingHttpHeaders) {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, headers);
    res.end(body);
  });
  return new Promise<Running>((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, close: closer(server) });
    });
  });
}

export interface Fetched {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One GET without keep-alive; the whole body in memory. */
export function fetchOnce(url: string): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks),
          }),
        );
        res.on("error", reject);
      })
      .on("error", reject);
  });
}

/** The headers a static copy should send: the app's, without per-connection ones. */
export function replayableHeaders(h: http.IncomingHttpHeaders, length: number) {
  const out: http.OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(h)) {
    if (value === undefined) continue;
    if (["connection", "keep-alive", "date", "transfer-encoding"].includes(name)) continue;
    out[name] = value;
  }
  out["content-length"] = String(length);
  return out;
}

/**
 * The load client in a worker thread. tsx's loader hooks do not reach workers on Node 20, so the
 * worker registers them itself before importing bench/load-worker.ts.
 */
export class LoadClient {
  readonly #worker: Worker;

  constructor() {
    const tsx = import.meta.resolve("tsx/esm/api");
    const entry = new URL("./load-worker.ts", import.meta.url).href;
    this.#worker = new Worker(
      `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`,
      { eval: true },
    );
  }

  run<T extends ClientTask>(task: T): Promise<Extract<ClientResult, { mode: T["mode"] }>> {
    return new Promise((resolve, reject) => {
      const onError = (e: Error) => reject(e);
      this.#worker.once("error", onError);
      this.#worker.once(
        "message",
        (m: { ok: true; result: never } | { ok: false; error: string }) => {
          this.#worker.off("error", onError);
          if (m.ok) resolve(m.result);
          else reject(new Error(m.error));
        },
      );
      this.#worker.postMessage(task);
    });
  }

  async close() {
    await this.#worker.terminate();
  }
}

/** Nearest-rank percentile of unsorted samples. */
export function percentile(samples: number[], p: number) {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? Number.NaN;
}

/** Runs `fn` and returns its value with the milliseconds it took. */
export async function timed<T>(fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const value = await fn();
  return [value, performance.now() - t];
}
