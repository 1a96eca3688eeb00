/**
 * Entering actuals as staff: drafts stay private until a planner publishes them, corrections
 * need a reason and are shown publicly, stale forms get a conflict, API tokens act with their
 * owner's rights, and every write leaves exactly one audit entry.
 */
import path from "node:path";
import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { addUser } from "../../src/accounts/actions.ts";
import { createTokenFor } from "../../src/accounts/tokens.ts";
import { CLI_ACTOR } from "../../src/core/audit.ts";
import { withoutTenant } from "../../src/core/db/tenant.ts";
import { importPlans } from "../../src/plan/plan-import.ts";
import { describeEachBackend, type TestContext } from "../support/app.ts";
import { DEMO, staffOf, versionsIn } from "../support/staff.ts";

const MC = "082058";
/** 仕事にやりがいを持つ市職員の割合 (基本施策1): reported by the sections of measure 1's initiatives. */
const OWN = "GZ-1-O1";
/** 基本施策3's outcome indicator: 政策企画課 only, not the demo editor's 行革推進課. */
const OTHER = "GZ-3-O1";
const FY = 2024;

type Staff = Awaited<ReturnType<typeof staffOf>>;
type ApiError = { error: { code: string; details: { location: string }[] } };

async function auditCount(t: TestContext, action: string, recordKey: string) {
  const rows = await withoutTenant(t.database.db, async (tx) => {
    await tx.execute(sql`select set_config('shisaku.municipality', ${MC}, true)`);
    return tx.execute(
      sql`select count(*)::int as n from audit_log where action = ${action} and record_key = ${recordKey}`,
    );
  });
  return (rows as unknown as { rows: { n: number }[] }).rows[0]!.n;
}

async function publicValue(t: TestContext, code: string, fy: number) {
  const { body } = await t.json(`/api/v1/municipalities/${MC}/indicators/${code}`);
  return (body.actuals as { fiscalYear: number; value: number | null }[]).find(
    (a) => a.fiscalYear === fy,
  );
}

async function enter(s: Staff, code: string, fy: number, form: Record<string, string>) {
  // Where the page offers no form (no right, or a value filled from elsewhere), post anyway.
  const page = await (await s.page(`/${MC}/manage/indicators/${code}?fy=${fy}`)).text();
  const versions = page.includes('name="publishedVersion"')
    ? versionsIn(page)
    : { publishedVersion: "1", draftVersion: "0" };
  return s.post(`/${MC}/manage/indicators/${code}/actuals/${fy}`, { ...versions, ...form });
}

async function publishAll(s: Staff) {
  const page = await (await s.page(`/${MC}/manage/publish`)).text();
  const form = new URLSearchParams();
  for (const m of page.matchAll(/name="draft" value="(\d+:\d+)"/g)) form.append("draft", m[1]!);
  return s.post(`/${MC}/manage/publish`, form);
}

