/**
 * Bench section: saving an actual while many editors do the same. Each editor is a real account
 * of the synthetic municipality (role editor, one section), signed in with a session cookie, and
 * saves one indicator of its own section (the permission check of the write path is the real
 * one) for the reporting year: through the staff form (POST …/actuals/{fy} with the session
 * cookie, `_csrf` and Origin, answered with 303), then through the API (PUT with a personal
 * token, answered with 200). Every request carries the versions of the last save, so each one
 * is a valid save; anything else (a 409, a 400, a 403) fails the section.
 */
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { drizzle } from "drizzle-orm/pglite";
import { addUser } from "../src/accounts/actions.ts";
import { SESSION_COOKIE } from "../src/accounts/middleware.ts";
import { signIn } from "../src/accounts/sessions.ts";
import { createTokenFor } from "../src/accounts/tokens.ts";
import { createApp } from "../src/app.tsx";
import { changed } from "../src/core/changes.ts";
import { type Database, type Db, openPglite, openPostgres } from "../src/core/db/client.ts";
import { reportingYear } from "../src/core/reporting-years.ts";
import type { Expected } from "../src/indicators/entry.ts";
import { ownersInMunicipality } from "../src/indicators/owners.ts";
import { loadIndicators } from "../src/indicators/queries.ts";
import { listSections } from "../src/municipalities/queries.ts";
import { importPlans } from "../src/plan/plan-import.ts";
import * as schema from "../src/schema.ts";
import { percentile, startApp } from "./http.ts";
import { type Figure, replaceFigures } from "./results.ts";
import { writeSynthetic } from "./synthetic.ts";

/** One editor's client: where it saves, how it authenticates, the versions it last saw. */
export interface SaveLane {
  path: string;
  headers: Record<string, string>;
  /** The form's `_csrf` field (staff form only). */
  csrf?: string;
  versions: Expected;
}

export interface SaveTask {
  kind: "form" | "api";
  base: string;
  lanes: SaveLane[];
  /** Numbers the values sent, so that every save sends a new one. */
  seq: number;
  requests: number;
  warmup: number;
  maxMs: number;
  warmupMaxMs: number;
}

export interface SaveRunResult {
  /** Latency of each valid save of the measured phase (ms, sending to the last byte). */
  samples: number[];
  elapsedMs: number;
  warmedUp: number;
  /** Invalid answers (warm-up included); the run stops at the first. */
  errors: string[];
  /** The versions each lane ends on. */
  versions: Expected[];
  sent: number;
}

export interface SaveBudget {
  editors: number;
  requests: number;
  warmup: number;
  maxMs: number;
  warmupMaxMs: number;
}

interface Editor {
  email: string;
  section: string;
  indicator: string;
  cookie: string;
  apiToken: string;
  csrf: string;
  versions: Expected;
}

const PASSWORD = "bench-editor-passphrase";

/** The save client in a worker thread (tsx's hooks registered there, as in bench/http.ts). */
class SaveClient {
  readonly #worker: Worker;

  constructor() {
    const tsx = import.meta.resolve("tsx/esm/api");
    const entry = new URL("./save-worker.ts", import.meta.url).href;
    this.#worker = new Worker(
      `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`,
      { eval: true },
    );
  }

  run(task: SaveTask): Promise<SaveRunResult> {
    return new Promise((resolve, reject) => {
      const onError = (e: Error) => reject(e);
      this.#worker.once("error", onError);
      this.#worker.once(
        "message",
        (m: { ok: true; result: SaveRunResult } | { ok: false; error: string }) => {
          this.#worker.off("error", onError);
          if (m.ok) resolve(m.result);
          else reject(new Error(m.error));
        },
      );
      this.#worker.postMessage(task);
    });
  }

  close() {
    return this.#worker.terminate();
  }
}

/** One request without keep-alive (setup and checks only). */
function request(
  url: string,
  opts: { method?: string; headers?: Record<string, string>; body?: string } = {},
) {
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      url,
      { method: opts.method ?? "GET", headers: opts.headers, agent: false },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(opts.body);
  });
}

const entryPath = (code: string, indicator: string) =>
  `/${code}/manage/indicators/${encodeURIComponent(indicator)}`;

