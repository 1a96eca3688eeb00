/**
 * The staff page that links the municipality's own indicators to shared indicators: a planner
 * links and unlinks (one audit entry each), a form opened on another link is a conflict (409),
 * viewers and editors are refused (403), and nothing reaches another municipality's indicators.
 */
import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import path, { join } from "node:path";
import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { auditLog } from "../../src/core/audit-schema.ts";
import { withTenant } from "../../src/core/db/tenant.ts";
import { importNationalFile } from "../../src/peers/index.ts";
import { importPlans } from "../../src/plan/plan-import.ts";
import { writeFixtures } from "../fixtures/national/generate.ts";
import { describeEachBackend } from "../support/app.ts";
import { DEMO, staffOf } from "../support/staff.ts";

const MC = "082058";
const OTHER = "082015";
const PAGE = `/${MC}/manage/shared-indicators`;
const SHARED = "real-debt-service-ratio";

describeEachBackend("linking own indicators to shared indicators", (t) => {
  type Staff = Awaited<ReturnType<typeof staffOf>>;
  let planner: Staff;
  let editor: Staff;
  let viewer: Staff;

  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), "shisaku-links-"));
    const files = await writeFixtures(dir);
    await importNationalFile(t.database.db, files.kenzenka, 2023);
    await importPlans(t.database.db, path.resolve("test/fixtures/second-municipality"));
    [planner, editor, viewer] = await Promise.all([
      staffOf(t, MC, DEMO.planner.email, DEMO.planner.password),
      staffOf(t, MC, DEMO.editor.email, DEMO.editor.password),
      staffOf(t, MC, DEMO.viewer.email, DEMO.viewer.password),
    ]);
  });

  const audits = () =>
    withTenant(t.database.db, MC, (tx) =>
      tx
        .select({ key: auditLog.recordKey, before: auditLog.before, after: auditLog.after })
        .from(auditLog)
        .where(and(eq(auditLog.municipalityCode, MC), eq(auditLog.action, "peers.link_indicator"))),
    );

  it("lists every own indicator with its shared code and a select, linked from the staff home", async () => {
    const home = await (await planner.page(`/${MC}/manage/`)).text();
    expect(home).toContain(`href="${PAGE}"`);
    const res = await planner.page(PAGE);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("共通指標との関連付け");
    expect(html).toContain('id="indicator-GZ-2-O3"');
    expect(html).toContain(`<option value="${SHARED}">`);
    expect(html).toContain("関連付けなし");
    const found = await (await planner.page(`${PAGE}?q=GZ-2-O3`)).text();
    expect(found).toContain('id="indicator-GZ-2-O3"');
    expect(found).not.toContain('id="indicator-GZ-2-O1"');
  });

  it("links and unlinks, each audited once, and the indicator page shows the peer median", async () => {
    expect((await t.text(`/${MC}/indicators/GZ-2-O3`)).body).not.toContain("類似団体との比較");
    const linked = await planner.post(`${PAGE}/GZ-2-O3`, { current: "", sharedCode: SHARED });
    expect(linked.status).toBe(303);
    expect(linked.headers.get("location")).toContain("done=linked");
    const html = await (await planner.page(`${PAGE}?q=GZ-2-O3`)).text();
    expect(html).toContain(`<option value="${SHARED}" selected="">`);
    expect((await t.text(`/${MC}/indicators/GZ-2-O3`)).body).toContain("類似団体との比較");

    // Saving the same choice again changes nothing and writes no audit entry.
    const same = await planner.post(`${PAGE}/GZ-2-O3`, { current: SHARED, sharedCode: SHARED });
    expect(same.headers.get("location")).toContain("done=unchanged");

    // One shared indicator, one own indicator: a second is refused, naming the first.
    const taken = await planner.post(`${PAGE}/GZ-2-O1`, { current: "", sharedCode: SHARED });
    expect(taken.status).toBe(400);
    expect(await taken.text()).toContain("指標 GZ-2-O3 がすでに関連付けられています");

    const unlinked = await planner.post(`${PAGE}/GZ-2-O3`, { current: SHARED, sharedCode: "" });
    expect(unlinked.headers.get("location")).toContain("done=unlinked");
    expect((await t.text(`/${MC}/indicators/GZ-2-O3`)).body).not.toContain("類似団体との比較");
    expect(await audits()).toEqual([
      { key: "GZ-2-O3", before: { sharedCode: null }, after: { sharedCode: SHARED } },
      { key: "GZ-2-O3", before: { sharedCode: SHARED }, after: { sharedCode: null } },
    ]);
  });

  it("answers 409 to a form opened on another link, and changes nothing", async () => {
    await planner.post(`${PAGE}/GZ-2-O3`, { current: "", sharedCode: SHARED });
    const stale = await planner.post(`${PAGE}/GZ-2-O3`, {
      current: "",
      sharedCode: "future-burden-ratio",
    });
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("画面を開いた後にほかの人が変更しました");
    const html = await (await planner.page(`${PAGE}?q=GZ-2-O3`)).text();
    expect(html).toContain(`<option value="${SHARED}" selected="">`);
    const unknown = await planner.post(`${PAGE}/GZ-2-O3`, {
      current: SHARED,
      sharedCode: "no-such-indicator",
    });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("共通指標 no-such-indicator は一覧にありません");
    await planner.post(`${PAGE}/GZ-2-O3`, { current: SHARED, sharedCode: "" });
  });

  it("refuses viewers and editors (403), the page and the save", async () => {
    for (const who of [viewer, editor]) {
      expect((await who.page(PAGE)).status).toBe(403);
      const res = await who.post(`${PAGE}/GZ-2-O3`, { current: "", sharedCode: SHARED });
      expect(res.status).toBe(403);
    }
    const home = await (await editor.page(`/${MC}/manage/`)).text();
    expect(home).not.toContain(`href="${PAGE}"`);
    expect(await audits()).toHaveLength(4);
  });

  it("reaches no other municipality's indicators", async () => {
    // Another municipality's indicator code through this municipality's address: not found.
    const across = await planner.post(`${PAGE}/SP-P1`, { current: "", sharedCode: SHARED });
    expect(across.status).toBe(404);
    // This municipality's session at the other municipality's address: not signed in there.
    const other = await planner.post(`/${OTHER}/manage/shared-indicators/SP-P1`, {
      current: "",
      sharedCode: SHARED,
    });
    expect([303, 403]).toContain(other.status);
    expect((await planner.page(`/${OTHER}/manage/shared-indicators`)).status).not.toBe(200);
    const links = await withTenant(t.database.db, OTHER, (tx) =>
      tx.execute("select count(*)::int as n from shared_indicator_links"),
    );
    expect((links as unknown as { rows: { n: number }[] }).rows[0]!.n).toBe(0);
  });
});
