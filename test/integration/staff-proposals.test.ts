/**
 * Staff proposals (職員提案制度): every signed-in person may submit; the proposer sees their own,
 * everyone signed in sees finally decided ones, the committee (planners) sees, scores and decides
 * all and records the implementation of adopted ones; 職員提案の提案数 is computed per fiscal
 * year; nothing of a proposal is public; another municipality sees nothing.
 */
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { addUser, disableUser, listUsers } from "../../src/accounts/actions.ts";
import { actorOf } from "../../src/accounts/sessions.ts";
import { withTenant } from "../../src/core/db/tenant.ts";
import { listOutbox } from "../../src/core/outbox.ts";
import { indicatorActuals, indicators, runningActuals } from "../../src/indicators/schema.ts";
import { fiscalYearInJapan } from "../../src/letters/rules.ts";
import { importPlans } from "../../src/plan/plan-import.ts";
import { submitProposal } from "../../src/proposals/proposals.ts";
import { describeEachBackend, type TestContext } from "../support/app.ts";

/** The number of a proposal submitted directly (the action must save it). */
async function submitted(run: Promise<{ status: string; value?: string }>) {
  const o = await run;
  if (o.status !== "saved" || !o.value) throw new Error(`proposal not submitted: ${o.status}`);
  return o.value;
}

import { DEMO, staffOf } from "../support/staff.ts";

const MC = "082058";
const OTHER = "082015";
type Staff = Awaited<ReturnType<typeof staffOf>>;

/** Strings only staff may ever see. */
const MEMBERS = ["常陸 太郎兵衛", "霞 花之丞"];
const TITLE = "起案文書の電子決裁を全課に広げる";

const proposalForm = (over: Record<string, string | string[]> = {}) => {
  const body = new URLSearchParams();
  const fields: Record<string, string | string[]> = {
    title: TITLE,
    problem: "紙の回覧で決裁に平均3日かかっている。",
    proposal: "電子決裁システムの利用を全課で必須にする。",
    expectedEffect: "回覧の待ち時間と印刷費の削減。",
    expectedHours: "1200",
    expectedYen: "350,000",
    sections: ["somu", "gyokaku-suishin"],
    applicant: "individual",
    groupName: "",
    memberNames: "",
    ...over,
  };
  for (const [k, v] of Object.entries(fields))
    for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return body;
};

const versionIn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? "";
const numberIn = (res: Response) =>
  /\/manage\/proposals\/(\d{4}-\d{4})\?done=submitted$/.exec(
    res.headers.get("location") ?? "",
  )?.[1];

async function auditActions(t: TestContext) {
  const r = (await withTenant(t.database.db, MC, (tx) =>
    tx.execute(sql`select action from audit_log where action like 'staff_proposal.%' order by id`),
  )) as unknown as { rows: { action: string }[] };
  return r.rows.map((x) => x.action);
}

async function countActuals(t: TestContext) {
  const rows = await withTenant(t.database.db, MC, (tx) =>
    tx
      .select({
        fiscalYear: indicatorActuals.fiscalYear,
        value: indicatorActuals.value,
        origin: indicatorActuals.origin,
        source: indicatorActuals.source,
      })
      .from(indicatorActuals)
      .innerJoin(indicators, eq(indicators.id, indicatorActuals.indicatorId))
      .where(and(eq(indicators.municipalityCode, MC), eq(indicators.code, "GZ-1-R1"))),
  );
  return new Map(rows.map((r) => [r.fiscalYear, r]));
}

/** 職員提案の提案数 of years in progress (集計中), by fiscal year. */
async function countRunning(t: TestContext) {
  const rows = await withTenant(t.database.db, MC, (tx) =>
    tx
      .select({ fiscalYear: runningActuals.fiscalYear, value: runningActuals.value })
      .from(runningActuals)
      .innerJoin(indicators, eq(indicators.id, runningActuals.indicatorId))
      .where(and(eq(indicators.municipalityCode, MC), eq(indicators.code, "GZ-1-R1"))),
  );
  return new Map(rows.map((r) => [r.fiscalYear, r.value]));
}

