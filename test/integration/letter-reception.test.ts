/**
 * The reception of letters to the mayor: a municipality's public form is closed (404 with a page
 * that says so) until an admin opens it and assigns at least one staff member to receive the
 * letters; only an admin changes it, each change with its audit entry; the assigned receiver is
 * mailed each new letter and sees and triages every letter.
 */
import { eq, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { addUser, disableUser } from "../../src/accounts/actions.ts";
import { users } from "../../src/accounts/schema.ts";
import { withTenant } from "../../src/core/db/tenant.ts";
import { listOutbox } from "../../src/core/outbox.ts";
import { letters } from "../../src/letters/schema.ts";
import { addMunicipality } from "../../src/municipalities/actions.ts";
import { sections } from "../../src/municipalities/schema.ts";
import { describeEachBackend, type TestContext } from "../support/app.ts";
import { DEMO, ORIGIN, staffOf } from "../support/staff.ts";

const DEMO_MC = "082058";
/** A fresh municipality: its form has never been opened. */
const MC = "082031";
type Staff = Awaited<ReturnType<typeof staffOf>>;

const PEOPLE = {
  admin: { email: "admin@tsuchiura.invalid", role: "admin", displayName: "受付 管理者" },
  planner: { email: "planner@tsuchiura.invalid", role: "planner", displayName: "企画 太郎" },
  editor: {
    email: "editor@tsuchiura.invalid",
    role: "editor",
    displayName: "広聴 花子",
    sections: ["kocho"],
  },
  viewer: { email: "viewer@tsuchiura.invalid", role: "viewer", displayName: "閲覧 次郎" },
} as const;
const PASSWORD = "reception-test-password";

const WRITER = "霞ヶ浦 一郎";
let addressSeq = 0;
function send(t: TestContext, code: string) {
  const body = new FormData();
  const fields: Record<string, string> = {
    subject: "駅前の駐輪場",
    body: "駐輪場の屋根を直してください。",
    category: "roads",
    kind: "request",
    name: WRITER,
    address: "",
    phone: "",
    email: "",
    consentPublish: "no",
    consentContact: "no",
    website: "",
  };
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  return t.app.request(
    `/${code}/letters/new`,
    { method: "POST", headers: { origin: ORIGIN }, body },
    { incoming: { socket: { remoteAddress: `198.51.100.${++addressSeq}` } } },
  );
}

async function letterCount(t: TestContext) {
  const rows = await withTenant(t.database.db, MC, (tx) =>
    tx.select({ id: letters.id }).from(letters).where(eq(letters.municipalityCode, MC)),
  );
  return rows.length;
}

async function receptionAudit(t: TestContext) {
  const r = (await withTenant(t.database.db, MC, (tx) =>
    tx.execute(
      sql`select action, record_key, actor from audit_log
           where municipality_code = ${MC} and record_type in ('letter_reception', 'letter_receiver') order by id`,
    ),
  )) as unknown as { rows: { action: string; record_key: string; actor: string }[] };
  return r.rows.map((x) => `${x.action} ${x.record_key}`);
}

async function userIdOf(t: TestContext, email: string) {
  const [row] = await withTenant(t.database.db, MC, (tx) =>
    tx.select({ id: users.id }).from(users).where(eq(users.email, email)),
  );
  return String(row!.id);
}

const userIdIn = (html: string, name: string) => {
  const row = html.split("<tr>").find((r) => r.includes(`<th scope="row">${name}</th>`));
  return /name="userId" value="(\d+)"/.exec(row ?? "")?.[1] ?? "";
};

describeEachBackend("the reception of letters to the mayor", (t) => {
  const as = {} as Record<keyof typeof PEOPLE, Staff>;
  const reception = `/${MC}/manage/letters/reception`;

  beforeAll(async () => {
    const db = t.database.db;
    await addMunicipality(db, {
      code: MC,
      name: "土浦市（サンプル）",
      prefecture: "茨城県",
      bodyKind: "city",
    });
    await withTenant(db, MC, (tx) =>
      tx.insert(sections).values({ municipalityCode: MC, code: "kocho", name: "広聴広報課" }),
    );
    for (const [key, p] of Object.entries(PEOPLE)) {
      await addUser(db, {
        municipality: MC,
        ...p,
        sections: [...("sections" in p ? p.sections : [])],
        password: PASSWORD,
      });
      as[key as keyof typeof PEOPLE] = await staffOf(t, MC, p.email, PASSWORD);
    }
  });

  it("keeps the demo's form open, with its receiver shown to the admin", async () => {
    expect((await t.get(`/${DEMO_MC}/letters/new`)).status).toBe(200);
    expect((await t.text(`/${DEMO_MC}/`)).body).toContain(`href="/${DEMO_MC}/letters/new"`);
    const admin = await staffOf(t, DEMO_MC, DEMO.admin.email, DEMO.admin.password);
    const page = await (await admin.page(`/${DEMO_MC}/manage/letters/reception`)).text();
    expect(page).toContain("受付中です。");
    const assigned = page.slice(page.indexOf("<caption>指定済み</caption>"));
    expect(assigned).toContain("デモ企画担当（政策企画課）");
    // The editor is listed by name and section, not assigned.
    const others = page.slice(page.indexOf("<caption>未指定</caption>"));
    expect(others).toMatch(/デモ入力担当（行革推進課）<\/th><td>行革推進課<\/td>/);
  });

  it("starts closed: the form and its post answer 404 with a page that says so; the list stays", async () => {
    const form = await t.text(`/${MC}/letters/new`);
    expect(form.status).toBe(404);
    expect(form.body).toContain("<h1>市長へのたよりの受け付けは行っていません</h1>");
    expect(form.body).toContain("土浦市（サンプル）"); // inside the site's layout
    expect(form.body).toContain(`href="/${MC}/letters"`);
    expect((await send(t, MC)).status).toBe(404);
    expect(await letterCount(t)).toBe(0);
    const list = await t.text(`/${MC}/letters`);
    expect(list.status).toBe(200);
    expect(list.body).not.toContain(`/${MC}/letters/new`);
    expect(list.body).toContain("市長へのたよりの受け付けは、現在行っていません。");
    const home = await t.text(`/${MC}/`);
    expect(home.body).not.toContain(`/${MC}/letters/new`);
    expect(home.body).toContain(`href="/${MC}/letters"`);
  });

  it("refuses the reception page and its changes to planners and editors (403)", async () => {
    for (const who of [as.planner, as.editor]) {
      expect((await who.page(reception)).status).toBe(403);
      expect((await who.post(`${reception}/form`, { open: "yes" })).status).toBe(403);
      const res = await who.post(`${reception}/receivers`, { userId: "1", receiver: "yes" });
      expect(res.status).toBe(403);
      expect(await res.text()).toContain("市長へのたよりの受付の設定は管理者（admin）以上");
    }
    expect(await receptionAudit(t)).toEqual([]);
    // Only the admin's staff home lists the page.
    expect(await (await as.planner.page(`/${MC}/manage/`)).text()).not.toContain(reception);
    expect(await (await as.admin.page(`/${MC}/manage/`)).text()).toContain(reception);
  });

  it("opened without a receiver stays closed, and the admin's page says why", async () => {
    const before = await (await as.admin.page(reception)).text();
    expect(before).toContain("受付停止中です。受付を開始していないため");
    const opened = await as.admin.post(`${reception}/form`, { open: "yes" });
    expect(opened.status).toBe(303);
    const page = await (await as.admin.page(`${opened.headers.get("location")}`)).text();
    expect(page).toContain("受付を開始しました。");
    expect(page).toContain("たよりを受け取る職員が一人もいないため、フォームは公開されていません");
    expect(page).toContain("受け取る職員は、まだ指定されていません。");
    expect((await t.get(`/${MC}/letters/new`)).status).toBe(404);
    // Opening again changes nothing and writes no second entry.
    expect((await as.admin.post(`${reception}/form`, { open: "yes" })).status).toBe(303);
    expect(await receptionAudit(t)).toEqual([`letter_reception.open ${MC}`]);
  });

  it("refuses a viewer as receiver; an assigned editor opens the form and receives the letters", async () => {
    const page = await (await as.admin.page(reception)).text();
    expect(page).toMatch(/広聴 花子<\/th><td>広聴広報課<\/td>/);
    expect(page).toContain("指定できません（閲覧者）");
    const viewer = await as.admin.post(`${reception}/receivers`, {
      userId: await userIdOf(t, PEOPLE.viewer.email),
      receiver: "yes",
    });
    expect(viewer.status).toBe(400);
    expect(await viewer.text()).toContain(
      "閲覧者（viewer）のため、たよりを受け取る職員に指定できません",
    );

    const editorId = userIdIn(page, "広聴 花子");
    const assigned = await as.admin.post(`${reception}/receivers`, {
      userId: editorId,
      receiver: "yes",
    });
    expect(assigned.status).toBe(303);
    expect(await (await as.admin.page(reception)).text()).toContain("受付中です。");
    expect((await t.get(`/${MC}/letters/new`)).status).toBe(200);
    expect((await t.text(`/${MC}/`)).body).toContain(`href="/${MC}/letters/new"`);
    expect((await t.text(`/${MC}/letters`)).body).toContain(`href="/${MC}/letters/new"`);

    // A letter arrives: the receiver is mailed (without the writer), sees it and triages it.
    const sent = await send(t, MC);
    expect(sent.status).toBe(303);
    expect(await letterCount(t)).toBe(1);
    const mails = (await listOutbox(t.database.db, MC)).filter((m) =>
      m.key.startsWith("letter-desk/"),
    );
    expect(mails.map((m) => m.recipient)).toEqual([PEOPLE.editor.email]);
    expect(mails[0]!.body).toContain("分類と担当課の指定をお願いします");
    expect(mails[0]!.body).not.toContain(WRITER);
    const receipt = /受付番号 (\d{4}-\d{4})/.exec(mails[0]!.subject)![1]!;
    expect(await (await as.editor.page(`/${MC}/manage/letters`)).text()).toContain(receipt);
    const letterPage = await (await as.editor.page(`/${MC}/manage/letters/${receipt}`)).text();
    expect(letterPage).toContain(WRITER);
    const version = /name="version" value="(\d+)"/.exec(letterPage)![1]!;
    const triaged = await as.editor.post(`/${MC}/manage/letters/${receipt}/triage`, {
      version,
      kind: "request",
      category: "roads",
      section: "kocho",
      dueDate: "",
      nodes: "",
    });
    expect(triaged.status).toBe(303);

    expect(await receptionAudit(t)).toEqual([
      `letter_reception.open ${MC}`,
      `letter_receiver.assign ${PEOPLE.editor.email}`,
    ]);
  });

  it("closes again when the last receiver is taken off, or when the admin closes it", async () => {
    const page = await (await as.admin.page(reception)).text();
    const editorId = userIdIn(page, "広聴 花子");
    const off = await as.admin.post(`${reception}/receivers`, { userId: editorId, receiver: "no" });
    expect(off.status).toBe(303);
    expect((await t.get(`/${MC}/letters/new`)).status).toBe(404);
    expect(
      await (await as.admin.post(`${reception}/receivers`, { userId: editorId, receiver: "yes" }))
        .status,
    ).toBe(303);
    expect((await t.get(`/${MC}/letters/new`)).status).toBe(200);
    const closed = await as.admin.post(`${reception}/form`, { open: "no" });
    expect(closed.status).toBe(303);
    expect((await t.get(`/${MC}/letters/new`)).status).toBe(404);
    expect((await send(t, MC)).status).toBe(404);
    expect(await letterCount(t)).toBe(1);
    expect((await receptionAudit(t)).slice(2)).toEqual([
      `letter_receiver.unassign ${PEOPLE.editor.email}`,
      `letter_receiver.assign ${PEOPLE.editor.email}`,
      `letter_reception.close ${MC}`,
    ]);
  });

  it("closes when the last receiver's account is disabled, on pages served before too", async () => {
    expect((await as.admin.post(`${reception}/form`, { open: "yes" })).status).toBe(303);
    // Served (and cached) while the form is open.
    expect((await t.text(`/${MC}/`)).body).toContain(`href="/${MC}/letters/new"`);
    expect((await t.get(`/${MC}/letters/new`)).status).toBe(200);
    await disableUser(t.database.db, MC, PEOPLE.editor.email);
    expect((await t.text(`/${MC}/`)).body).not.toContain(`href="/${MC}/letters/new"`);
    expect((await t.text(`/${MC}/letters`)).body).not.toContain(`href="/${MC}/letters/new"`);
    expect((await t.get(`/${MC}/letters/new`)).status).toBe(404);
    expect(await (await as.admin.page(reception)).text()).toContain(
      "たよりを受け取る職員が一人もいない",
    );
  });
});
