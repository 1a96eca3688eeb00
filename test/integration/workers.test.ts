/**
 * SHISAKU_WORKERS=N (issue 19): N serving processes on PostgreSQL, any of which answers any
 * request — a session made through one is valid on the others (sessions live in the database) —
 * and a clear refusal on the embedded database.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { DEMO } from "../support/staff.ts";
import { adminQuery, templateDatabaseName, withDatabase } from "../support/template.ts";

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

const url = process.env.DATABASE_URL;

describe("several serving processes", () => {
  let child: ChildProcess | undefined;
  const name = `shisaku_workers_${process.pid}`;
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
    if (url) await adminQuery(`drop database if exists "${name}"`);
  });

  it("refuses SHISAKU_WORKERS on the embedded database, saying why", () => {
    const { DATABASE_URL: _embedded, ...env } = process.env;
    const r = spawn(process.execPath, ["bin/start.mjs"], {
      env: { ...env, SHISAKU_WORKERS: "2", PORT: "0" },
    });
    let err = "";
    r.stderr.on("data", (d) => (err += d));
    return once(r, "exit").then(([code]) => {
      expect(code).toBe(1);
      expect(err).toContain("SHISAKU_WORKERS=2 には PostgreSQL（DATABASE_URL）が必要です");
    });
  }, 120_000);

  it.skipIf(!url)(
    "serves with two processes, and a session made on one is valid on the other",
    async () => {
      await adminQuery(`create database "${name}" template "${templateDatabaseName(url!)}"`);
      const port = await freePort();
      let output = "";
      child = spawn(process.execPath, ["bin/start.mjs"], {
        env: {
          ...process.env,
          DATABASE_URL: withDatabase(url!, name),
          SHISAKU_WORKERS: "2",
          PORT: String(port),
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      child.stdout!.on("data", (d) => (output += d));
      child.stderr!.on("data", (d) => (output += d));
      const base = `http://127.0.0.1:${port}`;
      let up = false;
      for (let i = 0; i < 1200 && !up; i++) {
        if (child.exitCode !== null) throw new Error(`the server exited:\n${output}`);
        up = (await fetch(`${base}/healthz`).catch(() => undefined))?.ok ?? false;
        if (!up) await new Promise((r) => setTimeout(r, 50));
      }
      // Both workers take connections (the first may be up before the second).
      const workers = () =>
        execFileSync("ps", ["--ppid", String(child!.pid), "-o", "pid="], { encoding: "utf8" })
          .trim()
          .split("\n")
          .filter(Boolean);
      for (let i = 0; i < 600 && workers().length < 2; i++)
        await new Promise((r) => setTimeout(r, 50));
      expect(workers()).toHaveLength(2);
      expect(output).toContain("Shisaku: 2 worker processes (PostgreSQL)");

      const signIn = await fetch(`${base}/082058/manage/sign-in`, {
        method: "POST",
        redirect: "manual",
        headers: { origin: base, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams(DEMO.planner).toString(),
      });
      expect(signIn.status).toBe(303);
      const cookie = signIn.headers.get("set-cookie")!.split(";")[0]!;
      // The cluster hands connections to its workers in turn: every worker answers some of these.
      for (let i = 0; i < 12; i++) {
        const page = await fetch(`${base}/082058/manage/`, {
          headers: { cookie, connection: "close" },
        });
        expect(page.status, `request ${i}`).toBe(200);
        expect(await page.text()).toContain("サインアウト");
      }
      child.kill("SIGTERM");
      const [code] = await once(child, "exit");
      expect(code).toBe(0);
    },
    300_000,
  );
});
