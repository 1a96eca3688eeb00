/**
 * A program's master data page (基本情報): a planner changes the cost shares among the
 * initiatives it serves and the measure page splits the cost anew with no yen lost; an editor
 * of the section edits 目的・対象・手段 only, an editor of another section is refused; a stale
 * form is a 409; bad input is refused field by field, changing nothing. Uses the demo's sample
 * programs (data/municipalities/082058/programs/sample.yaml).
 */
import { and, asc, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { auditLog } from "../../src/core/audit-schema.ts";
import { withTenant } from "../../src/core/db/tenant.ts";
import { programs } from "../../src/programs/schema.ts";
import { describeEachBackend } from "../support/app.ts";
import { DEMO, staffOf } from "../support/staff.ts";

const MC = "082058";
/** 【サンプル】電子申請システム運用事業 (情報政策課): serves GZ-5-01 and GZ-5-05, equal shares. */
const SHARED = "01-02-01-08-001";
/** 【サンプル】行政評価・マネジメントシステム運用事業 (行革推進課, the demo editor's section). */
const OWN = "01-02-01-05-001";

const path = (code: string) => `/${MC}/manage/programs/${code}`;
const fingerprintIn = (html: string) => /name="fingerprint" value="([0-9a-f]+)"/.exec(html)?.[1];
const yenIn = (s: string) => Number(s.replace(/[,円]/g, ""));
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

/** The latest year's cost of each initiative on the measure page, after the split. */
function initiativeCost(page: string, initiative: string) {
  const start = page.indexOf(`id="initiative-${initiative}"`);
  const section = page.slice(start, page.indexOf("</section>", start));
  const m = /総コスト（配分後）:\s*([\d,]+円)/.exec(text(section));
  return m ? yenIn(m[1]!) : Number.NaN;
}

describeEachBackend("program master data", (t) => {
  type Staff = Awaited<ReturnType<typeof staffOf>>;
  let planner: Staff;
  let editor: Staff;

  const stored = async (code: string) =>
    (
      await withTenant(t.database.db, MC, (tx) =>
        tx.select().from(programs).where(eq(programs.code, code)),
      )
    )[0]!;
  const audits = (code: string) =>
    withTenant(t.database.db, MC, (tx) =>
      tx
        .select({ after: auditLog.after })
        .from(auditLog)
        .where(and(eq(auditLog.action, "program.save"), eq(auditLog.recordKey, code)))
        .orderBy(asc(auditLog.id)),
    );
  const plannerForm = (fingerprint: string, shares: [string, string]) => ({
    fingerprint,
    name: "【サンプル】電子申請システム運用事業",
    purpose: "市役所に来なくても手続ができるようにする。",
    targetGroup: "市民・事業者",
    means: "電子申請システムの運用",
    sectionCode: "joho-seisaku",
    firstFiscalYear: "2023",
    lastFiscalYear: "",
    "initiatives.0.initiativeCode": "GZ-5-01",
    "initiatives.0.share": shares[0],
    "initiatives.1.initiativeCode": "GZ-5-05",
    "initiatives.1.share": shares[1],
    "initiatives.2.initiativeCode": "",
    "initiatives.2.share": "",
  });

  beforeAll(async () => {
    planner = await staffOf(t, MC, DEMO.planner.email, DEMO.planner.password);
    editor = await staffOf(t, MC, DEMO.editor.email, DEMO.editor.password);
  });

  it("lets a planner split the cost 3:1 instead of equally; the measure page follows, no yen lost", async () => {
    const measure = async () => (await t.get(`/${MC}/measures/GZ-5/programs`)).text();
    const before = await measure();
    const a0 = initiativeCost(before, "GZ-5-01");
    const b0 = initiativeCost(before, "GZ-5-05");
    expect(Math.abs(a0 - b0)).toBeLessThanOrEqual(1);
    const total = a0 + b0;

    const form = await (await planner.page(path(SHARED))).text();
    expect(form).toContain('name="initiatives.2.initiativeCode"'); // a blank row to add a link
    const res = await planner.post(path(SHARED), plannerForm(fingerprintIn(form)!, ["3", "1"]));
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`${path(SHARED)}?done=saved`);

    const after = await measure();
    const a = initiativeCost(after, "GZ-5-01");
    const b = initiativeCost(after, "GZ-5-05");
    expect(a + b).toBe(total);
    expect(Math.abs(a - 3 * b)).toBeLessThanOrEqual(3);
    const program = text(await (await t.get(`/${MC}/programs/${SHARED}`)).text());
    expect(program).toContain("コストの配分 75%");
    const trail = await audits(SHARED);
    expect(trail).toHaveLength(1);
    expect(JSON.stringify(trail[0]!.after)).toContain('"share":3');
  });

  it("refuses bad input field by field, keeping what was typed and changing nothing", async () => {
    const fingerprint = fingerprintIn(await (await planner.page(path(SHARED))).text())!;
    const saved = await stored(SHARED);
    const res = await planner.post(path(SHARED), {
      ...plannerForm(fingerprint, ["2", ""]),
      name: "電子申請システム運用事業",
      firstFiscalYear: "令和",
      "initiatives.1.share": "",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('href="#firstFiscalYear"');
    expect(html).toContain('value="令和"');
    const mixed = await planner.post(path(SHARED), {
      ...plannerForm(fingerprint, ["2", ""]),
      name: "電子申請システム運用事業",
    });
    expect(mixed.status).toBe(400);
    const page = text(await mixed.text());
    expect(page).toContain("名称に「サンプル」を含めてください");
    expect(page).toContain("すべての取組に入力するか、すべて空欄");
    const none = await planner.post(path(SHARED), {
      ...plannerForm(fingerprint, ["", ""]),
      "initiatives.0.remove": "on",
      "initiatives.1.remove": "on",
    });
    expect(none.status).toBe(400);
    expect(text(await none.text())).toContain("関連する取組がありません");
    expect(await stored(SHARED)).toEqual(saved);
    expect(await audits(SHARED)).toHaveLength(1);
  });

  it("answers a stale form with a 409 showing both, saving nothing", async () => {
    const stale = fingerprintIn(await (await planner.page(path(SHARED))).text())!;
    const first = await planner.post(path(SHARED), plannerForm(stale, ["1", "1"]));
    expect(first.status).toBe(303);
    const res = await planner.post(path(SHARED), plannerForm(stale, ["5", "1"]));
    expect(res.status).toBe(409);
    const page = text(await res.text());
    expect(page).toContain("ほかの人が先に保存しました");
    expect(page).toContain("GZ-5-01（5）");
    expect(page).toContain("GZ-5-01（1）");
    expect(await audits(SHARED)).toHaveLength(2);
  });

  it("lets an editor change only 目的・対象・手段 of the own section's program; another section is a 403", async () => {
    const other = await editor.page(path(SHARED));
    expect(other.status).toBe(200);
    expect(await other.text()).not.toContain('name="fingerprint"');
    const refused = await editor.post(path(SHARED), plannerForm("0123456789abcdef", ["1", "1"]));
    expect(refused.status).toBe(403);

    const form = await (await editor.page(path(OWN))).text();
    expect(form).toContain('name="purpose"');
    expect(form).not.toContain('name="name"');
    const name = (await stored(OWN)).name;
    const res = await editor.post(path(OWN), {
      fingerprint: fingerprintIn(form)!,
      purpose: "評価の結果を予算に生かす。",
      targetGroup: "全庁の事務事業",
      means: "評価シートの運用",
      name: "改名の試み",
    });
    expect(res.status).toBe(303);
    const saved = await stored(OWN);
    expect(saved.purpose).toBe("評価の結果を予算に生かす。");
    expect(saved.name).toBe(name);
    expect(text(await (await t.get(`/${MC}/programs/${OWN}`)).text())).toContain(
      "評価の結果を予算に生かす。",
    );
  });

  it("is linked from the cost page and the evaluation form", async () => {
    const cost = await (await editor.page(`${path(OWN)}/years/2024`)).text();
    expect(cost).toContain(`href="${path(OWN)}"`);
    const evaluation = await (await editor.page(`${path(OWN)}/evaluations/2024`)).text();
    expect(evaluation).toContain(`href="${path(OWN)}"`);
  });
});
