/**
 * Registries that feed the indicators (issue 21): the demo's real joint bodies, staff adding,
 * editing (with the shared 409 page) and retiring records, the indicator recomputed on every
 * change through recordComputedActuals, the public pages and the API.
 */
import { and, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import { withTenant } from "../../src/core/db/tenant.ts";
import { fiscalYearInJapan } from "../../src/core/fiscal-year.ts";
import { indicatorActuals, indicators, runningActuals } from "../../src/indicators/schema.ts";
import { registryRecords } from "../../src/registries/schema.ts";
import { describeEachBackend } from "../support/app.ts";
import { DEMO, staffOf } from "../support/staff.ts";

const MC = "082058";
const FY = fiscalYearInJapan(new Date());

describeEachBackend("registries", (t) => {
  const valuesOf = (code: string) =>
    withTenant(t.database.db, MC, async (tx) => {
      const [i] = await tx
        .select({ id: indicators.id })
        .from(indicators)
        .where(and(eq(indicators.municipalityCode, MC), eq(indicators.code, code)));
      const [actuals, running] = await Promise.all([
        tx.select().from(indicatorActuals).where(eq(indicatorActuals.indicatorId, i!.id)),
        tx.select().from(runningActuals).where(eq(runningActuals.indicatorId, i!.id)),
      ]);
      return { actuals, running };
    });

  it("lists the seed's six 一部事務組合 and the 広域利用 agreement as real records, and counts them", async () => {
    const api = await t.json(`/api/v1/municipalities/${MC}/registries/joint-bodies`);
    expect(api.status).toBe(200);
    expect(api.body.total).toBe(7);
    const names = api.body.items.map((i: { name: string }) => i.name);
    expect(names).toContain("湖北環境衛生組合");
    expect(names).toContain("公の施設の広域利用に関する協定書");
    expect(api.body.items.every((i: { sample: boolean }) => !i.sample)).toBe(true);

    const list = await t.json(`/api/v1/municipalities/${MC}/registries`);
    expect(list.body.items.map((r: { key: string }) => r.key)).toEqual([
      "agreements",
      "agreement-projects",
      "joint-bodies",
      "facilities",
      "contracts",
      "online-procedures",
      "standard-systems",
      "training-sessions",
      "card-applications",
    ]);
    expect(list.body.items.find((r: { key: string }) => r.key === "facilities")).toMatchObject({
      total: 3,
      sample: true,
    });
    expect((await t.get(`/api/v1/municipalities/${MC}/registries/unknown`)).status).toBe(400);

    // 広域行政取組件数 this year: 集計中 from the registry, with its formula and records link.
    const { running } = await valuesOf("GZ-4-R1");
    expect(running).toEqual([
      expect.objectContaining({
        fiscalYear: FY,
        value: 7,
        recordsPath: `/${MC}/registries/joint-bodies?year=${FY}`,
      }),
    ]);
    const page = await t.text(`/${MC}/indicators/GZ-4-R1`);
    expect(page.body).toContain("集計中（");
    expect(page.body).toContain("一部事務組合・広域行政の台帳から自動計算");
    expect(page.body).toContain(`href="/${MC}/registries/joint-bodies?year=${FY}"`);

    const registry = await t.text(`/${MC}/registries/joint-bodies?year=${FY}`);
    expect(registry.status).toBe(200);
    expect(registry.body).toContain("茨城租税債権管理機構");
    expect(registry.body).toContain("数えた記録 7件");
    const facilities = await t.text(`/${MC}/registries/facilities`);
    expect(facilities.body).toContain("サンプル市民会館");
    expect(facilities.body).toContain("延床面積の合計");
  });

  it("refuses a record with errors, naming the field, and never mixes samples with real records", async () => {
    const editor = await staffOf(t, MC, DEMO.editor.email, DEMO.editor.password);
    const base = `/${MC}/manage/registries/contracts`;
    const add = (name: string, orderedOn: string) =>
      editor.post(`${base}/new`, {
        name,
        number: `R${orderedOn}`,
        orderedOn,
        amount: "1000000",
        method: "一般競争入札",
        construction: "建設工事",
      });
    // An error names the field, and nothing is written.
    const bad = await editor.post(`${base}/new`, { name: "工事", orderedOn: "2026-02-30" });
    expect(bad.status).toBe(400);
    const badBody = await bad.text();
    expect(badBody).toContain("<title>エラー：");
    expect(badBody).toContain("発注日「2026-02-30」は日付として読めません");
    // A sample may not join real records (and the other way round).
    const unflagged = await editor.post(`${base}/new`, {
      name: "サンプル工事",
      number: "S1",
      orderedOn: `${FY}-05-01`,
      amount: "1",
      method: "随意契約",
      construction: "建設工事",
    });
    expect(unflagged.status).toBe(400);
    expect(await unflagged.text()).toContain("「サンプル」の欄にチェックを入れてください");
    const mixed = await editor.post(`${base}/new`, {
      sample: "1",
      name: "サンプル工事",
      number: "S1",
      orderedOn: `${FY}-05-01`,
      amount: "1",
      method: "随意契約",
      construction: "建設工事",
    });
    expect(mixed.status).toBe(303); // the first record decides: samples
    const real = await add("道路改良工事", `${FY}-05-10`);
    expect(real.status).toBe(400);
    expect(await real.text()).toContain("サンプル（デモ用）の記録が 1 件あります");
  });

  it("recomputes 電子申請等を活用した事業数 on every add, edit and retire; a stale edit gets the 409 page", async () => {
    const editor = await staffOf(t, MC, DEMO.editor.email, DEMO.editor.password);
    const base = `/${MC}/manage/registries/online-procedures`;
    const first = await editor.post(`${base}/new`, {
      name: "住民票の写しの交付申請",
      section: "市民課",
      platform: "マイナポータル（ぴったりサービス）",
      since: `${FY}-04-01`,
    });
    expect(first.status).toBe(303);
    const path = first.headers.get("location")!.replace(/\?.*$/, "");
    expect((await valuesOf("GZ-5-R2")).running).toEqual([
      expect.objectContaining({ fiscalYear: FY, value: 1 }),
    ]);
    const second = await editor.post(`${base}/new`, {
      name: "犬の登録",
      platform: "いばらき電子申請・届出サービス",
      since: `${FY}-06-01`,
    });
    expect(second.status).toBe(303);
    expect((await valuesOf("GZ-5-R2")).running[0]).toMatchObject({ value: 2 });

    // Edit on version 1, then a stale edit on version 1 gets the shared conflict page.
    const edited = await editor.post(path, {
      version: "1",
      name: "住民票の写しの交付申請（郵送）",
      section: "市民課",
      platform: "マイナポータル（ぴったりサービス）",
      since: `${FY}-04-01`,
    });
    expect(edited.status).toBe(303);
    const stale = await editor.post(path, {
      version: "1",
      name: "住民票の写し",
      platform: "市独自",
      since: `${FY}-04-01`,
    });
    expect(stale.status).toBe(409);
    const conflict = await stale.text();
    expect(conflict).toContain("ほかの人が先に保存しました");
    expect(conflict).toContain("住民票の写しの交付申請（郵送）");

    // Retired before the year's end: no longer counted.
    const retired = await editor.post(`${path}/retire`, {
      version: "2",
      retiredOn: `${FY}-09-30`,
      reason: "窓口での交付に一本化",
    });
    expect(retired.status).toBe(303);
    expect((await valuesOf("GZ-5-R2")).running[0]).toMatchObject({ value: 1 });
    const pub = await t.text(path.replace("/manage", ""));
    expect(pub.body).toContain("廃止・終了");
    expect(pub.body).toContain("窓口での交付に一本化");

    // A viewer may not add.
    const viewer = await staffOf(t, MC, DEMO.viewer.email, DEMO.viewer.password);
    expect((await viewer.post(`${base}/new`, { name: "x" })).status).toBe(403);
  });

  it("draws the facilities' floor area against 「面積20%以上削減」 and their map, and links a facility to its program's cost", async () => {
    const page = await t.text(`/${MC}/registries/facilities`);
    expect(page.body).toContain('aria-labelledby="floor-area-chart-title floor-area-chart-desc"');
    expect(page.body).toContain("20%減の");
    expect(page.body).toContain('aria-labelledby="facility-map-title facility-map-desc"');
    expect(page.body).toContain("円の大きさは延床面積");

    const programs = await t.json(`/api/v1/municipalities/${MC}/programs`);
    const program = programs.body.items[0] as { code: string; name: string };
    const facilities = await t.json(`/api/v1/municipalities/${MC}/registries/facilities`);
    const hall = facilities.body.items.find((i: { name: string }) => i.name === "サンプル市民会館");
    const planner = await staffOf(t, MC, DEMO.planner.email, DEMO.planner.password);
    const path = `/${MC}/manage/registries/facilities/${hall.id}`;
    const form = await (await planner.page(path)).text();
    const version = /name="version" value="(\d+)"/.exec(form)![1]!;
    const edited = await planner.post(path, {
      version,
      sample: "1",
      name: "サンプル市民会館",
      nameKana: String(hall.fields.nameKana),
      address: String(hall.fields.address),
      category: String(hall.fields.category),
      latitude: String(hall.fields.latitude),
      longitude: String(hall.fields.longitude),
      floorArea: "5000",
      builtYear: String(hall.fields.builtYear),
      plan: "長寿命化",
      programCode: program.code,
    });
    expect(edited.status).toBe(303);

    // The record's history says what changed, from what to what; the program's cost is linked.
    const record = await t.text(`/${MC}/registries/facilities/${hall.id}`);
    expect(record.body).toContain("変更の履歴");
    expect(record.body).toMatch(/延床面積：[\d,]+㎡ → 5,000㎡/);
    expect(record.body).toContain("個別施設計画の方針：未定 → 長寿命化");
    expect(record.body).toContain(" 登録");
    expect(record.body).toContain("この施設を運営する事務事業のコスト");
    expect(record.body).toContain(`href="/${MC}/programs/${program.code}"`);
    expect(record.body).toContain("総コスト");
    const staffPage = await (await planner.page(path)).text();
    expect(staffPage).toContain("個別施設計画の方針：未定 → 長寿命化");
  });

  it("counts a registry's indicator once more when the year's round closes, as the records stand that day", async () => {
    const year = FY - 1;
    const planner = await staffOf(t, MC, DEMO.planner.email, DEMO.planner.password);
    const opened = await planner.post(`/${MC}/manage/rounds`, {
      fiscalYear: String(year),
      deadline: `${FY}-06-30`,
    });
    expect(opened.status).toBe(303);
    const added = await planner.post(`/${MC}/manage/registries/online-procedures/new`, {
      name: "粗大ごみの収集申込",
      platform: "市独自",
      since: `${year}-05-01`,
    });
    expect(added.status).toBe(303);
    const running = (await valuesOf("GZ-5-R2")).running.find((r) => r.fiscalYear === year);
    expect(running).toMatchObject({ value: 1 });

    // A correction that reached the table without the registry's own writes (a restore, a bulk
    // fix): the procedure was in fact withdrawn during that year.
    await withTenant(t.database.db, MC, (tx) =>
      tx
        .update(registryRecords)
        .set({ retiredOn: `${year}-10-01`, retiredReason: "サービス終了" })
        .where(
          and(
            eq(registryRecords.municipalityCode, MC),
            eq(registryRecords.name, "粗大ごみの収集申込"),
          ),
        ),
    );
    const closed = await planner.post(`/${MC}/manage/rounds/${year}/close`, {});
    expect(closed.status).toBe(303);
    const after = await valuesOf("GZ-5-R2");
    expect(after.running.find((r) => r.fiscalYear === year)).toBeUndefined();
    expect(after.actuals.find((a) => a.fiscalYear === year)).toMatchObject({ value: 0 });
  });
});
