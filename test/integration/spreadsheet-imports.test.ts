/**
 * Applied imports are kept: the uploaded bytes are stored in the applying transaction, the audit
 * entry names the stored file and links it, the spreadsheets page lists recent imports, and the
 * file downloads again under its original (Japanese) name for staff allowed the dataset. A
 * large preview runs as a job whose page belongs to the person who started it.
 */
import { and, eq } from "drizzle-orm";
import { beforeAll, expect, it, vi } from "vitest";
import { auditLog } from "../../src/core/audit-schema.ts";
import { withTenant } from "../../src/core/db/tenant.ts";
import { shortFiscalYearLabel } from "../../src/core/fiscal-year.ts";
import { reportingYear } from "../../src/core/reporting-years.ts";
import { spreadsheetImports } from "../../src/spreadsheets/schema.ts";
import { describeEachBackend, type TestContext } from "../support/app.ts";
import {
  confirmSheet,
  downloadSheet,
  plain,
  uploadSheet,
  utf8,
  withBom,
} from "../support/spreadsheets.ts";
import { DEMO, staffOf } from "../support/staff.ts";

const MC = "082058";
/** 職員提案の提案数 (件), the demo editor's section's. */
const COUNT = "GZ-1-R1";
const YEAR = shortFiscalYearLabel(reportingYear());
const NAME = "実績値（令和7年度 修正）.csv";

type Staff = Awaited<ReturnType<typeof staffOf>>;

/** The export with the current year's cell of COUNT set to `value`. */
function edited(csv: string, value: string) {
  const lines = csv.split("\r\n");
  const col = lines[0]!.split(",").indexOf(YEAR);
  const at = lines.findIndex((l) => l.startsWith(`${COUNT},`));
  const cells = lines[at]!.split(",");
  cells[col] = value;
  lines[at] = cells.join(",");
  return withBom(lines.join("\r\n"));
}

async function stored(t: TestContext) {
  return withTenant(t.database.db, MC, (tx) =>
    tx.select().from(spreadsheetImports).where(eq(spreadsheetImports.municipalityCode, MC)),
  );
}

/** Is this a running job's page (which reloads itself without JavaScript)? */
const isRunningJob = async (page: Response) => {
  const html = await page.clone().text();
  return html.includes('id="job-status"') && html.includes('http-equiv="refresh"');
};

/** A job's page once the job has finished (the page reloads itself until then). */
async function finished(s: Staff, location: string, running?: RegExp) {
  let page = await s.page(location);
  for (let n = 0; n < 100 && (await isRunningJob(page)); n++) {
    if (running) expect(plain(await page.text())).toMatch(running);
    await new Promise((r) => setTimeout(r, 100));
    page = await s.page(location);
  }
  return page;
}

