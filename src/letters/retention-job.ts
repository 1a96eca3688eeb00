/**
 * The server's periodic erasure of letter writers' contact details whose retention after the
 * letter was closed has run out (SHISAKU_LETTER_RETENTION_DAYS), in every municipality.
 */
import type { Db } from "../core/db/client.ts";
import { startPeriodic } from "../core/periodic.ts";
import { listMunicipalities } from "../municipalities/index.ts";
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
  return startPeriodic(
    "連絡先の削除に失敗しました / letter retention job failed",
    async () => {
      const { erased } = await runLetterRetention(db, retentionDays);
      if (erased)
        console.log(
          `保存期間を過ぎたたより${erased}件の連絡先を削除しました / erased the contact details of ${erased} letter(s) past their retention`,
        );
    },
    { everyMs, firstAfterMs },
  );
}
