/**
 * Letters to the mayor (市長へのたより): a letter is sent and gets a receipt and a private status
 * link; staff triage it, record its handling, redact and publish it (only with consent); the
 * public pages show only the redacted text; abuse is refused; the proposal share indicator is
 * computed per fiscal year; another municipality's staff see nothing.
 */
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { addUser } from "../../src/accounts/actions.ts";
import { withTenant } from "../../src/core/db/tenant.ts";
import { listOutbox } from "../../src/core/outbox.ts";
import { indicatorActuals, indicators } from "../../src/indicators/schema.ts";
import { LetterJson } from "../../src/letters/api.ts";
import { writerActor } from "../../src/letters/receive.ts";
import { letters } from "../../src/letters/schema.ts";
import { importPlans } from "../../src/plan/plan-import.ts";
import { describeEachBackend, type TestContext } from "../support/app.ts";
import { receiveLetter } from "../support/letters.ts";
import { DEMO, ORIGIN, staffOf } from "../support/staff.ts";

const MC = "082058";
const OTHER = "082015";
const API = `/api/v1/municipalities/${MC}`;
type Staff = Awaited<ReturnType<typeof staffOf>>;

/** The writer's personal strings: none may appear on any public page. */
const WRITER = {
  name: "筑波 次郎左衛門",
  address: "茨城県石岡市若宮9丁目87-65",
  phone: "0299-98-7654",
  email: "jirozaemon.tsukuba@example.jp",
};
const PERSONAL = [
  WRITER.name,
  "次郎左衛門",
  WRITER.address,
  "若宮9丁目87-65",
  WRITER.phone,
  "98-7654",
  WRITER.email,
];

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0]);

const form = (over: Record<string, string> = {}) => ({
  subject: "駅前の公園にベンチを",
  body: `駅前の公園にベンチを増やしてください。\n${WRITER.name}（${WRITER.address}、${WRITER.phone}）`,
  category: "roads",
  kind: "proposal",
  name: WRITER.name,
  address: WRITER.address,
  phone: WRITER.phone,
  email: WRITER.email,
  consentPublish: "yes",
  consentContact: "yes",
  website: "",
  ...over,
});

let addressSeq = 0;
/** A fresh client address per test, so that the rate limit only bites where it is tested. */
const freshAddress = () => `192.0.2.${++addressSeq}`;

function send(
  t: TestContext,
  fields: Record<string, string>,
  opts: {
    files?: { name: string; type: string; bytes: Uint8Array }[];
    address?: string;
    code?: string;
  } = {},
) {
  const body = new FormData();
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  for (const f of opts.files ?? [])
    body.append("attachments", new File([f.bytes], f.name, { type: f.type }));
  return t.app.request(
    `/${opts.code ?? MC}/letters/new`,
    { method: "POST", headers: { origin: ORIGIN }, body },
    { incoming: { socket: { remoteAddress: opts.address ?? freshAddress() } } },
  );
}

async function letterCount(t: TestContext) {
  const rows = await withTenant(t.database.db, MC, (tx) =>
    tx.select({ id: letters.id }).from(letters).where(eq(letters.municipalityCode, MC)),
  );
  return rows.length;
}

async function auditActions(t: TestContext, prefix: string) {
  const r = (await withTenant(t.database.db, MC, (tx) =>
    tx.execute(sql`select action from audit_log where action like ${`${prefix}%`} order by id`),
  )) as unknown as { rows: { action: string }[] };
  return r.rows.map((x) => x.action);
}

const versionIn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? "";

