/**
 * The yearly reporting round: a planner opens it with a deadline, editors see it in their
 * updates, the overview counts what is entered, reminders are prepared once and delivered by
 * SMTP, closing locks the year and a planner reopens one indicator with a reason.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTokenFor } from "../../src/accounts/tokens.ts";
import { CLI_ACTOR } from "../../src/core/audit.ts";
import { withTenant } from "../../src/core/db/tenant.ts";
import { shortFiscalYearLabel } from "../../src/core/fiscal-year.ts";
import { createMailer } from "../../src/core/mail.ts";
import { deliverOutbox, listOutbox } from "../../src/core/outbox.ts";
import { prepareReminders } from "../../src/reporting/store.ts";
import { describeEachBackend, type TestContext } from "../support/app.ts";
import { startSmtpServer, type TestServer } from "../support/smtp.ts";
import { downloadSheet, plain, uploadSheet, utf8, withBom } from "../support/spreadsheets.ts";
import { DEMO, staffOf, versionsIn } from "../support/staff.ts";

const MC = "082058";
const FY = 2024;
const OWN = "GZ-1-O1";
type Staff = Awaited<ReturnType<typeof staffOf>>;

async function auditActions(t: TestContext, prefix: string) {
  const r = (await withTenant(t.database.db, MC, (tx) =>
    tx.execute(sql`select action from audit_log where action like ${`${prefix}%`} order by id`),
  )) as unknown as { rows: { action: string }[] };
  return r.rows.map((x) => x.action);
}

async function enter(s: Staff, code: string, value: string, extra: Record<string, string> = {}) {
  const page = await (await s.page(`/${MC}/manage/indicators/${code}?fy=${FY}`)).text();
  const versions = page.includes('name="publishedVersion"')
    ? versionsIn(page)
    : { publishedVersion: "0", draftVersion: "0" };
  return s.post(`/${MC}/manage/indicators/${code}/actuals/${FY}`, { ...versions, value, ...extra });
}

async function publishAll(s: Staff) {
  const page = await (await s.page(`/${MC}/manage/publish`)).text();
  const form = new URLSearchParams();
  for (const m of page.matchAll(/name="draft" value="(\d+:\d+)"/g)) form.append("draft", m[1]!);
  return s.post(`/${MC}/manage/publish`, form);
}

describeEachBackend("the reporting round", (t) => {
  let planner: Staff;
  let editor: Staff;
  let smtp: TestServer;

  beforeAll(async () => {
    [planner, editor] = await Promise.all([
      staffOf(t, MC, DEMO.planner.email, DEMO.planner.password),
      staffOf(t, MC, DEMO.editor.email, DEMO.editor.password),
    ]);
    smtp = await startSmtpServer();
  });
  afterAll(async () => {
    await smtp?.close();
  });

  it("is opened by a planner, with a clear error for a bad deadline", async () => {
    expect(
      (
        await editor.post(`/${MC}/manage/rounds`, {
          fiscalYear: String(FY),
          deadline: "2025-06-30",
        })
      ).status,
    ).toBe(403);
    const bad = await planner.post(`/${MC}/manage/rounds`, {
      fiscalYear: String(FY),
      deadline: "2025-02-30",
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("入力期限「2025-02-30」は日付として読み取れません");
    const opened = await planner.post(`/${MC}/manage/rounds`, {
      fiscalYear: String(FY),
      deadline: "2025-06-30",
    });
    expect(opened.status).toBe(303);
    expect(opened.headers.get("location")).toBe(`/${MC}/manage/rounds/${FY}?done=opened`);
    const again = await planner.post(`/${MC}/manage/rounds`, {
      fiscalYear: String(FY),
      deadline: "2025-07-31",
    });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("すでに開始されています");
    // The plan prints no period, so it covers every year: all 23 indicators are asked for but
    // the four soundness ratios, which come from the published finance figures, and
    // 広域行政取組件数, computed from the registry of joint bodies.
    const overview = await (await planner.page(`/${MC}/manage/rounds/${FY}`)).text();
    expect(overview).toContain("0 / 17 件");
    expect(await auditActions(t, "round.open")).toEqual(["round.open"]);
  });

  it("shows the deadline in the editor's updates and counts what is entered", async () => {
    const updates = await (await editor.page(`/${MC}/manage/updates`)).text();
    expect(updates).toContain("令和6年度（2024）の報告の入力期限は令和7年6月30日（月）です");
    expect(updates).not.toContain("GZ-2-O1");
    expect(updates).toContain(`/${MC}/manage/indicators/${OWN}?fy=${FY}`);
    // The staff home starts with the same: what is still missing, and by when.
    const home = await (await editor.page(`/${MC}/manage/`)).text();
    const missing = Number(/未入力 (\d+) 件/.exec(home)?.[1]);
    expect(missing).toBeGreaterThan(0);
    expect(home).toContain("入力期限は令和7年6月30日（月）です");
    expect((await enter(editor, OWN, "51.2")).status).toBe(303);
    const after = await (await editor.page(`/${MC}/manage/`)).text();
    expect(after).toContain(`未入力 ${missing - 1} 件`);
    const overview = await (await planner.page(`/${MC}/manage/rounds/${FY}`)).text();
    expect(overview).toContain("1 / 17 件");
    expect(overview).toMatch(/行革推進課<\/th><td class="num">1<\/td>/);
    const csv = await planner.page(`/${MC}/manage/rounds/${FY}/status.csv`);
    const lines = (await csv.text()).replace(/^\uFEFF/, "").split("\r\n");
    expect(lines[0]).toBe("コード,指標名,担当課,状況,入力期限");
    expect(lines.find((l) => l.startsWith(`${OWN},`))).toContain("入力済み");
  });

  it("prepares each reminder once and delivers it by SMTP", async () => {
    const m = { code: MC, name: "石岡市" };
    const threeDaysBefore = new Date("2025-06-27T00:00:00Z");
    expect(await prepareReminders(t.database.db, m, threeDaysBefore)).toBe(1);
    expect(await prepareReminders(t.database.db, m, threeDaysBefore)).toBe(0);
    const [mail] = await listOutbox(t.database.db, MC);
    expect(mail!.recipient).toBe(DEMO.editor.email);
    expect(mail!.subject).toContain("入力期限まであと3日");
    expect(mail!.body).not.toContain(OWN); // entered already
    expect(mail!.body).toContain("GZ-1-R1");
    const page = await (await planner.page(`/${MC}/manage/outbox`)).text();
    expect(page).toContain("SMTP_URL");
    expect(page).toContain(mail!.subject);

    const mailer = createMailer({ SMTP_URL: `smtp://127.0.0.1:${smtp.port}` })!;
    try {
      expect(await deliverOutbox(t.database.db, MC, mailer)).toEqual({ sent: 1, failed: 0 });
      expect(await deliverOutbox(t.database.db, MC, mailer)).toEqual({ sent: 0, failed: 0 });
    } finally {
      mailer.close();
    }
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0]!.rcptTo).toEqual([DEMO.editor.email]);
    expect((await listOutbox(t.database.db, MC))[0]!.sentAt).not.toBeNull();
  });

  it("closes only when no draft of the year waits, then locks the year's actuals", async () => {
    const waiting = await planner.post(`/${MC}/manage/rounds/${FY}/close`, {});
    expect(waiting.status).toBe(409);
    expect(await waiting.text()).toContain("公開を待っています");
    expect((await publishAll(planner)).status).toBe(303);
    const closed = await planner.post(`/${MC}/manage/rounds/${FY}/close`, {});
    expect(closed.status).toBe(303);
    const locked = await enter(editor, OWN, "52", { reason: "再集計" });
    expect(locked.status).toBe(409);
    expect(plain(await locked.text())).toContain("企画担当に再開を依頼してください");
  });

  it("refuses the closed year with one status and one message on the form, the API and the import", async () => {
    const message =
      "令和6年度（2024）の報告は締め切られているため、この値は変更できません。変更が必要なときは企画担当に再開を依頼してください";
    const form = await enter(editor, OWN, "53", { reason: "再集計" });
    expect(form.status).toBe(409);
    expect(plain(await form.text())).toContain(message);

    const { token } = await createTokenFor(
      t.database.db,
      MC,
      { email: DEMO.editor.email, label: "連携" },
      CLI_ACTOR,
    );
    const api = await t.get(`/api/v1/municipalities/${MC}/indicators/${OWN}/actuals/${FY}`, {
      method: "PUT",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ value: 53, reason: "再集計" }),
    });
    expect(api.status).toBe(409);
    expect(await api.json()).toEqual({
      error: { code: "conflict", message, details: [{ location: "fiscalYear", message }] },
    });

    const lines = utf8(await downloadSheet(planner, MC, "actuals", "format=csv&section=all")).split(
      "\r\n",
    );
    const col = lines[0]!.split(",").indexOf(shortFiscalYearLabel(FY));
    const at = lines.findIndex((l) => l.startsWith(`${OWN},`));
    const cells = lines[at]!.split(",");
    cells[col] = "53";
    lines[at] = cells.join(",");
    const sheet = await uploadSheet(t, editor, MC, "actuals", withBom(lines.join("\r\n")), "c.csv");
    expect(sheet.status).toBe(422);
    expect(plain(await sheet.text())).toContain(
      `c.csv の ${at + 1} 行目『${shortFiscalYearLabel(FY)}』列: ${message}`,
    );
  });

  it("reopens one indicator with a reason, and only that one", async () => {
    const noReason = await planner.post(`/${MC}/manage/rounds/${FY}/reopen`, {
      indicator: OWN,
      reason: " ",
    });
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("再開する理由を入力してください");
    const reopened = await planner.post(`/${MC}/manage/rounds/${FY}/reopen`, {
      indicator: OWN,
      reason: "集計誤りの申出があったため",
    });
    expect(reopened.status).toBe(303);
    expect((await enter(editor, OWN, "52", { reason: "再集計" })).status).toBe(303);
    expect((await enter(editor, "GZ-1-R1", "3")).status).toBe(409);
    expect((await publishAll(planner)).status).toBe(303);
    const { body } = await t.json(`/api/v1/municipalities/${MC}/indicators/${OWN}`);
    expect(body.actuals.find((a: { fiscalYear: number }) => a.fiscalYear === FY).value).toBe(52);
    expect(await auditActions(t, "round.")).toEqual([
      "round.open",
      "round.remind",
      "round.close",
      "round.reopen",
    ]);
  });

  it("asks for only the indicators a planner picks, when they pick", async () => {
    const form = await (await planner.page(`/${MC}/manage/rounds`)).text();
    expect(form).toContain('name="indicators" value="GZ-3-O1"');
    const none = await planner.post(`/${MC}/manage/rounds`, {
      fiscalYear: "2023",
      deadline: "2024-06-28",
      scope: "chosen",
    });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("報告する指標を1つ以上選んでください");
    const picked = new URLSearchParams({
      fiscalYear: "2023",
      deadline: "2024-06-28",
      scope: "chosen",
    });
    picked.append("indicators", OWN);
    picked.append("indicators", "GZ-3-O1");
    expect((await planner.post(`/${MC}/manage/rounds`, picked)).status).toBe(303);
    const overview = await (await planner.page(`/${MC}/manage/rounds/2023`)).text();
    expect(overview).toContain("0 / 2 件");
  });
});
