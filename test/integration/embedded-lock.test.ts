/**
 * One process at a time on an embedded database folder: a second opener — in this process, a
 * `shisaku` command, a second server — is refused with a message naming the holder and what to
 * do, and changes nothing; a lock whose process is gone is taken over.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPglite } from "../../src/core/db/client.ts";
import { DatabaseInUseError } from "../../src/core/db/lock.ts";
import { shisakuOnDemoCopy } from "../support/cli.ts";
import { copyTemplate } from "../support/template.ts";

const run = promisify(execFile);

/** The environment of a child process on `dataDir`'s embedded database. */
function embeddedEnv(dataDir: string, extra: Record<string, string> = {}) {
  const { DATABASE_URL: _embedded, ...env } = process.env;
  return { ...env, SHISAKU_DATA_DIR: dataDir, ...extra };
}

async function demoCopy(prefix: string) {
  const dir = await mkdtemp(path.join(tmpdir(), `${prefix}-`));
  await copyTemplate(dir);
  return dir;
}

const exists = (file: string) =>
  readFile(file).then(
    () => true,
    () => false,
  );

/** The PID of a process that has come and gone. */
async function deadPid() {
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await once(child, "exit");
  return child.pid!;
}

/** The number of rows of `table`, read as the superuser (row-level security does not apply). */
async function count(database: Awaited<ReturnType<typeof openPglite>>, table: string) {
  const r = await database.pglite!.query<{ n: number }>(`select count(*)::int as n from ${table}`);
  return r.rows[0]!.n;
}

const stopAt = (child: ChildProcess | undefined) => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
};

describe("the lock of an embedded database folder", () => {
  let dataDir: string;
  let db: string;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    dataDir = await demoCopy("shisaku-lock");
    db = path.join(dataDir, "db");
  });
  afterAll(async () => {
    for (const c of children) stopAt(c);
    await rm(dataDir, { recursive: true, force: true });
  });

  it("refuses a second open while the first is open, and opens again after close", async () => {
    const first = await openPglite(db);
    try {
      const lock = JSON.parse(await readFile(`${db}.lock`, "utf8"));
      expect(lock).toMatchObject({ pid: process.pid, hostname: os.hostname() });
      const second = openPglite(db);
      await expect(second).rejects.toBeInstanceOf(DatabaseInUseError);
      await expect(second).rejects.toThrow(
        `埋め込みデータベース（${db}）は別のプロセス（PID ${process.pid}）が使用中です。`,
      );
      await expect(second).rejects.toThrow("DATABASE_URL で PostgreSQL を使ってください");
      await expect(second).rejects.toThrow(
        `The embedded database (${db}) is in use by another process (PID ${process.pid}).`,
      );
      // The refusal left the holder's lock and database alone.
      expect(JSON.parse(await readFile(`${db}.lock`, "utf8")).pid).toBe(process.pid);
      expect(await count(first, "municipalities")).toBeGreaterThan(0);
    } finally {
      await first.close();
    }
    expect(await exists(`${db}.lock`)).toBe(false);
    const again = await openPglite(db);
    expect(await count(again, "municipalities")).toBeGreaterThan(0);
    await again.close();
  });

  it("takes over a lock left by a process that is gone", async () => {
    const pid = await deadPid();
    await writeFile(
      `${db}.lock`,
      JSON.stringify({ pid, hostname: os.hostname(), startedAt: new Date().toISOString() }),
    );
    const database = await openPglite(db);
    expect(JSON.parse(await readFile(`${db}.lock`, "utf8")).pid).toBe(process.pid);
    await database.close();
    expect(await exists(`${db}.lock`)).toBe(false);
  });

  it("takes over a lock written before the last boot, or by an earlier process of this PID", async () => {
    const lock = (fields: Record<string, unknown>) =>
      writeFile(
        `${db}.lock`,
        JSON.stringify({ hostname: os.hostname(), startedAt: new Date().toISOString(), ...fields }),
      );
    // A server restarted in a container is often PID 1 every time; this process is not holding it.
    await lock({ pid: process.pid });
    const database = await openPglite(db);
    await database.close();
    const bootId = await readFile("/proc/sys/kernel/random/boot_id", "utf8").catch(() => "");
    if (bootId) {
      // PID 1 is alive, but not the process that wrote a lock before a power loss.
      await lock({ pid: 1, bootId: "00000000-0000-0000-0000-000000000000" });
      const afterBoot = await openPglite(db);
      expect(JSON.parse(await readFile(`${db}.lock`, "utf8")).pid).toBe(process.pid);
      await afterBoot.close();
    }
    expect(await exists(`${db}.lock`)).toBe(false);
  });

  it("refuses a lock written on another host, naming the host and the file to delete", async () => {
    const pid = await deadPid();
    await writeFile(
      `${db}.lock`,
      JSON.stringify({ pid, hostname: "elsewhere.invalid", startedAt: new Date().toISOString() }),
    );
    try {
      const open = openPglite(db);
      await expect(open).rejects.toThrow(`（PID ${pid}、ホスト elsewhere.invalid）が使用中です`);
      await expect(open).rejects.toThrow(
        `If no process ${pid} is running on that host, delete ${db}.lock.`,
      );
    } finally {
      await rm(`${db}.lock`);
    }
  });

  it("refuses while another process holds the folder, and takes it over once that process is killed", async () => {
    // A process that opens the database and waits (as a server would), killed without a chance
    // to remove its lock.
    const holder = spawn(
      process.execPath,
      [
        "--import",
        "tsx",
        "--input-type=module",
        "-e",
        `const { openPglite } = await import(${JSON.stringify(pathToFileURL(path.resolve("src/core/db/client.ts")).href)});
         await openPglite(${JSON.stringify(db)});
         console.log("open");
         setInterval(() => {}, 1000);`,
      ],
      { stdio: ["ignore", "pipe", "inherit"], env: embeddedEnv(dataDir) },
    );
    children.push(holder);
    const [line] = await once(holder.stdout!, "data");
    expect(String(line)).toContain("open");
    await expect(openPglite(db)).rejects.toThrow(`別のプロセス（PID ${holder.pid}）が使用中です`);
    holder.kill("SIGKILL");
    await once(holder, "exit");
    expect(JSON.parse(await readFile(`${db}.lock`, "utf8")).pid).toBe(holder.pid);
    const database = await openPglite(db);
    expect(await count(database, "municipalities")).toBeGreaterThan(0);
    await database.close();
  });
});

