/**
 * Town meetings with the mayor (市長と語ろう会): planners record a meeting and the proposals
 * raised at it; each proposal follows the letters' timeline and outcomes, is public without any
 * participant's personal data, shows on the measure's page of proposals, does not count in the
 * letters' proposal share, and stays in its municipality.
 */
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { addUser } from "../../src/accounts/actions.ts";
import { withTenant } from "../../src/core/db/tenant.ts";
import { listOutbox } from "../../src/core/outbox.ts";
import { indicators, runningActuals } from "../../src/indicators/schema.ts";
import { MeetingJson } from "../../src/letters/api.ts";
import { writerActor } from "../../src/letters/receive.ts";
import { letters } from "../../src/letters/schema.ts";
import { importPlans } from "../../src/plan/plan-import.ts";
import { describeEachBackend } from "../support/app.ts";
import { receiveLetter } from "../support/letters.ts";
import { DEMO, staffOf } from "../support/staff.ts";

const MC = "082058";
const OTHER = "082015";
const API = `/api/v1/municipalities/${MC}`;
type Staff = Awaited<ReturnType<typeof staffOf>>;

const MEETING = {
  heldOn: "2025-06-15",
  place: "八郷公民館",
  theme: "子育てしやすいまちづくり",
  participantGroup: "八郷地区子ども会育成連合会",
  participantCount: "24",
  summary: "子育て世代の皆さんと、遊び場や通学路について語り合いました。",
};

const versionIn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? "";

async function auditActions(t: Parameters<Parameters<typeof describeEachBackend>[1]>[0]) {
  const r = (await withTenant(t.database.db, MC, (tx) =>
    tx.execute(sql`select action from audit_log where action like 'meeting.%' order by id`),
  )) as unknown as { rows: { action: string }[] };
  return r.rows.map((x) => x.action);
}