describeEachBackend("letters to the mayor", (t) => {
  let planner: Staff;
  let editor: Staff;
  let viewer: Staff;
  /** The first letter, sent through the form with consent to publish. */
  let first: { receipt: string; statusPath: string };

  async function staffPage(who: Staff, receipt: string) {
    return (await who.page(`/${MC}/manage/letters/${receipt}`)).text();
  }
  async function act(who: Staff, receipt: string, what: string, fields: Record<string, string>) {
    const version = versionIn(await staffPage(who, receipt));
    return who.post(`/${MC}/manage/letters/${receipt}/${what}`, { version, ...fields });
  }

  beforeAll(async () => {
    [planner, editor, viewer] = await Promise.all([
      staffOf(t, MC, DEMO.planner.email, DEMO.planner.password),
      staffOf(t, MC, DEMO.editor.email, DEMO.editor.password),
      staffOf(t, MC, DEMO.viewer.email, DEMO.viewer.password),
    ]);
  });

  it("shows the form with labelled fields and a honeypot hidden from people and screen readers", async () => {
    const { status, body } = await t.text(`/${MC}/letters/new`);
    expect(status).toBe(200);
    expect(body).toContain('enctype="multipart/form-data"');
    expect(body).toContain('<label for="subject">');
    expect(body).toMatch(
      /<div class="visually-hidden" aria-hidden="true">\s*<label for="website">/,
    );
    expect(body).toContain('tabindex="-1"');
    const home = await t.text(`/${MC}/`);
    expect(home.body).toContain(`href="/${MC}/letters/new"`);
    expect(home.body).toContain(`href="/${MC}/letters"`);
  });

  it("receives a letter: a receipt number, a private status link, the writer's mail", async () => {
    const res = await send(t, form(), {
      files: [{ name: "写真.png", type: "image/png", bytes: PNG }],
    });
    expect(res.status).toBe(303);
    const location = res.headers.get("location")!;
    expect(location).toMatch(new RegExp(`^/${MC}/letters/status/[A-Za-z0-9_-]{32}\\?sent=1$`));
    const statusPath = location.replace(/\?.*/, "");
    const page = await t.text(location);
    expect(page.status).toBe(200);
    const receipt = /受付番号は (\d{4}-\d{4,}) です/.exec(page.body)?.[1];
    expect(receipt).toMatch(/^\d{4}-0001$/);
    expect(page.body).toContain("駅前の公園にベンチを増やしてください。");
    expect(page.body).toContain("写真.png");
    expect(page.body).toContain("受付");
    first = { receipt: receipt!, statusPath };

    const again = await t.get(statusPath);
    expect(again.headers.get("cache-control")).toBe("no-store");
    expect(again.headers.get("referrer-policy")).toBe("no-referrer");
    // Without the token, or with a wrong one, nothing.
    expect((await t.get(`/${MC}/letters/status/${"x".repeat(32)}`)).status).toBe(404);
    expect((await t.get(`/${MC}/letters/${receipt}`)).status).toBe(404); // not published yet

    const mail = (await listOutbox(t.database.db, MC)).find(
      (m) => m.key === `letter/${receipt}/received`,
    );
    expect(mail?.recipient).toBe(WRITER.email);
    expect(mail?.body).toContain(`${statusPath}`);
    expect(await auditActions(t, "letter.receive")).toEqual(["letter.receive"]);
  });

  it("is listed for planners; the assigned section's editor sees it after triage; viewers never", async () => {
    const list = await (await planner.page(`/${MC}/manage/letters`)).text();
    expect(list).toContain(first.receipt);
    expect(await staffPage(planner, first.receipt)).toContain(WRITER.email);
    expect((await editor.page(`/${MC}/manage/letters/${first.receipt}`)).status).toBe(403);
    expect((await viewer.page(`/${MC}/manage/letters`)).status).toBe(403);
    expect((await viewer.page(`/${MC}/manage/letters/${first.receipt}`)).status).toBe(403);
    const files = /href="([^"]+\/attachments\/\d+)"/.exec(await staffPage(planner, first.receipt));
    const file = await planner.page(files![1]!);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/png");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(PNG);
  });

  it("is triaged by a planner (kind, category, nodes, section, due date), refused to an editor and to a stale form", async () => {
    const fields = {
      kind: "proposal",
      category: "roads",
      section: "gyokaku-suishin",
      dueDate: "2026-12-25",
      nodes: "GZ-6",
    };
    const refused = await act(editor, first.receipt, "triage", fields);
    expect(refused.status).toBe(403);
    const stale = await planner.post(`/${MC}/manage/letters/${first.receipt}/triage`, {
      version: "0",
      ...fields,
    });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("ほかの人が更新しました");
    const bad = await act(planner, first.receipt, "triage", { ...fields, dueDate: "25/12" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("回答期限：日付として読み取れません");
    const ok = await act(planner, first.receipt, "triage", fields);
    expect(ok.status).toBe(303);
    const page = await staffPage(editor, first.receipt);
    expect(page).toContain("対応を記録する");
    expect(page).not.toContain("分類と担当課を保存する"); // an editor does not triage
    const list = await (await editor.page(`/${MC}/manage/letters`)).text();
    expect(list).toContain(first.receipt);
    expect(list).toContain("2026-12-25");
  });

  it("gets timeline steps from the section's editor, each mailed to the writer", async () => {
    expect(
      (await act(editor, first.receipt, "steps", { stepKind: "assigned", publicComment: "" }))
        .status,
    ).toBe(303);
    const leaky = await act(editor, first.receipt, "steps", {
      stepKind: "considering",
      publicComment: `${WRITER.name}様のご提案を検討しています`,
    });
    expect(leaky.status).toBe(400);
    expect(await leaky.text()).toContain("公開される文章に個人情報が含まれています");
    expect(
      (
        await act(editor, first.receipt, "steps", {
          stepKind: "considering",
          publicComment: "設置場所を検討しています。",
        })
      ).status,
    ).toBe(303);
    const wrong = await act(editor, first.receipt, "steps", { stepKind: "received" });
    expect(wrong.status).toBe(400);
    const mails = (await listOutbox(t.database.db, MC)).filter((m) =>
      m.key.startsWith(`letter/${first.receipt}/step/`),
    );
    expect(mails).toHaveLength(2);
    expect(mails.every((m) => m.recipient === WRITER.email)).toBe(true);
    const status = await t.text(first.statusPath);
    expect(status.body).toContain("設置場所を検討しています。");
    expect(await auditActions(t, "letter.")).toEqual([
      "letter.receive",
      "letter.triage",
      "letter.step",
      "letter.step",
    ]);
  });

  it("is published only redacted: personal data left in the text is refused, then the redacted text is shown", async () => {
    const leaky = await act(planner, first.receipt, "public", {
      action: "publish",
      publicSubject: "駅前の公園にベンチを",
      publicBody: `ベンチを増やしてください。${WRITER.phone}`,
    });
    expect(leaky.status).toBe(400);
    expect(await leaky.text()).toContain("個人情報が残っています");
    const ok = await act(planner, first.receipt, "public", {
      action: "publish",
      publicSubject: "駅前の公園にベンチを",
      publicBody: "駅前の公園にベンチを増やしてください。\n（氏名・住所等は伏せています）",
    });
    expect(ok.status).toBe(303);
    const list = await t.text(`/${MC}/letters`);
    expect(list.body).toContain(`/${MC}/letters/${first.receipt}`);
    const one = await t.text(`/${MC}/letters/${first.receipt}`);
    expect(one.status).toBe(200);
    expect(one.body).toContain("（氏名・住所等は伏せています）");
    expect(one.body).toContain("設置場所を検討しています。");
    expect(one.body).toContain(`href="/${MC}/measures/GZ-6"`);
    for (const s of PERSONAL) expect(one.body).not.toContain(s);
  });

  it("is refused publication when the writer did not consent", async () => {
    const res = await send(t, form({ consentPublish: "no", subject: "非公開のたより" }));
    expect(res.status).toBe(303);
    const receipt = /受付番号は (\S+) です/.exec(
      await (await t.get(res.headers.get("location")!)).text(),
    )![1]!;
    const refused = await act(planner, receipt, "public", {
      action: "publish",
      publicSubject: "非公開のたより",
      publicBody: "内容",
    });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("投稿者が内容の公表に同意していないため");
    expect((await t.get(`/${MC}/letters/${receipt}`)).status).toBe(404);
    expect((await t.text(`/${MC}/letters`)).body).not.toContain("非公開のたより");
    expect((await t.get(`${API}/letters/${receipt}`)).status).toBe(404);
    const listed = await t.json(`${API}/letters?limit=1000`);
    expect(listed.body.items.map((l: { receiptNumber: string }) => l.receiptNumber)).not.toContain(
      receipt,
    );
  });

  it("records an outcome: adopted, reflected in an initiative from a fiscal year; the public list filters by it", async () => {
    expect(
      (
        await act(planner, first.receipt, "steps", {
          stepKind: "answered",
          publicComment: "令和9年度から設置します。",
        })
      ).status,
    ).toBe(303);
    const notReason = await act(planner, first.receipt, "steps", {
      stepKind: "outcome",
      outcome: "not_adopted",
    });
    expect(notReason.status).toBe(400);
    expect(await notReason.text()).toContain("理由を入力してください");
    const adopted = await act(planner, first.receipt, "steps", {
      stepKind: "outcome",
      outcome: "adopted",
      reflectedNode: "GZ-6-01",
      reflectedFromFiscalYear: "2027",
      publicComment: "取組に反映します。",
    });
    expect(adopted.status).toBe(303);
    const one = await t.text(`/${MC}/letters/${first.receipt}`);
    expect(one.body).toContain("採用（施策に反映）");
    expect(one.body).toContain(`href="/${MC}/measures/GZ-6#GZ-6-01"`);
    expect(one.body).toContain("令和9年度（2027）から");
    const byOutcome = await t.text(`/${MC}/letters?outcome=adopted`);
    expect(byOutcome.body).toContain(first.receipt);
    expect((await t.text(`/${MC}/letters?outcome=not_adopted`)).body).not.toContain(
      `/${MC}/letters/${first.receipt}`,
    );
    expect((await t.text(`/${MC}/letters?node=GZ-6-01`)).body).toContain(first.receipt);
    expect((await t.text(`/${MC}/letters?node=GZ-1`)).body).not.toContain(
      `/${MC}/letters/${first.receipt}`,
    );
    expect((await t.text(`/${MC}/letters?category=welfare`)).body).not.toContain(
      `/${MC}/letters/${first.receipt}`,
    );
    const fy = first.receipt.slice(0, 4);
    expect((await t.text(`/${MC}/letters?fy=${fy}`)).body).toContain(first.receipt);
    expect((await t.text(`/${MC}/letters?fy=2001`)).body).not.toContain(
      `/${MC}/letters/${first.receipt}`,
    );
  });

  it("gives published letters through the JSON API with the same filters, and only those", async () => {
    const one = await t.json(`${API}/letters/${first.receipt}`);
    expect(one.status).toBe(200);
    expect(LetterJson.parse(one.body)).toBeTruthy();
    expect(one.body).toMatchObject({
      receiptNumber: first.receipt,
      subject: "駅前の公園にベンチを",
      body: "駅前の公園にベンチを増やしてください。\n（氏名・住所等は伏せています）",
      kind: "proposal",
      proposal: true,
      category: "roads",
      status: "outcome",
      source: "letter",
      meetingId: null,
      receivedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      nodeCodes: ["GZ-6"],
      outcome: {
        result: "adopted",
        reflectedNode: { code: "GZ-6-01", kind: "initiative" },
        fromFiscalYear: 2027,
      },
    });
    expect(one.body.steps.map((s: { kind: string }) => s.kind)).toEqual([
      "received",
      "assigned",
      "considering",
      "answered",
      "outcome",
    ]);
    const receipts = async (query: string) =>
      (await t.json(`${API}/letters?${query}`)).body.items.map(
        (l: { receiptNumber: string }) => l.receiptNumber,
      );
    const fy = first.receipt.slice(0, 4);
    for (const query of ["outcome=adopted", "node=GZ-6-01", "category=roads", `fiscalYear=${fy}`])
      expect(await receipts(query), query).toContain(first.receipt);
    for (const query of ["outcome=not_adopted", "node=GZ-1", "category=welfare", "fiscalYear=2001"])
      expect(await receipts(query), query).not.toContain(first.receipt);
    for (const query of ["outcome=great", "category=x", "fiscalYear=abc", "limit=0"])
      expect((await t.json(`${API}/letters?${query}`)).status, query).toBe(400);
    expect((await t.json(`${API}/letters/2001-9999`)).status).toBe(404);
    expect((await t.json(`${API}/letters/nope`)).status).toBe(404);
    const all = await t.json(`${API}/letters?limit=1000`);
    expect(all.body.total).toBe(all.body.items.length);
    const page = await t.json(`${API}/letters?limit=1&offset=0`);
    expect(page.body.items).toHaveLength(1);
    expect(page.body.total).toBe(all.body.total);
  });

  it("never shows the writer's personal data on any public page or API response", async () => {
    const pages = [
      `/${MC}/`,
      `/${MC}/letters`,
      `/${MC}/letters?outcome=adopted`,
      `/${MC}/letters/${first.receipt}`,
      `/${MC}/letters/new`,
      `/${MC}/plans/gyozaisei-taiko`,
      `/${MC}/measures/GZ-6`,
      `/${MC}/indicators`,
      `/${MC}/indicators/GZ-6-R3`,
      `/${MC}/indicators.csv`,
      `/api/v1/municipalities/${MC}/indicators`,
      `/api/v1/municipalities/${MC}/indicators/GZ-6-R3`,
      `${API}/letters`,
      `${API}/letters?limit=1000`,
      `${API}/letters?outcome=adopted`,
      `${API}/letters/${first.receipt}`,
      `${API}/meetings`,
      "/api/v1/openapi.json",
    ];
    const token = first.statusPath.split("/").pop()!;
    for (const p of pages) {
      const { status, body } = await t.text(p);
      expect.soft(status, p).toBe(200);
      for (const s of [...PERSONAL, token])
        expect.soft(body.includes(s), `${p} shows ${s}`).toBe(false);
    }
    // The API's letter has exactly the public fields: none named after personal data or tokens.
    const { body } = await t.json(`${API}/letters/${first.receipt}`);
    expect(Object.keys(body).sort()).toEqual(Object.keys(LetterJson.shape).sort());
  });

  it("refuses abuse: honeypot, oversize text, oversize and disguised files, too many letters from one address", async () => {
    const before = await letterCount(t);
    const spam = await send(t, form({ website: "http://spam.example" }));
    expect(spam.status).toBe(400);

    const long = await send(t, form({ body: "あ".repeat(4001), subject: "長すぎる本文" }));
    expect(long.status).toBe(400);
    const longPage = await long.text();
    expect(longPage).toContain("内容は4000文字以内にしてください（いま4001文字）");
    expect(longPage).toContain('value="長すぎる本文"'); // typed values are kept
    expect(longPage).toContain('aria-invalid="true"');

    const exe = await send(t, form(), {
      files: [{ name: "photo.png", type: "image/png", bytes: EXE }],
    });
    expect(exe.status).toBe(400);
    expect(await exe.text()).toContain("「photo.png」は受け付けられない種類のファイルです");

    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(PNG);
    const oversize = await send(t, form(), {
      files: [{ name: "big.png", type: "image/png", bytes: big }],
    });
    expect(oversize.status).toBe(400);
    expect(await oversize.text()).toContain("「big.png」は大きすぎます");

    const four = await send(t, form(), {
      files: [1, 2, 3, 4].map((i) => ({ name: `${i}.png`, type: "image/png", bytes: PNG })),
    });
    expect(four.status).toBe(400);
    expect(await four.text()).toContain("添付ファイルは3つまでです");

    const huge = new Uint8Array(4 * 1024 * 1024);
    huge.set(PNG);
    const tooMuch = await send(t, form(), {
      files: [1, 2, 3, 4].map((i) => ({ name: `${i}.png`, type: "image/png", bytes: huge })),
    });
    expect(tooMuch.status).toBe(413);
    expect(await tooMuch.text()).toContain("送信する内容が大きすぎます");

    const foreign = await t.app.request(`/${MC}/letters/new`, {
      method: "POST",
      headers: {
        origin: "https://evil.example",
        "content-type": "application/x-www-form-urlencoded",
      },
      body: new URLSearchParams(form()).toString(),
    });
    expect(foreign.status).toBe(403);
    expect(await letterCount(t)).toBe(before);

    const address = "198.51.100.77";
    for (let i = 0; i < 5; i++)
      expect((await send(t, form({ subject: `連続 ${i}` }), { address })).status).toBe(303);
    const sixth = await send(t, form({ subject: "6通目" }), { address });
    expect(sixth.status).toBe(429);
    const sixthPage = await sixth.text();
    expect(sixthPage).toContain("受け付けを一時止めています");
    expect(sixthPage).toContain('value="6通目"');
    expect(await letterCount(t)).toBe(before + 5);
    // Another address is not held up.
    expect((await send(t, form({ subject: "別の人" }))).status).toBe(303);
  });

  it("escapes script in the text everywhere it is shown", async () => {
    const script = "<script>alert('x')</script>";
    const res = await send(
      t,
      form({
        subject: `件名${script}`,
        body: `本文${script}`,
        name: `名前${script}`,
        email: "",
        consentContact: "no",
      }),
    );
    expect(res.status).toBe(303);
    const statusPage = await (await t.get(res.headers.get("location")!)).text();
    const receipt = /受付番号は (\S+) です/.exec(statusPage)![1]!;
    const escaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;";
    expect(statusPage).not.toContain(script);
    expect(statusPage).toContain(escaped);
    const staff = await staffPage(planner, receipt);
    expect(staff).not.toContain(script);
    expect(staff).toContain(escaped);
    expect(await (await planner.page(`/${MC}/manage/letters`)).text()).not.toContain(script);
    expect(
      (
        await act(planner, receipt, "public", {
          action: "publish",
          publicSubject: `件名${script}`,
          publicBody: `本文${script}`,
        })
      ).status,
    ).toBe(303);
    for (const p of [`/${MC}/letters`, `/${MC}/letters/${receipt}`]) {
      const body = (await t.text(p)).body;
      expect.soft(body, p).not.toContain(script);
      expect.soft(body, p).toContain(escaped);
    }
  });

  it("computes the proposal share per fiscal year into the indicator, by each letter's latest kind", async () => {
    const db = t.database.db;
    const input = (kind: "proposal" | "request" | "complaint" | "question") => ({
      subject: `集計用 ${kind}`,
      body: "集計用の本文",
      category: "other" as const,
      kind,
      name: "集計 太郎",
      address: null,
      phone: null,
      email: null,
      consentPublish: false,
      consentContact: false,
    });
    const at = (d: string) => ({
      statusUrl: (x: string) => x,
      municipalityName: "石岡市",
      now: new Date(d),
    });
    // FY2023 (令和5年度): proposal, proposal, request, request (→ reclassified as proposal),
    // question; the March 31 letter in Japan is still FY2023.
    const fy2023 = [
      ["proposal", "2023-04-01T00:00:00+09:00"],
      ["proposal", "2023-10-10T12:00:00+09:00"],
      ["request", "2023-12-01T12:00:00+09:00"],
      ["request", "2024-02-01T12:00:00+09:00"],
      ["question", "2024-03-31T23:59:00+09:00"],
    ] as const;
    const receipts: string[] = [];
    for (const [kind, d] of fy2023)
      receipts.push(
        (await receiveLetter(db, MC, writerActor(), input(kind), [], at(d))).receiptNumber,
      );
    expect(receipts[0]).toBe("2023-0001");
    expect(receipts[4]).toBe("2023-0005");
    // FY2022: proposal, proposal (→ reclassified as request), complaint, question: 1 of 4.
    const fy2022: string[] = [];
    for (const [kind, d] of [
      ["proposal", "2022-05-01T12:00:00+09:00"],
      ["proposal", "2022-05-20T12:00:00+09:00"],
      ["complaint", "2022-06-01T12:00:00+09:00"],
      ["question", "2023-03-31T12:00:00+09:00"],
    ] as const)
      fy2022.push(
        (await receiveLetter(db, MC, writerActor(), input(kind), [], at(d))).receiptNumber,
      );

    // Staff reclassify: the second FY2023 request as a proposal, the second FY2022 proposal as a
    // request. The share counts each letter's latest kind.
    for (const [receipt, kind] of [
      [receipts[3]!, "proposal"],
      [fy2022[1]!, "request"],
    ] as const) {
      const changed = await act(planner, receipt, "triage", {
        kind,
        category: "other",
        section: "",
        dueDate: "",
      });
      expect(changed.status, receipt).toBe(303);
    }

    const actuals = await withTenant(db, MC, (tx) =>
      tx
        .select({
          fiscalYear: indicatorActuals.fiscalYear,
          value: indicatorActuals.value,
          origin: indicatorActuals.origin,
          source: indicatorActuals.source,
          version: indicatorActuals.version,
        })
        .from(indicatorActuals)
        .innerJoin(indicators, eq(indicators.id, indicatorActuals.indicatorId))
        .where(and(eq(indicators.municipalityCode, MC), eq(indicators.code, "GZ-6-R3"))),
    );
    const byYear = new Map(actuals.map((a) => [a.fiscalYear, a]));
    expect(byYear.get(2023)).toMatchObject({ value: 60, origin: "computed" });
    expect(byYear.get(2023)!.source).toContain("提案型 3件 ÷ 受付 5件");
    expect(byYear.get(2022)).toMatchObject({ value: 25, origin: "computed" });
    expect(byYear.get(2022)!.source).toContain("提案型 1件 ÷ 受付 4件");

    const page = await t.text(`/${MC}/indicators/GZ-6-R3`);
    expect(page.body).toContain("提案型 3件 ÷ 受付 5件");

    // Staff cannot type over a computed value.
    const typed = await planner.post(`/${MC}/manage/indicators/GZ-6-R3/actuals/2023`, {
      value: "10",
      publishedVersion: String(byYear.get(2023)!.version),
      draftVersion: "0",
      reason: "手入力",
    });
    expect(typed.status).toBe(400);
    expect(await typed.text()).toContain("他のデータから計算されています");
  });

  it("keeps another municipality's staff out: 404 or sign-in, and nothing of 082058 on their pages", async () => {
    await importPlans(t.database.db, path.resolve("test/fixtures/second-municipality"));
    const intruder = {
      email: "letters-intruder@other.example",
      password: "intruder-password-082015",
    };
    await addUser(t.database.db, { municipality: OTHER, role: "admin", ...intruder });
    const other = await staffOf(t, OTHER, intruder.email, intruder.password);

    const theirs = await t.get(`/${MC}/manage/letters/${first.receipt}`, {
      headers: { cookie: other.cookie },
    });
    expect(theirs.status).toBe(303);
    expect(theirs.headers.get("location")).toBe(`/${MC}/manage/sign-in`);
    expect((await other.page(`/${OTHER}/manage/letters/${first.receipt}`)).status).toBe(404);
    const list = await (await other.page(`/${OTHER}/manage/letters`)).text();
    expect(list).not.toContain(first.receipt);
    expect(
      (
        await other.post(`/${OTHER}/manage/letters/${first.receipt}/public`, {
          action: "unpublish",
          version: "1",
        })
      ).status,
    ).toBe(404);
    const token = first.statusPath.split("/").pop()!;
    expect((await t.get(`/${OTHER}/letters/status/${token}`)).status).toBe(404);
    expect((await t.get(`/${OTHER}/letters/${first.receipt}`)).status).toBe(404);
    const publicList = await t.text(`/${OTHER}/letters`);
    expect(publicList.status).toBe(200);
    expect(publicList.body).not.toContain(first.receipt);
    // 082058's letter stays published.
    expect((await t.get(`/${MC}/letters/${first.receipt}`)).status).toBe(200);
  });
});
