/**
 * Planners' side of program evaluation: the rating scale (settings page, used by the form and
 * the spreadsheet), the evaluation round (open, overdue, reminders, close freezes editors'
 * self-evaluations, reopen), and the spreadsheet dataset 事務事業評価 round trip. Uses the
 * demo's sample program マイナンバーカード交付促進事業 (市民課), a 令和6年度 draft.
 */
import { and, asc, eq, like } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { addUser } from "../../src/accounts/actions.ts";
import { auditLog } from "../../src/core/audit-schema.ts";
import { toCsv } from "../../src/core/csv.ts";
import { withTenant } from "../../src/core/db/tenant.ts";
import { outbox } from "../../src/core/outbox-schema.ts";
import { prepareEvaluationReminders } from "../../src/evaluations/round-store.ts";
import { programEvaluations } from "../../src/evaluations/schema.ts";
import { programs } from "../../src/programs/schema.ts";
import { parseCsv } from "../../src/spreadsheets/files.ts";
import { describeEachBackend } from "../support/app.ts";
import { DEMO, ORIGIN, staffOf } from "../support/staff.ts";

const MC = "082058";
const FY = 2024;
const MYNUMBER = "01-02-03-01-002";
const SHIMIN = { email: "shimin-round@demo.invalid", password: "shimin-round-082058" };
const SETTINGS = `/${MC}/manage/evaluations/settings`;
const ROUND = `/${MC}/manage/evaluations/round?fy=${FY}`;
const FORM = `/${MC}/manage/programs/${MYNUMBER}/evaluations/${FY}`;
const DS = `/${MC}/manage/spreadsheets/evaluations`;

type Staff = Awaited<ReturnType<typeof staffOf>>;
const plain = (html: string) =>
  html
    .replace(/<[^>]+>/g, "")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&");
const versionIn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? "";

const definitions = (code: string) => ({
  "levels.3.code": code,
  "levels.3.definitions.necessity": `${code}: 必要性が非常に高い`,
  "levels.3.definitions.effectiveness": `${code}: 成果が目標を大きく上回る`,
  "levels.3.definitions.efficiency": `${code}: 極めて効率的`,
  "levels.3.definitions.equity": `${code}: 極めて適正`,
});

