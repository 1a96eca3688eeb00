/** Prepares the template databases once per run (see template.ts). */
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { openPglite, openPostgres } from "../../src/core/db/client.ts";
import { ensureDemo } from "../../src/demo/seed.ts";
import { runDir } from "./template.ts";

export default async function setup(project: TestProject) {
  // Each run has its own folder, so that two runs at once do not share a template.
  const dir = runDir();
  const template = path.join(dir, "template");
  await mkdir(template, { recursive: true });
  project.provide("templateDir", template);
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
  return async () => {
    await rm(dir, { recursive: true, force: true });
  };
}
