/**
 * Who may do what: staff actions and the roles that may take them (read from each domain's
 * permissions.ts where a role decides), asserted both ways — every role listed gets the action's
 * own success (the page, or the redirect after a save), every other role gets 403. Each action is taken with input that succeeds, so that a
 * refusal for another reason (a 400, a 409) cannot pass for permission. Roles are cumulative:
 * viewer < editor < planner < admin, and an editor acts only for their own sections.
 */
import { beforeAll, describe, expect, it } from "vitest";
import * as accounts from "../../src/accounts/index.ts";
import type { Role } from "../../src/accounts/schema.ts";
import * as audit from "../../src/audit/index.ts";
import * as costs from "../../src/costs/index.ts";
import * as evaluations from "../../src/evaluations/index.ts";
import * as indicators from "../../src/indicators/index.ts";
import * as letters from "../../src/letters/index.ts";
import * as meetings from "../../src/meetings/index.ts";
import * as peers from "../../src/peers/index.ts";
import * as plan from "../../src/plan/index.ts";
import * as publishing from "../../src/publishing/index.ts";
import * as reporting from "../../src/reporting/index.ts";
import { describeEachBackend } from "../support/app.ts";
import { DEMO, edit, staffOf } from "../support/staff.ts";

const MC = "082058";
/** Reported by the sections of 基本施策1's initiatives, among them the demo editor's 行革推進課. */
const OWN = "GZ-1-O1";
/** Reported by 政策企画課 only. */
const OTHER = "GZ-3-O1";

type Staff = Awaited<ReturnType<typeof staffOf>>;
const ROLES: Role[] = ["viewer", "editor", "planner", "admin"];
const from = (lowest: Role) => ROLES.slice(ROLES.indexOf(lowest));

/** Each save enters a value no earlier save entered, so that every one changes something. */
let entries = 0;

/** Enters a value the way the entry form does (versions of a form opened just now). */
async function enter(s: Staff, code: string) {
  const page = await (await s.page(`/${MC}/manage/indicators/${code}?fy=2023`)).text();
  const published = /name="publishedVersion" value="(\d+)"/.exec(page)?.[1] ?? "0";
  const draft = /name="draftVersion" value="(\d+)"/.exec(page)?.[1] ?? "0";
  return s.post(`/${MC}/manage/indicators/${code}/actuals/2023`, {
    publishedVersion: published,
    draftVersion: draft,
    value: String(100 + ++entries),
    // A value published by an earlier action is corrected: a correction states its reason.
    reason: "役割ごとの確認",
  });
}

/** Publishes what the publication page lists, after making sure there is a draft to publish. */
async function publishAll(s: Staff, planner: Staff) {
  await enter(planner, OWN);
  const page = await (await s.page(`/${MC}/manage/publish`)).text();
  const picked = new URLSearchParams();
  for (const m of page.matchAll(/name="(draft|definition)" value="([^"]+)"/g))
    picked.append(m[1]!, m[2]!);
  return s.post(`/${MC}/manage/publish`, picked);
}

/** Rounds are opened for years no round has yet: one a call. */
let roundYear = 2019;

const PAGE = 200;
const SAVED = 303;

