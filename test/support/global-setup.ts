/**
 * Prepares the template databases once per run (see template.ts) and builds the `shisaku`
 * command once (see cli.ts). The integration and browser projects both name this file; the first
 * to start prepares the template and the last to finish removes it (the state lives on
 * globalThis, which every project's setup shares).
 */
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { build } from "esbuild";
import type { TestProject } from "vitest/node";
import { openPglite, openPostgres } from "../../src/core/db/client.ts";
import { projectPath } from "../../src/core/paths.ts";
import { ensureDemo } from "../../src/demo/seed.ts";
import { runDir } from "./template.ts";

interface Shared {
  prepared: Promise<{ dir: string; template: string; cliDir: string; cliBundle: string }>;
  users: number;
}

/**
 * src/cli/main.ts bundled as `npm start` bundles the server (bin/start.mjs): the same sources,
 * the dependencies external. Each `shisaku` a test runs then loads one JavaScript file instead
 * of compiling ~150 TypeScript modules through tsx's loader (bin/shisaku.mjs): about 1 s of CPU
 * instead of 3.5 s per command. embedded-lock.test.ts still runs bin/shisaku.mjs itself.
 */
async function buildCli(outdir: string) {
  await build({
    entryPoints: [projectPath("src", "cli", "main.ts")],
    outdir,
    bundle: true,
    splitting: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    tsconfig: projectPath("tsconfig.json"),
    sourcemap: "linked",
    logLevel: "warning",
  });
  return path.join(outdir, "main.js");
}
const shared = globalThis as typeof globalThis & { __shisakuTemplate?: Shared };

async function prepare() {
  // Each run has its own folder, so that two runs at once do not share a template.
  const dir = runDir();
  const template = path.join(dir, "template");
  // Inside the project, so that the bundle finds its dependencies in node_modules.
  const cliDir = path.resolve(`tmp/test-cli/${path.basename(dir)}`);
  await mkdir(template, { recursive: true });
  // The embedded database works in this process, PostgreSQL mostly in its server and esbuild in
  // its own: the three run side by side, so that the tests wait for the longest, not the sum.
  const embedded = async () => {
    // A throwaway copy: its commits need not wait for the disk (see vitest.config.ts).
    const pglite = await openPglite(path.join(template, "db"), { fsync: false });
    await pglite.migrate();
    await ensureDemo(pglite.db);
    await pglite.close();
  };
  const server = async () => {
    if (!process.env.DATABASE_URL) return;
    const postgres = await openPostgres(process.env.DATABASE_URL, 1);
    await postgres.migrate();
    await ensureDemo(postgres.db);
    await postgres.close();
  };
  const [cliBundle] = await Promise.all([buildCli(cliDir), embedded(), server()]);
  return { dir, template, cliDir, cliBundle };
}

export default async function setup(project: TestProject) {
  shared.__shisakuTemplate ??= { prepared: prepare(), users: 0 };
  const state = shared.__shisakuTemplate;
  state.users++;
  const { dir, template, cliDir, cliBundle } = await state.prepared;
  project.provide("templateDir", template);
  project.provide("cliBundle", cliBundle);
  return async () => {
    if (--state.users > 0) return;
    shared.__shisakuTemplate = undefined;
    await Promise.all([dir, cliDir].map((d) => rm(d, { recursive: true, force: true })));
  };
}
