/**
 * Planners edit plan nodes and indicator definitions as drafts: the public pages and API keep
 * the published text until a planner publishes after seeing the diff; stale forms get 409 with
 * both versions; bad input says which field; editors and viewers may not edit definitions.
 */
import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { CLI_ACTOR } from "../../src/core/audit.ts";
import { withoutTenant } from "../../src/core/db/tenant.ts";
import { importPlans } from "../../src/plan/plan-import.ts";
import { describeEachBackend, type TestContext } from "../support/app.ts";
import { DEMO, edit, formOf, staffOf } from "../support/staff.ts";

const MC = "082058";
/** 基本施策1 組織・人材マネジメントの充実. */
const MEASURE = "GZ-1";
/** 基本施策3's outcome indicator, reported by 政策企画課 — not by the demo editor's 行革推進課. */
const OTHER = "GZ-3-O1";
const NODE_PAGE = `/${MC}/manage/plan/nodes/${MEASURE}`;
const DEFINITION_PAGE = `/${MC}/manage/indicators/${OTHER}/definition`;

type Staff = Awaited<ReturnType<typeof staffOf>>;

async function publishAll(s: Staff) {
  const page = await (await s.page(`/${MC}/manage/publish`)).text();
  const form = new URLSearchParams();
  for (const m of page.matchAll(/name="(draft|definition)" value="(\d+:\d+)"/g))
    form.append(m[1]!, m[2]!);
  return s.post(`/${MC}/manage/publish`, form);
}

async function auditActions(t: TestContext, recordKey: string) {
  const rows = await withoutTenant(t.database.db, async (tx) => {
    await tx.execute(sql`select set_config('shisaku.municipality', ${MC}, true)`);
    return tx.execute(
      sql`select action from audit_log where record_key = ${recordKey} and action like 'definition.%' order by id`,
    );
  });
  return (rows as unknown as { rows: { action: string }[] }).rows.map((r) => r.action);
}

