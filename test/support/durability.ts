/**
 * Every write the server acknowledged survives `kill -9`: the real server (`npm start`) on a
 * copy of the demo data (embedded) and on a fresh PostgreSQL database, writers pushing actuals
 * through the token API, the server killed with SIGKILL while writes are in flight, every
 * acknowledged write looked up in the database the kill left (opened directly: the embedded
 * one recovers as any opener does), and the server started again on it for the next cycle.
 * Five cycles on each database; after the last kill the server is started on what the kill
 * left and stopped cleanly before the last look. One server start per cycle: the writes and the
 * looks are what the test checks, and a start costs seconds of CPU.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Database, openPglite, openPostgres } from "../../src/core/db/client.ts";
import { runShisaku } from "./cli.ts";
import {
  adminQuery,
  type Backend,
  backends,
  copyTemplate,
  scratchDir,
  templateDatabaseName,
  withDatabase,
} from "./template.ts";

const CYCLES = 5;
/** Acknowledged writes per cycle before the kill (about; writes in flight come on top). */
const WRITES_PER_CYCLE = 50;
const WRITERS = 3;
const SLOTS_PER_WRITER = 2;
const MUNICIPALITY = "082058";
/** Fiscal years long past, where the demo has no published values to correct. */
const YEARS = [2001, 2002, 2003];

interface Server {
  child: ChildProcess;
  base: string;
  output: () => string;
}