describeEachBackend("staff proposals", (t) => {
  let planner: Staff;
  let editor: Staff;
  let viewer: Staff;
  /** The viewer's individual proposal and the editor's group proposal. */
  let individual: string;
  let group: string;

  beforeAll(async () => {
    [planner, editor, viewer] = await Promise.all([
      staffOf(t, MC, DEMO.planner.email, DEMO.planner.password),
      staffOf(t, MC, DEMO.editor.email, DEMO.editor.password),
      staffOf(t, MC, DEMO.viewer.email, DEMO.viewer.password),
    ]);
  });

  it("lets anyone signed in submit, and refuses an incomplete proposal with the values kept", async () => {
    expect((await t.get(`/${MC}/manage/proposals/new`)).status).toBe(303); // to sign-in
    const form = await (await viewer.page(`/${MC}/manage/proposals/new`)).text();
    expect(form).toContain('<label for="title">');
    const bad = await viewer.post(
      `/${MC}/manage/proposals/new`,
      proposalForm({
        proposal: "",
        expectedYen: "たくさん",
        sections: [],
        applicant: "group",
      }),
    );
    expect(bad.status).toBe(400);
    const page = await bad.text();
    for (const m of [
      "提案の内容を入力してください",
      "削減できる金額は0以上の整数で入力してください",
      "関係する課を1つ以上選んでください",
      "グループ提案のときはグループ名を入力してください",
      "グループ提案のときはメンバーの氏名を入力してください",
    ])
      expect.soft(page).toContain(m);
    expect(page).toContain(`value="${TITLE}"`);

    const a = await viewer.post(`/${MC}/manage/proposals/new`, proposalForm());
    expect(a.status).toBe(303);
    individual = numberIn(a)!;
    expect(individual).toMatch(/^\d{4}-0001$/);
    const b = await editor.post(
      `/${MC}/manage/proposals/new`,
      proposalForm({
        title: "窓口の待ち番号を携帯で知らせる",
        applicant: "group",
        groupName: "窓口改善チーム",
        memberNames: MEMBERS.join("\n"),
        expectedHours: "",
        expectedYen: "",
      }),
    );
    expect(b.status).toBe(303);
    group = numberIn(b)!;
    const own = await (
      await viewer.page(`/${MC}/manage/proposals/${individual}?done=submitted`)
    ).text();
    expect(own).toContain("審査待ち");
    expect(own).toContain("年間 1200時間の削減");
    expect(own).toContain("350,000円");
  });

  it("shows undecided proposals only to their proposer and the committee", async () => {
    expect((await editor.page(`/${MC}/manage/proposals/${individual}`)).status).toBe(403);
    expect((await viewer.page(`/${MC}/manage/proposals/${group}`)).status).toBe(403);
    expect((await viewer.page(`/${MC}/manage/proposals/2001-0001`)).status).toBe(404);
    const editorList = await (await editor.page(`/${MC}/manage/proposals`)).text();
    expect(editorList).toContain(group);
    expect(editorList).not.toContain(individual);
    const committee = await (await planner.page(`/${MC}/manage/proposals`)).text();
    expect(committee).toContain(individual);
    expect(committee).toContain(group);
    const groupPage = await (await planner.page(`/${MC}/manage/proposals/${group}`)).text();
    expect(groupPage).toContain("窓口改善チーム");
    for (const m of MEMBERS) expect(groupPage).toContain(m);
  });

  it("lets only the committee set criteria, score and decide", async () => {
    for (const who of [editor, viewer]) {
      expect((await who.page(`/${MC}/manage/proposals/criteria`)).status).toBe(403);
      expect((await who.post(`/${MC}/manage/proposals/criteria`, { name0: "x" })).status).toBe(403);
      expect(
        (await who.post(`/${MC}/manage/proposals/${group}/score`, { score0: "5" })).status,
      ).toBe(403);
      expect(
        (
          await who.post(`/${MC}/manage/proposals/${group}/decision`, {
            decision: "adopted",
            reason: "x",
            version: "1",
          })
        ).status,
      ).toBe(403);
    }
    // The default criteria until saved; then the municipality's own.
    const defaults = await (await planner.page(`/${MC}/manage/proposals/criteria`)).text();
    expect(defaults).toContain('value="独創性"');
    const dup = await planner.post(`/${MC}/manage/proposals/criteria`, {
      name0: "効果",
      name1: "効果",
    });
    expect(dup.status).toBe(400);
    expect(await dup.text()).toContain("観点の名前が重なっています");
    expect(
      (
        await planner.post(`/${MC}/manage/proposals/criteria`, {
          name0: "効果",
          description0: "時間・費用の削減",
          name1: "実現性",
          description1: "",
        })
      ).status,
    ).toBe(303);

    const missing = await planner.post(`/${MC}/manage/proposals/${group}/score`, {
      score0: "4",
      score1: "9",
    });
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("「実現性」を1から5の点数で選んでください");
    expect(
      (await planner.post(`/${MC}/manage/proposals/${group}/score`, { score0: "4", score1: "5" }))
        .status,
    ).toBe(303);
    const scored = await (await planner.page(`/${MC}/manage/proposals/${group}`)).text();
    expect(scored).toContain("採点の平均（1人、合計の平均 9点）");
  });

  it("decides with a reason; 継続審査 stays private, a final decision is seen by everyone signed in", async () => {
    const decide = async (number: string, decision: string, reason: string, version?: string) =>
      planner.post(`/${MC}/manage/proposals/${number}/decision`, {
        decision,
        reason,
        version:
          version ??
          versionIn(await (await planner.page(`/${MC}/manage/proposals/${number}`)).text()),
      });
    const noReason = await decide(group, "adopted", "");
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("審査結果の理由を入力してください");
    expect((await decide(group, "continued", "費用の見積りを待って再審査します。")).status).toBe(
      303,
    );
    expect((await viewer.page(`/${MC}/manage/proposals/${group}`)).status).toBe(403);
    const ownPage = await (await editor.page(`/${MC}/manage/proposals/${group}`)).text();
    expect(ownPage).toContain("継続審査");
    expect(ownPage).toContain("費用の見積りを待って再審査します。");
    expect(ownPage).not.toContain("採点の平均"); // scores are the committee's

    const stale = await decide(group, "adopted", "効果が大きい。", "1");
    expect(stale.status).toBe(409);
    expect((await decide(group, "adopted", "効果が大きく、費用も小さい。")).status).toBe(303);
    const seen = await (await viewer.page(`/${MC}/manage/proposals/${group}`)).text();
    expect(seen).toContain("採用");
    expect(seen).toContain("効果が大きく、費用も小さい。");
    expect(seen).not.toContain("採点の平均");
    expect(seen).not.toContain("審査結果を保存する");
    expect(await (await viewer.page(`/${MC}/manage/proposals`)).text()).toContain(group);

    expect((await decide(individual, "not_adopted", "既に同様の取組があります。")).status).toBe(
      303,
    );
    // No implementation record for a proposal that was not adopted.
    const refused = await planner.post(`/${MC}/manage/proposals/${individual}/implementation`, {
      implementation: "実施",
      implementedOn: "",
      measuredEffect: "",
      measuredHours: "",
      measuredYen: "",
      version: versionIn(
        await (await planner.page(`/${MC}/manage/proposals/${individual}`)).text(),
      ),
    });
    expect(refused.status).toBe(400);
  });

  it("records the implementation and measured effect of an adopted proposal", async () => {
    const version = versionIn(
      await (await planner.page(`/${MC}/manage/proposals/${group}`)).text(),
    );
    const bad = await planner.post(`/${MC}/manage/proposals/${group}/implementation`, {
      implementation: "",
      implementedOn: "2026-13-01",
      measuredEffect: "",
      measuredHours: "-3",
      measuredYen: "",
      version,
    });
    expect(bad.status).toBe(400);
    expect(
      (
        await planner.post(`/${MC}/manage/proposals/${group}/implementation`, {
          implementation: "本庁舎の窓口で呼出し通知を始めた。",
          implementedOn: "2026-10-01",
          measuredEffect: "待合室の混雑が減った。",
          measuredHours: "300",
          measuredYen: "120000",
          version,
        })
      ).status,
    ).toBe(303);
    const page = await (await editor.page(`/${MC}/manage/proposals/${group}`)).text();
    expect(page).toContain("本庁舎の窓口で呼出し通知を始めた。");
    expect(page).toContain("年間 300時間の削減");
    expect(page).toContain("120,000円");
    expect(await auditActions(t)).toEqual([
      "staff_proposal.submit",
      "staff_proposal.submit",
      "staff_proposal.criteria",
      "staff_proposal.score",
      "staff_proposal.decide",
      "staff_proposal.decide",
      "staff_proposal.decide",
      "staff_proposal.implement",
    ]);
  });

  it("mails the proposer at each step and shows the dated steps on the proposal's page", async () => {
    const mails = async (number: string) =>
      (await listOutbox(t.database.db, MC))
        .filter((m) => m.key.startsWith(`staff_proposal/${number}/`))
        .sort((a, b) => a.id - b.id);
    const groupMail = await mails(group);
    expect(groupMail.map((m) => m.key)).toEqual([
      `staff_proposal/${group}/received`,
      `staff_proposal/${group}/review`,
      `staff_proposal/${group}/decided/2`,
      `staff_proposal/${group}/decided/3`,
      `staff_proposal/${group}/implemented/4`,
    ]);
    expect(groupMail.every((m) => m.recipient === DEMO.editor.email)).toBe(true);
    expect(groupMail[2]!.body).toContain("審査結果: 継続審査");
    expect(groupMail[3]!.subject).toContain("審査結果（採用）");
    expect(groupMail[3]!.body).toContain("理由: 効果が大きく、費用も小さい。");
    expect(groupMail[3]!.body).toContain(`/${MC}/manage/proposals/${group}`);
    expect(groupMail[4]!.body).toContain("本庁舎の窓口で呼出し通知を始めた。");
    // Never scored: no review step; the decision mailed to the viewer who proposed it.
    const individualMail = await mails(individual);
    expect(individualMail.map((m) => m.key)).toEqual([
      `staff_proposal/${individual}/received`,
      `staff_proposal/${individual}/decided/2`,
    ]);
    expect(individualMail[1]!.recipient).toBe(DEMO.viewer.email);
    expect(individualMail[1]!.body).toContain("審査結果: 不採用");

    const page = await (await editor.page(`/${MC}/manage/proposals/${group}`)).text();
    const timeline = /<h2>審査の経過<\/h2><ol class="timeline">(.*?)<\/ol>/.exec(page)?.[1] ?? "";
    const steps = [...timeline.matchAll(/<strong>([^<]+)<\/strong>(?: — ([^<]+))?/g)].map((m) =>
      [m[1], m[2]].filter(Boolean).join(" "),
    );
    expect(steps).toEqual(["受付", "審査開始", "審査結果 継続審査", "審査結果 採用", "実施の記録"]);
    expect(timeline).toMatch(/<time datetime="\d{4}-\d{2}-\d{2}">/);
    expect(page).toContain("提案者へメールでお知らせします");
    expect(page).toContain("グループのメンバーにはメールは届きません");
  });

  it("sends nothing when the proposer's address is not known, and the page says so", async () => {
    const db = t.database.db;
    const gone = { email: "leaving.staff@example.invalid", password: "leaving-password-082058" };
    await addUser(db, { municipality: MC, role: "viewer", ...gone });
    const user = (await listUsers(db, MC)).find((u) => u.email === gone.email)!;
    const who = { userId: user.id, email: user.email, role: user.role, sectionCodes: [] };
    const number = await submitted(
      submitProposal(
        { db, municipality: MC, who, actor: actorOf(who) },
        {
          submission: {
            title: "異動する職員の提案",
            problem: "p",
            proposal: "q",
            expectedEffect: "e",
            expectedHours: "",
            expectedYen: "",
            sections: ["somu"],
            applicant: "individual",
            groupName: "",
            memberNames: "",
          },
          now: new Date("2021-06-01T12:00:00+09:00"),
        },
      ),
    );
    await disableUser(db, MC, gone.email);
    const version = versionIn(
      await (await planner.page(`/${MC}/manage/proposals/${number}`)).text(),
    );
    const decided = await planner.post(`/${MC}/manage/proposals/${number}/decision`, {
      decision: "not_adopted",
      reason: "予算がありません。",
      version,
    });
    expect(decided.status).toBe(303);
    const keys = (await listOutbox(db, MC))
      .map((m) => m.key)
      .filter((k) => k.startsWith(`staff_proposal/${number}/`));
    expect(keys).toEqual([`staff_proposal/${number}/received`]); // sent while still active
    const page = await (await planner.page(`/${MC}/manage/proposals/${number}`)).text();
    expect(page).toContain("メールでのお知らせは送られません");
    expect(page).toContain("審査結果</strong> — 不採用");
  });

  it("computes 職員提案の提案数 per fiscal year of submission, against a hand count", async () => {
    const db = t.database.db;
    const viewerUser = (await listUsers(db, MC)).find((u) => u.email === DEMO.viewer.email)!;
    const who = {
      userId: viewerUser.id,
      email: viewerUser.email,
      role: viewerUser.role,
      sectionCodes: viewerUser.sections,
    };
    const submission = {
      title: "集計用",
      problem: "p",
      proposal: "q",
      expectedEffect: "e",
      expectedHours: "",
      expectedYen: "",
      sections: ["somu"],
      applicant: "individual",
      groupName: "",
      memberNames: "",
    };
    // Hand count: FY2024 → 2 (the second at 23:30 on 31 March in Japan), FY2025 → 1 (00:10 on
    // 1 April in Japan, which is still 31 March in UTC).
    for (const at of [
      "2024-04-01T00:30:00+09:00",
      "2025-03-31T23:30:00+09:00",
      "2025-04-01T00:10:00+09:00",
    ])
      await submitted(
        submitProposal(
          { db, municipality: MC, who, actor: actorOf(who) },
          { submission, now: new Date(at) },
        ),
      );
    const now = fiscalYearInJapan(new Date());
    const byYear = await countActuals(t);
    // FY2024 had ended when the last one was submitted: its count is the year's actual.
    expect(byYear.get(2024)).toMatchObject({ value: 2, origin: "computed" });
    // FY2025 was in progress then, and this year still is: 集計中, not actuals (issue 17).
    expect(byYear.has(2025)).toBe(false);
    expect(byYear.has(now)).toBe(false);
    const running = await countRunning(t);
    expect(running.get(2025)).toBe(1);
    // The two submitted through the form this year.
    expect(running.get(now)).toBe(2);
    expect(byYear.get(2024)?.source).toContain("職員提案から自動計算");
    expect(byYear.get(2024)?.source).toContain("2件");
    const page = await t.text(`/${MC}/indicators/GZ-1-R1`);
    expect(page.status).toBe(200);
    expect(page.body).toContain("職員提案から自動計算");
  });

  it("never shows a proposal's title, proposer or members on a public page or API response", async () => {
    const pages = [
      `/${MC}/`,
      `/${MC}/measures/GZ-1`,
      `/${MC}/measures/GZ-1/letters`,
      `/${MC}/indicators`,
      `/${MC}/indicators/GZ-1-R1`,
      `/${MC}/indicators.csv`,
      `/${MC}/letters`,
      `/${MC}/meetings`,
      `/api/v1/municipalities/${MC}/indicators`,
      `/api/v1/municipalities/${MC}/indicators/GZ-1-R1`,
    ];
    for (const p of pages) {
      const { status, body } = await t.text(p);
      expect.soft(status, p).toBe(200);
      for (const s of [...MEMBERS, "窓口改善チーム", TITLE, DEMO.viewer.email, group])
        expect.soft(body.includes(s), `${p} shows ${s}`).toBe(false);
    }
    expect((await t.get(`/${MC}/manage/proposals/${group}`)).status).toBe(303);
  });

  it("keeps another municipality's people away from the proposals", async () => {
    await importPlans(t.database.db, path.resolve("test/fixtures/second-municipality"));
    const intruder = { email: "proposals-intruder@other.example", password: "intruder-pw-082015" };
    await addUser(t.database.db, { municipality: OTHER, role: "admin", ...intruder });
    const other = await staffOf(t, OTHER, intruder.email, intruder.password);
    const cross = await t.get(`/${MC}/manage/proposals/${group}`, {
      headers: { cookie: other.cookie },
    });
    expect(cross.status).toBe(303);
    expect((await other.page(`/${OTHER}/manage/proposals/${group}`)).status).toBe(404);
    const list = await (await other.page(`/${OTHER}/manage/proposals`)).text();
    expect(list).not.toContain(group);
    expect(list).not.toContain("窓口改善チーム");
    expect(
      (
        await other.post(`/${OTHER}/manage/proposals/${group}/decision`, {
          decision: "not_adopted",
          reason: "侵入",
          version: "1",
        })
      ).status,
    ).toBe(404);
    // 082015's own criteria are still the defaults.
    expect(await (await other.page(`/${OTHER}/manage/proposals/criteria`)).text()).toContain(
      'value="独創性"',
    );
  });
  it("saves a draft with any field empty, for its author only, uncounted until submitted", async () => {
    const FY = fiscalYearInJapan(new Date());
    const countBefore = (await countRunning(t)).get(FY);
    const DRAFT_TITLE = "庁内の会議室予約を一つにまとめる";
    const empty = proposalForm({
      title: DRAFT_TITLE,
      problem: "",
      proposal: "",
      expectedEffect: "",
      expectedHours: "",
      expectedYen: "",
      sections: [],
      action: "draft",
    });
    const saved = await viewer.post(`/${MC}/manage/proposals/new`, empty);
    expect(saved.status).toBe(303);
    const at = /\/manage\/proposals\/drafts\/(\d+)\?done=draft$/.exec(
      saved.headers.get("location") ?? "",
    )?.[1];
    expect(at).toBeDefined();
    const draftPath = `/${MC}/manage/proposals/drafts/${at}`;
    const page = await (await viewer.page(`${draftPath}?done=draft`)).text();
    expect(page).toContain("下書きを保存しました");
    expect(page).toContain(`value="${DRAFT_TITLE}"`);
    expect(page).not.toMatch(/\srequired[\s>=]/);
    expect(await (await viewer.page(`/${MC}/manage/proposals`)).text()).toContain(DRAFT_TITLE);
    // Nobody else reads it, not even the committee; it has no number and is not counted.
    for (const other of [editor, planner]) {
      expect((await other.page(draftPath)).status).toBe(404);
      expect(await (await other.page(`/${MC}/manage/proposals`)).text()).not.toContain(DRAFT_TITLE);
    }
    expect((await countRunning(t)).get(FY)).toBe(countBefore);

    // Resumed and saved again (version 2), then submitted incomplete: every gap at once.
    const version = versionIn(page);
    expect(
      (
        await viewer.post(
          draftPath,
          proposalForm({
            ...Object.fromEntries(empty),
            problem: "会議室の予約が課ごとに違う。",
            sections: [],
            version,
            action: "draft",
          }),
        )
      ).status,
    ).toBe(303);
    const resumed = await (await viewer.page(draftPath)).text();
    expect(resumed).toContain("会議室の予約が課ごとに違う。");
    const incomplete = await viewer.post(
      draftPath,
      proposalForm({
        title: DRAFT_TITLE,
        proposal: "",
        expectedEffect: "",
        sections: [],
        version: versionIn(resumed),
        action: "submit",
      }),
    );
    expect(incomplete.status).toBe(400);
    const errors = await incomplete.text();
    for (const m of [
      "提案の内容を入力してください",
      "期待される効果を入力してください",
      "関係する課を1つ以上選んでください",
    ])
      expect(errors).toContain(m);
    // A stale form is a conflict; the current one submits, and the draft is gone.
    expect(
      (
        await viewer.post(
          draftPath,
          proposalForm({ title: DRAFT_TITLE, version: "1", action: "submit" }),
        )
      ).status,
    ).toBe(409);
    const done = await viewer.post(
      draftPath,
      proposalForm({ title: DRAFT_TITLE, version: versionIn(resumed), action: "submit" }),
    );
    expect(done.status).toBe(303);
    expect(numberIn(done)).toMatch(/^\d{4}-\d{4}$/);
    expect((await viewer.page(draftPath)).status).toBe(404);
    expect((await countRunning(t)).get(FY)).toBe((countBefore ?? 0) + 1);
    expect((await auditActions(t)).slice(-4)).toEqual([
      "staff_proposal.save_draft",
      "staff_proposal.save_draft",
      "staff_proposal.submit",
      "staff_proposal.draft_submitted",
    ]);
  });
});
