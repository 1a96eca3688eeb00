/**
 * The server's periodic erasure of letter writers' contact details whose retention after the
 * letter was closed has run out (SHISAKU_LETTER_RETENTION_DAYS), in every municipality.
 */
import type { Db } from "../core/db/client.ts";
import { listMunicipalities } from "../municipalities/queries.ts";
import { eraseDueContacts } from "./retention.ts";

export async function runLetterRetention(db: Db, retentionDays: number, now = new Date()) {
  let erased = 0;
  for (const m of await listMunicipalities(db))
    erased += await eraseDueContacts(db, m.code, retentionDays, now);
  return { erased };
}

/** Runs `runLetterRetention` every `everyMs` (first after `firstAfterMs`); returns the stop. */
export function startLetterRetentionJob(
  db: Db,
  retentionDays: number,
  { everyMs = 60 * 60_000, firstAfterMs = 60_000 } = {},
) {
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    runLetterRetention(db, retentionDays)
      .then(({ erased }) => {
        if (erased)
          console.log(
            `保存期間を過ぎたたより${erased}件の連絡先を削除しました / erased the contact details of ${erased} letter(s) past their retention`,
          );
      })
      .catch((e) => console.error("連絡先の削除に失敗しました / letter retention job failed:", e))
      .finally(() => {
        running = false;
      });
  };
  const first = setTimeout(tick, firstAfterMs);
  const timer = setInterval(tick, everyMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
