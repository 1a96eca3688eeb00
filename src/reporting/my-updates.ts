/**
 * "My updates": the indicators a person reports for a fiscal year with the state of each —
 * missing, a draft, published — missing first. The year is the one asked for, else the open
 * round with the nearest deadline, else the last closed fiscal year.
 */
import type { Principal } from "../accounts/index.ts";
import type { Db } from "../core/db/client.ts";
import { parseFiscalYearParam } from "../core/reporting-years.ts";
import {
  draftKeys,
  feedsInMunicipality,
  loadRegistry,
  ownersInMunicipality,
} from "../indicators/index.ts";
import { myUpdateRows } from "./overview.ts";
import { loadRounds } from "./queries.ts";
import { staffDefaultYear } from "./staff-year.ts";
import type { UpdateRow } from "./views/updates-page.tsx";

export async function loadMyUpdates(
  db: Db,
  mc: string,
  who: Pick<Principal, "role" | "sectionCodes">,
  fyQuery?: string,
) {
  const rounds = await loadRounds(db, mc);
  const fy = parseFiscalYearParam(fyQuery, { fallback: await staffDefaultYear(db, mc) });
  const round = rounds.find((r) => r.fiscalYear === fy);
  const [{ located }, drafts, owners, feeds] = await Promise.all([
    loadRegistry(db, mc),
    draftKeys(db, mc),
    ownersInMunicipality(db, mc),
    feedsInMunicipality(db, mc),
  ]);
  const rows: UpdateRow[] = myUpdateRows(
    who,
    fy,
    located.map((x) => x.record),
    { round, owners, drafts, feeds },
  );
  return { fy, round, rows };
}