describeEachBackend("editing plan nodes and indicator definitions", (t) => {
  let planner: Staff;
  let editor: Staff;
  let viewer: Staff;

  beforeAll(async () => {
    [planner, editor, viewer] = await Promise.all([
      staffOf(t, MC, DEMO.planner.email, DEMO.planner.password),
      staffOf(t, MC, DEMO.editor.email, DEMO.editor.password),
      staffOf(t, MC, DEMO.viewer.email, DEMO.viewer.password),
    ]);
  });

  it("keeps a renamed measure and its new issue a draft until a planner publishes them", async () => {
    const form = formOf(await (await planner.page(NODE_PAGE)).text());
    const issues = form.get("text-2")!;
    expect(issues).toContain("限られた人材によって多数の地域課題に対応し続けることができる組織");
    const saved = await edit(planner, NODE_PAGE, {
      title: "組織・人材マネジメントの充実と強化",
      "text-2": `${issues}\n職員提案の件数を増やす必要があります。`,
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toBe(`${NODE_PAGE}?done=saved`);

    // The public page still shows the published title; staff see the draft marked as such.
    const before = await (await t.get(`/${MC}/measures/${MEASURE}`)).text();
    expect(before).toContain("組織・人材マネジメントの充実");
    expect(before).not.toContain("充実と強化");
    const staffView = await (await planner.page(NODE_PAGE)).text();
    expect(staffView).toContain("下書き");
    expect(staffView).toContain("充実と強化");

    // The publish page shows the diff, field by field.
    const review = await (await viewer.page(`/${MC}/manage/publish`)).text();
    expect(review).toContain("計画の項目 GZ-1");
    expect(review).toContain("組織・人材マネジメントの充実と強化");
    expect(review).toContain("職員提案の件数を増やす必要があります。");
    expect(review).not.toContain('name="definition"'); // a viewer reads, never publishes

    expect((await publishAll(planner)).status).toBe(303);
    const after = await (await t.get(`/${MC}/measures/${MEASURE}`)).text();
    expect(after).toContain("組織・人材マネジメントの充実と強化");
    expect(after).toContain("職員提案の件数を増やす必要があります。");
    expect(await auditActions(t, MEASURE)).toEqual(["definition.draft", "definition.publish"]);
  });

  it("lets a planner hand an indicator to another section, which then reports it", async () => {
    const section = "gyokaku-suishin"; // 行革推進課, the demo editor's section
    const entry = `/${MC}/manage/indicators/${OTHER}?fy=2024`;
    expect(await (await editor.page(entry)).text()).toContain("権限がありません");
    const form = formOf(await (await planner.page(DEFINITION_PAGE)).text());
    const saved = await edit(planner, DEFINITION_PAGE, {
      sections: [...form.getAll("sections"), section],
      targetNote: "令和7年度に見直し",
    });
    expect(saved.status).toBe(303);
    // Not yet: the owners change only when the definition is published.
    expect(await (await editor.page(entry)).text()).toContain("権限がありません");
    const { body: draft } = await t.json(`/api/v1/municipalities/${MC}/indicators/${OTHER}`);
    expect(JSON.stringify(draft)).not.toContain("令和7年度に見直し");

    const review = await (await planner.page(`/${MC}/manage/publish`)).text();
    expect(review).toContain("指標の定義 GZ-3-O1");
    expect(review).toContain("行革推進課");

    expect((await publishAll(planner)).status).toBe(303);
    expect(await (await editor.page(entry)).text()).not.toContain("権限がありません");
    const { body } = await t.json(`/api/v1/municipalities/${MC}/indicators/${OTHER}`);
    expect(JSON.stringify(body)).toContain("令和7年度に見直し");
  });

  it("answers a stale form with 409 and both versions, changing nothing", async () => {
    const stale = formOf(await (await planner.page(DEFINITION_PAGE)).text());
    expect((await edit(planner, DEFINITION_PAGE, { unit: "件数" })).status).toBe(303);
    stale.set("unit", "件/年");
    const res = await planner.post(DEFINITION_PAGE, stale);
    expect(res.status).toBe(409);
    const page = await res.text();
    expect(page).toContain("ほかの人が先に保存しました");
    expect(page).toContain("件/年");
    expect(page).toContain("件数");
    const now = formOf(await (await planner.page(DEFINITION_PAGE)).text());
    expect(now.get("unit")).toBe("件数");
    // Discarding the draft brings the published definition back.
    const discard = await planner.post(`${DEFINITION_PAGE}/discard`, {
      draftVersion: now.get("draftVersion")!,
    });
    expect(discard.status).toBe(303);
    expect(formOf(await (await planner.page(DEFINITION_PAGE)).text()).get("unit")).toBe("件");
    expect(await auditActions(t, OTHER)).toEqual([
      "definition.draft",
      "definition.publish",
      "definition.draft",
      "definition.draft_discard",
    ]);
  });

  it("says which field is wrong, keeps what was typed and saves nothing", async () => {
    const res = await edit(planner, DEFINITION_PAGE, {
      name: "",
      targetForm: "at_least",
      targetValue: "",
      baselineFiscalYear: "令和九十九年",
    });
    expect(res.status).toBe(400);
    const page = await res.text();
    expect(page).toContain("指標名を入力してください");
    expect(page).toContain("目標の形式「目標値以上」には目標値（数値）が必要です");
    expect(page).toContain("を年度として読み取れません");
    expect(page).toContain('value="令和九十九年"');
    expect(page).toContain('href="#targetValue"');
    const untouched = formOf(await (await planner.page(DEFINITION_PAGE)).text());
    expect(untouched.get("draftVersion")).toBe("0");

    const blank = await edit(planner, NODE_PAGE, { title: " ", "text-2": "" });
    expect(blank.status).toBe(400);
    const text = await blank.text();
    expect(text).toContain("名称を入力してください");
    expect(text).toContain("課題を1行以上入力してください");
  });

  it("lets only planners and admins edit definitions", async () => {
    for (const s of [editor, viewer]) {
      expect((await s.page(NODE_PAGE)).status).toBe(403);
      expect((await s.page(DEFINITION_PAGE)).status).toBe(403);
      expect((await s.page(`/${MC}/manage/plan`)).status).toBe(403);
      const res = await s.post(NODE_PAGE, {
        publishedVersion: "1",
        draftVersion: "0",
        title: "勝手な変更",
      });
      expect(res.status).toBe(403);
    }
    const admin = await staffOf(t, MC, DEMO.admin.email, DEMO.admin.password);
    const index = await (await admin.page(`/${MC}/manage/plan`)).text();
    expect(index).toContain(`/${MC}/manage/plan/nodes/${MEASURE}`);
    expect(index).toContain(`/${MC}/manage/indicators/${OTHER}/definition`);
  });

  it("refuses to publish a draft made before the plan was imported again", async () => {
    expect((await edit(planner, NODE_PAGE, { summary: "見直し中の概要" })).status).toBe(303);
    await importPlans(t.database.db, path.resolve("data/municipalities/082058"), CLI_ACTOR);
    const review = await (await planner.page(`/${MC}/manage/publish`)).text();
    expect(review).toContain("下書きを作った後に公開内容が変わったため、公開できません");
    // Posting it anyway (a form opened before the import) publishes nothing.
    const [, id, version] = /id="definition-(\d+)"[^>]*value="\d+:(\d+)"/.exec(review) ?? [];
    const forced = new URLSearchParams({ definition: `${id}:${version}` });
    const res = await planner.post(`/${MC}/manage/publish`, forced);
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("下書きを作った後に公開内容が変わりました");
    const published = await (await t.get(`/${MC}/measures/${MEASURE}`)).text();
    expect(published).not.toContain("見直し中の概要");
  });
});
