/**
 * The audit trail viewer: planners and admins read it filtered by record, person, action and
 * period and export it as CSV; editors and viewers may not; another municipality's entries never
 * show; nothing in it can be changed through the application.
 */
import path from "node:path";
import iconv from "iconv-lite";
import { beforeAll, expect, it } from "vitest";
import { addUser } from "../../src/accounts/actions.ts";
import { tokyoIso } from "../../src/audit/filter.ts";
import { audit, SYSTEM_ACTOR } from "../../src/core/audit.ts";
import { withTenant } from "../../src/core/db/tenant.ts";
import { importPlans } from "../../src/plan/plan-import.ts";
import { describeEachBackend } from "../support/app.ts";
import { receiveQuietLetter } from "../support/letters.ts";
import { DEMO, staffOf, versionsIn } from "../support/staff.ts";

const MC = "082058";
const OTHER_MC = "082015";
const OWN = "GZ-1-O1";
const FY = 2024;
const AUDIT = `/${MC}/manage/audit`;
const HEADER = "日時,操作者,接続元,操作,対象の種類,対象,変更前(JSON),変更後(JSON)";
/** A change made only in the other municipality. */
const OTHER_EMAIL = "only-elsewhere@other.example";

type Staff = Awaited<ReturnType<typeof staffOf>>;

/** The table body of the page: the entries shown, without the form's options. */
const tableOf = (html: string) => /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? "";
const rowsOf = (html: string) => tableOf(html).split("<tr>").slice(1);
const totalOf = (html: string) => Number(/記録は <strong>(\d+)<\/strong> 件/.exec(html)?.[1]);
const today = () => tokyoIso(new Date()).slice(0, 10);
const dayOffset = (days: number) =>
  tokyoIso(new Date(Date.now() + days * 24 * 60 * 60 * 1000)).slice(0, 10);

