/** `npm start`: open (or create) the database, load the demo on first start, serve HTTP. */
import { serve } from "@hono/node-server";
import { createApp } from "./app.tsx";
import { followChanges } from "./core/changes.ts";
import { loadConfig } from "./core/config.ts";
import { openMigrated } from "./core/db/open.ts";
import { ensureDemo } from "./demo/seed.ts";

const config = loadConfig();
const database = await openMigrated(config);
const unfollow = await followChanges(database);
if (await ensureDemo(database.db))
  console.log("デモ団体（石岡市 082058）を読み込みました / loaded the demo municipality");

const server = serve(
  { fetch: createApp({ db: database.db }).fetch, port: config.port, hostname: config.host },
  (info) => {
    const where = config.databaseUrl ? "PostgreSQL" : `embedded database in ${config.dataDir}`;
    console.log(
      `Shisaku listening on http://${info.address === "::1" ? "localhost" : info.address}:${info.port} (${where}, ready ${Math.round(performance.now())} ms after the process started)`,
    );
  },
);

let closing = false;
const shutdown = () => {
  if (closing) return;
  closing = true;
  server.close(() => {
    unfollow()
      .then(() => database.close())
      .finally(() => process.exit(0));
  });
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
