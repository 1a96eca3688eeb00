/** `npm start`: open (or create) the database, load the demo on first start, serve HTTP. */
import { loadConfig } from "./core/config.ts";
import { DatabaseInUseError } from "./core/db/lock.ts";
import { openMigrated } from "./core/db/open.ts";

const config = loadConfig();
// Open the database (the embedded one takes about a second) while the application loads.
const [
  database,
  { serve },
  { createApp },
  { followChanges },
  { ensureDemo },
  { createMailer },
  { startReminderJob },
  { startLetterRetentionJob },
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
]);
const unfollow = await followChanges(database);
if (await ensureDemo(database.db))
  console.log("デモ団体（石岡市 082058）を読み込みました / loaded the demo municipality");

// Reminders are prepared every few minutes; they are e-mailed only when SMTP_URL is set.
const mailer = createMailer();
const stopReminders = startReminderJob(database.db, mailer);
// Letter writers' contact details are erased SHISAKU_LETTER_RETENTION_DAYS after closing.
const stopRetention = startLetterRetentionJob(database.db, config.letterRetentionDays);

const server = serve(
  {
    fetch: createApp({ db: database.db, delivering: mailer !== null }).fetch,
    port: config.port,
    hostname: config.host,
  },
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
  stopReminders();
  stopRetention();
  mailer?.close();
  server.close(() => {
    unfollow()
      .then(() => database.close())
      .finally(() => process.exit(0));
  });
};
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