const ACTIONS: {
  action: string;
  may: Role[];
  /** The answer to a role that may. */
  ok: number;
  take: (s: Staff, planner: Staff) => Promise<Response>;
}[] = [
  {
    action: "read the staff home",
    ok: PAGE,
    may: from("viewer"),
    take: (s) => s.page(`/${MC}/manage/`),
  },
  {
    action: "read their updates",
    ok: PAGE,
    may: from("viewer"),
    take: (s) => s.page(`/${MC}/manage/updates`),
  },
  {
    action: "read the drafts waiting for publication",
    ok: PAGE,
    may: from("viewer"),
    take: (s) => s.page(`/${MC}/manage/publish`),
  },
  {
    action: "read the reporting rounds",
    ok: PAGE,
    may: from("viewer"),
    take: (s) => s.page(`/${MC}/manage/rounds`),
  },
  {
    action: "enter an actual of their own section",
    ok: SAVED,
    may: from("editor"),
    take: (s) => enter(s, OWN),
  },
  {
    action: "enter an actual of another section",
    ok: SAVED,
    may: from("planner"),
    take: (s) => enter(s, OTHER),
  },
  {
    action: "publish drafts",
    ok: SAVED,
    may: from(publishing.permissions.publish.role),
    take: publishAll,
  },
  {
    action: "open the index of plan nodes and indicators to edit",
    ok: PAGE,
    may: from(publishing.permissions.editPlan.role),
    take: (s) => s.page(`/${MC}/manage/plan`),
  },
  {
    action: "edit a plan node",
    ok: PAGE,
    may: from(plan.permissions.editNode.role),
    take: (s) => s.page(`/${MC}/manage/plan/nodes/GZ-1`),
  },
  {
    action: "save a plan node's draft",
    ok: SAVED,
    may: from(plan.permissions.editNode.role),
    take: (s) =>
      edit(s, `/${MC}/manage/plan/nodes/GZ-1`, { title: `行財政改革の推進（${++entries}）` }),
  },
  {
    action: "edit an indicator's definition",
    ok: PAGE,
    may: from(indicators.permissions.editDefinition.role),
    take: (s) => s.page(`/${MC}/manage/indicators/${OTHER}/definition`),
  },
  {
    action: "open a reporting round",
    ok: SAVED,
    may: from(reporting.permissions.manageRounds.role),
    take: (s) =>
      s.post(`/${MC}/manage/rounds`, { fiscalYear: String(++roundYear), deadline: "2030-06-30" }),
  },
  {
    action: "read the mail prepared for staff",
    ok: PAGE,
    may: from(reporting.permissions.manageRounds.role),
    take: (s) => s.page(`/${MC}/manage/outbox`),
  },
  {
    action: "read the audit trail",
    ok: PAGE,
    may: from(audit.permissions.read.role),
    take: (s) => s.page(`/${MC}/manage/audit`),
  },
  {
    action: "read the letters to the mayor",
    ok: PAGE,
    may: from(letters.permissions.manage.role),
    take: (s) => s.page(`/${MC}/manage/letters`),
  },
  {
    action: "read the town meetings' records",
    ok: PAGE,
    may: from(meetings.permissions.manage.role),
    take: (s) => s.page(`/${MC}/manage/meetings`),
  },
  {
    action: "set the rating scale",
    ok: PAGE,
    may: from(evaluations.permissions.manageScale.role),
    take: (s) => s.page(`/${MC}/manage/evaluations/settings`),
  },
  {
    action: "read the budget review",
    ok: PAGE,
    may: from(costs.permissions.readBudgetReview.role),
    take: (s) => s.page(`/${MC}/manage/evaluations/budget-review`),
  },
  {
    action: "open the links of own indicators to shared indicators",
    ok: PAGE,
    may: from(peers.permissions.linkIndicator.role),
    take: (s) => s.page(`/${MC}/manage/shared-indicators`),
  },
  {
    action: "read the staff and their roles",
    ok: PAGE,
    may: from(accounts.permissions.changeRole.role),
    take: (s) => s.page(`/${MC}/manage/staff`),
  },
  {
    // The viewer's role as it is (role-change.test.ts changes roles): every role that may not
    // is refused before anything is read.
    action: "change a member's role",
    ok: SAVED,
    may: from(accounts.permissions.changeRole.role),
    take: (s) =>
      s.post(`/${MC}/manage/staff/role`, {
        email: DEMO.viewer.email,
        role: "viewer",
        basis: "viewer",
      }),
  },
];

describeEachBackend("who may do what", (t) => {
  const staff = new Map<Role, Staff>();

  beforeAll(async () => {
    roundYear = 2019; // each database has its own rounds
    for (const role of ROLES)
      staff.set(role, await staffOf(t, MC, DEMO[role].email, DEMO[role].password));
  });

  describe.each(ACTIONS)("$action", ({ may, ok, take }) => {
    it.each(ROLES)("as %s", async (role) => {
      const res = await take(staff.get(role)!, staff.get("planner")!);
      if (may.includes(role)) {
        expect(res.status, `${role} should get through`).toBe(ok);
        // Signed in and let through: not sent back to the sign-in page.
        expect(res.headers.get("location") ?? "").not.toContain("sign-in");
      } else {
        expect(res.status, `${role} should be refused`).toBe(403);
      }
    });
  });
});