/** The hidden fields of the save form of the entry page, as a browser would send them. */
async function openForm(
  base: string,
  code: string,
  e: Omit<Editor, "csrf" | "versions">,
  fy: number,
) {
  const page = await request(`${base}${entryPath(code, e.indicator)}?fy=${fy}`, {
    headers: { cookie: e.cookie },
  });
  if (page.status !== 200) throw new Error(`entry page of ${e.indicator}: ${page.status}`);
  const action = `action="${entryPath(code, e.indicator)}/actuals/${fy}"`;
  const form = page.body.slice(page.body.indexOf(action)).split("</form>")[0]!;
  const fields = new Map(
    [...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map((m) => [
      m[1]!,
      m[2]!,
    ]),
  );
  const csrf = fields.get("_csrf");
  const published = Number(fields.get("publishedVersion"));
  const draft = Number(fields.get("draftVersion"));
  if (!page.body.includes(action) || !csrf || !Number.isInteger(published + draft))
    throw new Error(`${e.email} sees no save form for ${e.indicator} ${fy}`);
  return { csrf, versions: { published, draft } };
}

/**
 * `count` editors, editor i in the i-th section, each given an indicator of its section (spread
 * over the registry, none shared), signed in and holding an API token.
 */
async function createEditors(db: Db, base: string, code: string, count: number, fy: number) {
  const [sections, records, owners] = await Promise.all([
    listSections(db, code),
    loadIndicators(db, code),
    ownersInMunicipality(db, code),
  ]);
  const own = sections.filter((s) => s.kind === "section").slice(0, count);
  if (own.length < count) throw new Error(`${code} has ${own.length} sections, ${count} needed`);
  // Editor n's indicator: the first of its section from n/count of the way down the registry.
  const taken = new Set<number>();
  const picks = own.map((s, n) => {
    const start = Math.floor((n * records.length) / count);
    for (let k = 0; k < records.length; k++) {
      const i = (start + k) % records.length;
      const r = records[i]!;
      if (!taken.has(i) && (owners.get(r.id) ?? []).some((o) => o.code === s.code)) {
        taken.add(i);
        return { section: s.code, indicator: r.code };
      }
    }
    throw new Error(`no indicator of section ${s.code} left`);
  });
  const editors = await Promise.all(
    picks.map(async ({ section, indicator }, n) => {
      const email = `editor-${String(n + 1).padStart(2, "0")}@bench.example`;
      await addUser(db, {
        municipality: code,
        email,
        role: "editor",
        sections: [section],
        displayName: `ベンチ入力担当${n + 1}`,
        password: PASSWORD,
      });
      const session = await signIn(db, code, { email, password: PASSWORD });
      if (!session) throw new Error(`${email} could not sign in`);
      const { token } = await createTokenFor(
        db,
        code,
        { email, label: "bench" },
        { label: "bench" },
      );
      const e = {
        email,
        section,
        indicator,
        cookie: `${SESSION_COOKIE}=${session}`,
        apiToken: token,
      };
      return { ...e, ...(await openForm(base, code, e, fy)) };
    }),
  );
  // The permission is real: an editor may not save another section's indicator.
  const first = editors[0]!;
  const foreign = records.find(
    (r) => !(owners.get(r.id) ?? []).some((o) => o.code === first.section),
  );
  if (!foreign) throw new Error(`every indicator of ${code} is owned by ${first.section}`);
  const denied = await request(`${base}${entryPath(code, foreign.code)}/actuals/${fy}`, {
    method: "POST",
    headers: {
      cookie: first.cookie,
      origin: base,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams({
      _csrf: first.csrf,
      publishedVersion: "0",
      draftVersion: "0",
      value: "1",
    }).toString(),
  });
  if (denied.status !== 403 || !denied.body.includes("権限がありません"))
    throw new Error(`${first.email} saving ${foreign.code} of another section: ${denied.status}`);
  return editors;
}

function lanes(kind: SaveTask["kind"], base: string, code: string, editors: Editor[], fy: number) {
  return editors.map((e): SaveLane => {
    if (kind === "form")
      return {
        path: `${entryPath(code, e.indicator)}/actuals/${fy}`,
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          cookie: e.cookie,
          origin: base,
        },
        csrf: e.csrf,
        versions: { ...e.versions },
      };
    return {
      path: `/api/v1/municipalities/${code}/indicators/${encodeURIComponent(e.indicator)}/actuals/${fy}`,
      headers: { "content-type": "application/json", authorization: `Bearer ${e.apiToken}` },
      versions: { ...e.versions },
    };
  });
}

export interface SaveRun {
  kind: SaveTask["kind"];
  samples: number[];
  elapsedMs: number;
  warmedUp: number;
}

/**
 * Creates the editors, runs the staff form and then the API at `editors` concurrency, and
 * checks that the entry pages end on the versions the clients tracked.
 */
export async function benchSaveActual(db: Db, base: string, code: string, cfg: SaveBudget) {
  const fy = reportingYear();
  const setupStarted = performance.now();
  const editors = await createEditors(db, base, code, cfg.editors, fy);
  const setupMs = performance.now() - setupStarted;
  const client = new SaveClient();
  const runs: SaveRun[] = [];
  let seq = 0;
  try {
    for (const kind of ["form", "api"] as const) {
      const r = await client.run({
        kind,
        base,
        lanes: lanes(kind, base, code, editors, fy),
        seq,
        ...cfg,
      });
      if (r.errors.length > 0)
        throw new Error(
          `saving an actual (${kind}): ${r.errors.length} invalid answer(s), first: ${r.errors[0]}`,
        );
      seq += r.sent;
      r.versions.forEach((v, i) => {
        editors[i]!.versions = v;
      });
      runs.push({ kind, samples: r.samples, elapsedMs: r.elapsedMs, warmedUp: r.warmedUp });
    }
  } finally {
    await client.close();
  }
  for (const e of editors) {
    const { versions } = await openForm(base, code, e, fy);
    if (versions.draft !== e.versions.draft || versions.published !== e.versions.published)
      throw new Error(
        `${e.indicator} ${fy}: page shows versions ${JSON.stringify(versions)}, client tracked ${JSON.stringify(e.versions)}`,
      );
  }
  return {
    fiscalYear: fy,
    setupMs,
    editors: editors.map((e) => ({ section: e.section, indicator: e.indicator })),
    runs,
  };
}

// ── Alone: `npx tsx bench/save-actual.ts [--profile]` ────────────────────────────────────────

const loadAverage = () => os.loadavg().map((l) => Math.round(l * 10) / 10);

/**
 * One staff form save and one API save of the first editor, each statement the database is sent
 * listed with the time since the request was sent (the embedded database runs one statement at a
 * time, so the gap to the next one is the statement's cost, JavaScript included).
 */
async function profileOneSave(database: Database, code: string) {
  if (!database.pglite) throw new Error("the profile needs the embedded database");
  let started = 0;
  const log: { at: number; sql: string }[] = [];
  const db = drizzle(database.pglite, {
    schema,
    logger: { logQuery: (q) => log.push({ at: performance.now() - started, sql: q }) },
  }) as unknown as Db;
  const app = await startApp(createApp({ db }));
  try {
    const fy = reportingYear();
    const [e] = await createEditors(db, app.url, code, 1, fy);
    const editor = e!;
    const profile = [];
    for (const kind of ["form", "api"] as const) {
      const lane = lanes(kind, app.url, code, [editor], fy)[0]!;
      lane.versions = editor.versions;
      for (let round = 0; round < 3; round++) {
        const value = String(1000 + round + (kind === "api" ? 10 : 0));
        const body =
          kind === "form"
            ? new URLSearchParams({
                _csrf: lane.csrf!,
                publishedVersion: String(lane.versions.published),
                draftVersion: String(lane.versions.draft),
                value,
                reason: "ベンチマーク",
              }).toString()
            : JSON.stringify({
                value: Number(value),
                reason: "ベンチマーク",
                publishedVersion: lane.versions.published,
                draftVersion: lane.versions.draft,
              });
        log.length = 0;
        started = performance.now();
        const r = await request(`${app.url}${lane.path}`, {
          method: kind === "form" ? "POST" : "PUT",
          headers: lane.headers,
          body,
        });
        const total = performance.now() - started;
        if (r.status !== (kind === "form" ? 303 : 200))
          throw new Error(`${kind} save answered ${r.status}: ${r.body.slice(0, 300)}`);
        editor.versions = { ...lane.versions, draft: lane.versions.draft + 1 };
        lane.versions = editor.versions;
        // The last round is the one shown (warm caches, as under load).
        if (round < 2) continue;
        console.log(`\n${kind} save: ${log.length} statements, ${total.toFixed(1)} ms in all`);
        log.forEach((s, i) => {
          const next = log[i + 1]?.at ?? total;
          console.log(
            `  ${s.at.toFixed(1).padStart(6)} ms +${(next - s.at).toFixed(1).padStart(5)}  ${s.sql.replace(/\s+/g, " ").slice(0, 110)}`,
          );
        });
        profile.push({ kind, statements: log.length, ms: total });
      }
    }
    return profile;
  } finally {
    await app.close();
  }
}

async function main() {
  const profile = process.argv.includes("--profile");
  const work = await mkdtemp(path.join(os.tmpdir(), "shisaku-bench-saves-"));
  let database: Database | undefined;
  try {
    const url = process.env.DATABASE_URL;
    database = url ? await openPostgres(url) : await openPglite(path.join(work, "db"));
    await database.migrate();
    const kind = url ? "PostgreSQL" : "embedded database, durable commits";
    console.log(`saving an actual (${kind}); importing the synthetic municipality…`);
    const synthetic = await writeSynthetic(path.join(work, "synthetic"));
    await importPlans(database.db, synthetic.dir);
    changed(database.db, [synthetic.code]);
    if (profile) {
      await profileOneSave(database, synthetic.code);
      console.log(`  load average ${loadAverage().join(", ")} on ${os.cpus().length} cores`);
      return;
    }
    const app = await startApp(createApp({ db: database.db }));
    const load = { before: loadAverage(), after: [] as number[] };
    const cfg = SAVE_ACTUAL;
    let result: Awaited<ReturnType<typeof benchSaveActual>>;
    try {
      result = await benchSaveActual(database.db, app.url, synthetic.code, cfg);
    } finally {
      await app.close();
    }
    load.after = loadAverage();
    const figures: Figure[] = [];
    for (const r of result.runs) {
      const rps = Math.round((r.samples.length / r.elapsedMs) * 1000);
      const p50 = percentile(r.samples, 50);
      const p95 = percentile(r.samples, 95);
      console.log(
        `  ${r.kind}: ${rps} saves/s, p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms (${r.samples.length} saves, ${cfg.editors} editors)`,
      );
      const detail = { database: kind, requests: r.samples.length, loadAverage: load };
      figures.push(
        {
          id: `saveActual.${r.kind}.p50`,
          label: `save an actual (${r.kind}), ${cfg.editors} editors, p50`,
          value: Math.round(p50 * 100) / 100,
          unit: "ms",
          detail,
        },
        {
          id: `saveActual.${r.kind}.p95`,
          label: `save an actual (${r.kind}), ${cfg.editors} editors, p95`,
          value: Math.round(p95 * 100) / 100,
          unit: "ms",
          target: { op: "<", value: 100 },
        },
        {
          id: `saveActual.${r.kind}.rps`,
          label: `  saves per second (${r.samples.length} saves)`,
          value: rps,
          unit: "req/s",
          target: { op: ">=", value: url ? 500 : 150 },
        },
      );
    }
    console.log(`  load average ${load.before.join(", ")} → ${load.after.join(", ")}`);
    // Only the embedded database's figures are the bench's (section 3); PostgreSQL's are printed.
    if (!url && process.env.BENCH_NO_WRITE !== "1") await replaceFigures("saveActual.", figures);
  } finally {
    await database?.close();
    await rm(work, { recursive: true, force: true });
  }
}

/** Section 3's budget (bench/run.ts uses the same). */
export const SAVE_ACTUAL = {
  editors: 16,
  requests: 400,
  warmup: 64,
  maxMs: 10_000,
  warmupMaxMs: 3_000,
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
