/**
 * Prepares the template databases once per run (see template.ts). The integration and browser
 * projects both name this file; the first to start prepares the template and the last to finish
 * removes it (the state lives on globalThis, which every project's setup shares).
 */
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { openPglite, openPostgres } from "../../src/core/db/client.ts";
import { ensureDemo } from "../../src/demo/seed.ts";
import { runDir } from "./template.ts";

interface Shared {
  prepared: Promise<{ dir: string; template: string }>;
  users: number;
}
const shared = globalThis as typeof globalThis & { __shisakuTemplate?: Shared };

async function prepare() {
  // Each run has its own folder, so that two runs at once do not share a template.
  const dir = runDir();
  const template = path.join(dir, "template");
  await mkdir(template, { recursive: true });
  // A throwaway copy: its commits need not wait for the disk (see vitest.config.ts).
  const pglite = await openPglite(path.join(template, "db"), { fsync: false });
  await pglite.migrate();
  await ensureDemo(pglite.db);
  await pglite.close();
  if (process.env.DATABASE_URL) {
    const server = await openPostgres(process.env.DATABASE_URL, 1);
    await server.migrate();
    await ensureDemo(server.db);
    await server.close();
  }
  return { dir, template };
}

export default async function setup(project: TestProject) {
  shared.__shisakuTemplate ??= { prepared: prepare(), users: 0 };
  const state = shared.__shisakuTemplate;
  state.users++;
  const { dir, template } = await state.prepared;
  project.provide("templateDir", template);
  return async () => {
    if (--state.users > 0) return;
    shared.__shisakuTemplate = undefined;
    await rm(dir, { recursive: true, force: true });
  };
}