describeEachBackend("entering and publishing actuals", (t) => {
  let editor: Staff;
  let planner: Staff;
  let viewer: Staff;

  beforeAll(async () => {
    [editor, planner, viewer] = await Promise.all([
      staffOf(t, MC, DEMO.editor.email, DEMO.editor.password),
      staffOf(t, MC, DEMO.planner.email, DEMO.planner.password),
      staffOf(t, MC, DEMO.viewer.email, DEMO.viewer.password),
    ]);
  });

  it("lists in the editor's updates the indicators of their section's measures, missing first", async () => {
    const html = await (await editor.page(`/${MC}/manage/updates?fy=${FY}`)).text();
    expect(html).toContain(`/${MC}/manage/indicators/${OWN}?fy=${FY}`);
    expect(html).not.toContain(`/${MC}/manage/indicators/${OTHER}?`);
    expect(html).toMatch(/未入力のものは <strong>\d+ 件<\/strong>/);
    // The same indicators as an Excel file, to fill in and upload.
    const href = `/${MC}/manage/spreadsheets/actuals/export?format=xlsx&section=mine`;
    expect(html).toContain(href.replace("&", "&amp;"));
    const file = await editor.page(href);
    expect(file.headers.get("content-type")).toContain("spreadsheetml");
  });

  it("keeps an entered value a draft until a planner publishes it", async () => {
    const saved = await enter(editor, OWN, FY, { value: "５２．１", note: "" });
    expect(saved.status).toBe(303);
    expect(saved.headers.get("location")).toContain("done=saved");
    expect(await publicValue(t, OWN, FY)).toBeUndefined();
    expect(await t.text(`/${MC}/indicators/${OWN}`).then((r) => r.body)).not.toContain("52.1");
    const staffView = await (await editor.page(`/${MC}/manage/indicators/${OWN}?fy=${FY}`)).text();
    expect(staffView).toContain("下書き");
    expect(staffView).toContain("52.10%");
    expect(await auditCount(t, "actual.draft", `${OWN}/${FY}`)).toBe(1);

    const review = await (await planner.page(`/${MC}/manage/publish`)).text();
    expect(review).toContain("（未公開）");
    expect(review).toContain("52.10%");
    const published = await publishAll(planner);
    expect(published.status).toBe(303);
    expect(await publicValue(t, OWN, FY)).toMatchObject({ value: 52.1 });
    expect(await auditCount(t, "actual.publish", `${OWN}/${FY}`)).toBe(1);
    const page = await t.text(`/${MC}/indicators/${OWN}`);
    expect(page.body).toContain("52.10%");
  });

  it("requires a reason to correct a published value, and shows the correction publicly", async () => {
    const noReason = await enter(editor, OWN, FY, { value: "53.4", note: "" });
    expect(noReason.status).toBe(400);
    const html = await noReason.text();
    expect(html).toContain("訂正の理由を入力してください");
    expect(html).toContain('aria-invalid="true"');
    expect(html).toContain('value="53.4"');
    expect(await auditCount(t, "actual.draft", `${OWN}/${FY}`)).toBe(1);

    const withReason = await enter(editor, OWN, FY, {
      value: "53.4",
      note: "",
      reason: "集計対象に再任用職員を含めていなかったため",
    });
    expect(withReason.status).toBe(303);
    expect(await publicValue(t, OWN, FY)).toMatchObject({ value: 52.1 });
    expect((await publishAll(planner)).status).toBe(303);
    expect(await publicValue(t, OWN, FY)).toMatchObject({ value: 53.4 });
    const page = (await t.text(`/${MC}/indicators/${OWN}`)).body;
    expect(page).toContain("訂正履歴");
    expect(page).toMatch(
      /52\.10%<\/td><td>53\.40%<\/td><td>集計対象に再任用職員を含めていなかったため/,
    );
  });

  it("answers a stale form with 409 and both versions instead of overwriting", async () => {
    const form = versionsIn(
      await (await editor.page(`/${MC}/manage/indicators/${OWN}?fy=2023`)).text(),
    );
    const first = await planner.post(`/${MC}/manage/indicators/${OWN}/actuals/2023`, {
      ...form,
      value: "51",
    });
    expect(first.status).toBe(303);
    const stale = await editor.post(`/${MC}/manage/indicators/${OWN}/actuals/2023`, {
      ...form,
      value: "49.5",
    });
    expect(stale.status).toBe(409);
    const html = await stale.text();
    expect(html).toContain("ほかの人が先に保存しました");
    expect(html).toContain("49.5");
    expect(html).toContain("51.00%");
    // Who saved first, by name and section (issue 17 item 14).
    expect(html).toContain("デモ企画担当（政策企画課）");
    expect(html).not.toMatch(/user:\d/);
    const draft = await (await planner.page(`/${MC}/manage/publish`)).text();
    expect(draft).toContain("51.00%");
    expect(draft).not.toContain("49.50%");
  });

  it("lets each role do exactly what it may", async () => {
    // An editor outside the indicator's sections, and a viewer, may not enter values.
    expect((await enter(editor, OTHER, FY, { value: "1" })).status).toBe(403);
    expect((await enter(viewer, OWN, FY, { value: "1" })).status).toBe(403);
    // A planner may enter any indicator's value.
    expect((await enter(planner, OTHER, FY, { value: "3" })).status).toBe(303);
    // Viewers read drafts; only planners publish.
    const review = await (await viewer.page(`/${MC}/manage/publish`)).text();
    expect(review).toContain(OTHER);
    expect(review).not.toContain('name="draft"');
    expect((await publishAll(editor)).status).toBe(403);
    expect(await publicValue(t, OTHER, FY)).toBeUndefined();
  });

  it("refuses values filled from the published finance figures", async () => {
    const res = await enter(planner, "GZ-2-O3", 2020, { value: "9.9", reason: "x" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(
      "指標 GZ-2-O3 の値は公表資料から取り込まれています。元の資料（財政のデータ）を更新してください",
    );
  });

  it("refuses an unreadable value and says where", async () => {
    const res = await enter(editor, OWN, 2022, { value: "五十" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("数値として読めません: 「五十」");
  });
});

describeEachBackend("pushing actuals with a personal API token", (t) => {
  const url = (code: string, fy: number, mc = MC) =>
    `/api/v1/municipalities/${mc}/indicators/${code}/actuals/${fy}`;
  const put = (token: string | null, target: string, body: unknown) =>
    t.get(target, {
      method: "PUT",
      headers: {
        "content-type": "application/json",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify(body),
    });
  let editorToken: string;
  let viewerToken: string;
  let otherCityToken: string;

  beforeAll(async () => {
    const db = t.database.db;
    await importPlans(db, path.resolve("test/fixtures/second-municipality"));
    await addUser(db, {
      municipality: "082015",
      email: "admin@other.example",
      role: "admin",
      password: "other-city-password",
    });
    editorToken = (
      await createTokenFor(db, MC, { email: DEMO.editor.email, label: "連携" }, CLI_ACTOR)
    ).token;
    viewerToken = (
      await createTokenFor(db, MC, { email: DEMO.viewer.email, label: "閲覧" }, CLI_ACTOR)
    ).token;
    otherCityToken = (
      await createTokenFor(db, "082015", { email: "admin@other.example", label: "他市" }, CLI_ACTOR)
    ).token;
  });

  it("saves a draft with the owner's rights, not yet public", async () => {
    const res = await put(editorToken, url(OWN, FY), { value: 55.5, note: "職員アンケート" });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      indicatorCode: OWN,
      fiscalYear: FY,
      status: "draft",
      draft: { value: 55.5, note: "職員アンケート", version: 1, baseVersion: 0 },
    });
    expect(await publicValue(t, OWN, FY)).toBeUndefined();
    expect(await auditCount(t, "actual.draft", `${OWN}/${FY}`)).toBe(1);
  });

  it("checks versions when the client sends them", async () => {
    const stale = await put(editorToken, url(OWN, FY), {
      value: 56,
      publishedVersion: 0,
      draftVersion: 0,
    });
    expect(stale.status).toBe(409);
    expect(((await stale.json()) as ApiError).error.code).toBe("conflict");
    const fresh = await put(editorToken, url(OWN, FY), {
      value: 56,
      publishedVersion: 0,
      draftVersion: 1,
    });
    expect(fresh.status).toBe(200);
  });

  it("refuses missing, foreign and under-privileged tokens", async () => {
    const none = await put(null, url(OWN, FY), { value: 1 });
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toContain("Bearer");
    expect((await put("shisaku_not-a-token", url(OWN, FY), { value: 1 })).status).toBe(401);
    expect((await put(otherCityToken, url(OWN, FY), { value: 1 })).status).toBe(401);
    expect((await put(viewerToken, url(OWN, FY), { value: 1 })).status).toBe(403);
    expect((await put(editorToken, url(OTHER, FY), { value: 1 })).status).toBe(403);
    expect((await put(editorToken, url("GZ-9-O9", FY), { value: 1 })).status).toBe(404);
  });

  it("names the bad field of a bad body", async () => {
    const res = await put(editorToken, url(OWN, FY), { value: "many" });
    expect(res.status).toBe(400);
    const body = (await res.json()) as ApiError;
    expect(body.error.details[0]!.location).toBe("value");
    const future = await put(editorToken, url(OWN, 2999), { value: 1 });
    expect(future.status).toBe(400);
    expect(((await future.json()) as ApiError).error.details[0]!.location).toBe("fiscalYear");
  });

  it("documents the route and its bearer security in OpenAPI", async () => {
    const { body } = await t.json("/api/v1/openapi.json");
    const op =
      body.paths["/municipalities/{code}/indicators/{indicatorCode}/actuals/{fiscalYear}"].put;
    expect(op.security).toEqual([{ bearer: [] }]);
    expect(body.components.securitySchemes.bearer).toMatchObject({
      type: "http",
      scheme: "bearer",
    });
  });
});
