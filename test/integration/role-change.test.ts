/**
 * An admin changes a staff member's role on 職員と役割 (`changeRole`): only an admin may; the
 * last admin cannot be demoted; a form opened before another change is a conflict (409); one
 * audit entry names the old and the new role in Japanese; and, like disabling an account, the
 * change is a change of the municipality — when the last receiver of letters is made a viewer,
 * public pages served before stop offering the letters form.
 */
import { eq, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { addUser } from "../../src/accounts/actions.ts";
import { users } from "../../src/accounts/schema.ts";
import { withTenant } from "../../src/core/db/tenant.ts";
import { addMunicipality } from "../../src/municipalities/actions.ts";
import { describeEachBackend, type TestContext } from "../support/app.ts";
import { staffOf } from "../support/staff.ts";

const MC = "082040";
const PASSWORD = "role-change-password";
const PEOPLE = {
  admin: { email: "admin@role.invalid", role: "admin", displayName: "役割 管理者" },
  editor: { email: "editor@role.invalid", role: "editor", displayName: "受付 花子" },
  planner: { email: "planner@role.invalid", role: "planner", displayName: "企画 太郎" },
} as const;
type Staff = Awaited<ReturnType<typeof staffOf>>;

async function roleAudit(t: TestContext) {
  const r = (await withTenant(t.database.db, MC, (tx) =>
    tx.execute(
      sql`select record_key, before, after from audit_log
           where municipality_code = ${MC} and action = 'user.role' order by id`,
    ),
  )) as unknown as { rows: { record_key: string; before: unknown; after: unknown }[] };
  return r.rows;
}

async function userIdOf(t: TestContext, email: string) {
  const [row] = await withTenant(t.database.db, MC, (tx) =>
    tx.select({ id: users.id }).from(users).where(eq(users.email, email)),
  );
  return String(row!.id);
}

describeEachBackend("changing a staff member's role", (t) => {
  const as = {} as Record<keyof typeof PEOPLE, Staff>;
  const page = `/${MC}/manage/staff`;
  const change = (who: Staff, email: string, role: string, basis: string) =>
    who.post(`${page}/role`, { email, role, basis });

  beforeAll(async () => {
    const db = t.database.db;
    await addMunicipality(db, {
      code: MC,
      name: "役割市（サンプル）",
      prefecture: "茨城県",
      bodyKind: "city",
    });
    for (const [key, p] of Object.entries(PEOPLE)) {
      await addUser(db, { municipality: MC, ...p, password: PASSWORD });
      as[key as keyof typeof PEOPLE] = await staffOf(t, MC, p.email, PASSWORD);
    }
  });

  it("is an admin's page and action only", async () => {
    const list = await (await as.admin.page(page)).text();
    expect(list).toContain("<h1>職員と役割</h1>");
    expect(list).toContain("受付 花子（editor@role.invalid）");
    expect((await as.planner.page(page)).status).toBe(403);
    const refused = await change(as.planner, PEOPLE.editor.email, "viewer", "editor");
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain(
      "職員の役割の変更は管理者（admin）以上の役割の方ができます",
    );
    expect(await roleAudit(t)).toEqual([]);
  });

  it("refuses demoting the last admin, naming why", async () => {
    const res = await change(as.admin, PEOPLE.admin.email, "planner", "admin");
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("ただ一人の管理者のため、役割を変えられません");
    expect(await roleAudit(t)).toEqual([]);
  });

  it("changes a role with one audit entry in Japanese, and a stale form gets 409", async () => {
    const res = await change(as.admin, PEOPLE.planner.email, "admin", "planner");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${page}?done=role`);
    expect(await roleAudit(t)).toEqual([
      { record_key: PEOPLE.planner.email, before: { role: "企画担当" }, after: { role: "管理者" } },
    ]);
    // The planner is an admin from their next request on.
    expect((await as.planner.page(page)).status).toBe(200);
    // A form opened while they were a planner is now out of date.
    const stale = await change(as.admin, PEOPLE.planner.email, "viewer", "planner");
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("役割はフォームを開いた後に管理者に変わりました");
    // Now two admins: the first may be demoted, and then the second is the last one.
    expect((await change(as.planner, PEOPLE.admin.email, "planner", "admin")).status).toBe(303);
    expect((await change(as.planner, PEOPLE.planner.email, "editor", "admin")).status).toBe(400);
    expect((await roleAudit(t)).length).toBe(2);
    // The same role again writes nothing.
    expect((await change(as.planner, PEOPLE.admin.email, "planner", "planner")).status).toBe(303);
    expect((await roleAudit(t)).length).toBe(2);
    // A role that does not exist is refused in Japanese.
    const bad = await change(as.planner, PEOPLE.editor.email, "owner", "editor");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("役割は 管理者（admin）・企画担当（planner）");
  });

  it("closes the letters form, on pages served before too, when the last receiver becomes a viewer", async () => {
    // as.planner is the admin now.
    const reception = `/${MC}/manage/letters/reception`;
    expect((await as.planner.post(`${reception}/form`, { open: "yes" })).status).toBe(303);
    const assigned = await as.planner.post(`${reception}/receivers`, {
      userId: await userIdOf(t, PEOPLE.editor.email),
      receiver: "yes",
    });
    expect(assigned.status).toBe(303);
    // Served (and cached) while the form is open.
    expect((await t.text(`/${MC}/`)).body).toContain(`href="/${MC}/letters/new"`);
    expect((await t.get(`/${MC}/letters/new`)).status).toBe(200);
    expect((await change(as.planner, PEOPLE.editor.email, "viewer", "editor")).status).toBe(303);
    expect((await t.text(`/${MC}/`)).body).not.toContain(`href="/${MC}/letters/new"`);
    expect((await t.text(`/${MC}/letters`)).body).not.toContain(`href="/${MC}/letters/new"`);
    expect((await t.get(`/${MC}/letters/new`)).status).toBe(404);
    // Made an editor again, the receiver counts again.
    expect((await change(as.planner, PEOPLE.editor.email, "editor", "viewer")).status).toBe(303);
    expect((await t.get(`/${MC}/letters/new`)).status).toBe(200);
  });
});
