/**
 * Spreadsheet round trip of the fiscal frame (dataset 財政フレーム): an unchanged upload says
 * 変更なし, one edited cell is exactly that change written through the staff page's store, and a
 * negative amount (△) is refused naming the row and column.
 */
import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { beforeAll, expect, it } from "vitest";
import { auditLog } from "../../src/core/audit-schema.ts";
import { withTenant } from "../../src/core/db/tenant.ts";
import { loadFrame } from "../../src/finance/frame-queries.ts";
import { describeEachBackend, type TestContext } from "../support/app.ts";
import { DEMO, ORIGIN, staffOf } from "../support/staff.ts";

const MC = "082058";
const BASE = `/${MC}/manage/spreadsheets/frame`;
const SHEET = "財政フレーム";
/** The column of 2018 as exported. */
const H30 = "平成30年度";
type Staff = Awaited<ReturnType<typeof staffOf>>;

async function download(s: Staff) {
  const res = await s.page(`${BASE}/export?format=xlsx`);
  expect(res.status).toBe(200);
  return new Uint8Array(await res.arrayBuffer());
}

function upload(t: TestContext, s: Staff, bytes: Uint8Array) {
  const form = new FormData();
  form.set("_csrf", s.csrf);
  form.set("format", "auto");
  form.set("file", new File([bytes], "frame.xlsx"));
  return t.get(`${BASE}/preview`, {
    method: "POST",
    headers: { origin: ORIGIN, cookie: s.cookie },
    body: form,
  });
}

function confirm(s: Staff, html: string) {
  const field = (name: string) =>
    new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? "";
  return s.post(`${BASE}/apply`, {
    fileName: field("fileName"),
    format: field("format"),
    sha256: field("sha256"),
    digest: field("digest"),
    data: field("data"),
  });
}

/** The workbook with one cell replaced (row by 区分コード, column by header). */
async function edit(bytes: Uint8Array, code: string, header: string, value: ExcelJS.CellValue) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet(SHEET)!;
  let col = 0;
  ws.getRow(1).eachCell((c, n) => {
    if (c.value === header) col = n;
  });
  let row = 0;
  ws.eachRow((r, n) => {
    if (r.getCell(1).value === code) row = n;
  });
  expect(col * row).toBeGreaterThan(1);
  ws.getCell(row, col).value = value;
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describeEachBackend("spreadsheets of the fiscal frame", (t) => {
  let planner: Staff;
  beforeAll(async () => {
    planner = await staffOf(t, MC, DEMO.planner.email, DEMO.planner.password);
  });
  const years = async () => (await loadFrame(t.database.db, MC)).years;

  it("reads its own export back as 変更なし", async () => {
    const before = await years();
    const res = await upload(t, planner, await download(planner));
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain("変更なし");
    expect(html).not.toContain("この内容で確定する");
    expect(await years()).toEqual(before);
  });

  it("writes one edited cell as exactly that change, through the frame store", async () => {
    const before = await years();
    const y2018 = before.find((y) => y.fiscalYear === 2018)!;
    const bytes = await edit(await download(planner), "expenditure.materials", H30, 4_321_000_000);
    const res = await upload(t, planner, bytes);
    const html = await res.text();
    expect(res.status, html.replace(/<[^>]+>/g, "").slice(0, 1500)).toBe(200);
    expect(html).toContain("この内容で確定する");
    const applied = await confirm(planner, html);
    expect(applied.status).toBe(303);
    const after = await years();
    const changed = after.find((y) => y.fiscalYear === 2018)!;
    expect(changed.expenditure.materials).toBe(4_321_000_000);
    expect({
      ...changed,
      expenditure: { ...changed.expenditure, materials: y2018.expenditure.materials },
      version: y2018.version,
    }).toEqual(y2018);
    expect(after.filter((y) => y.fiscalYear !== 2018)).toEqual(
      before.filter((y) => y.fiscalYear !== 2018),
    );
    const entries = await withTenant(t.database.db, MC, (tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, "finance.frame_year")),
    );
    expect(entries.map((e) => e.recordKey)).toEqual(["2018:settled"]);
  });

  it("refuses a negative amount, naming the row and column", async () => {
    const bytes = await edit(await download(planner), "revenue.cityTax", H30, "△1,000");
    const html = await (await upload(t, planner, bytes)).text();
    expect(html).toContain("マイナスの額は入力できません");
    expect(html).toContain(H30);
  });
});
