/**
 * The budget review (事業査定): sections enter their request for the next fiscal year on the
 * program's staff page (or through the API); planners read the report beside the evaluation's
 * direction — requests that grow while the direction is 縮小・休止・廃止 first — and download it
 * as CSV. Uses the demo's sample programs of 令和6年度.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { createTokenFor } from "../../src/accounts/tokens.ts";
import { CLI_ACTOR } from "../../src/core/audit.ts";
import { auditLog } from "../../src/core/audit-schema.ts";
import { withTenant } from "../../src/core/db/tenant.ts";
import { describeEachBackend } from "../support/app.ts";
import { DEMO, staffOf } from "../support/staff.ts";

const MC = "082058";
/** 【サンプル】公共施設マネジメント推進事業 (行革推進課): 令和6年度 当初 30,000,000, 二次評価 縮小. */
const FACILITIES = "01-02-01-07-001";
/** 【サンプル】行政評価・マネジメントシステム運用事業 (行革推進課): 当初 3,500,000, 拡充. */
const EVALUATION = "01-02-01-05-001";
/** 【サンプル】職員提案制度運営事業 (行革推進課): 当初 300,000, 二次評価 統合. */
const PROPOSALS = "01-02-01-05-002";
/** 【サンプル】職員研修事業 (総務課). */
const TRAINING = "01-02-01-01-003";

const REPORT = `/${MC}/manage/evaluations/budget-review?fiscalYear=2024`;
const requestPath = (code: string) => `/${MC}/manage/programs/${code}/budget-requests/2025`;
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");
const requestVersionIn = (html: string) =>
  /budget-requests\/2025"[^>]*>\s*<input[^>]*>\s*<input type="hidden" name="version" value="(\d+)"/.exec(
    html,
  )?.[1];

describeEachBackend("budget review", (t) => {
  type Staff = Awaited<ReturnType<typeof staffOf>>;
  let planner: Staff;
  let editor: Staff;
  let token = "";

  beforeAll(async () => {
    planner = await staffOf(t, MC, DEMO.planner.email, DEMO.planner.password);
    editor = await staffOf(t, MC, DEMO.editor.email, DEMO.editor.password);
    token = (
      await createTokenFor(
        t.database.db,
        MC,
        { email: DEMO.editor.email, label: "予算要求" },
        CLI_ACTOR,
      )
    ).token;
  });

  it("lets the section enter next year's request on the program's page, with a version", async () => {
    const page = await (
      await editor.page(`/${MC}/manage/programs/${FACILITIES}/years/2024`)
    ).text();
    expect(text(page)).toContain("予算要求（令和7年度（2025））");
    expect(requestVersionIn(page)).toBe("0");
    const bad = await editor.post(requestPath(FACILITIES), { amount: "三千万", version: "0" });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('href="#amount"');

    const res = await editor.post(requestPath(FACILITIES), {
      amount: "32,000,000",
      note: "長寿命化計画の改定",
      version: "0",
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(
      `/${MC}/manage/programs/${FACILITIES}/years/2024?done=request`,
    );
    const after = await (
      await editor.page(`/${MC}/manage/programs/${FACILITIES}/years/2024`)
    ).text();
    expect(text(after)).toContain("現在の要求額: 32,000,000円");
    expect(requestVersionIn(after)).toBe("1");
    const stale = await editor.post(requestPath(FACILITIES), { amount: "31000000", version: "0" });
    expect(stale.status).toBe(409);
    expect(text(await stale.text())).toContain("予算要求額 31,000,000 32,000,000");

    const [entry] = await withTenant(t.database.db, MC, (tx) =>
      tx
        .select({ action: auditLog.action, after: auditLog.after })
        .from(auditLog)
        .where(
          and(
            eq(auditLog.recordType, "budget_request"),
            eq(auditLog.recordKey, `${FACILITIES}/2025`),
          ),
        ),
    );
    expect(entry).toMatchObject({
      action: "budget_request.save",
      after: { amount: 32000000, version: 1 },
    });

    // Another section's program: refused.
    expect((await editor.post(requestPath(TRAINING), { amount: "1", version: "0" })).status).toBe(
      403,
    );
  });

  it("takes requests through the API with the same permissions", async () => {
    const put = (code: string, body: unknown) =>
      t.get(`/api/v1/municipalities/${MC}/programs/${code}/budget-requests/2025`, {
        method: "PUT",
        headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
    const shrink = await put(EVALUATION, { amount: 3000000, version: 0 });
    expect(shrink.status).toBe(200);
    expect(await shrink.json()).toMatchObject({ fiscalYear: 2025, amount: 3000000, version: 1 });
    expect((await put(PROPOSALS, { amount: 400000 })).status).toBe(200);
    expect((await put(PROPOSALS, { amount: 450000, version: 0 })).status).toBe(409);
    expect((await put(TRAINING, { amount: 1 })).status).toBe(403);
  });

  it("lists contradictions first for planners, linked from the evaluation list", async () => {
    const list = await (await planner.page(`/${MC}/manage/evaluations?fy=2024`)).text();
    expect(list).toContain(`href="/${MC}/manage/evaluations/budget-review?fiscalYear=2024"`);
    expect((await editor.page(REPORT)).status).toBe(403);

    const res = await planner.page(REPORT);
    expect(res.status).toBe(200);
    const page = text(await res.text());
    expect(page).toContain("要求額が令和6年度（2024）の当初予算額より増えている事業は 1 件");
    const rows = page.split("【サンプル】").slice(1);
    expect(rows[0]).toMatch(/^公共施設マネジメント推進事業/);
    expect(rows[0]).toContain("縮小 （二次評価）");
    expect(rows[0]).toContain("30,000,000円 32,000,000円 +2,000,000円（+6.7%）");
    expect(rows[0]).toContain("今後の方向性は「縮小」ですが");
    // Growth under 統合 is not a contradiction; a shrinking request under 拡充 neither.
    const proposals = rows.find((r) => r.startsWith("職員提案制度運営事業"))!;
    expect(proposals).toContain("+100,000円");
    expect(proposals).not.toContain("ですが");
    const training = rows.find((r) => r.startsWith("職員研修事業"))!;
    expect(training).toContain("未入力");
  });

  it("downloads the report as CSV (UTF-8 with BOM), contradictions first", async () => {
    const res = await planner.page(`${REPORT}&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).split("\r\n");
    expect(lines[0]).toBe(
      "事務事業コード,事務事業名,サンプル,担当課,今後の方向性,方向性の根拠,令和6年度（2024）当初予算額（円）,令和7年度（2025）予算要求額（円）,増減額（円）,増減率（%）,方向性との矛盾",
    );
    expect(lines[1]).toMatch(
      new RegExp(
        `^${FACILITIES},【サンプル】公共施設マネジメント推進事業,サンプル,行革推進課,縮小,二次評価,30000000,32000000,2000000,6.7,"今後の方向性は「縮小」ですが`,
      ),
    );
    expect(
      lines.some(
        (l) => l.startsWith(`${EVALUATION},`) && l.includes(",3500000,3000000,-500000,-14.3,"),
      ),
    ).toBe(true);
  });
});