describeEachBackend("evaluation rounds, rating scale and the evaluations spreadsheet", (t) => {
  let planner: Staff;
  let editor: Staff;
  let shimin: Staff;

  beforeAll(async () => {
    await addUser(t.database.db, {
      municipality: MC,
      role: "editor",
      sections: ["shimin"],
      ...SHIMIN,
    });
    [planner, editor, shimin] = await Promise.all([
      staffOf(t, MC, DEMO.planner.email, DEMO.planner.password),
      staffOf(t, MC, DEMO.editor.email, DEMO.editor.password),
      staffOf(t, MC, SHIMIN.email, SHIMIN.password),
    ]);
  });

  const stored = async () => {
    const [row] = await withTenant(t.database.db, MC, (tx) =>
      tx
        .select({ e: programEvaluations })
        .from(programEvaluations)
        .innerJoin(programs, eq(programs.id, programEvaluations.programId))
        .where(and(eq(programs.code, MYNUMBER), eq(programEvaluations.fiscalYear, FY))),
    );
    return row!.e;
  };
  const actions = (prefix: string) =>
    withTenant(t.database.db, MC, (tx) =>
      tx
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(and(eq(auditLog.municipalityCode, MC), like(auditLog.action, `${prefix}%`)))
        .orderBy(asc(auditLog.id)),
    ).then((rows) => rows.map((r) => r.action));

  /** The settings form as the page posts it, with the saved levels A, B, C. */
  const scaleForm = async (extra: Record<string, string>) => {
    const html = await (await planner.page(SETTINGS)).text();
    const form: Record<string, string> = { version: versionIn(html), rows: "4" };
    for (const m of html.matchAll(/name="(levels\.\d\.code)"[^>]*value="([^"]*)"/g))
      form[m[1]!] = m[2]!;
    for (const m of html.matchAll(/name="(levels\.\d\.definitions\.\w+)"[^>]*>([^<]*)</g))
      form[m[1]!] = m[2]!;
    return { ...form, ...extra };
  };

  it("lets planners set the rating scale, refusing to drop a level in use and stale forms", async () => {
    expect((await editor.page(SETTINGS)).status).toBe(403);
    const page = await (await planner.page(SETTINGS)).text();
    expect(page).toContain("既定の A・B・C");

    const dropA = await planner.post(SETTINGS, await scaleForm({ "levels.0.remove": "on" }));
    expect(dropA.status).toBe(400);
    expect(plain(await dropA.text())).toContain(
      "段階「A」は提出済み以降の評価で使われているため削除できません",
    );

    const blank = await planner.post(
      SETTINGS,
      await scaleForm({ ...definitions("S"), "levels.3.definitions.equity": "" }),
    );
    expect(blank.status).toBe(400);
    expect(plain(await blank.text())).toContain("段階「S」の公平性の定義がありません");

    const first = await scaleForm(definitions("S"));
    const saved = await planner.post(SETTINGS, first);
    expect(saved.status).toBe(303);
    expect(await (await planner.page(SETTINGS)).text()).toContain('name="version" value="1"');
    const stale = await planner.post(SETTINGS, { ...first, "levels.3.code": "SS" });
    expect(stale.status).toBe(409);
    expect(plain(await stale.text())).toContain("ほかの人が先に評価の段階を保存しました");

    // The form offers the new level with its meaning; the audit has the change.
    const form = await (await shimin.page(FORM)).text();
    expect(form).toContain('name="ratings.effectiveness" value="S"');
    expect(form).toContain("S: 成果が目標を大きく上回る");
    expect(await actions("evaluation.scale")).toEqual(["evaluation.scale_save"]);
  });

  async function download(s: Staff) {
    const res = await s.page(`${DS}/export?format=csv&section=all`);
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer())
      .subarray(3)
      .toString("utf8");
  }
  function edit(text: string, header: string, value: string) {
    const [headers, ...rows] = parseCsv(text).filter((r) => r.some((c) => c !== ""));
    const at = rows.findIndex((r) => r[0] === MYNUMBER);
    rows[at]![headers!.indexOf(header)] = value;
    return { text: toCsv(headers!, rows), row: at + 2 };
  }
  function upload(s: Staff, text: string, name = "e.csv") {
    const form = new FormData();
    form.set("_csrf", s.csrf);
    form.set("format", "auto");
    form.set(
      "file",
      new File([Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])], name),
    );
    return t.get(`${DS}/preview`, {
      method: "POST",
      headers: { origin: ORIGIN, cookie: s.cookie },
      body: form,
    });
  }
  const confirm = (s: Staff, html: string) => {
    const field = (name: string) =>
      new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? "";
    return s.post(`${DS}/apply`, {
      fileName: field("fileName"),
      format: field("format"),
      sha256: field("sha256"),
      digest: field("digest"),
      data: field("data"),
    });
  };

  it("round-trips the evaluations spreadsheet: unchanged, one cell, a bad rating, another section", async () => {
    const text = await download(planner);
    expect(text.split("\n")[0]).toContain("事務事業コード,事務事業名,担当課,年度,状態,必要性");
    const before = await stored();
    const unchanged = await upload(planner, text);
    expect(unchanged.status).toBe(200);
    expect(await unchanged.text()).toContain("変更なし");
    expect(await stored()).toEqual(before);

    const one = edit(text, "有効性", "S");
    const preview = await (await upload(shimin, one.text)).text();
    const changes = [
      ...preview.matchAll(
        /<tr><td>(\d+)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)<\/td><td>([^<]*)/g,
      ),
    ].map((m) => m.slice(1, 6));
    expect(changes).toHaveLength(1);
    expect(changes[0]![0]).toBe(String(one.row));
    expect(changes[0]!.slice(2)).toEqual(["有効性", "（空欄）", "S"]);
    expect((await confirm(shimin, preview)).status).toBe(303);
    const after = await stored();
    expect(after.ratingEffectiveness).toBe("S");
    expect({ ...after, ratingEffectiveness: null, version: 0 }).toEqual({
      ...before,
      ratingEffectiveness: null,
      version: 0,
    });
    expect(after.version).toBe(before.version + 1);

    const bad = edit(text, "効率性", "D");
    expect(plain(await (await upload(planner, bad.text, "bad.csv")).text())).toContain(
      `bad.csv の ${bad.row} 行目『効率性』列: 効率性の評価「D」は評価の段階 A・B・C・S のいずれかにしてください`,
    );
    const other = edit(await download(editor), "公平性", "B");
    expect(plain(await (await upload(editor, other.text, "o.csv")).text())).toContain(
      `o.csv の ${other.row} 行目『公平性』列: 事務事業 ${MYNUMBER} は担当課（市民課）の入力担当か企画担当だけが変更できます`,
    );
  });

  it("opens a round with reminders and an overdue list; closing freezes editors until reopened", async () => {
    const bad = await planner.post(ROUND, { step: "open", deadline: "2024-02-30" });
    expect(bad.status).toBe(400);
    expect(plain(await bad.text())).toContain("日付として読み取れません");
    expect((await planner.post(ROUND, { step: "open", deadline: "2025-07-31" })).status).toBe(303);
    expect((await editor.page(ROUND)).status).toBe(403);
    const page = plain(await (await planner.page(ROUND)).text());
    expect(page).toContain("令和7年7月31日");
    expect(page).toMatch(/期限を過ぎて未提出の事務事業[\s\S]*01-02-03-01-002/);
    const mine = plain(await (await shimin.page(`/${MC}/manage/evaluations?fy=${FY}`)).text());
    expect(mine).toContain("一次評価の提出期限は 令和7年7月31日");
    const home = plain(await (await shimin.page(`/${MC}/manage/`)).text());
    expect(home).toContain("あなたの担当の事務事業評価");
    expect(home).toMatch(/令和6年度（2024）: 未提出 1 件。提出期限は令和7年7月31日（木）です/);

    const m = { code: MC, name: "石岡市" };
    expect(
      await prepareEvaluationReminders(t.database.db, m, new Date("2025-07-24T03:00:00Z")),
    ).toBeGreaterThan(0);
    expect(
      await prepareEvaluationReminders(t.database.db, m, new Date("2025-07-24T05:00:00Z")),
    ).toBe(0);
    const mails = await withTenant(t.database.db, MC, (tx) =>
      tx
        .select()
        .from(outbox)
        .where(like(outbox.key, `evaluation-reminder/${MC}/${FY}/before/%`)),
    );
    const toShimin = mails.find((x) => x.recipient === SHIMIN.email);
    expect(toShimin?.body).toContain(`・${MYNUMBER}`);

    const save = (s: Staff, version: string) =>
      s.post(FORM, { step: "save", version, findings: "締切後の修正", "ratings.necessity": "B" });
    expect((await planner.post(ROUND, { step: "close" })).status).toBe(303);
    const closedForm = await (await shimin.page(FORM)).text();
    expect(closedForm).not.toContain('value="submit"');
    expect(plain(closedForm)).toMatch(
      /令和6年度（2024）の事務事業評価は締め切られました（締切：令和7年7月31日/,
    );
    const refused = await save(shimin, String((await stored()).version));
    expect(refused.status).toBe(409);
    expect(plain(await refused.text())).toContain("締め切られているため");
    const sheet = edit(await download(shimin), "公平性", "B");
    expect(plain(await (await upload(shimin, sheet.text, "c.csv")).text())).toContain(
      "令和6年度（2024）の事務事業評価は締め切られているため変更できません",
    );
    expect((await planner.post(ROUND, { step: "close" })).status).toBe(409);

    expect((await planner.post(ROUND, { step: "reopen" })).status).toBe(303);
    const reopened = await (await shimin.page(FORM)).text();
    expect((await save(shimin, versionIn(reopened))).status).toBe(303);
    expect((await stored()).findings).toBe("締切後の修正");
    expect(await actions("evaluation_round.")).toEqual([
      "evaluation_round.open",
      "evaluation_round.remind",
      "evaluation_round.close",
      "evaluation_round.reopen",
    ]);
  });
});
