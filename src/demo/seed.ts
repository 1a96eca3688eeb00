/** The demo municipality: loaded from the shipped plan files into an empty database. */
import path from "node:path";
import { BUNDLED_MUNICIPALITIES_DIR } from "../core/config.ts";
import type { Db } from "../core/db/client.ts";
import { importFinance } from "../finance/finance-import.ts";
import { listMunicipalities } from "../municipalities/queries.ts";
import { importPlans } from "../plan/plan-import.ts";

export const DEMO_MUNICIPALITY = "082058";

/** Loads Ishioka when the database holds no municipality yet; returns whether it did. */
export async function ensureDemo(db: Db): Promise<boolean> {
  if ((await listMunicipalities(db)).length > 0) return false;
  const dir = path.join(BUNDLED_MUNICIPALITIES_DIR, DEMO_MUNICIPALITY);
  await importPlans(db, dir);
  await importFinance(db, path.join(dir, "finance", "soundness.yaml"));
  return true;
}
