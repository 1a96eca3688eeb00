import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyTemplate } from "../support/template.ts";

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });

/** `npm start` runs bin/start.mjs: it builds (or reuses) the server bundle and serves. */
describe("npm start on an existing data folder", () => {
  let dataDir: string;
  let child: ChildProcess | undefined;
  let output = "";

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), "shisaku-start-"));
    await copyTemplate(dataDir);
  });
  afterAll(async () => {
    if (child && child.exitCode === null) child.kill("SIGKILL");
    await rm(dataDir, { recursive: true, force: true });
  });

  it("serves the demo municipality and stops cleanly on SIGTERM", async () => {
    const port = await freePort();
    const { DATABASE_URL: _embedded, ...env } = process.env;
    child = spawn(process.execPath, ["bin/start.mjs"], {
      env: { ...env, SHISAKU_DATA_DIR: dataDir, PORT: String(port) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (d) => (output += d));
    child.stderr!.on("data", (d) => (output += d));
    const base = `http://127.0.0.1:${port}`;
    let health: Response | undefined;
    for (let i = 0; i < 600 && !health?.ok; i++) {
      if (child.exitCode !== null) throw new Error(`the server exited:\n${output}`);
      health = await fetch(`${base}/healthz`).catch(() => undefined);
      if (!health?.ok) await new Promise((r) => setTimeout(r, 50));
    }
    expect(await health?.json()).toEqual({ status: "ok" });
    expect(output).toMatch(/Shisaku listening on http:\/\/127\.0\.0\.1:\d+ \(embedded database/);
    const home = await fetch(`${base}/082058/`);
    expect(home.status).toBe(200);
    expect(await home.text()).toContain("石岡市");
    const assets = (await (await fetch(`${base}/`)).text()).match(
      /\/assets\/style\.css\?v=[0-9a-f]+/,
    );
    expect(assets).not.toBeNull();
    expect((await fetch(`${base}${assets![0]}`)).status).toBe(200);

    child.kill("SIGTERM");
    const [code] = await once(child, "exit");
    expect(code).toBe(0);
  }, 60_000);
});