describeEachBackend("audit trail viewer", (t) => {
  let planner: Staff;
  let admin: Staff;
  let editor: Staff;
  let viewer: Staff;
  let otherAdmin: Staff;

  beforeAll(async () => {
    const db = t.database.db;
    await importPlans(db, path.resolve("test/fixtures/second-municipality"));
    await addUser(db, {
      municipality: OTHER_MC,
      email: "admin@other.example",
      role: "admin",
      password: "other-city-password",
    });
    await addUser(db, {
      municipality: OTHER_MC,
      email: OTHER_EMAIL,
      role: "viewer",
      password: "other-city-password",
    });
    [planner, admin, editor, viewer, otherAdmin] = await Promise.all([
      staffOf(t, MC, DEMO.planner.email, DEMO.planner.password),
      staffOf(t, MC, DEMO.admin.email, DEMO.admin.password),
      staffOf(t, MC, DEMO.editor.email, DEMO.editor.password),
      staffOf(t, MC, DEMO.viewer.email, DEMO.viewer.password),
      staffOf(t, OTHER_MC, "admin@other.example", "other-city-password"),
    ]);
    // One real change through the staff pages: the planner saves a draft actual.
    const form = versionsIn(
      await (await planner.page(`/${MC}/manage/indicators/${OWN}?fy=${FY}`)).text(),
    );
    const saved = await planner.post(`/${MC}/manage/indicators/${OWN}/actuals/${FY}`, {
      ...form,
      value: "48.5",
      note: "監査ログの確認",
    });
    expect(saved.status).toBe(303);
  });

  it("shows a planner the newest entries with who, when, from where, what and the change", async () => {
    const res = await planner.page(AUDIT);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(html).toContain("<h1>監査ログ</h1>");
    expect(html).toContain("<caption>監査ログ（新しい順）</caption>");
    expect(html).toContain('<form class="filters" method="get"');
    const rows = rowsOf(html);
    expect(rows.length).toBeGreaterThan(0);
    // The planner's draft is the newest entry.
    const first = rows[0]!;
    expect(first).toMatch(/<time datetime="\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+09:00">/);
    // People by display name and section, never by their internal id.
    expect(first).toContain("デモ企画担当（政策企画課）");
    expect(first).not.toMatch(/user:\d/);
    expect(first).toContain("実績値の下書き");
    expect(first).toContain(`${OWN}/${FY}`);
    expect(first).toContain("48.5");
    expect(first).toContain("<details>");
    // Sign-ins are recorded with where they came from.
    expect(tableOf(html)).toContain("サインイン");
    expect(html).toContain(`href="/${MC}/manage/audit.csv"`);
    // There is no way to change anything from here.
    expect(html).not.toContain('method="post" action="/082058/manage/audit');
  });

  it("filters by record, by person, by action and by period", async () => {
    const byRecord = await (await planner.page(`${AUDIT}?record=${OWN}`)).text();
    expect(rowsOf(byRecord).length).toBeGreaterThan(0);
    for (const row of rowsOf(byRecord)) expect(row).toContain(OWN);
    expect(byRecord).toContain(`value="${OWN}"`);

    const byType = await (await planner.page(`${AUDIT}?record=indicator_actual`)).text();
    expect(rowsOf(byType).length).toBeGreaterThan(0);
    for (const row of rowsOf(byType)) expect(row).toContain("実績値：");

    const byPerson = await (await planner.page(`${AUDIT}?actor=editor%40demo`)).text();
    expect(rowsOf(byPerson).length).toBeGreaterThan(0);
    for (const row of rowsOf(byPerson)) {
      expect(row).toContain("デモ入力担当（行革推進課）");
      expect(row).not.toContain("デモ企画担当");
    }

    const byAction = await (await planner.page(`${AUDIT}?action=actual.draft`)).text();
    expect(totalOf(byAction)).toBe(1);
    expect(byAction).toMatch(/<option value="actual.draft" selected="">/);

    const todayOnly = await (await planner.page(`${AUDIT}?from=${today()}&to=${today()}`)).text();
    expect(tableOf(todayOnly)).toContain(`${OWN}/${FY}`);
    const untilYesterday = await (await planner.page(`${AUDIT}?to=${dayOffset(-1)}`)).text();
    expect(tableOf(untilYesterday)).not.toContain(`${OWN}/${FY}`);
    const fromTomorrow = await (await planner.page(`${AUDIT}?from=${dayOffset(1)}`)).text();
    expect(totalOf(fromTomorrow)).toBe(0);
    expect(fromTomorrow).toContain("条件に合う記録はありません");

    const combined = await (
      await planner.page(`${AUDIT}?record=${OWN}&actor=editor%40demo&from=${today()}`)
    ).text();
    expect(totalOf(combined)).toBe(0);
  });

  it("pages through many entries, keeping the filters in the links", async () => {
    await withTenant(t.database.db, MC, async (tx) => {
      for (let i = 0; i < 55; i++)
        await audit(tx, SYSTEM_ACTOR, {
          municipality: MC,
          action: "test.bulk",
          recordType: "bulk",
          recordKey: `bulk-${i}`,
          after: { i },
        });
    });
    const first = await (await planner.page(`${AUDIT}?action=test.bulk&record=bulk`)).text();
    expect(totalOf(first)).toBe(55);
    expect(rowsOf(first)).toHaveLength(50);
    expect(first).toContain("1〜50 件目");
    expect(first).toContain(
      `<a rel="next" href="/${MC}/manage/audit?record=bulk&amp;action=test.bulk&amp;page=2">`,
    );
    expect(first).not.toContain('rel="prev"');
    expect(first).toContain(`href="/${MC}/manage/audit.csv?record=bulk&amp;action=test.bulk"`);
    const second = await (
      await planner.page(`${AUDIT}?action=test.bulk&record=bulk&page=2`)
    ).text();
    expect(rowsOf(second)).toHaveLength(5);
    expect(second).toContain("51〜55 件目");
    expect(second).toContain(
      `<a rel="prev" href="/${MC}/manage/audit?record=bulk&amp;action=test.bulk">`,
    );
    expect(second).not.toContain('rel="next"');
  });

  it("exports the filtered entries as CSV with a BOM, the header row and times in +09:00", async () => {
    const res = await planner.page(`/${MC}/manage/audit.csv?record=${OWN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toContain("attachment");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).trimEnd().split("\r\n");
    expect(lines[0]).toBe(HEADER);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines.slice(1)) expect(line).toContain(OWN);
    expect(lines[1]).toMatch(
      new RegExp(
        `^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+09:00,user:\\d+ planner@demo.invalid,,actual.draft,indicator_actual,${OWN}/${FY},`,
      ),
    );
    expect(lines[1]).toContain('""value"":48.5');

    // Every matching row, not one page.
    const bulk = await (await planner.page(`/${MC}/manage/audit.csv?action=test.bulk`)).text();
    expect(bulk.trimEnd().split("\r\n")).toHaveLength(1 + 55);

    const sjis = await admin.page(`/${MC}/manage/audit.csv?encoding=sjis&action=actual.draft`);
    expect(sjis.status).toBe(200);
    expect(sjis.headers.get("content-type")).toBe("text/csv; charset=Shift_JIS");
    const decoded = iconv.decode(Buffer.from(await sjis.arrayBuffer()), "cp932");
    expect(decoded.split("\r\n")[0]).toBe(HEADER);
  });

  it("refuses editors and viewers, and sends the signed-out to sign in", async () => {
    for (const who of [editor, viewer]) {
      const page = await who.page(AUDIT);
      expect(page.status).toBe(403);
      expect(await page.text()).toContain("監査ログを見られるのは");
      expect((await who.page(`/${MC}/manage/audit.csv`)).status).toBe(403);
    }
    const anonymous = await t.get(AUDIT);
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get("location")).toBe(`/${MC}/manage/sign-in`);
    expect((await admin.page(AUDIT)).status).toBe(200);
  });

  it("answers a bad date with 400 naming the parameter, keeping what was typed", async () => {
    const bad = await planner.page(`${AUDIT}?from=2024-02-30&actor=planner`);
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('class="error-summary"');
    expect(html).toContain("from（期間の開始日）は存在しない日付です");
    expect(html).toContain('<a href="#from">');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('value="2024-02-30"');
    expect(html).toContain('value="planner"');

    const reversed = await planner.page(`${AUDIT}?from=2024-05-01&to=2024-04-01`);
    expect(reversed.status).toBe(400);
    expect(await reversed.text()).toContain("to（期間の終了日）は from（期間の開始日）");

    const csv = await planner.page(`/${MC}/manage/audit.csv?to=yesterday`);
    expect(csv.status).toBe(400);
    const body = await csv.text();
    expect(body).toContain("<strong>to</strong>");
    expect(body).toContain("年-月-日で指定してください");
  });

  it("never shows another municipality's entries, in either direction", async () => {
    const mine = await (await planner.page(AUDIT)).text();
    expect(mine).not.toContain(OTHER_EMAIL);
    expect(mine).not.toContain("admin@other.example");
    const searched = await (await planner.page(`${AUDIT}?record=${OTHER_EMAIL}`)).text();
    expect(totalOf(searched)).toBe(0);
    const csv = await (await planner.page(`/${MC}/manage/audit.csv`)).text();
    expect(csv).not.toContain(OTHER_EMAIL);
    expect(csv).not.toContain("sample-plan.yaml");

    const theirs = await (await otherAdmin.page(`/${OTHER_MC}/manage/audit`)).text();
    expect(tableOf(theirs)).toContain(OTHER_EMAIL);
    expect(tableOf(theirs)).toContain("計画の取込");
    expect(theirs).not.toContain("planner@demo.invalid");
    expect(theirs).not.toContain(`${OWN}/${FY}`);
    // A session of one municipality does not open the other's trail.
    expect((await planner.page(`/${OTHER_MC}/manage/audit`)).status).toBe(303);
  });

  it("offers no way to change or remove an entry", async () => {
    for (const p of [AUDIT, `${AUDIT}/1`, `${AUDIT}/1/delete`]) {
      const res = await planner.post(p, { record: "x" });
      expect(res.status).toBe(404);
    }
  });

  it("labels a town meeting's proposal as such, though its record type is that of letters", async () => {
    const recorded = await planner.post(`/${MC}/manage/meetings`, {
      heldOn: "2025-07-20",
      place: "石岡市民会館",
      theme: "監査ログの表示",
      participantGroup: "石岡地区区長会",
      participantCount: "18",
      summary: "語り合いました。",
    });
    const meeting = recorded.headers.get("location")!.replace(/\?.*$/, "");
    expect(
      (
        await planner.post(`${meeting}/proposals`, {
          subject: "バスの最終便を遅く",
          body: "最終便を21時台にしてほしい。",
          category: "roads",
        })
      ).status,
    ).toBe(303);
    const proposal = /href="\/082058\/manage\/letters\/(\d{4}-\d{4})"/.exec(
      await (await planner.page(meeting)).text(),
    )![1]!;
    const letter = await receiveQuietLetter(t.database.db, MC);
    const html = await (await planner.page(`${AUDIT}?record=letter`)).text();
    const target = (key: string) =>
      rowsOf(html)
        .find((r) => r.includes(`>${key}</a>`))!
        .replace(/<[^>]+>/g, "")
        .replace(/\s+/g, "");
    expect(target(proposal)).toContain(`市長と語ろう会の提案：${proposal}`);
    expect(target(proposal)).not.toContain("市長へのたより：");
    expect(target(letter)).toContain(`市長へのたより：${letter}`);
  });
});
