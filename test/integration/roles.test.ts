/**
 * Who may do what: one table of staff actions and the roles that may take them, asserted both
 * ways — every role listed gets through, every other role gets 403. Roles are cumulative:
 * viewer < editor < planner < admin, and an editor acts only for their own sections.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../src/accounts/schema.ts";
import { describeEachBackend } from "../support/app.ts";
import { DEMO, staffOf } from "../support/staff.ts";

const MC = "082058";
/** Reported by the sections of 基本施策1's initiatives, among them the demo editor's 行革推進課. */
const OWN = "GZ-1-O1";
/** Reported by 政策企画課 only. */
const OTHER = "GZ-3-O1";

type Staff = Awaited<ReturnType<typeof staffOf>>;
const ROLES: Role[] = ["viewer", "editor", "planner", "admin"];
const from = (lowest: Role) => ROLES.slice(ROLES.indexOf(lowest));

/** Enters a value the way the entry form does (versions of a form opened just now). */
async function enter(s: Staff, code: string) {
  const page = await (await s.page(`/${MC}/manage/indicators/${code}?fy=2023`)).text();
  const published = /name="publishedVersion" value="(\d+)"/.exec(page)?.[1] ?? "0";
  const draft = /name="draftVersion" value="(\d+)"/.exec(page)?.[1] ?? "0";
  return s.post(`/${MC}/manage/indicators/${code}/actuals/2023`, {
    publishedVersion: published,
    draftVersion: draft,
    value: "12",
  });
}

const ACTIONS: { action: string; may: Role[]; take: (s: Staff) => Promise<Response> }[] = [
  { action: "read the staff home", may: from("viewer"), take: (s) => s.page(`/${MC}/manage/`) },
  {
    action: "read their updates",
    may: from("viewer"),
    take: (s) => s.page(`/${MC}/manage/updates`),
  },
  {
    action: "read the drafts waiting for publication",
    may: from("viewer"),
    take: (s) => s.page(`/${MC}/manage/publish`),
  },
  {
    action: "read the reporting rounds",
    may: from("viewer"),
    take: (s) => s.page(`/${MC}/manage/rounds`),
  },
  {
    action: "enter an actual of their own section",
    may: from("editor"),
    take: (s) => enter(s, OWN),
  },
  {
    action: "enter an actual of another section",
    may: from("planner"),
    take: (s) => enter(s, OTHER),
  },
  {
    action: "publish drafts",
    may: from("planner"),
    take: (s) => s.post(`/${MC}/manage/publish`, {}),
  },
  {
    action: "open the index of plan nodes and indicators to edit",
    may: from("planner"),
    take: (s) => s.page(`/${MC}/manage/plan`),
  },
  {
    action: "edit a plan node",
    may: from("planner"),
    take: (s) => s.page(`/${MC}/manage/plan/nodes/GZ-1`),
  },
  {
    action: "save a plan node's draft",
    may: from("planner"),
    take: (s) =>
      s.post(`/${MC}/manage/plan/nodes/GZ-1`, { publishedVersion: "0", draftVersion: "0" }),
  },
  {
    action: "edit an indicator's definition",
    may: from("planner"),
    take: (s) => s.page(`/${MC}/manage/indicators/${OTHER}/definition`),
  },
  {
    action: "open a reporting round",
    may: from("planner"),
    take: (s) => s.post(`/${MC}/manage/rounds`, { fiscalYear: "2024", deadline: "" }),
  },
  {
    action: "read the mail prepared for staff",
    may: from("planner"),
    take: (s) => s.page(`/${MC}/manage/outbox`),
  },
  {
    action: "read the audit trail",
    may: from("planner"),
    take: (s) => s.page(`/${MC}/manage/audit`),
  },
];

describeEachBackend("who may do what", (t) => {
  const staff = new Map<Role, Staff>();

  beforeAll(async () => {
    for (const role of ROLES)
      staff.set(role, await staffOf(t, MC, DEMO[role].email, DEMO[role].password));
  });

  describe.each(ACTIONS)("$action", ({ may, take }) => {
    it.each(ROLES)("as %s", async (role) => {
      const res = await take(staff.get(role)!);
      if (may.includes(role)) {
        expect(res.status, `${role} should get through`).not.toBe(403);
        expect(res.status).toBeLessThan(500);
        // Signed in and let through: not sent back to the sign-in page.
        expect(res.headers.get("location") ?? "").not.toContain("sign-in");
      } else {
        expect(res.status, `${role} should be refused`).toBe(403);
      }
    });
  });
});
