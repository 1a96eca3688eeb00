/** The demo municipality: loaded from the shipped plan files into an empty database. */
import path from "node:path";
import { addUser } from "../accounts/actions.ts";
import { BUNDLED_MUNICIPALITIES_DIR } from "../core/config.ts";
import type { Db } from "../core/db/client.ts";
import { importFinance } from "../finance/finance-import.ts";
import { importFrame } from "../finance/frame-import.ts";
import { openDemoReception } from "../letters/demo.ts";
import { listMunicipalities } from "../municipalities/queries.ts";
import { loadSampleCatalogue } from "../opendata/demo.ts";
import { importPlans } from "../plan/plan-import.ts";
import { importSamplePrograms } from "../programs/program-import.ts";
import { loadDemoRegistries } from "../registries/index.ts";
import { loadSampleSurvey } from "../surveys/index.ts";

export const DEMO_MUNICIPALITY = "082058";

/**
 * One account per role, in demo data only (README lists them). Their passwords are public:
 * never load the demo into a database that real people use.
 */
export const DEMO_ACCOUNTS = [
  {
    email: "admin@demo.invalid",
    role: "admin",
    password: "demo-admin-082058",
    displayName: "デモ管理者",
  },
  {
    email: "planner@demo.invalid",
    role: "planner",
    password: "demo-planner-082058",
    displayName: "デモ企画担当（政策企画課）",
  },
  {
    email: "editor@demo.invalid",
    role: "editor",
    password: "demo-editor-082058",
    displayName: "デモ入力担当（行革推進課）",
    sections: ["gyokaku-suishin"],
  },
  {
    email: "viewer@demo.invalid",
    role: "viewer",
    password: "demo-viewer-082058",
    displayName: "デモ閲覧者",
  },
];

/** Loads Ishioka when the database holds no municipality yet; returns whether it did. */
export async function ensureDemo(db: Db): Promise<boolean> {
  if ((await listMunicipalities(db)).length > 0) return false;
  const dir = path.join(BUNDLED_MUNICIPALITIES_DIR, DEMO_MUNICIPALITY);
  await importPlans(db, dir);
  await importFinance(db, path.join(dir, "finance", "soundness.yaml"));
  await importFrame(db, path.join(dir, "finance", "frame.yaml"));
  await importSamplePrograms(db, path.join(dir, "programs", "sample.yaml"), DEMO_MUNICIPALITY);
  await loadSampleSurvey(db, DEMO_MUNICIPALITY);
  await loadDemoRegistries(db, DEMO_MUNICIPALITY);
  await loadSampleCatalogue(db, DEMO_MUNICIPALITY);
  for (const account of DEMO_ACCOUNTS)
    await addUser(db, { municipality: DEMO_MUNICIPALITY, ...account });
  // The demo receives letters: the planner is assigned to receive them.
  await openDemoReception(db, DEMO_MUNICIPALITY, "planner@demo.invalid");
  return true;
}
