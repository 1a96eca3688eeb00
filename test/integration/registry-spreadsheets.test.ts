/**
 * The registries' spreadsheet round trip (issue 21): a clerk downloads the blank template of
 * 電子申請の手続, fills two new procedures, previews and applies them; the registry, its
 * indicator and the audit trail follow. A later file edits one and retires another; a row with
 * an impossible date is refused naming its row and column, and nothing is written.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { auditLog } from "../../src/core/audit-schema.ts";
import { toCsv } from "../../src/core/csv.ts";
import { withTenant } from "../../src/core/db/tenant.ts";
import { fiscalYearInJapan } from "../../src/core/fiscal-year.ts";
import { indicators, runningActuals } from "../../src/indicators/schema.ts";
import { parseCsv } from "../../src/spreadsheets/files.ts";
import { describeEachBackend, type TestContext } from "../support/app.ts";
import {
  confirmSheet,
  downloadSheet,
  uploadSheet,
  utf8,
  withBom,
} from "../support/spreadsheets.ts";
import { DEMO, staffOf } from "../support/staff.ts";

const MC = "082058";
const FY = fiscalYearInJapan(new Date());
type Staff = Awaited<ReturnType<typeof staffOf>>;

const DS = "registry-online-procedures";
const csvBytes = (rows: string[][]) => withBom(toCsv(rows[0]!, rows.slice(1)));

async function download(s: Staff, template = false) {
  const bytes = await downloadSheet(s, MC, DS, `format=csv${template ? "&template=1" : ""}`);
  return parseCsv(utf8(bytes)).filter((r) => r.some((c) => c !== ""));
}
const upload = (t: TestContext, s: Staff, bytes: Uint8Array) =>
  uploadSheet(t, s, MC, DS, bytes, "procedures.csv");
const confirm = (s: Staff, html: string) => confirmSheet(s, MC, DS, html);

/** Sets the cells of the row whose 記録番号 is `key` (by header). */
function set(rows: string[][], key: string, cells: Record<string, string>) {
  const [header, ...data] = rows;
  const row = data.find((r) => r[0] === key);
  expect(row, key).toBeDefined();
  for (const [h, v] of Object.entries(cells)) {
    const i = header!.indexOf(h);
    expect(i, h).toBeGreaterThanOrEqual(0);
    row![i] = v;
  }
  return rows;
}

describeEachBackend("registries as spreadsheets", (t) => {
  let editor: Staff;
  beforeAll(async () => {
    editor = await staffOf(t, MC, DEMO.editor.email, DEMO.editor.password);
  });
  const running = () =>
    withTenant(t.database.db, MC, async (tx) => {
      const [i] = await tx
        .select({ id: indicators.id })
        .from(indicators)
        .where(and(eq(indicators.municipalityCode, MC), eq(indicators.code, "GZ-5-R2")));
      return tx
        .select({ fiscalYear: runningActuals.fiscalYear, value: runningActuals.value })
        .from(runningActuals)
        .where(and(eq(runningActuals.indicatorId, i!.id), eq(runningActuals.fiscalYear, FY)));
    });
  const items = async () =>
    (await t.json(`/api/v1/municipalities/${MC}/registries/online-procedures`)).body.items as {
      id: number;
      name: string;
      retiredOn: string | null;
      fields: Record<string, unknown>;
    }[];

  it("adds the procedures a clerk typed into the blank template, and counts them", async () => {
    const template = await download(editor, true);
    expect(template[0]).toEqual([
      "記録番号",
      "手続名",
      "担当課",
      "申請の方法",
      "受付開始日",
      "サンプル",
      "廃止・終了日",
      "廃止・終了の理由",
      "_版",
    ]);
    expect(template.slice(1).map((r) => r[0])).toEqual([
      "新規1",
      "新規2",
      "新規3",
      "新規4",
      "新規5",
    ]);
    set(template, "新規1", {
      手続名: "住民票の写しの交付申請",
      担当課: "市民課",
      申請の方法: "マイナポータル（ぴったりサービス）",
      受付開始日: `${FY}/4/1`,
    });
    set(template, "新規2", {
      手続名: "犬の登録",
      申請の方法: "いばらき電子申請・届出サービス",
      受付開始日: `${FY}-06-01`,
    });
    const res = await upload(t, editor, csvBytes(template));
    const html = await res.text();
    expect(res.status, html.replace(/<[^>]+>/g, " ").slice(0, 1500)).toBe(200);
    expect(html).toContain("住民票の写しの交付申請（追加）");
    expect(await items()).toEqual([]);
    expect((await confirm(editor, html)).status).toBe(303);

    const added = await items();
    expect(added.map((i) => [i.name, i.fields.since])).toEqual([
      ["住民票の写しの交付申請", `${FY}-04-01`],
      ["犬の登録", `${FY}-06-01`],
    ]);
    expect(await running()).toEqual([{ fiscalYear: FY, value: 2 }]);
    const audit = await withTenant(t.database.db, MC, (tx) =>
      tx
        .select({ action: auditLog.action, key: auditLog.recordKey })
        .from(auditLog)
        .where(eq(auditLog.recordType, "registry_record")),
    );
    expect(
      audit.filter((a) => a.action === "registry.add" && a.key.startsWith("online-procedures/")),
    ).toHaveLength(2);
  });

  it("edits one procedure and retires another from the next file; the history shows both", async () => {
    const [resident, dog] = await items();
    const rows = await download(editor);
    set(rows, String(resident!.id), { 担当課: "市民課窓口係" });
    set(rows, String(dog!.id), {
      "廃止・終了日": `${FY}-09-30`,
      "廃止・終了の理由": "窓口に一本化",
    });
    const html = await (await upload(t, editor, csvBytes(rows))).text();
    expect(html).toContain("市民課窓口係");
    expect((await confirm(editor, html)).status).toBe(303);
    const after = await items();
    expect(after.find((i) => i.id === resident!.id)!.fields.section).toBe("市民課窓口係");
    expect(after.find((i) => i.id === dog!.id)!.retiredOn).toBe(`${FY}-09-30`);
    expect(await running()).toEqual([{ fiscalYear: FY, value: 1 }]);
    const page = await t.text(`/${MC}/registries/online-procedures/${resident!.id}`);
    expect(page.body).toContain("担当課：市民課 → 市民課窓口係");
  });

  it("refuses a file with an impossible date or a new row retired, naming row and column, and writes nothing", async () => {
    const before = await items();
    const rows = await download(editor);
    rows.push(["新規1", "粗大ごみの収集申込", "", "市独自", `${FY}-02-30`, "", "", ""]);
    rows.push(["新規2", "ごみ袋の申込", "", "市独自", `${FY}-05-01`, "", `${FY}-06-01`, "試行"]);
    const html = await (await upload(t, editor, csvBytes(rows))).text();
    const text = html.replace(/<[^>]+>/g, " ");
    expect(text).toMatch(/4 行目[\s\S]*受付開始日/);
    expect(text).toContain(`「${FY}-02-30」`);
    expect(text).toContain("新しい記録は廃止・終了にできません");
    expect(html).not.toContain("この内容で確定する");
    expect(await items()).toEqual(before);
  });
});