describeEachBackend("stored spreadsheet imports", (t) => {
  let planner: Staff;
  let editor: Staff;
  let viewer: Staff;
  let bytes: Uint8Array;
  let importId: number;

  beforeAll(async () => {
    [planner, editor, viewer] = await Promise.all([
      staffOf(t, MC, DEMO.planner.email, DEMO.planner.password),
      staffOf(t, MC, DEMO.editor.email, DEMO.editor.password),
      staffOf(t, MC, DEMO.viewer.email, DEMO.viewer.password),
    ]);
    bytes = edited(utf8(await downloadSheet(editor, MC, "actuals", "format=csv")), "23");
  });

  it("stores the applied file with the import and names it in the audit entry", async () => {
    expect(await stored(t)).toEqual([]);
    const preview = await uploadSheet(t, editor, MC, "actuals", bytes, NAME);
    expect(preview.status).toBe(200);
    const html = await preview.text();
    // A preview alone stores nothing.
    expect(await stored(t)).toEqual([]);
    const applied = await confirmSheet(editor, MC, "actuals", html, { reason: "再集計" });
    expect(applied.status).toBe(303);
    const [row] = await stored(t);
    expect(row).toMatchObject({
      dataset: "actuals",
      fileName: NAME,
      format: "csv",
      size: bytes.length,
      appliedBy: expect.stringContaining(DEMO.editor.email),
    });
    expect(new Uint8Array(row!.content)).toEqual(bytes);
    importId = row!.id;
    expect(applied.headers.get("location")).toContain(`&import=${importId}`);

    const [entry] = await withTenant(t.database.db, MC, (tx) =>
      tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.municipalityCode, MC), eq(auditLog.action, "spreadsheet.import"))),
    );
    expect(entry!.recordKey).toBe(`actuals/${importId}`);
    expect(entry!.after).toMatchObject({
      importId,
      file: NAME,
      sha256: row!.sha256,
      changes: [{ key: COUNT, column: YEAR, after: 23 }],
    });
  });

  it("downloads the file again under its Japanese name, for staff allowed the dataset", async () => {
    const href = `/${MC}/manage/spreadsheets/imports/${importId}/file`;
    for (const s of [planner, editor]) {
      const res = await s.page(href);
      expect(res.status).toBe(200);
      expect(new Uint8Array(await res.arrayBuffer())).toEqual(bytes);
      const disposition = res.headers.get("content-disposition") ?? "";
      expect(disposition).toContain(
        `filename*=UTF-8''${encodeURIComponent(NAME).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`,
      );
      expect(disposition).toMatch(/^attachment; filename="[\x20-\x7e]+"; /);
      expect(decodeURIComponent(/filename\*=UTF-8''(\S+)/.exec(disposition)![1]!)).toBe(NAME);
    }
    expect((await viewer.page(href)).status).toBe(403);
    expect((await planner.page(`/${MC}/manage/spreadsheets/imports/999999/file`)).status).toBe(404);
    expect((await planner.page(`/${MC}/manage/spreadsheets/imports/x/file`)).status).toBe(404);
  });

  it("lists recent imports on the spreadsheets page and links the file from the audit trail", async () => {
    const href = `/${MC}/manage/spreadsheets/imports/${importId}/file`;
    const page = await (await editor.page(`/${MC}/manage/spreadsheets`)).text();
    expect(page).toContain(`href="${href}"`);
    const text = plain(page);
    expect(text).toContain("最近の取り込み");
    expect(text).toContain(NAME);
    expect(text).toContain("1 行・1 セル");
    expect(text).toContain("デモ入力担当（行革推進課）");
    // A viewer may not download actuals' files: none listed.
    const viewers = await (await viewer.page(`/${MC}/manage/spreadsheets`)).text();
    expect(viewers).not.toContain(href);

    const audit = await (
      await planner.page(`/${MC}/manage/audit?action=spreadsheet.import`)
    ).text();
    expect(audit).toContain(`href="${href}"`);
    expect(plain(audit)).toContain(`取り込んだファイル「${NAME}」をダウンロード`);
  });

  it("runs a preview that does not finish at once as a job: its page, then the preview", async () => {
    vi.stubEnv("SHISAKU_PREVIEW_WAIT_MS", "0");
    const file = edited(utf8(await downloadSheet(editor, MC, "actuals", "format=csv")), "24");
    const res = await uploadSheet(t, editor, MC, "actuals", file, "job.csv");
    expect(res.status).toBe(303);
    const location = res.headers.get("location")!;
    expect(location).toMatch(new RegExp(`^/${MC}/manage/spreadsheets/jobs/[A-Za-z0-9_-]{24}$`));
    // Someone else (another person of the same municipality) does not see it.
    expect((await planner.page(location)).status).toBe(404);
    let page = await editor.page(location);
    for (let n = 0; n < 50 && (await isRunningJob(page)); n++) {
      expect(plain(await page.text())).toMatch(/ファイルを読み取|行を確認中/);
      await new Promise((r) => setTimeout(r, 100));
      page = await editor.page(location);
    }
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(plain(html)).toContain("変更するセル: 1");
    expect(html).toContain("この内容で確定する");
    // The job's file is the one applied (the apply is a job too, the wait being 0).
    const applied = await confirmSheet(editor, MC, "actuals", html, { reason: "再集計" });
    expect(applied.status).toBe(303);
    const done = await finished(editor, applied.headers.get("location")!);
    expect(done.status).toBe(303);
    expect(done.headers.get("location")).toContain(`/${MC}/manage/spreadsheets/actuals/result?`);
    expect((await stored(t)).map((r) => r.fileName)).toEqual([NAME, "job.csv"]);
  });

  it("applies as a job: its page shows the writing, then sends on to the result", async () => {
    const file = edited(utf8(await downloadSheet(editor, MC, "actuals", "format=csv")), "25");
    const preview = await uploadSheet(t, editor, MC, "actuals", file, "apply-job.csv");
    expect(preview.status).toBe(200);
    const html = await preview.text();
    vi.stubEnv("SHISAKU_PREVIEW_WAIT_MS", "0");
    // Changes that are not the ones previewed: the job ends in the conflict, nothing written.
    const refused = await confirmSheet(editor, MC, "actuals", html, { digest: "0".repeat(64) });
    const location = refused.headers.get("location")!;
    expect(location).toMatch(new RegExp(`^/${MC}/manage/spreadsheets/jobs/[A-Za-z0-9_-]{24}$`));
    expect((await planner.page(location)).status).toBe(404);
    const again = await finished(editor, location, /取り込み中|ファイルを読み取|書き込み中/);
    expect(again.status).toBe(409);
    expect(plain(await again.text())).toContain("確認した後にデータが変わりました");
    expect((await stored(t)).map((r) => r.fileName)).not.toContain("apply-job.csv");

    const applied = await confirmSheet(editor, MC, "actuals", html, { reason: "再集計" });
    const done = await finished(editor, applied.headers.get("location")!);
    expect(done.status).toBe(303);
    const result = done.headers.get("location")!;
    expect(result).toMatch(
      new RegExp(`^/${MC}/manage/spreadsheets/actuals/result\\?rows=1&cells=1&import=\\d+$`),
    );
    expect((await stored(t)).map((r) => r.fileName)).toContain("apply-job.csv");
    expect(plain(await (await editor.page(result)).text())).toContain("1 行");
  });

  it("shows a job's unreadable file as the upload would", async () => {
    vi.stubEnv("SHISAKU_PREVIEW_WAIT_MS", "0");
    const res = await uploadSheet(
      t,
      editor,
      MC,
      "actuals",
      new Uint8Array([0x50, 0x4b, 3, 4, 1]),
      "x.xlsx",
    );
    const location = res.headers.get("location")!;
    let page = await editor.page(location);
    for (let n = 0; n < 50 && (await isRunningJob(page)); n++) {
      await new Promise((r) => setTimeout(r, 100));
      page = await editor.page(location);
    }
    expect(page.status).toBe(422);
    expect(plain(await page.text())).toContain(
      "ファイルが壊れているか、Excel ブック（.xlsx）ではありません",
    );
  });
});