describe("a shisaku command while another process holds the embedded database", () => {
  const cli = shisakuOnDemoCopy("shisaku-lock-cli");

  it("refuses to write or read, with the message, and changes nothing", async () => {
    const held = await openPglite(path.join(cli.dataDir, "db"));
    try {
      const before = {
        tokens: await count(held, "api_tokens"),
        users: await count(held, "users"),
        audit: await count(held, "audit_log"),
      };
      const runs = {
        token: await cli.run(
          "token",
          "create",
          "--municipality",
          "082058",
          "--email",
          "admin@demo.invalid",
          "--label",
          "集計スクリプト",
        ),
        user: await cli.run(
          "user",
          "add",
          "--municipality",
          "082058",
          "--email",
          "new@demo.invalid",
          "--role",
          "viewer",
        ),
        list: await cli.run("user", "list", "--municipality", "082058"),
      };
      for (const r of Object.values(runs)) {
        expect(r.code).toBe(1);
        expect(r.stderr).toContain(`別のプロセス（PID ${process.pid}）が使用中です`);
        expect(r.stderr).toContain("DATABASE_URL");
        expect(r.stderr).not.toMatch(/\n\s+at /);
      }
      expect(runs.token.stdout).not.toContain("APIトークン");
      expect(runs.list.stdout).toBe("");
      expect({
        tokens: await count(held, "api_tokens"),
        users: await count(held, "users"),
        audit: await count(held, "audit_log"),
      }).toEqual(before);
    } finally {
      await held.close();
    }
    // Released: the same command now runs.
    const created = await cli.run(
      "token",
      "create",
      "--municipality",
      "082058",
      "--email",
      "admin@demo.invalid",
      "--label",
      "集計スクリプト",
    );
    expect(created.code).toBe(0);
    expect(created.stdout).toContain("APIトークン（この一度だけ表示します）");
  });
});

describe("two servers on one data folder", () => {
  let dataDir: string;
  let first: ChildProcess | undefined;
  beforeAll(async () => {
    dataDir = await demoCopy("shisaku-lock-server");
  });
  afterAll(async () => {
    stopAt(first);
    await rm(dataDir, { recursive: true, force: true });
  });

  const freePort = () =>
    new Promise<number>((resolve) => {
      const s = createServer().listen(0, "127.0.0.1", () => {
        const port = (s.address() as { port: number }).port;
        s.close(() => resolve(port));
      });
    });

  it("the second exits non-zero with the message while the first runs; so does a command", async () => {
    const port = await freePort();
    first = spawn(process.execPath, ["bin/start.mjs"], {
      env: embeddedEnv(dataDir, { PORT: String(port) }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    first.stdout!.on("data", (d) => (output += d));
    first.stderr!.on("data", (d) => (output += d));
    let health: Response | undefined;
    for (let i = 0; i < 1200 && !health?.ok; i++) {
      if (first.exitCode !== null) throw new Error(`the first server exited:\n${output}`);
      health = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
      if (!health?.ok) await new Promise((r) => setTimeout(r, 50));
    }
    expect(health?.ok).toBe(true);

    const second = spawn(process.execPath, ["bin/start.mjs"], {
      env: embeddedEnv(dataDir, { PORT: "0" }),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let secondOut = "";
    let secondErr = "";
    second.stdout!.on("data", (d) => (secondOut += d));
    second.stderr!.on("data", (d) => (secondErr += d));
    const [code] = await once(second, "exit");
    expect(code).toBe(1);
    expect(secondOut).not.toContain("Shisaku listening");
    const db = path.join(dataDir, "db");
    expect(secondErr).toContain(
      `埋め込みデータベース（${db}）は別のプロセス（PID ${first.pid}、サーバー）が使用中です。そのサーバーを止めてから実行するか、DATABASE_URL で PostgreSQL を使ってください。`,
    );
    expect(secondErr).toContain(
      `The embedded database (${db}) is in use by another process (PID ${first.pid}, the server). Stop that server and run this again, or use PostgreSQL through DATABASE_URL.`,
    );
    expect(secondErr).not.toMatch(/\n\s+at /);

    // `npx shisaku token create` while the server runs: refused, not a token the server rejects.
    const token = await run(
      process.execPath,
      [
        "bin/shisaku.mjs",
        "token",
        "create",
        "--municipality",
        "082058",
        "--email",
        "admin@demo.invalid",
        "--label",
        "x",
      ],
      { env: embeddedEnv(dataDir) },
    ).then(
      () => ({ code: 0, stderr: "" }),
      (e: { code: number; stderr: string }) => e,
    );
    expect(token.code).toBe(1);
    expect(token.stderr).toContain(`（PID ${first.pid}、サーバー）が使用中です`);

    // The first still serves, stops cleanly and leaves no lock behind.
    expect((await fetch(`http://127.0.0.1:${port}/082058/`)).status).toBe(200);
    first.kill("SIGTERM");
    const [firstCode] = await once(first, "exit");
    expect(firstCode).toBe(0);
    expect(await exists(`${db}.lock`)).toBe(false);
  }, 120_000);
});
