/** Prepares the template databases once per run (see template.ts). */
import { mkdir, rm } from "node:fs/promises";
import path from "node:path";
import { openPglite, openPostgres } from "../../src/core/db/client.ts";
import { ensureDemo } from "../../src/demo/seed.ts";
import { TEMPLATE_DIR } from "./template.ts";

export default async function setup() {
  await rm(path.dirname(TEMPLATE_DIR), { recursive: true, force: true });
  await mkdir(TEMPLATE_DIR, { recursive: true });
  const pglite = await openPglite(path.join(TEMPLATE_DIR, "db"));
  await pglite.migrate();
  await ensureDemo(pglite.db);
  await pglite.close();
  if (process.env.DATABASE_URL) {
    const server = openPostgres(process.env.DATABASE_URL, 1);
    await server.migrate();
    await ensureDemo(server.db);
    await server.close();
  }
  return async () => {
    await rm(path.dirname(TEMPLATE_DIR), { recursive: true, force: true });
  };
}
