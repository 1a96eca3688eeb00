/**
 * `shisaku …` run as a user would, as its own process, on its own copy of the demo data folder:
 * the copy is made before the tests of the calling `describe` and removed after them. The
 * process never sees DATABASE_URL, so it uses the copied embedded database. The command is
 * src/cli/main.ts as bundled once for the run (global-setup.ts), as `npm start` runs the server.
 */
import { execFile } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, inject, vi } from "vitest";
import { backupCommand } from "../../src/cli/backup.ts";
import { AppError } from "../../src/core/errors.ts";
import { copyTemplate, scratchDir } from "./template.ts";

const run = promisify(execFile);

/**
 * V8 flags for the `shisaku` commands the tests start: WebAssembly compiled by the baseline
 * compiler only. A short-lived process otherwise spends about a second of CPU optimising
 * PGlite's PostgreSQL in the background (`shisaku user list`: 2.1 s of CPU, 1.2 s with this;
 * backup and restore each a second less too). What the program does is the same.
 */
export const CHILD_NODE_FLAGS = ["--liftoff-only"];

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * `shisaku …` as its own process with `env` over this process's environment without
 * DATABASE_URL (give it in `env` to run on PostgreSQL).
 */
export async function runShisaku(args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  const { DATABASE_URL: _ignored, ...rest } = process.env;
  try {
    const { stdout, stderr } = await run(
      process.execPath,
      [...CHILD_NODE_FLAGS, inject("cliBundle"), ...args],
      {
        env: { ...rest, ...env },
      },
    );
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as CliResult;
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

export function shisakuOnDemoCopy(prefix: string) {
  let dataDir = "";
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(scratchDir(), `${prefix}-`));
    await copyTemplate(dataDir);
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });
  return {
    /** The data folder the command runs on (to write files beside it). */
    get dataDir() {
      return dataDir;
    },
    run(...args: string[]): Promise<CliResult> {
      return runShisaku(args, { SHISAKU_DATA_DIR: dataDir });
    },
  };
}

/**
 * `shisaku backup …` or `shisaku restore …` run in this process on `env` (SHISAKU_DATA_DIR,
 * DATABASE_URL; unset when not given), its output and exit status taken as the command's, an
 * AppError printed as src/cli/main.ts prints it. For the cases of a verb whose run as a process
 * another test already checks: each saves starting a process (about a second of CPU).
 */
export async function backupInProcess(
  args: [verb: "backup" | "restore", ...rest: string[]],
  env: { SHISAKU_DATA_DIR: string; DATABASE_URL?: string },
): Promise<CliResult> {
  const [verb, ...rest] = args;
  const out: string[] = [];
  const err: string[] = [];
  const log = vi.spyOn(console, "log").mockImplementation((...a) => void out.push(a.join(" ")));
  const error = vi.spyOn(console, "error").mockImplementation((...a) => void err.push(a.join(" ")));
  vi.stubEnv("SHISAKU_DATA_DIR", env.SHISAKU_DATA_DIR);
  vi.stubEnv("DATABASE_URL", env.DATABASE_URL);
  let code: number;
  try {
    code = await backupCommand(verb, rest);
  } catch (e) {
    if (!(e instanceof AppError)) throw e;
    err.push(`エラー: ${e.message}`);
    for (const d of e.details) err.push(`  ${d.location}: ${d.message}`);
    code = 1;
  } finally {
    log.mockRestore();
    error.mockRestore();
    vi.unstubAllEnvs();
  }
  const text = (lines: string[]) => lines.map((l) => `${l}\n`).join("");
  return { code, stdout: text(out), stderr: text(err) };
}
