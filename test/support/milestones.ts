/**
 * The set-up of the milestone tests: sample B's plans (279994, a 「設置」 target without a year
 * and a 「21校」 one) imported into the demo clone, with an editor of its somu section and a
 * planner added and signed in.
 */
import path from "node:path";
import { expect } from "vitest";
import { addUser } from "../../src/accounts/actions.ts";
import { importPlans } from "../../src/plan/plan-import.ts";
import type { TestContext } from "./app.ts";
import { staffOf } from "./staff.ts";

export const MC = "279994";
export const PLANS = path.join("test", "fixtures", "plans");
export const SAMPLE_B_EDITOR = "editor@sample-b.invalid";
export const SAMPLE_B_PLANNER = "planner@sample-b.invalid";

/** Sample B imported, its somu editor and its planner added with `password` and signed in. */
export async function sampleBWithStaff(t: TestContext, password: string) {
  const db = t.database.db;
  await importPlans(db, path.join(PLANS, "sample-b"));
  await addUser(db, {
    municipality: MC,
    email: SAMPLE_B_EDITOR,
    role: "editor",
    sections: ["somu"],
    password,
  });
  await addUser(db, { municipality: MC, email: SAMPLE_B_PLANNER, role: "planner", password });
  const [editor, planner] = await Promise.all([
    staffOf(t, MC, SAMPLE_B_EDITOR, password),
    staffOf(t, MC, SAMPLE_B_PLANNER, password),
  ]);
  return { editor, planner };
}

type Staff = Awaited<ReturnType<typeof staffOf>>;

/** The planner publishes every draft that the publish page of sample B lists (at least one). */
export async function publishAll(planner: Staff) {
  const page = await (await planner.page(`/${MC}/manage/publish`)).text();
  const form = new URLSearchParams();
  for (const m of page.matchAll(/name="draft" value="(\d+:\d+)"/g)) form.append("draft", m[1]!);
  expect(form.getAll("draft").length).toBeGreaterThan(0);
  expect((await planner.post(`/${MC}/manage/publish`, form)).status).toBe(303);
}

/** An indicator of sample B as the public API gives it. */
export const indicatorJson = async (t: TestContext, code: string) =>
  (await t.json(`/api/v1/municipalities/${MC}/indicators/${code}`)).body;
