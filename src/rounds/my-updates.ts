/**
 * "My updates": the indicators a person reports for a fiscal year with the state of each —
 * missing, a draft, published — missing first. The year is the one asked for, else the open
 * round with the nearest deadline, else the last closed fiscal year.
 */
import { mayUpdateFor, type Principal } from "../accounts/rules.ts";
import type { Db } from "../core/db/client.ts";
import { parseReportingYear, reportingYear } from "../core/reporting-years.ts";
import { draftKeys } from "../indicators/drafts.ts";
import { feedsInMunicipality } from "../indicators/feeds.ts";
import { ownersInMunicipality } from "../indicators/owners.ts";
import { loadRegistry } from "../indicators/queries.ts";
import { loadRounds } from "./queries.ts";
import type { UpdateRow } from "./views/updates-page.tsx";

const ORDER = { missing: 0, draft: 1, published: 2 } as const;

export async function loadMyUpdates(
  db: Db,
  mc: string,
  who: Pick<Principal, "role" | "sectionCodes">,
  fyQuery?: string,
) {
  const rounds = await loadRounds(db, mc);
  const open = rounds
    .filter((r) => r.closedAt === null)
    .sort((a, b) => a.deadline.localeCompare(b.deadline));
  const fy = parseReportingYear(fyQuery, open[0]?.fiscalYear ?? reportingYear());
  const round = rounds.find((r) => r.fiscalYear === fy);
  const [{ located }, drafts, owners, feeds] = await Promise.all([
    loadRegistry(db, mc),
    draftKeys(db, mc),
    ownersInMunicipality(db, mc),
    feedsInMunicipality(db, mc),
  ]);
  const inRound = round ? new Set(round.indicatorIds) : null;
  const rows: UpdateRow[] = located
    .map((x) => x.record)
    .filter((r) => (inRound ? inRound.has(r.id) : !feeds.has(r.id)))
    .filter((r) =>
      mayUpdateFor(
        who,
        (owners.get(r.id) ?? []).map((s) => s.code),
      ),
    )
    .map((record) => ({
      record,
      owners: owners.get(record.id) ?? [],
      state: drafts.has(`${record.id}/${fy}`)
        ? ("draft" as const)
        : record.actuals.some((a) => a.fiscalYear === fy && (a.value !== null || a.note))
          ? ("published" as const)
          : ("missing" as const),
    }))
    .sort((a, b) => ORDER[a.state] - ORDER[b.state] || a.record.code.localeCompare(b.record.code));
  return { fy, round, rows };
}
