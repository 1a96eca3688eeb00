/**
 * Registries per municipality (issue 16): a municipality that is not Ishioka (安城市, a fixture
 * plan) sees none of Ishioka's registries or wording until its admin turns one on — then only
 * that one, in the catalogue's generic words, feeding no indicator until one is linked, and the
 * page says so. Turning on and linking are the admin's, audited; the other municipality's data
 * and settings stay its own.
 */
import path from "node:path";
import { and, eq, sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { addUser } from "../../src/accounts/actions.ts";
import { withTenant } from "../../src/core/db/tenant.ts";
import { fiscalYearInJapan } from "../../src/core/fiscal-year.ts";
import { indicators, runningActuals } from "../../src/indicators/schema.ts";
import { importPlans } from "../../src/plan/plan-import.ts";
import { registrySettings } from "../../src/registries/schema.ts";
import { describeEachBackend, type TestContext } from "../support/app.ts";
import { DEMO, staffOf } from "../support/staff.ts";

const MC = "232122";
const ISHIOKA = "082058";
const INDICATOR = "AJ-1-SP-1";
const PASSWORD = "registry-settings-password";
const FY = fiscalYearInJapan(new Date());
type Staff = Awaited<ReturnType<typeof staffOf>>;

/** Words that belong to Ishioka, never shown by another municipality. */
const ISHIOKA_WORDS = ["いばらき", "イシオカ", "市独自", "GZ-"];

async function settingAudit(t: TestContext) {
  const r = (await withTenant(t.database.db, MC, (tx) =>
    tx.execute(
      sql`select action, record_key, actor from audit_log
           where municipality_code = ${MC} and record_type = 'registry_setting' order by id`,
    ),
  )) as unknown as { rows: { action: string; record_key: string; actor: string }[] };
  return r.rows.map((x) => `${x.action} ${x.record_key} ${x.actor.split(" ")[1] ?? x.actor}`);
}

describeEachBackend("registries per municipality", (t) => {
  let admin: Staff;
  let editor: Staff;
  const settings = `/${MC}/manage/registry-settings`;

  beforeAll(async () => {
    const db = t.database.db;
    await importPlans(db, path.resolve("test/fixtures/plans/anjo"));
    await addUser(db, {
      municipality: MC,
      email: "admin@anjo.invalid",
      role: "admin",
      password: PASSWORD,
    });
    await addUser(db, {
      municipality: MC,
      email: "editor@anjo.invalid",
      role: "editor",
      password: PASSWORD,
    });
    admin = await staffOf(t, MC, "admin@anjo.invalid", PASSWORD);
    editor = await staffOf(t, MC, "editor@anjo.invalid", PASSWORD);
  });

  it("offers none of Ishioka's registries before an admin turns one on", async () => {
    const list = await t.json(`/api/v1/municipalities/${MC}/registries`);
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
    const index = await t.text(`/${MC}/registries`);
    expect(index.status).toBe(200);
    expect(index.body).toContain("この団体が使っている台帳はまだありません。");
    expect(index.body).not.toContain("連携協定");
    for (const path of [
      `/${MC}/registries/online-procedures`,
      `/api/v1/municipalities/${MC}/registries/online-procedures`,
    ])
      expect((await t.get(path)).status, path).toBe(404);
    expect((await editor.page(`/${MC}/manage/registries/online-procedures/new`)).status).toBe(404);
    const sheets = await (await editor.page(`/${MC}/manage/spreadsheets`)).text();
    expect(sheets).not.toContain("registry-");
    expect(
      (await editor.page(`/${MC}/manage/spreadsheets/registry-online-procedures/export`)).status,
    ).toBe(404);
    const staffIndex = await (await editor.page(`/${MC}/manage/registries`)).text();
    for (const w of ISHIOKA_WORDS) expect(staffIndex).not.toContain(w);
    expect(await settingAudit(t)).toEqual([]);
  });

  it("lets only an admin turn a registry on, with an audit entry; then only that one is offered, in generic words", async () => {
    expect((await editor.page(settings)).status).toBe(403);
    const refused = await editor.post(`${settings}/online-procedures/use`, { on: "yes" });
    expect(refused.status).toBe(403);
    expect(await settingAudit(t)).toEqual([]);

    const page = await (await admin.page(settings)).text();
    expect(page).toContain("<h1>台帳の設定</h1>");
    for (const w of ISHIOKA_WORDS) expect(page).not.toContain(w);
    const on = await admin.post(`${settings}/online-procedures/use`, { on: "yes" });
    expect(on.status).toBe(303);
    expect(await settingAudit(t)).toEqual(["registry.enable online-procedures admin@anjo.invalid"]);

    const list = await t.json(`/api/v1/municipalities/${MC}/registries`);
    expect(list.body.items).toEqual([
      expect.objectContaining({ key: "online-procedures", indicator: null, total: 0 }),
    ]);
    expect(list.body.items[0].description).not.toContain("いばらき");
    const pub = await t.text(`/${MC}/registries/online-procedures`);
    expect(pub.status).toBe(200);
    expect(pub.body).toContain("この団体では、この台帳から計算する指標を決めていません");
    for (const w of ISHIOKA_WORDS) expect(pub.body).not.toContain(w);
    const index = await t.text(`/${MC}/registries`);
    expect(index.body).toContain("電子申請の手続");
    expect(index.body).not.toContain("連携協定");
    expect((await t.get(`/${MC}/registries/agreements`)).status).toBe(404);
    const form = await (await editor.page(`/${MC}/manage/registries/online-procedures/new`)).text();
    expect(form).toContain("都道府県と市区町村の共同の電子申請サービス");
    for (const w of ISHIOKA_WORDS) expect(form).not.toContain(w);
    const sheets = await (await editor.page(`/${MC}/manage/spreadsheets`)).text();
    expect(sheets).toContain("registry-online-procedures");
    expect(sheets).not.toContain("registry-agreements");
  });

  it("links the registry to an indicator of the municipality's plan, on the version the form was opened on", async () => {
    const added = await editor.post(`/${MC}/manage/registries/online-procedures/new`, {
      name: "住民票の写しの交付申請",
      platform: "マイナポータル（ぴったりサービス）",
      since: `${FY}-04-01`,
    });
    expect(added.status).toBe(303);
    const unknown = await admin.post(`${settings}/online-procedures/indicator`, {
      version: "1",
      indicatorCode: "GZ-5-R2",
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("指標 GZ-5-R2 はこの団体の計画にありません");
    const linked = await admin.post(`${settings}/online-procedures/indicator`, {
      version: "1",
      indicatorCode: INDICATOR,
    });
    expect(linked.status).toBe(303);
    const stale = await admin.post(`${settings}/online-procedures/indicator`, {
      version: "1",
      indicatorCode: "",
    });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("フォームを開いた後にほかの人が変更しました");
    expect((await settingAudit(t)).slice(1)).toEqual([
      "registry.link_indicator online-procedures admin@anjo.invalid",
    ]);
    // Computed from the records at once.
    const running = await withTenant(t.database.db, MC, async (tx) => {
      const [i] = await tx
        .select({ id: indicators.id })
        .from(indicators)
        .where(and(eq(indicators.municipalityCode, MC), eq(indicators.code, INDICATOR)));
      return tx.select().from(runningActuals).where(eq(runningActuals.indicatorId, i!.id));
    });
    expect(running.map((r) => r.value)).toContain(1);
    const pub = await t.text(`/${MC}/registries/online-procedures`);
    expect(pub.body).toContain(`href="/${MC}/indicators/${INDICATOR}"`);
    // A registry that holds records is not turned off.
    const off = await admin.post(`${settings}/online-procedures/use`, { on: "no" });
    expect(off.status).toBe(400);
    expect(await off.text()).toContain("記録が 1 件あるため、使うのをやめられません");
  });

  it("keeps each municipality's registries its own", async () => {
    // Ishioka still keeps its nine, in its words.
    const ishioka = await t.json(`/api/v1/municipalities/${ISHIOKA}/registries`);
    expect(ishioka.body.items).toHaveLength(9);
    const online = ishioka.body.items.find((r: { key: string }) => r.key === "online-procedures");
    expect(online.description).toContain("いばらき電子申請");
    expect(online.indicator.code).toBe("GZ-5-R2");
    // Ishioka's admin cannot change 安城市's settings.
    const other = await staffOf(t, ISHIOKA, DEMO.admin.email, DEMO.admin.password);
    const res = await other.post(`${settings}/agreements/use`, { on: "yes" });
    expect([302, 303, 401, 403, 404]).toContain(res.status);
    expect(res.headers.get("location") ?? "").not.toContain("done=");
    expect((await t.get(`/${MC}/registries/agreements`)).status).toBe(404);
    // Row-level security: 安城市's settings are not read as Ishioka.
    const seen = await withTenant(t.database.db, ISHIOKA, (tx) =>
      tx.select().from(registrySettings).where(eq(registrySettings.municipalityCode, MC)),
    );
    expect(seen).toEqual([]);
  });
});
