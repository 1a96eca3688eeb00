/**
 * Retention of letter writers' contact details: a closed letter past the retention is erased by
 * one run of the job, with one audit entry holding no personal value; recent and open letters
 * are left alone; the writer erases at once through their private status link (after a
 * confirmation, from this site only, with their own token only); staff see the erased state and
 * record steps without mail.
 */
import path from "node:path";
import { and, eq, like, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { auditLog } from "../../src/core/audit-schema.ts";
import { withTenant } from "../../src/core/db/tenant.ts";
import { outbox } from "../../src/core/outbox-schema.ts";
import { writerActor } from "../../src/letters/receive.ts";
import { runLetterRetention } from "../../src/letters/retention-job.ts";
import { ERASED_NAME } from "../../src/letters/retention-rules.ts";
import type { LetterInput } from "../../src/letters/rules.ts";
import { letters } from "../../src/letters/schema.ts";
import { japaneseDate } from "../../src/letters/views/parts.tsx";
import { importPlans } from "../../src/plan/plan-import.ts";
import { describeEachBackend } from "../support/app.ts";
import { receiveLetter } from "../support/letters.ts";
import { DEMO, ORIGIN, staffOf } from "../support/staff.ts";

const MC = "082058";
const OTHER = "082015";
const DAY = 86_400_000;
type Staff = Awaited<ReturnType<typeof staffOf>>;

const WRITER = {
  name: "霞ヶ浦 保存太郎",
  address: "茨城県石岡市府中5丁目43-21",
  phone: "0299-55-4321",
  email: "hozon.taro@example.jp",
};
const PERSONAL = [WRITER.name, "保存太郎", WRITER.address, WRITER.phone, "55-4321", WRITER.email];

const input = (over: Partial<LetterInput> = {}): LetterInput => ({
  subject: "バス停に屋根を",
  body: "駅前のバス停に屋根をつけてください。",
  category: "roads",
  kind: "request",
  name: WRITER.name,
  address: WRITER.address,
  phone: WRITER.phone,
  email: WRITER.email,
  consentPublish: false,
  consentContact: true,
  ...over,
});

const versionIn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? "";

describeEachBackend("retention of letter writers' contact details", (t) => {
  let planner: Staff;

  const receive = async (over: Partial<LetterInput> = {}, now?: Date) => {
    const { receiptNumber, token } = await receiveLetter(
      t.database.db,
      MC,
      writerActor(),
      input(over),
      [],
      { statusUrl: (x) => `${ORIGIN}/${MC}/letters/status/${x}`, municipalityName: "石岡市", now },
    );
    return { receipt: receiptNumber, token, statusPath: `/${MC}/letters/status/${token}` };
  };

  const step = async (receipt: string, fields: Record<string, string>) => {
    const page = await (await planner.page(`/${MC}/manage/letters/${receipt}`)).text();
    return planner.post(`/${MC}/manage/letters/${receipt}/steps`, {
      version: versionIn(page),
      publicComment: "",
      ...fields,
    });
  };

  const letterRow = async (receipt: string) => {
    const [row] = await withTenant(t.database.db, MC, (tx) =>
      tx
        .select()
        .from(letters)
        .where(and(eq(letters.municipalityCode, MC), eq(letters.receiptNumber, receipt))),
    );
    return row!;
  };

  const erasures = (receipt?: string) =>
    withTenant(t.database.db, MC, (tx) =>
      tx
        .select()
        .from(auditLog)
        .where(
          and(
            eq(auditLog.municipalityCode, MC),
            eq(auditLog.action, "letter.contact_erased"),
            receipt ? eq(auditLog.recordKey, receipt) : undefined,
          ),
        ),
    );

  const mailsOf = (receipt: string) =>
    withTenant(t.database.db, MC, (tx) =>
      tx
        .select()
        .from(outbox)
        .where(and(eq(outbox.municipalityCode, MC), like(outbox.key, `letter/${receipt}/%`))),
    );

  /** Moves a letter's whole timeline `days` into the past. */
  const age = (receipt: string, days: number) =>
    withTenant(t.database.db, MC, (tx) =>
      tx.execute(sql`
        update letter_steps set occurred_at = occurred_at - make_interval(days => ${days})
         where letter_id = (select id from letters
                             where municipality_code = ${MC} and receipt_number = ${receipt})`),
    );

  const erasePost = (
    statusPath: string,
    fields: Record<string, string>,
    opts: { origin?: string; address?: string } = {},
  ) =>
    t.app.request(
      `${statusPath}/erase-contact`,
      {
        method: "POST",
        headers: {
          origin: opts.origin ?? ORIGIN,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: new URLSearchParams(fields).toString(),
      },
      { incoming: { socket: { remoteAddress: opts.address ?? "192.0.2.44" } } },
    );

  const expectHeld = (row: typeof letters.$inferSelect) =>
    expect(row).toMatchObject({
      writerName: WRITER.name,
      writerAddress: WRITER.address,
      writerPhone: WRITER.phone,
      writerEmail: WRITER.email,
    });

  const expectErased = (row: typeof letters.$inferSelect) =>
    expect(row).toMatchObject({
      writerName: ERASED_NAME,
      writerAddress: null,
      writerPhone: null,
      writerEmail: null,
    });

  beforeAll(async () => {
    planner = await staffOf(t, MC, DEMO.planner.email, DEMO.planner.password);
  });

  it("erases a closed letter past the retention in one run, with one audit entry holding no personal value; leaves recent, open and still-considered letters alone", async () => {
    const db = t.database.db;
    const old = await receive({ subject: "古いたより" });
    expect(
      (await step(old.receipt, { stepKind: "answered", publicComment: "設置します。" })).status,
    ).toBe(303);
    await age(old.receipt, 400);
    // The receipt mail was sent; the answer's mail was never delivered.
    await withTenant(db, MC, (tx) =>
      tx
        .update(outbox)
        .set({ sentAt: new Date(Date.now() - 400 * DAY) })
        .where(
          and(eq(outbox.municipalityCode, MC), eq(outbox.key, `letter/${old.receipt}/received`)),
        ),
    );
    const recent = await receive({ subject: "最近閉じたたより" });
    expect(
      (await step(recent.receipt, { stepKind: "answered", publicComment: "回答です。" })).status,
    ).toBe(303);
    const open = await receive({ subject: "対応中のたより" }, new Date(Date.now() - 500 * DAY));
    const studied = await receive({ subject: "継続検討の提案", kind: "proposal" });
    expect(
      (await step(studied.receipt, { stepKind: "answered", publicComment: "検討します。" })).status,
    ).toBe(303);
    expect(
      (await step(studied.receipt, { stepKind: "outcome", outcome: "under_study" })).status,
    ).toBe(303);
    await age(studied.receipt, 400);
    const before = await letterRow(old.receipt);

    expect(await runLetterRetention(db, 365)).toEqual({ erased: 1 });

    const after = await letterRow(old.receipt);
    expectErased(after);
    // The letter itself, its handling and its status stay.
    expect(after).toMatchObject({
      subject: before.subject,
      body: before.body,
      status: "answered",
      statusTokenHash: before.statusTokenHash,
      consentContact: true,
    });
    expect((await t.text(old.statusPath)).body).toContain("設置します。");
    for (const kept of [recent, open, studied]) expectHeld(await letterRow(kept.receipt));

    const entries = await erasures();
    expect(entries).toHaveLength(1);
    const [entry] = entries;
    expect(entry).toMatchObject({ recordType: "letter", recordKey: old.receipt, actor: "system" });
    expect(entry!.before).toEqual({
      name: "（記録あり）",
      address: "（記録あり）",
      phone: "（記録あり）",
      email: "（記録あり）",
      mailRecipients: 2,
    });
    expect(entry!.after).toMatchObject({
      name: null,
      address: null,
      phone: null,
      email: null,
      mailRecipients: 0,
    });
    const written = JSON.stringify(entry);
    for (const s of PERSONAL) expect(written.includes(s), s).toBe(false);

    // The mail sent keeps no address; the mail never sent is gone.
    const mails = await mailsOf(old.receipt);
    expect(mails.map((m) => [m.key, m.recipient])).toEqual([
      [`letter/${old.receipt}/received`, ERASED_NAME],
    ]);
    expect((await mailsOf(recent.receipt)).every((m) => m.recipient === WRITER.email)).toBe(true);

    // Nothing more to do on the next run.
    expect(await runLetterRetention(db, 365)).toEqual({ erased: 0 });
    expect(await erasures()).toHaveLength(1);
    // The recent letter's turn comes when its retention has run out.
    expect(await runLetterRetention(db, 365, new Date(Date.now() + 366 * DAY))).toEqual({
      erased: 1,
    });
    expectErased(await letterRow(recent.receipt));
    for (const kept of [open, studied]) expectHeld(await letterRow(kept.receipt));
  });

  it("lets the writer erase their contact details at once through the status link, after a warning while a reply is still owed", async () => {
    const own = await receive({ subject: "連絡先を消したいたより" });
    const status = await t.text(own.statusPath);
    expect(status.body).toContain("連絡先を削除する");
    expect(status.body).toContain(`action="${own.statusPath}/erase-contact"`);

    // The first post only asks for confirmation, saying no reply can then come.
    const asked = await erasePost(own.statusPath, {});
    expect(asked.status).toBe(200);
    expect(asked.headers.get("cache-control")).toBe("no-store");
    const page = await asked.text();
    expect(page).toContain("このたよりへの対応はまだ終わっていません");
    expect(page).toContain("お返事やお知らせをお送りすることはできなくなります");
    expect(page).toContain('name="confirm" value="yes"');
    expectHeld(await letterRow(own.receipt));

    // Only from this site, only with the letter's own token, only in its municipality.
    expect(
      (await erasePost(own.statusPath, { confirm: "yes" }, { origin: "https://evil.example" }))
        .status,
    ).toBe(403);
    expect(
      (await erasePost(`/${MC}/letters/status/${"x".repeat(32)}`, { confirm: "yes" })).status,
    ).toBe(404);
    expect((await erasePost(`/${MC}/letters/status/short`, { confirm: "yes" })).status).toBe(404);
    await importPlans(t.database.db, path.resolve("test/fixtures/second-municipality"));
    expect(
      (await erasePost(`/${OTHER}/letters/status/${own.token}`, { confirm: "yes" })).status,
    ).toBe(404);
    expectHeld(await letterRow(own.receipt));
    expect(await erasures(own.receipt)).toHaveLength(0);

    const done = await erasePost(own.statusPath, { confirm: "yes" }, { address: "192.0.2.45" });
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toBe(own.statusPath);
    expectErased(await letterRow(own.receipt));
    const [entry, ...more] = await erasures(own.receipt);
    expect(more).toHaveLength(0);
    expect(entry).toMatchObject({ actor: "public:letter-status", address: "192.0.2.45" });
    for (const s of PERSONAL) expect(JSON.stringify(entry).includes(s), s).toBe(false);
    // The receipt mail, never delivered, is not sent after all.
    expect(await mailsOf(own.receipt)).toEqual([]);

    const shown = (await t.text(own.statusPath)).body;
    expect(shown).toContain(
      `お名前・ご連絡先は ${japaneseDate(entry!.occurredAt)} に削除しました。`,
    );
    expect(shown).toContain("連絡先を削除したため、市からは連絡できません");
    expect(shown).not.toContain(`action="${own.statusPath}/erase-contact"`);
    expect(shown).toContain("駅前のバス停に屋根をつけてください。");

    // Asking again changes nothing.
    expect((await erasePost(own.statusPath, { confirm: "yes" })).status).toBe(303);
    expect(await erasures(own.receipt)).toHaveLength(1);
  });

  it("does not warn a writer whose letter was answered", async () => {
    const own = await receive({ subject: "回答済みのたより" });
    expect(
      (await step(own.receipt, { stepKind: "answered", publicComment: "回答です。" })).status,
    ).toBe(303);
    const page = await (await erasePost(own.statusPath, {})).text();
    expect(page).toContain("削除した連絡先は元に戻せません");
    expect(page).not.toContain("対応はまだ終わっていません");
  });

  it("shows staff the erased state and records a step without mail, saying so", async () => {
    const own = await receive({ subject: "職員から見た削除済みのたより" });
    expect((await erasePost(own.statusPath, { confirm: "yes" })).status).toBe(303);
    const [entry] = await erasures(own.receipt);
    const page = await (await planner.page(`/${MC}/manage/letters/${own.receipt}`)).text();
    expect(page).toContain(`連絡先は削除済み（${japaneseDate(entry!.occurredAt)}）`);
    expect(page).toContain("お知らせのメールは送りません");
    for (const s of PERSONAL) expect(page.includes(s), s).toBe(false);

    const res = await step(own.receipt, { stepKind: "assigned" });
    expect(res.status).toBe(303);
    const location = res.headers.get("location")!;
    expect(location).toBe(`/${MC}/manage/letters/${own.receipt}?done=step-unmailed#letter-steps`);
    const after = await (await planner.page(location)).text();
    expect(after).toContain(
      "対応の記録を追加しました。投稿者の連絡先は削除済みのため、お知らせのメールは送りません。",
    );
    expect(await mailsOf(own.receipt)).toEqual([]);
    expect((await letterRow(own.receipt)).status).toBe("assigned");
    // A letter still holding its contact gets the usual message and its mail.
    const held = await receive({ subject: "連絡先のあるたより" });
    const mailed = await step(held.receipt, { stepKind: "assigned" });
    expect(mailed.headers.get("location")).toBe(
      `/${MC}/manage/letters/${held.receipt}?done=step#letter-steps`,
    );
    expect((await mailsOf(held.receipt)).map((m) => m.key)).toContain(
      `letter/${held.receipt}/received`,
    );
    expect((await mailsOf(held.receipt)).length).toBe(2);
  });
});