/** `npm start` (bin/start.mjs) on `env`, on a port of its choosing, on the loopback address. */
async function startServer(env: NodeJS.ProcessEnv): Promise<Server> {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  const child = spawn(process.execPath, ["bin/start.mjs"], {
    // Three writers write as fast as they can: the per-token write limit would refuse them.
    env: {
      ...rest,
      ...env,
      PORT: "0",
      HOST: "127.0.0.1",
      SHISAKU_API_WRITES_PER_MINUTE: "1000000",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const deadline = Date.now() + 90_000;
  let base = "";
  while (!base) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`the server exited before listening:\n${output}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`the server did not listen within 90 s:\n${output}`);
    }
    const m = /Shisaku listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
    if (m) base = m[1]!;
    else await new Promise((r) => setTimeout(r, 50));
  }
  const health = await fetch(`${base}/healthz`).catch((e: Error) => e);
  if (!(health instanceof Response) || !health.ok) {
    child.kill("SIGKILL");
    throw new Error(
      `/healthz answered ${health instanceof Response ? health.status : health}:\n${output}`,
    );
  }
  return { child, base, output: () => output };
}

async function kill9(server: Server) {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = once(server.child, "exit");
  server.child.kill("SIGKILL");
  await exited;
}

async function stop(server: Server) {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  const exited = once(server.child, "exit");
  server.child.kill("SIGTERM");
  const [code] = await exited;
  if (code !== 0) throw new Error(`the server stopped with ${code}:\n${server.output()}`);
}

interface Slot {
  indicator: string;
  year: number;
}

/** One write sent: acknowledged (200 with the draft) or not answered (the server was killed). */
interface Write {
  slot: Slot;
  note: string;
  value: number;
  acknowledged: boolean;
}

function put(server: Server, token: string, w: Omit<Write, "acknowledged">) {
  return fetch(
    `${server.base}/api/v1/municipalities/${MUNICIPALITY}/indicators/${w.slot.indicator}/actuals/${w.slot.year}`,
    {
      method: "PUT",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ value: w.value, note: w.note, reason: "kill -9 durability check" }),
    },
  );
}

const rowsOf = <T>(result: unknown) => (result as { rows: T[] }).rows;

/**
 * The test on one backend; each backend's in a file of its own (durability.test.ts,
 * durability-postgres.test.ts), so that the two workers run them side by side. Skipped on
 * PostgreSQL without DATABASE_URL.
 */
export const describeDurability = (backend: Backend) =>
  describe.skipIf(!backends().includes(backend))(
    `acknowledged writes survive kill -9 [${backend}]`,
    () => {
      const id = `${process.pid}_${randomBytes(3).toString("hex")}`;
      let dataDir = "";
      let databaseName = "";
      let env: NodeJS.ProcessEnv = {};
      let token = "";
      let server: Server | undefined;

      /** The database itself, opened while no server runs (the embedded one has one user). */
      const openDirect = (): Promise<Database> =>
        backend === "pglite"
          ? openPglite(path.join(dataDir, "db"))
          : openPostgres(withDatabase(process.env.DATABASE_URL!, databaseName), 1);

      beforeAll(async () => {
        dataDir = await mkdtemp(path.join(scratchDir(), "shisaku-durability-"));
        if (backend === "pglite") {
          await copyTemplate(dataDir);
          env = { SHISAKU_DATA_DIR: dataDir };
        } else {
          const url = process.env.DATABASE_URL!;
          databaseName = `shisaku_test_durable_${id}`;
          await adminQuery(
            `create database "${databaseName}" template "${templateDatabaseName(url)}"`,
          );
          env = { SHISAKU_DATA_DIR: dataDir, DATABASE_URL: withDatabase(url, databaseName) };
        }
        // A personal API token, made by the command line before the server starts.
        const created = await runShisaku(
          [
            "token",
            "create",
            "--municipality",
            MUNICIPALITY,
            "--email",
            "admin@demo.invalid",
            "--label",
            "durability",
          ],
          env,
        );
        expect(created.stderr).toBe("");
        token = /APIトークン（この一度だけ表示します）: (\S+)/.exec(created.stdout)?.[1] ?? "";
        expect(token).not.toBe("");
      });

      afterAll(async () => {
        if (server) await kill9(server);
        await rm(dataDir, { recursive: true, force: true });
        if (databaseName) await adminQuery(`drop database if exists "${databaseName}"`);
      });

      it(`finds every acknowledged write after each of ${CYCLES} kills`, async () => {
        const writes: Write[] = [];
        server = await startServer(env);

        // Slots the token may write: indicators of the demo whose actuals are entered by hand.
        const list = await fetch(
          `${server.base}/api/v1/municipalities/${MUNICIPALITY}/indicators?limit=1000`,
        );
        const candidates = ((await list.json()) as { items: { code: string }[] }).items;
        const slots: Slot[] = [];
        for (const { code } of candidates) {
          if (slots.length >= WRITERS * SLOTS_PER_WRITER) break;
          const mine = YEARS.map((year) => ({ indicator: code, year }));
          const probe = { slot: mine[0]!, note: `durability ${backend} probe ${code}`, value: 1 };
          const res = await put(server, token, probe);
          if (res.status === 200) {
            writes.push({ ...probe, acknowledged: true });
            slots.push(...mine);
          } else await res.body?.cancel();
        }
        expect(slots.length).toBeGreaterThanOrEqual(WRITERS * SLOTS_PER_WRITER);

        for (let cycle = 1; cycle <= CYCLES; cycle++) {
          const live = server!;
          let acknowledged = 0;
          let killing: Promise<void> | undefined;
          // Writers one request at a time each, all at once; the server is killed when the cycle's
          // count of acknowledgements is reached, with the others' writes in flight.
          const writer = async (w: number) => {
            const mine = slots.filter((_, i) => i % WRITERS === w);
            for (let n = 0; !killing; n++) {
              const write: Write = {
                slot: mine[n % mine.length]!,
                note: `durability ${backend} cycle ${cycle} writer ${w} #${n}`,
                value: cycle * 100_000 + w * 10_000 + n,
                acknowledged: false,
              };
              writes.push(write);
              let status: number;
              let body: { status?: string; draft?: { note: string } };
              try {
                const res = await put(live, token, write);
                status = res.status;
                body = (await res.json()) as typeof body;
              } catch {
                break; // no whole answer: the kill cut this write off
              }
              if (status !== 200 || body.status !== "draft" || body.draft?.note !== write.note)
                throw new Error(`write refused (${status}): ${JSON.stringify(body)}`);
              write.acknowledged = true;
              if (++acknowledged >= WRITES_PER_CYCLE) killing ??= kill9(live);
            }
          };
          await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
          await killing;
          expect(acknowledged).toBeGreaterThanOrEqual(WRITES_PER_CYCLE);

          server = undefined;
          // The last kill: the server restarted on what it left, then stopped, and the database
          // read directly. Before: read directly on what the kill left (below), then restarted.
          if (cycle === CYCLES) {
            server = await startServer(env);
            await stop(server);
            server = undefined;
          }
          const database = await openDirect();
          let notes: Set<string>;
          let drafts: Map<string, string | null>;
          try {
            notes = new Set(
              rowsOf<{ note: string }>(
                await database.db.execute(sql`select after->>'note' as note from audit_log
                where municipality_code = ${MUNICIPALITY} and action = 'actual.draft'`),
              ).map((r) => r.note),
            );
            drafts = new Map(
              rowsOf<{ key: string; note: string | null }>(
                await database.db.execute(sql`select i.code || '/' || d.fiscal_year as key, d.note
                from actual_drafts d join indicators i on i.id = d.indicator_id
               where d.municipality_code = ${MUNICIPALITY}`),
              ).map((r) => [r.key, r.note]),
            );
          } finally {
            await database.close();
          }
          // Every acknowledged write is in the audit trail, and nothing that was never sent.
          const lost = writes.filter((w) => w.acknowledged && !notes.has(w.note));
          expect(
            lost.map((w) => w.note),
            `lost after kill ${cycle}`,
          ).toEqual([]);
          const sent = new Set(writes.map((w) => w.note));
          expect([...notes].filter((n) => n.startsWith("durability") && !sent.has(n))).toEqual([]);
          // Each slot holds its last acknowledged write, or a later one whose answer the kill cut off.
          for (const slot of slots) {
            const key = `${slot.indicator}/${slot.year}`;
            const ofSlot = writes.filter((w) => w.slot === slot);
            const lastAcked = ofSlot.findLastIndex((w) => w.acknowledged);
            if (lastAcked < 0) continue;
            const allowed = ofSlot.slice(lastAcked).map((w) => w.note);
            expect(allowed, `the draft of ${key} after kill ${cycle}`).toContain(drafts.get(key));
          }
          // Restarted on it for the next cycle (/healthz answers: startServer).
          if (cycle < CYCLES) server = await startServer(env);
        }
        expect(writes.filter((w) => w.acknowledged).length).toBeGreaterThanOrEqual(
          CYCLES * WRITES_PER_CYCLE,
        );
      }, 600_000);
    },
  );
