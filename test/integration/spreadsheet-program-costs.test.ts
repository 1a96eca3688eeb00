/**
 * Spreadsheet round trips of program costs (the dataset 事務事業のコスト): an unchanged export
 * (CSV and xlsx) imports back as 「変更なし」; one edited cell is exactly that change, saved
 * through the staff form's store function (its checks, permissions and audit entry); funding
 * that no longer adds up names the row; another section's rows are refused. A new row adds a
 * year to a program; the blank template holds next year's rows.
 */
import { and, asc, eq } from "drizzle-orm";
import { expect, it } from "vitest";
import type { Principal } from "../../src/accounts/rules.ts";
import { auditLog } from "../../src/core/audit-schema.ts";
import { toCsv } from "../../src/core/csv.ts";
import { withTenant } from "../../src/core/db/tenant.ts";
import { lastCostYear } from "../../src/costs/cost-store.ts";
import { programYears } from "../../src/costs/schema.ts";
import { programs } from "../../src/programs/schema.ts";
import { parseCsv } from "../../src/spreadsheets/files.ts";
import {
  applyImport,
  datasetNamed,
  exportDataset,
  previewImport,
  previewText,
} from "../../src/spreadsheets/import.ts";
import { describeEachBackend } from "../support/app.ts";

const MC = "082058";
const OWN = "01-02-01-05-001/2024";
const OTHER = "01-02-01-01-003/2024";
const editor: Principal = {
  userId: 3,
  email: "editor@demo.invalid",
  role: "editor",
  sectionCodes: ["gyokaku-suishin"],
};
const actor = { label: "user:3 editor@demo.invalid" };

/** The CSV (without BOM) with one cell replaced, by row key and header. */
function edit(text: string, key: string, header: string, value: string) {
  const [headers, ...rows] = parseCsv(text).filter((r) => r.some((c) => c !== ""));
  const col = headers!.indexOf(header);
  expect(col).toBeGreaterThan(0);
  const at = rows.findIndex((r) => r[0] === key);
  expect(at).toBeGreaterThanOrEqual(0);
  rows[at]![col] = value;
  return { bytes: new TextEncoder().encode(toCsv(headers!, rows)), row: at + 2 };
}

