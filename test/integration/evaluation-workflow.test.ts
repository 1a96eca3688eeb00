/**
 * The evaluation workflow (事務事業評価) on the staff pages and the write API: the section fills
 * and submits its self-evaluation, 行革推進課 (a planner) sets a secondary evaluation with its own
 * direction, and only the published evaluation reaches the public page and API. Uses the demo's
 * sample programs of 令和6年度 (data/municipalities/082058/programs/sample.yaml): one draft and
 * one reviewed but not published.
 */
import { and, asc, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { addUser } from "../../src/accounts/actions.ts";
import { createTokenFor } from "../../src/accounts/tokens.ts";
import { CLI_ACTOR } from "../../src/core/audit.ts";
import { auditLog } from "../../src/core/audit-schema.ts";
import { withTenant } from "../../src/core/db/tenant.ts";
import { programEvaluations } from "../../src/evaluations/schema.ts";
import { programs } from "../../src/programs/schema.ts";
import { describeEachBackend } from "../support/app.ts";
import { DEMO, staffOf } from "../support/staff.ts";

const MC = "082058";
const FY = 2024;
/** 【サンプル】マイナンバーカード交付促進事業 (市民課): 令和6年度 draft. */
const MYNUMBER = "01-02-03-01-002";
/** 【サンプル】職員研修事業 (総務課): 令和6年度 reviewed, not published. */
const TRAINING = "01-02-01-01-003";

const SHIMIN_EDITOR = { email: "shimin-editor@demo.invalid", password: "shimin-editor-082058" };
const SOMU_EDITOR = { email: "somu-editor@demo.invalid", password: "somu-editor-082058" };

const formPath = (code: string) => `/${MC}/manage/programs/${code}/evaluations/${FY}`;
const apiPath = (code: string) => `/api/v1/municipalities/${MC}/programs/${code}/evaluations/${FY}`;
const versionIn = (html: string) => /name="version" value="(\d+)"/.exec(html)?.[1] ?? "";
// biome-ignore lint/suspicious/noExplicitAny: response bodies are checked by the assertions
const bodyOf = async (res: Response): Promise<any> => res.json();
const text = (html: string) => html.replace(/<[^>]+>/g, " ").replace(/\s+/g, " ");

const FINDINGS = "出張申請窓口の利用が伸びた（評価ワークフローの試験）";
const SECONDARY_COMMENT = "窓口の運営方法を見直してから継続すること（試験）";

const complete = {
  "ratings.necessity": "B",
  "ratings.effectiveness": "A",
  "ratings.efficiency": "B",
  "ratings.equity": "A",
  findings: FINDINGS,
  direction: "expand",
  reason: "未申請の多い地区に窓口を広げる。",
};

describeEachBackend("program evaluation workflow", (t) => {
  type Staff = Awaited<ReturnType<typeof staffOf>>;
  let planner: Staff;
  let editor: Staff;
  let viewer: Staff;
  let shimin: Staff;
  const tokens = { planner: "", editor: "", viewer: "", somu: "" };

  /** The audit entries of one evaluation, oldest first. */
  const auditOf = (code: string) =>
    withTenant(t.database.db, MC, (tx) =>
      tx
        .select({ action: auditLog.action, actor: auditLog.actor, after: auditLog.after })
        .from(auditLog)
        .where(
          and(
            eq(auditLog.municipalityCode, MC),
            eq(auditLog.recordType, "program_evaluation"),
            eq(auditLog.recordKey, `${code}/${FY}`),
          ),
        )
        .orderBy(asc(auditLog.id)),
    );

  const stored = async (code: string) => {
    const [row] = await withTenant(t.database.db, MC, (tx) =>
      tx
        .select({ e: programEvaluations })
        .from(programEvaluations)
        .innerJoin(programs, eq(programs.id, programEvaluations.programId))
        .where(and(eq(programs.code, code), eq(programEvaluations.fiscalYear, FY))),
    );
    return row!.e;
  };

  /** Runs a step and expects exactly one new audit entry, with this action; else none. */
  async function step<T>(code: string, action: string | null, run: () => Promise<T>) {
    const before = (await auditOf(code)).length;
    const result = await run();
    const after = await auditOf(code);
    if (action === null) expect(after.length, "no audit entry").toBe(before);
    else {
      expect(after.length, `one audit entry for ${action}`).toBe(before + 1);
      expect(after.at(-1)!.action).toBe(action);
    }
    return result;
  }

  const publicYear = async (code: string) => {
    const { body } = await t.json(`/api/v1/municipalities/${MC}/programs/${code}`);
    return body.years.find((y: { fiscalYear: number }) => y.fiscalYear === FY);
  };

  const api = (method: "PUT" | "POST", path: string, token: string | null, body: unknown) =>
    t.get(path, {
      method,
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    const db = t.database.db;
    await addUser(db, { municipality: MC, role: "editor", sections: ["shimin"], ...SHIMIN_EDITOR });
    await addUser(db, { municipality: MC, role: "editor", sections: ["somu"], ...SOMU_EDITOR });
    planner = await staffOf(t, MC, DEMO.planner.email, DEMO.planner.password);
    editor = await staffOf(t, MC, DEMO.editor.email, DEMO.editor.password);
    viewer = await staffOf(t, MC, DEMO.viewer.email, DEMO.viewer.password);
    shimin = await staffOf(t, MC, SHIMIN_EDITOR.email, SHIMIN_EDITOR.password);
    const token = async (email: string) =>
      (await createTokenFor(db, MC, { email, label: "評価の連携" }, CLI_ACTOR)).token;
    tokens.planner = await token(DEMO.planner.email);
    tokens.editor = await token(DEMO.editor.email);
    tokens.viewer = await token(DEMO.viewer.email);
    tokens.somu = await token(SOMU_EDITOR.email);
  });

  it("lists an editor's own programs, and every program with completion per section for a planner", async () => {
    const mine = text(await (await editor.page(`/${MC}/manage/evaluations?fy=${FY}`)).text());
    expect(mine).toContain("あなたの担当課の事務事業 3 件");
    expect(mine).toContain("行政評価・マネジメントシステム運用事業");
    expect(mine).not.toContain("マイナンバーカード交付促進事業");

    const res = await planner.page(`/${MC}/manage/evaluations?fy=${FY}`);
    expect(res.status).toBe(200);
    const all = text(await res.text());
    expect(all).toContain("すべての担当課の事務事業 7 件");
    expect(all).toContain("未提出（作成中・未着手）のものは 1 件");
    // 行革推進課: 3 programs, all published; 総務課: 1, reviewed; 市民課: 1, draft.
    expect(all).toMatch(/行革推進課 3 0 0 0 3 3 \/ 3（100%）/);
    expect(all).toMatch(/総務課 1 0 0 1 0 1 \/ 1（100%）/);
    expect(all).toMatch(/市民課 1 1 0 0 0 0 \/ 1（0%）/);

    const home = await (await editor.page(`/${MC}/manage/`)).text();
    expect(home).toContain(`href="/${MC}/manage/evaluations"`);
  });

  it("refuses an editor of another section and a viewer (403), writing nothing", async () => {
    const page = await (await editor.page(formPath(MYNUMBER))).text();
    expect(page).not.toContain('name="step"'); // shown read-only
    const version = versionIn(await (await shimin.page(formPath(MYNUMBER))).text());
    for (const who of [editor, viewer]) {
      const res = await step(MYNUMBER, null, () =>
        who.post(formPath(MYNUMBER), { ...complete, step: "save", version }),
      );
      expect(res.status).toBe(403);
    }
    expect((await stored(MYNUMBER)).findings).not.toBe(FINDINGS);
  });

  it("answers a bad direction with 400 naming the field, keeping what was typed", async () => {
    const version = versionIn(await (await shimin.page(formPath(MYNUMBER))).text());
    const res = await step(MYNUMBER, null, () =>
      shimin.post(formPath(MYNUMBER), { ...complete, direction: "存続", step: "save", version }),
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('href="#direction"');
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain(FINDINGS);
  });

  it("lets the section's editor save a draft, then submit it when complete", async () => {
    const page = await (await shimin.page(formPath(MYNUMBER))).text();
    expect(page).toContain("市が関与して実施する必要性が高い"); // the scale's definitions
    expect(page).toContain("拡充");
    const version = versionIn(page);
    expect(version).toBe("1");

    const draft = { ...complete, "ratings.equity": "", direction: "" };
    const saved = await step(MYNUMBER, "evaluation.save", () =>
      shimin.post(formPath(MYNUMBER), { ...draft, step: "save", version }),
    );
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe(`${formPath(MYNUMBER)}?done=save`);
    expect(await stored(MYNUMBER)).toMatchObject({
      status: "draft",
      version: 2,
      findings: FINDINGS,
    });

    // Incomplete: submitting names the missing fields and saves nothing.
    const incomplete = await step(MYNUMBER, null, () =>
      shimin.post(formPath(MYNUMBER), { ...draft, step: "submit", version: "2" }),
    );
    expect(incomplete.status).toBe(400);
    const errors = await incomplete.text();
    expect(errors).toContain('href="#ratings.equity"');
    expect(errors).toContain('href="#direction"');

    const submitted = await step(MYNUMBER, "evaluation.submit", () =>
      shimin.post(formPath(MYNUMBER), { ...complete, step: "submit", version: "2" }),
    );
    expect(submitted.status).toBe(303);
    const row = await stored(MYNUMBER);
    expect(row).toMatchObject({ status: "submitted", version: 3, direction: "expand" });
    expect(row.submittedBy).toContain(SHIMIN_EDITOR.email);
    expect(row.submittedAt).toBeInstanceOf(Date);
    // Submitted: the section can no longer change it.
    const late = await shimin.post(formPath(MYNUMBER), { ...complete, step: "save", version: "3" });
    expect(late.status).toBe(409);
  });

  it("answers a stale form with 409 showing both versions, overwriting nothing", async () => {
    const res = await step(MYNUMBER, null, () =>
      planner.post(formPath(MYNUMBER), {
        "secondary.direction": "improve",
        "secondary.comment": "古い版からの入力",
        step: "saveSecondary",
        version: "2",
      }),
    );
    expect(res.status).toBe(409);
    const page = text(await res.text());
    expect(page).toContain("ほかの人が先に保存しました");
    expect(page).toContain("古い版からの入力");
    expect(page).toContain("版 3");
    expect((await stored(MYNUMBER)).secondaryComment).toBeNull();
  });

  it("lets the planner's secondary evaluation set another direction, still not public", async () => {
    const version = versionIn(await (await planner.page(formPath(MYNUMBER))).text());
    const res = await step(MYNUMBER, "evaluation.review", () =>
      planner.post(formPath(MYNUMBER), {
        "secondary.direction": "improve",
        "secondary.comment": SECONDARY_COMMENT,
        step: "review",
        version,
      }),
    );
    expect(res.status).toBe(303);
    const row = await stored(MYNUMBER);
    expect(row).toMatchObject({
      status: "reviewed",
      direction: "expand",
      secondaryDirection: "improve",
    });
    expect(row.reviewedBy).toContain(DEMO.planner.email);

    const year = await publicYear(MYNUMBER);
    expect(year).toMatchObject({
      status: "未公表",
      selfEvaluation: null,
      secondaryEvaluation: null,
    });
    const page = await t.text(`/${MC}/programs/${MYNUMBER}`);
    expect(page.body).not.toContain(FINDINGS);
    expect(page.body).not.toContain(SECONDARY_COMMENT);
  });

  it("shows the evaluation on the public page and API only once a planner publishes it", async () => {
    const version = versionIn(await (await planner.page(formPath(MYNUMBER))).text());
    // Without the tick that publishing cannot be undone, nothing is published.
    const unticked = await planner.post(formPath(MYNUMBER), { step: "publish", version });
    expect(unticked.status).toBe(400);
    expect(await unticked.text()).toContain("公表後は変更できません");
    expect((await stored(MYNUMBER)).publishedBy).toBeNull();
    const res = await step(MYNUMBER, "evaluation.publish", () =>
      planner.post(formPath(MYNUMBER), { step: "publish", confirmPublish: "on", version }),
    );
    expect(res.status).toBe(303);
    expect((await stored(MYNUMBER)).publishedBy).toContain(DEMO.planner.email);

    expect(await publicYear(MYNUMBER)).toMatchObject({
      status: "公表済",
      selfEvaluation: { direction: "拡充", findings: FINDINGS },
      secondaryEvaluation: { direction: "改善", comment: SECONDARY_COMMENT },
      direction: "改善",
    });
    const page = text((await t.text(`/${MC}/programs/${MYNUMBER}`)).body);
    expect(page).toContain(FINDINGS);
    expect(page).toContain("今後の方向性（一次評価） 拡充");
    expect(page).toContain("今後の方向性（二次評価） 改善");
    expect(page).toContain(SECONDARY_COMMENT);
  });

  it("lets a planner send a reviewed evaluation back with a comment the section then sees", async () => {
    const version = versionIn(await (await planner.page(formPath(TRAINING))).text());
    const bare = await step(TRAINING, null, () =>
      planner.post(formPath(TRAINING), { step: "sendBack", comment: "", version }),
    );
    expect(bare.status).toBe(400);
    expect(await bare.text()).toContain('href="#comment"');
    const res = await step(TRAINING, "evaluation.send_back", () =>
      planner.post(formPath(TRAINING), {
        step: "sendBack",
        comment: "研修の効果の記載を補ってください",
        version,
      }),
    );
    expect(res.status).toBe(303);
    expect(await stored(TRAINING)).toMatchObject({ status: "draft", reviewedBy: null });
    const page = await (await planner.page(formPath(TRAINING))).text();
    expect(page).toContain("研修の効果の記載を補ってください");
  });

  it("does the same through the API with a token: same permissions, 400, 409, one audit entry a step", async () => {
    const url = apiPath(TRAINING);
    const none = await step(TRAINING, null, () => api("PUT", url, null, { findings: "x" }));
    expect(none.status).toBe(401);
    for (const token of [tokens.editor, tokens.viewer]) {
      const refused = await step(TRAINING, null, () => api("PUT", url, token, { findings: "x" }));
      expect(refused.status).toBe(403);
    }

    const bad = await step(TRAINING, null, () =>
      api("PUT", url, tokens.somu, { direction: "存続" }),
    );
    expect(bad.status).toBe(400);
    expect((await bodyOf(bad)).error.details.map((d: { location: string }) => d.location)).toEqual([
      "direction",
    ]);

    const { version } = await stored(TRAINING);
    const stale = await step(TRAINING, null, () =>
      api("PUT", url, tokens.somu, { direction: "継続", version: version - 1 }),
    );
    expect(stale.status).toBe(409);
    expect((await bodyOf(stale)).error.details[0].location).toBe("version");

    const saved = await step(TRAINING, "evaluation.save", () =>
      api("PUT", url, tokens.somu, { direction: "拡充", reason: "研修の対象を広げる。", version }),
    );
    expect(saved.status).toBe(200);
    expect(await bodyOf(saved)).toMatchObject({
      status: "draft",
      version: version + 1,
      selfEvaluation: { direction: "拡充", reason: "研修の対象を広げる。" },
    });

    const transitions = `${url}/transitions`;
    const submitted = await step(TRAINING, "evaluation.submit", () =>
      api("POST", transitions, tokens.somu, { to: "submitted" }),
    );
    expect(submitted.status).toBe(200);
    expect((await bodyOf(submitted)).submitted.by).toContain(SOMU_EDITOR.email);

    const notTheirs = await step(TRAINING, null, () =>
      api("POST", transitions, tokens.somu, { to: "reviewed" }),
    );
    expect(notTheirs.status).toBe(403);

    const secondary = await step(TRAINING, "evaluation.save_secondary", () =>
      api("PUT", url, tokens.planner, {
        secondary: { direction: "縮小", comment: "既存研修を統合して規模を抑えること。" },
      }),
    );
    expect(secondary.status).toBe(200);
    for (const [to, action] of [
      ["reviewed", "evaluation.review"],
      ["published", "evaluation.publish"],
    ] as const) {
      const moved = await step(TRAINING, action, () =>
        api("POST", transitions, tokens.planner, { to }),
      );
      expect(moved.status, to).toBe(200);
      expect((await bodyOf(moved)).status).toBe(to);
    }
    const again = await step(TRAINING, null, () =>
      api("POST", transitions, tokens.planner, { to: "published" }),
    );
    expect(again.status).toBe(409);

    expect(await publicYear(TRAINING)).toMatchObject({
      status: "公表済",
      selfEvaluation: { direction: "拡充" },
      secondaryEvaluation: { direction: "縮小" },
      direction: "縮小",
    });
    const actors = (await auditOf(TRAINING)).map((a) => a.actor);
    expect(actors.at(-1)).toMatch(/ token:\d+$/);
  });
});