describeEachBackend("town meetings with the mayor", (t) => {
  let planner: Staff;
  let editor: Staff;
  let viewer: Staff;
  let meetingId: string;
  let receipt: string;

  beforeAll(async () => {
    [planner, editor, viewer] = await Promise.all([
      staffOf(t, MC, DEMO.planner.email, DEMO.planner.password),
      staffOf(t, MC, DEMO.editor.email, DEMO.editor.password),
      staffOf(t, MC, DEMO.viewer.email, DEMO.viewer.password),
    ]);
  });

  it("lets only planners record meetings; refuses bad input with the typed values kept", async () => {
    expect((await t.get(`/${MC}/manage/meetings`)).status).toBe(303); // to sign-in
    for (const who of [editor, viewer]) {
      expect((await who.page(`/${MC}/manage/meetings`)).status).toBe(403);
      expect((await who.post(`/${MC}/manage/meetings`, MEETING)).status).toBe(403);
    }
    const bad = await planner.post(`/${MC}/manage/meetings`, {
      ...MEETING,
      heldOn: "2025-02-30",
      participantCount: "多数",
      summary: "",
    });
    expect(bad.status).toBe(400);
    const page = await bad.text();
    expect(page).toContain("開催日：存在しない日付です");
    expect(page).toContain("参加者数は1から");
    expect(page).toContain("概要を入力してください");
    expect(page).toContain(`value="${MEETING.theme}"`);

    const res = await planner.post(`/${MC}/manage/meetings`, MEETING);
    expect(res.status).toBe(303);
    meetingId = /\/manage\/meetings\/(\d+)\?done=recorded$/.exec(
      res.headers.get("location") ?? "",
    )![1]!;
    // A new record is a draft: staff see it, the public pages and the API do not.
    const staffList = await (await planner.page(`/${MC}/manage/meetings`)).text();
    expect(staffList).toContain(MEETING.theme);
    expect(staffList).toContain("下書き（職員のみ）");
    expect((await t.text(`/${MC}/meetings`)).body).not.toContain(MEETING.theme);
    expect((await t.get(`/${MC}/meetings/${meetingId}`)).status).toBe(404);
    expect((await t.json(`${API}/meetings/${meetingId}`)).status).toBe(404);
    expect((await t.json(`${API}/meetings`)).body.items).toEqual([]);
  });

  it("is published by a planner with the version of the page; then public", async () => {
    const page = await (await planner.page(`/${MC}/manage/meetings/${meetingId}`)).text();
    expect(page).toContain("この記録を公開する");
    const version = versionIn(page);
    expect(
      (await editor.post(`/${MC}/manage/meetings/${meetingId}/publish`, { version })).status,
    ).toBe(403);
    const stale = await planner.post(`/${MC}/manage/meetings/${meetingId}/publish`, {
      version: "0",
    });
    expect(stale.status).toBe(409);
    const res = await planner.post(`/${MC}/manage/meetings/${meetingId}/publish`, { version });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/${MC}/manage/meetings/${meetingId}?done=published`);
    const after = await (await planner.page(res.headers.get("location")!)).text();
    expect(after).toContain("会の記録を公開しました。");
    expect(after).not.toContain("この記録を公開する");
    const list = await t.text(`/${MC}/meetings`);
    expect(list.status).toBe(200);
    expect(list.body).toContain(`href="/${MC}/meetings/${meetingId}"`);
    expect(list.body).toContain(MEETING.participantGroup);
    const one = await t.text(`/${MC}/meetings/${meetingId}`);
    expect(one.body).toContain(MEETING.place);
    expect(one.body).toContain("24人");
    expect(one.body).toContain(MEETING.summary);
    expect((await t.get(`/${MC}/meetings/999999`)).status).toBe(404);
    expect((await t.get(`/${MC}/meetings/abc`)).status).toBe(404);
  });

  it("corrects a meeting with its version; a stale form is refused", async () => {
    const page = await (await planner.page(`/${MC}/manage/meetings/${meetingId}`)).text();
    const version = versionIn(page);
    const ok = await planner.post(`/${MC}/manage/meetings/${meetingId}`, {
      ...MEETING,
      participantCount: "25",
      version,
    });
    expect(ok.status).toBe(303);
    const stale = await planner.post(`/${MC}/manage/meetings/${meetingId}`, {
      ...MEETING,
      participantCount: "30",
      version,
    });
    expect(stale.status).toBe(409);
    expect((await t.text(`/${MC}/meetings/${meetingId}`)).body).toContain("25人");
  });

  it("records a proposal raised at the meeting as a letter without a writer, published at once", async () => {
    expect(
      (
        await editor.post(`/${MC}/manage/meetings/${meetingId}/proposals`, {
          subject: "x",
          body: "y",
          category: "childcare",
        })
      ).status,
    ).toBe(403);
    const empty = await planner.post(`/${MC}/manage/meetings/${meetingId}/proposals`, {
      subject: "",
      body: "",
      category: "nope",
    });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("提案の件名を入力してください");
    const res = await planner.post(`/${MC}/manage/meetings/${meetingId}/proposals`, {
      subject: "公園に屋根付きの遊び場を",
      body: "雨の日でも子どもが遊べる場所がほしい。",
      category: "childcare",
    });
    expect(res.status).toBe(303);
    const staffPage = await (await planner.page(`/${MC}/manage/meetings/${meetingId}`)).text();
    receipt = /href="\/082058\/manage\/letters\/(\d{4}-\d{4})"/.exec(staffPage)![1]!;
    expect(receipt).toMatch(/^2025-/); // the fiscal year of the meeting
    const [row] = await withTenant(t.database.db, MC, (tx) =>
      tx
        .select()
        .from(letters)
        .where(and(eq(letters.municipalityCode, MC), eq(letters.receiptNumber, receipt))),
    );
    expect(row).toMatchObject({
      source: "meeting",
      meetingId: Number(meetingId),
      kind: "proposal",
      writerName: "",
      writerEmail: null,
      writerPhone: null,
      writerAddress: null,
      consentContact: false,
      published: true,
      status: "received",
    });
    const letterPage = await (await planner.page(`/${MC}/manage/letters/${receipt}`)).text();
    expect(letterPage).toContain("市長と語ろう会の記録");
    expect(letterPage).not.toContain("<dt>お名前</dt>");
    const pub = await t.text(`/${MC}/letters/${receipt}`);
    expect(pub.status).toBe(200);
    expect(pub.body).toContain(`href="/${MC}/meetings/${meetingId}"`);
    expect((await t.text(`/${MC}/meetings/${meetingId}`)).body).toContain(
      "公園に屋根付きの遊び場を",
    );
  });

  it("moves the proposal along the letters' timeline to an adopted outcome, shown on the meeting and the measure", async () => {
    const act = async (what: string, fields: Record<string, string>) => {
      const version = versionIn(
        await (await planner.page(`/${MC}/manage/letters/${receipt}`)).text(),
      );
      return planner.post(`/${MC}/manage/letters/${receipt}/${what}`, { version, ...fields });
    };
    expect(
      (
        await act("triage", {
          kind: "proposal",
          category: "childcare",
          section: "gyokaku-suishin",
          dueDate: "",
          nodes: "GZ-6",
        })
      ).status,
    ).toBe(303);
    // The letters' step rules apply: an answer needs its text.
    expect((await act("steps", { stepKind: "answered", publicComment: "" })).status).toBe(400);
    const steps: Record<string, string>[] = [
      { stepKind: "assigned", publicComment: "行革推進課が担当します。" },
      { stepKind: "considering", publicComment: "関係課と検討しています。" },
      { stepKind: "answered", publicComment: "整備の可能性を調べます。" },
      {
        stepKind: "outcome",
        outcome: "adopted",
        reflectedNode: "GZ-6-01",
        reflectedFromFiscalYear: "2026",
        publicComment: "令和8年度から取り組みます。",
      },
    ];
    for (const step of steps) expect((await act("steps", step)).status, step.stepKind).toBe(303);
    expect((await act("steps", { stepKind: "assigned", publicComment: "" })).status).toBe(400);

    const meetingPage = (await t.text(`/${MC}/meetings/${meetingId}`)).body;
    for (const s of [
      "受付",
      "担当課の決定",
      "検討中",
      "回答",
      "採用（施策に反映）",
      "令和8年度から取り組みます。",
    ])
      expect.soft(meetingPage, s).toContain(s);
    expect(meetingPage).toContain(`href="/${MC}/measures/GZ-6#GZ-6-01"`);

    const measure = (await t.text(`/${MC}/measures/GZ-6`)).body;
    expect(measure).toContain(`href="/${MC}/measures/GZ-6/letters"`);
    const touched = await t.text(`/${MC}/measures/GZ-6/letters`);
    expect(touched.status).toBe(200);
    expect(touched.body).toContain(`href="/${MC}/letters/${receipt}"`);
    expect(touched.body).toContain("採用（施策に反映）");
    expect(touched.body).toContain("市長と語ろう会での提案");
    const other = await t.text(`/${MC}/measures/GZ-1/letters`);
    expect(other.status).toBe(200);
    expect(other.body).not.toContain(`/${MC}/letters/${receipt}`);
    expect((await t.get(`/${MC}/measures/GZ-6-01/letters`)).status).toBe(404);
    expect((await t.get(`/${MC}/measures/NOPE/letters`)).status).toBe(404);

    // Nobody to notify: no mail prepared for a meeting proposal.
    const mail = await listOutbox(t.database.db, MC);
    expect(mail.filter((m) => m.key.startsWith(`letter/${receipt}/`))).toEqual([]);
    expect(await auditActions(t)).toEqual([
      "meeting.record",
      "meeting.publish",
      "meeting.update",
      "meeting.proposal",
    ]);

    // The API gives the meeting with its proposal and the same timeline.
    const api = await t.json(`${API}/meetings/${meetingId}`);
    expect(api.status).toBe(200);
    expect(MeetingJson.parse(api.body)).toBeTruthy();
    expect(api.body).toMatchObject({
      theme: MEETING.theme,
      participantGroup: MEETING.participantGroup,
      participantCount: 25,
      proposals: [
        {
          receiptNumber: receipt,
          receivedOn: MEETING.heldOn,
          source: "meeting",
          meetingId: Number(meetingId),
          outcome: { result: "adopted", reflectedNode: { code: "GZ-6-01" }, fromFiscalYear: 2026 },
        },
      ],
    });
    expect(api.body.proposals[0].steps).toHaveLength(5);
    const all = await t.json(`${API}/meetings`);
    expect(all.body.total).toBe(1);
    expect(all.body.items[0].id).toBe(Number(meetingId));
    expect((await t.json(`${API}/meetings/abc`)).status).toBe(400);
  });

  it("keeps a draft meeting's proposals off every public page and API until it is published", async () => {
    const res = await planner.post(`/${MC}/manage/meetings`, {
      ...MEETING,
      theme: "下書きの会",
      heldOn: "2025-07-10",
    });
    const draftId = /\/manage\/meetings\/(\d+)\?/.exec(res.headers.get("location") ?? "")![1]!;
    expect(
      (
        await planner.post(`/${MC}/manage/meetings/${draftId}/proposals`, {
          subject: "下書きの会の提案",
          body: "まだ公開されない提案です。",
          category: "roads",
        })
      ).status,
    ).toBe(303);
    const staffPage = await (await planner.page(`/${MC}/manage/meetings/${draftId}`)).text();
    expect(staffPage).toContain("会の記録の公開とともに公開");
    const draftReceipt = /href="\/082058\/manage\/letters\/(\d{4}-\d{4})"/.exec(staffPage)![1]!;
    const hidden = async () => {
      for (const p of [`/${MC}/meetings`, `/${MC}/letters`, `/${MC}/letters?fy=2025`])
        expect.soft((await t.text(p)).body, p).not.toContain("下書きの会");
      expect((await t.get(`/${MC}/letters/${draftReceipt}`)).status).toBe(404);
      expect((await t.json(`${API}/letters/${draftReceipt}`)).status).toBe(404);
      const listed = await t.json(`${API}/letters?limit=1000`);
      expect(JSON.stringify(listed.body)).not.toContain("下書きの会");
      expect((await t.json(`${API}/meetings`)).body.total).toBe(1);
    };
    await hidden();
    const version = versionIn(staffPage);
    expect(
      (await planner.post(`/${MC}/manage/meetings/${draftId}/publish`, { version })).status,
    ).toBe(303);
    expect((await t.text(`/${MC}/letters/${draftReceipt}`)).body).toContain("下書きの会の提案");
    expect((await t.json(`${API}/meetings`)).body.total).toBe(2);
    expect((await t.text(`/${MC}/meetings`)).body).toContain("下書きの会");
  });

  it("does not count meeting proposals in the letters' proposal share", async () => {
    const db = t.database.db;
    await receiveLetter(
      db,
      MC,
      writerActor(),
      {
        subject: "要望",
        body: "要望です",
        category: "other",
        kind: "request",
        name: "集計 花子",
        address: null,
        phone: null,
        email: null,
        consentPublish: false,
        consentContact: false,
      },
      [],
      {
        statusUrl: (x) => x,
        municipalityName: "石岡市",
        now: new Date("2025-07-01T03:00:00Z"),
      },
    );
    // Counted on 2025-07-01, fiscal 2025 is in progress: its share is 集計中 (running_actuals).
    const rows = await withTenant(db, MC, (tx) =>
      tx
        .select({ fiscalYear: runningActuals.fiscalYear, value: runningActuals.value })
        .from(runningActuals)
        .innerJoin(indicators, eq(indicators.id, runningActuals.indicatorId))
        .where(and(eq(indicators.municipalityCode, MC), eq(indicators.code, "GZ-6-R3"))),
    );
    // FY2025: one letter (a request) and one meeting proposal → 0 %, not 50 %.
    expect(rows.find((r) => r.fiscalYear === 2025)).toMatchObject({ value: 0 });
  });

  it("keeps another municipality's people and pages away from the meeting", async () => {
    await importPlans(t.database.db, path.resolve("test/fixtures/second-municipality"));
    const intruder = { email: "meetings-intruder@other.example", password: "intruder-pw-082015" };
    await addUser(t.database.db, { municipality: OTHER, role: "admin", ...intruder });
    const other = await staffOf(t, OTHER, intruder.email, intruder.password);
    // Their session is not one of 082058: to the sign-in page.
    const cross = await t.get(`/${MC}/manage/meetings/${meetingId}`, {
      headers: { cookie: other.cookie },
    });
    expect(cross.status).toBe(303);
    expect((await other.page(`/${OTHER}/manage/meetings/${meetingId}`)).status).toBe(404);
    expect(
      (
        await other.post(`/${OTHER}/manage/meetings/${meetingId}/proposals`, {
          subject: "侵入",
          body: "侵入",
          category: "other",
        })
      ).status,
    ).toBe(404);
    expect((await t.get(`/${OTHER}/meetings/${meetingId}`)).status).toBe(404);
    const list = await t.text(`/${OTHER}/meetings`);
    expect(list.status).toBe(200);
    expect(list.body).not.toContain(MEETING.theme);
    expect((await t.get(`/${OTHER}/letters/${receipt}`)).status).toBe(404);
  });

  it("shows a stale correction beside what is saved, and saves it when the planner overwrites", async () => {
    const version = versionIn(
      await (await planner.page(`/${MC}/manage/meetings/${meetingId}`)).text(),
    );
    const saved = await planner.post(`/${MC}/manage/meetings/${meetingId}`, {
      ...MEETING,
      participantCount: "26",
      version,
    });
    expect(saved.status).toBe(303);
    const stale = await planner.post(`/${MC}/manage/meetings/${meetingId}`, {
      ...MEETING,
      participantCount: "31",
      version,
    });
    expect(stale.status).toBe(409);
    const html = await stale.text();
    expect(html).toContain("ほかの人が先に保存しました");
    // Only the field that differs, the input beside what is saved now.
    const rows = [
      ...html.matchAll(
        /<tr><th scope="row">([^<]+)<\/th><td[^>]*>([^<]*)<\/td><td[^>]*>([^<]*)<\/td><\/tr>/g,
      ),
    ].map((m) => m.slice(1));
    expect(rows).toEqual([["参加者数", "31", "26"]]);
    // The overwrite posts the input again on the version saved now.
    const current = /name="version" value="(\d+)"/.exec(html)?.[1];
    expect(Number(current)).toBe(Number(version) + 1);
    const overwrite = await planner.post(`/${MC}/manage/meetings/${meetingId}`, {
      ...MEETING,
      participantCount: "31",
      version: current!,
    });
    expect(overwrite.status).toBe(303);
    expect((await t.text(`/${MC}/meetings/${meetingId}`)).body).toContain("31人");
  });
});