describeEachBackend("spreadsheets of program costs", (t) => {
  const ds = datasetNamed("program-costs");
  const csv = async () =>
    Buffer.from(await exportDataset(t.database.db, MC, ds, "csv", { drafts: true }))
      .subarray(3)
      .toString("utf8");
  const upload = (bytes: Uint8Array, format: "csv" | "xlsx" = "csv") => ({
    fileName: `program-costs.${format}`,
    bytes,
    format,
  });
  const year = async (code: string, fy: number) => {
    const [row] = await withTenant(t.database.db, MC, (tx) =>
      tx
        .select({ y: programYears })
        .from(programYears)
        .innerJoin(programs, eq(programs.id, programYears.programId))
        .where(and(eq(programs.code, code), eq(programYears.fiscalYear, fy))),
    );
    return row!.y;
  };

  it("exports one row per program and year that imports back unchanged (CSV and xlsx)", async () => {
    const text = await csv();
    const [header, first] = parseCsv(text);
    expect(header!.slice(0, 6)).toEqual([
      "事業・年度コード",
      "事務事業名",
      "担当課",
      "年度",
      "リーディングプロジェクト",
      "当初予算額",
    ]);
    expect(first!.slice(0, 4)).toEqual([
      "01-02-01-01-003/2023",
      "【サンプル】職員研修事業",
      "総務課",
      "令和5年度",
    ]);
    const preview = await previewImport(
      t.database.db,
      MC,
      ds,
      upload(new TextEncoder().encode(text)),
      editor,
    );
    expect(preview.errors).toEqual([]);
    expect(preview.changes).toEqual([]);
    expect(preview.unchangedRows).toBe(14);
    expect(previewText(preview)).toContain("変更なし");

    const xlsx = await exportDataset(t.database.db, MC, ds, "xlsx", { drafts: true });
    const again = await previewImport(t.database.db, MC, ds, upload(xlsx, "xlsx"), editor);
    expect(again.errors).toEqual([]);
    expect(again.changes).toEqual([]);
  });

  it("names the row when funding no longer adds up, and refuses another section's rows", async () => {
    const text = await csv();
    const unbalanced = edit(text, OWN, "決算額", "3,400,000");
    const preview = await previewImport(t.database.db, MC, ds, upload(unbalanced.bytes), editor);
    expect(preview.changes).toEqual([]);
    expect(preview.errors).toEqual([
      expect.objectContaining({
        row: unbalanced.row,
        message: expect.stringContaining(
          "財源内訳の合計（3,410,000円）が事業費（3,400,000円）と一致しません",
        ),
      }),
    ]);
    const other = edit(text, OTHER, "当初予算額", "1");
    const refused = await previewImport(t.database.db, MC, ds, upload(other.bytes), editor);
    expect(refused.errors[0]!.message).toContain(`該当する行: ${other.row} 行目`);
  });

  it("applies one changed cell as exactly that change, through the form's store", async () => {
    const changed = edit(await csv(), OWN, "当初予算額", "3600000");
    const preview = await previewImport(t.database.db, MC, ds, upload(changed.bytes), editor);
    expect(preview.errors).toEqual([]);
    expect(preview.changes.map((c) => [c.row, c.key, c.column, c.before, c.after])).toEqual([
      [changed.row, OWN, "当初予算額", 3500000, 3600000],
    ]);
    const result = await applyImport(t.database.db, MC, ds, upload(changed.bytes), editor, actor, {
      sha256: preview.sha256,
      digest: preview.digest,
      reason: null,
    });
    expect(result.status).toBe("applied");
    expect(await year("01-02-01-05-001", 2024)).toMatchObject({
      initialBudget: 3600000,
      finalBudget: 3500000,
      settlement: 3410000,
      version: 2,
    });
    const entries = await withTenant(t.database.db, MC, (tx) =>
      tx
        .select({ action: auditLog.action, key: auditLog.recordKey })
        .from(auditLog)
        .where(eq(auditLog.municipalityCode, MC))
        .orderBy(asc(auditLog.id)),
    );
    expect(entries.slice(-2).map((e) => e.action)).toEqual([
      "program_year.save",
      "spreadsheet.import",
    ]);
    expect(entries.at(-2)!.key).toBe(OWN);
    // The same file again: nothing left to change.
    const again = await previewImport(t.database.db, MC, ds, upload(changed.bytes), editor);
    expect(again.changes).toEqual([]);
  });

  /** A file of only these rows, under the export's headers (the other rows stay as they are). */
  const fileOf = async (rows: [string, Record<string, string>][]) => {
    const [headers] = parseCsv(await csv());
    const cells = rows.map(([key, values]) =>
      headers!.map((h, i) => (i === 0 ? key : (values[h] ?? ""))),
    );
    return new TextEncoder().encode(toCsv(headers!, cells));
  };
  const BUDGET = { 当初予算額: "3,700,000", 最終予算額: "3,700,000", 一般財源: "3,700,000" };

  it("adds a year in a new row, for whoever may edit the program, counted as added", async () => {
    const key = "01-02-01-05-001/2025";
    const bytes = await fileOf([[key, BUDGET]]);
    const preview = await previewImport(t.database.db, MC, ds, upload(bytes), editor);
    expect(preview.errors).toEqual([]);
    expect([preview.addedRows, preview.changedRows]).toEqual([1, 0]);
    expect(preview.changes.map((c) => [c.row, c.key, c.column, c.before, c.after])).toEqual([
      [2, key, "当初予算額", null, 3700000],
      [2, key, "最終予算額", null, 3700000],
      [2, key, "一般財源", null, 3700000],
    ]);
    expect(previewText(preview)).toContain("追加 1・変更あり 0");
    const result = await applyImport(t.database.db, MC, ds, upload(bytes), editor, actor, {
      sha256: preview.sha256,
      digest: preview.digest,
      reason: null,
    });
    expect(result.status).toBe("applied");
    expect(await year("01-02-01-05-001", 2025)).toMatchObject({
      initialBudget: 3700000,
      finalBudget: 3700000,
      settlement: null,
      version: 1,
    });
    // The year exists now: the same file changes nothing.
    const again = await previewImport(t.database.db, MC, ds, upload(bytes), editor);
    expect([again.addedRows, again.changes.length]).toEqual([0, 0]);
  });

  it("names each new row that cannot be added, and adds none of the file's rows", async () => {
    const last = lastCostYear();
    const bytes = await fileOf([
      ["01-02-01-05-001/2026", BUDGET],
      ["99-99-99-99-999/2025", BUDGET],
      [`01-02-01-05-001/${last + 3}`, BUDGET],
      ["01-02-03-01-002/2025", BUDGET],
      ["01-02-01-05-001", BUDGET],
      ["01-02-01-05-001/2026", BUDGET],
    ]);
    const preview = await previewImport(t.database.db, MC, ds, upload(bytes), editor);
    expect(preview.changes.length).toBeGreaterThan(0);
    expect(preview.errors.map((e) => [e.row, e.message])).toEqual([
      [
        3,
        "事務事業「99-99-99-99-999」は登録されていません（『事業・年度コード』「99-99-99-99-999/2025」）",
      ],
      [4, expect.stringContaining(`年度 ${last + 3} は選べません`)],
      [
        5,
        expect.stringMatching(/^事務事業 01-02-03-01-002 は令和7年度（2025）?に実施していません/),
      ],
      [6, expect.stringContaining("新しい年度を追加するときは「事務事業コード/年度（西暦4桁）」")],
      [7, "事業・年度コード「01-02-01-05-001/2026」が 2 行目と重複しています"],
    ]);
    // Another section's program: refused as a change would be.
    const other = await fileOf([["01-02-01-01-003/2025", BUDGET]]);
    const refused = await previewImport(t.database.db, MC, ds, upload(other), editor);
    expect(refused.errors[0]!.message).toContain("該当する行: 2 行目");
  });

  it("gives as template next year's rows not entered yet, which import back as no change", async () => {
    const next = lastCostYear();
    const template = Buffer.from(
      await exportDataset(t.database.db, MC, ds, "csv", { drafts: true }, true),
    )
      .subarray(3)
      .toString("utf8");
    const [, ...rows] = parseCsv(template).filter((r) => r.some((c) => c !== ""));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r[0]).toMatch(new RegExp(`/${next}$`));
      expect(r.slice(4).every((c) => c === "")).toBe(true);
    }
    // The program that ended in 2024 has no row for next year.
    expect(rows.some((r) => r[0]!.startsWith("01-02-03-01-002/"))).toBe(false);
    const preview = await previewImport(
      t.database.db,
      MC,
      ds,
      upload(new TextEncoder().encode(template)),
      editor,
    );
    expect(preview.errors).toEqual([]);
    expect([preview.addedRows, preview.changes.length]).toEqual([0, 0]);
    expect(previewText(preview)).toContain("変更なし");
  });
});
