/**
 * `npm start`: open (or create) the database, load the demo on first start, serve HTTP. With
 * SHISAKU_WORKERS=N (PostgreSQL only), this process prepares the database once and then runs N
 * serving processes on the same port (node:cluster), restarting one that dies; sessions, sign-in
 * delays and rate limits live in the database, so any of them may answer any request.
 */
import cluster from "node:cluster";
import { type Config, loadConfig } from "./core/config.ts";
import { DatabaseInUseError } from "./core/db/lock.ts";
import { openMigrated } from "./core/db/open.ts";

let config: Config;
try {
  config = loadConfig();
} catch (e) {
  console.error((e as Error).message);
  process.exit(1);
}

if (config.workers > 1 && cluster.isPrimary) await supervise(config);
else await serveHere(config);

/** The cluster's first process: migrates and loads the demo once, then keeps N workers running. */
async function supervise(config: Config) {
  const database = await openMigrated(config, { holder: "server" });
  const { ensureDemo } = await import("./demo/seed.ts");
  if (await ensureDemo(database.db))
    console.log("デモ団体（石岡市 082058）を読み込みました / loaded the demo municipality");
  await database.close();
  let stopping = false;
  // The periodic jobs (reminders, letter retention) run in one worker only.
  const start = (jobs: boolean) => {
    const worker = cluster.fork({ SHISAKU_CLUSTER_JOBS: jobs ? "1" : "0" });
    worker.on("exit", (code, signal) => {
      if (stopping) return;
      console.error(
        `ワーカー ${worker.process.pid} が終了しました（${signal ?? code}）。起動し直します / worker ${worker.process.pid} exited (${signal ?? code}): starting another`,
      );
      setTimeout(() => start(jobs), 500);
    });
  };
  for (let i = 0; i < config.workers; i++) start(i === 0);
  console.log(`Shisaku: ${config.workers} worker processes (PostgreSQL)`);
  const stop = () => {
    if (stopping) return;
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
    const exited = () => Object.keys(cluster.workers ?? {}).length === 0 && process.exit(0);
    cluster.on("exit", exited);
    exited();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

async function serveHere(config: Config) {
  const jobs = process.env.SHISAKU_CLUSTER_JOBS !== "0";
  // Open the database (the embedded one takes about a second) while the application loads.
  const [
    opened,
    { serve },
    { createServing },
    { followChanges },
    { ensureDemo },
    { createMailer },
    { startReminderJob },
    { startLetterRetentionJob },
    { flushDownloads },
  ] = await Promise.all([
    // Another server or a command on the same embedded database: say so and stop, no stack trace.
    openMigrated(config, { holder: "server" }).catch((e: unknown) => {
      if (!(e instanceof DatabaseInUseError)) throw e;
      console.error(e.message);
      process.exit(1);
    }),
    import("@hono/node-server"),
    import("./app.tsx"),
    import("./core/changes.ts"),
    import("./demo/seed.ts"),
    import("./core/mail.ts"),
    import("./reporting/reminder-job.ts"),
    import("./letters/retention-job.ts"),
    import("./opendata/index.ts"),
  ]);
  let database = opened;
  let unfollow = await followChanges(database);
  if (await ensureDemo(database.db)) {
    console.log("デモ団体（石岡市 082058）を読み込みました / loaded the demo municipality");
    // Loading the demo into a new embedded database grows its WebAssembly heap, which never
    // shrinks (about 400 MB more resident): serve from a fresh instance of the same database.
    if (database.kind === "pglite") {
      await unfollow();
      await database.close();
      database = await openMigrated(config, { holder: "server" });
      unfollow = await followChanges(database);
    }
  }

  // Reminders are prepared every few minutes; they are e-mailed only when SMTP_URL is set.
  const mailer = createMailer();
  const stopReminders = jobs ? startReminderJob(database.db, mailer) : () => {};
  // Letter writers' contact details are erased SHISAKU_LETTER_RETENTION_DAYS after closing.
  const stopRetention = jobs
    ? startLetterRetentionJob(database.db, config.letterRetentionDays)
    : () => {};

  const { fetch, createServer } = createServing({ db: database.db, delivering: mailer !== null });
  const server = serve(
    {
      fetch,
      createServer,
      port: config.port,
      hostname: config.host,
    },
    (info) => {
      const where = config.databaseUrl ? "PostgreSQL" : `embedded database in ${config.dataDir}`;
      if (!jobs) return;
      console.log(
        `Shisaku listening on http://${info.address === "::1" ? "localhost" : info.address}:${info.port} (${where}, ready ${Math.round(performance.now())} ms after the process started)`,
      );
    },
  );

  let closing = false;
  const shutdown = () => {
    if (closing) return;
    closing = true;
    stopReminders();
    stopRetention();
    mailer?.close();
    server.close(() => {
      // The download counts still in memory (opendata/downloads.ts), before the database closes.
      flushDownloads(database.db)
        .then(() => unfollow())
        .then(() => database.close())
        .finally(() => process.exit(0));
    });
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}
