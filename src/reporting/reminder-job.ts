/**
 * The server's periodic work for rounds: prepare the reminders due today for every
 * municipality, and deliver the outbox when a mailer is configured (SMTP_URL).
 */
import type { Db } from "../core/db/client.ts";
import type { Mailer } from "../core/mail.ts";
import { deliverOutbox } from "../core/outbox.ts";
import { startPeriodic } from "../core/periodic.ts";
import { prepareEvaluationReminders } from "../evaluations/index.ts";
import { listMunicipalities } from "../municipalities/index.ts";
import { prepareReminders } from "./store.ts";

export async function runReminders(db: Db, mailer: Mailer | null, now = new Date()) {
  let prepared = 0;
  let sent = 0;
  for (const m of await listMunicipalities(db)) {
    prepared += await prepareReminders(db, m, now);
    prepared += await prepareEvaluationReminders(db, m, now);
    if (mailer) sent += (await deliverOutbox(db, m.code, mailer)).sent;
  }
  return { prepared, sent };
}

/** Runs `runReminders` every `everyMs` (first after `firstAfterMs`); returns the stop. */
export function startReminderJob(
  db: Db,
  mailer: Mailer | null,
  { everyMs = 10 * 60_000, firstAfterMs = 30_000 } = {},
) {
  return startPeriodic(
    "お知らせメールの処理に失敗しました / reminder job failed",
    async () => {
      await runReminders(db, mailer);
    },
    { everyMs, firstAfterMs },
  );
}
