/**
 * Round trip of EVERY declared dataset as a property (fast-check), driven by the datasets'
 * declarations (columns, kinds, editable, year columns), not per-dataset code: an export in each
 * format (xlsx, CSV UTF-8, CSV Shift_JIS) previews as unchanged; the export with one editable
 * cell of an exported row set to a new valid value for its column's kind previews as exactly
 * that one change (row key, column, before, after).
 *
 * The demo seed holds what every dataset needs (indicators and actuals, the sample programs
 * with costs and evaluations, the fiscal frame), so no dataset needs setting up here.
 */
import ExcelJS from "exceljs";
import fc from "fast-check";
import iconv from "iconv-lite";
import { expect, it } from "vitest";
import type { Principal } from "../../src/accounts/rules.ts";
import { toCsv } from "../../src/core/csv.ts";
import { withTenant } from "../../src/core/db/tenant.ts";
import { shortFiscalYearLabel } from "../../src/core/fiscal-year.ts";
import { reportingYear } from "../../src/core/reporting-years.ts";
import { FUNDING_SOURCES } from "../../src/costs/cost.ts";
import { STATE_LABELS } from "../../src/evaluations/workflow.ts";
import type { ActualsSnapshot } from "../../src/spreadsheets/actuals.ts";
import type { CellValue, ColumnSpec, Dataset, ExportRow } from "../../src/spreadsheets/dataset.ts";
import { type ExportFormat, parseCsv } from "../../src/spreadsheets/files.ts";
import { DATASETS, exportDataset, previewImport } from "../../src/spreadsheets/import.ts";
import { describeError } from "../../src/spreadsheets/table.ts";
import { describeEachBackend } from "../support/app.ts";

const MC = "082058";
const ADMIN: Principal = { userId: 0, email: "cli", role: "admin", sectionCodes: [] };
const FORMATS: ExportFormat[] = ["xlsx", "csv", "csv-sjis"];
/** Edits per dataset and format (FC_RUNS to try more locally). */
const RUNS = Number(process.env.FC_RUNS) || 5;

/** Text as staff type it: kana, kanji, digits and latin letters, no list separators. */
const text = fc
  .array(fc.constantFrom(..."あいうえお検証用の文章テキスト試作ABCxyz0123"), {
    minLength: 1,
    maxLength: 16,
  })
  .map((cs) => cs.join(""));
/** Whole non-negative numbers: valid for every number column (yen, counts, people, 人工). */
const number = fc.integer({ min: 0, max: 9_999_999 });
const fiscalYear = fc.integer({ min: 2015, max: 2035 }).map(shortFiscalYearLabel);
const day = fc
  .date({
    min: new Date("2000-01-01T00:00:00Z"),
    max: new Date("2030-12-31T00:00:00Z"),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));
/** A registry's sample flag and retirement are rules across columns (the name, the reason). */
const registryCells = (c: ColumnSpec) =>
  c.key === "sample" || c.key === "retiredOn" || c.key === "retiredReason";

/**
 * What a generic value cannot respect, by dataset, each with why: columns left out (a value
 * depends on other cells or on the municipality's lists), values narrowed (a rule across
 * columns), and rows or years the dataset refuses to change whatever the value (by state).
 * Every other editable cell of every exported row is edited with a value of its declared kind.
 */
interface Limits {
  skip?: (c: ColumnSpec) => boolean;
  values?: Record<string, fc.Arbitrary<CellValue>>;
  // biome-ignore lint/suspicious/noExplicitAny: each dataset has its own snapshot type
  row?: (s: any, r: ExportRow) => boolean;
  year?: (fy: number) => boolean;
  cell?: (r: ExportRow, c: ColumnSpec) => boolean;
}
const LIMITS: Record<string, Limits> = {
  actuals: {
    // Values fed from public documents or computed from other data are changed at their
    // source; past years' reports are closed. Staff enter the reporting year's hand-entered ones.
    row: (s: ActualsSnapshot, r) => {
      const ind = s.all.get(r.key)!;
      const origin = ind.years.get(reportingYear())?.published?.origin;
      return !ind.feed && (!origin || origin === "entered");
    },
    year: (fy) => fy === reportingYear(),
    // 達成した年度 is for text targets only (a year whose actual is words), which Ishioka has
    // none of: milestone-spreadsheet.test.ts covers it.
    skip: (c) => c.key === "doneYear",
  },
  indicators: {
    // Section codes or names of the municipality, checked against its sections; the target's
    // form decides whether a target value is required or must be blank (a rule across columns).
    // Interim targets are a list in their own notation (「年度, 数値, 表記」 per line), read and
    // checked against the baseline and target years by the indicators' own tests.
    skip: (c) => c.key === "sections" || c.key === "targetForm" || c.key === "targetInterim",
    // The baseline year must not come after the target year.
    values: {
      baselineFiscalYear: fc.integer({ min: 2010, max: 2019 }).map(shortFiscalYearLabel),
      targetFiscalYear: fc.integer({ min: 2030, max: 2040 }).map(shortFiscalYearLabel),
      sourceUrl: fc.constantFrom(
        "https://www.city.example.jp/plan.pdf",
        "http://example.org/a?b=1",
      ),
    },
    // A target value only where the form compares with one (目標値以上 and the like); a source's
    // page and URL only beside its document's name (出典 is one record), the URL as a web address.
    cell: (r, c) =>
      (c.key !== "targetValue" || String(r.values.targetForm).startsWith("目標値")) &&
      ((c.key !== "sourcePage" && c.key !== "sourceUrl") || Boolean(r.values.sourceDocument)),
  },
  "program-costs": {
    // The funding sources must add up to the program's cost (the settlement, else the final
    // budget): one edited cell of either breaks that cross-column rule.
    skip: (c) =>
      (FUNDING_SOURCES as readonly string[]).includes(c.key) ||
      c.key === "settlement" ||
      c.key === "finalBudget",
  },
  // Sample records' names must contain 「サンプル」; coordinates and years have their ranges.
  "registry-facilities": {
    skip: registryCells,
    values: {
      name: text.map((t) => `サンプル${t}`),
      "field.latitude": fc.integer({ min: 0, max: 90 }),
      "field.longitude": fc.integer({ min: 0, max: 180 }),
      "field.builtYear": fc.integer({ min: 1800, max: 2200 }),
    },
  },
  "registry-joint-bodies": { skip: registryCells },
  evaluations: {
    // Codes of the municipality's rating scale (text columns checked against the scale).
    skip: (c) => c.key.startsWith("rating_"),
    // The first-round evaluation is changed only while it is a draft (作成中・差し戻し後).
    row: (_s, r) => r.values.state === STATE_LABELS.draft,
  },
};

interface Target {
  key: string;
  header: string;
  spec: ColumnSpec | "year";
  before: CellValue;
}

// biome-ignore lint/suspicious/noExplicitAny: any dataset
async function targetsOf(t: { database: { db: any } }, ds: Dataset<any>): Promise<Target[]> {
  const s = await withTenant(t.database.db, MC, (tx) =>
    ds.load((read) => read(tx), MC, { drafts: true }),
  );
  const rows = ds.rows(s, false);
  const years = (ds.yearColumns?.editable ? (ds.years?.(s, false) ?? []) : []).filter(
    (fy) => LIMITS[ds.name]?.year?.(fy) ?? true,
  );
  const limits = LIMITS[ds.name] ?? {};
  const skip = limits.skip ?? (() => false);
  const out: Target[] = [];
  for (const r of rows.filter((r) => limits.row?.(s, r) ?? true)) {
    for (const c of ds.columns)
      if (c.editable && !skip(c) && (limits.cell?.(r, c) ?? true))
        out.push({ key: r.key, header: c.header, spec: c, before: r.values[c.key] ?? null });
    for (const fy of years)
      out.push({
        key: r.key,
        header: shortFiscalYearLabel(fy),
        spec: "year",
        before: r.years.get(fy) ?? null,
      });
  }
  return out;
}

function valueFor(ds: string, target: Target): fc.Arbitrary<CellValue> {
  const narrowed = target.spec !== "year" && LIMITS[ds]?.values?.[target.spec.key];
  if (narrowed) return narrowed;
  const kind = target.spec === "year" ? { type: "number" as const } : target.spec.kind;
  switch (kind.type) {
    case "number":
      return number;
    case "fiscal-year":
      return fiscalYear;
    case "enum":
      return fc.constantFrom(...kind.values);
    case "text":
      return text;
    case "date":
      return day;
  }
}

/** The export with the cell of row `key` (in the key column) under `header` set to `v`. */
async function edit(
  // biome-ignore lint/suspicious/noExplicitAny: any dataset
  ds: Dataset<any>,
  bytes: Uint8Array,
  format: ExportFormat,
  key: string,
  header: string,
  v: CellValue,
) {
  const keyHeader = ds.columns.find((c) => c.key === ds.keyColumn)!.header;
  if (format === "xlsx") {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet(ds.title)!;
    let col = 0;
    let keyCol = 0;
    ws.getRow(1).eachCell((c, n) => {
      if (c.value === header) col = n;
      if (c.value === keyHeader) keyCol = n;
    });
    let row = 0;
    ws.eachRow((r, n) => {
      if (n > 1 && String(r.getCell(keyCol).value) === key) row = n;
    });
    expect(col * row, `${header} / ${key}`).toBeGreaterThan(1);
    ws.getCell(row, col).value = v;
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }
  const raw =
    format === "csv"
      ? Buffer.from(bytes).subarray(3).toString("utf8")
      : iconv.decode(Buffer.from(bytes), "cp932");
  const [headers, ...rows] = parseCsv(raw).filter((r) => r.some((c) => c !== ""));
  const row = rows.find((r) => r[headers!.indexOf(keyHeader)] === key);
  const col = headers!.indexOf(header);
  expect(row && col >= 0, `${header} / ${key}`).toBe(true);
  row![col] = v === null ? "" : String(v);
  const csv = toCsv(headers!, rows);
  return format === "csv"
    ? new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]))
    : new Uint8Array(iconv.encode(csv, "cp932"));
}

describeEachBackend("spreadsheet round trip of every dataset (property)", (t) => {
  // The registries without demo records export no row to edit: registries.test.ts covers them.
  const withRows = DATASETS.filter((d) => !d.name.startsWith("registry-") || d.name in LIMITS);
  for (const ds of withRows)
    for (const format of FORMATS)
      it(`${ds.name} (${format}): export → import changes nothing; one edited cell is exactly one change`, async () => {
        const db = t.database.db;
        const name = format === "xlsx" ? `${ds.name}.xlsx` : `${ds.name}.csv`;
        const bytes = await exportDataset(db, MC, ds, format, { drafts: true });
        const same = await previewImport(db, MC, ds, { fileName: name, bytes, format }, ADMIN);
        expect(same.errors.map(describeError)).toEqual([]);
        expect(same.changes).toEqual([]);
        expect(same.rows).toBeGreaterThan(0);

        const targets = await targetsOf(t, ds);
        expect(targets.length, `${ds.name} has editable cells`).toBeGreaterThan(0);
        const edits = fc
          .constantFrom(...targets)
          .chain((target) => valueFor(ds.name, target).map((v) => ({ target, v })));
        await fc.assert(
          fc.asyncProperty(edits, async ({ target, v }) => {
            fc.pre(v !== target.before);
            const edited = await edit(ds, bytes, format, target.key, target.header, v);
            const one = await previewImport(
              db,
              MC,
              ds,
              { fileName: name, bytes: edited, format },
              ADMIN,
            );
            expect(one.errors.map(describeError)).toEqual([]);
            expect(one.changes.map((c) => [c.key, c.column, c.before, c.after])).toEqual([
              [target.key, target.header, target.before, v],
            ]);
          }),
          { numRuns: RUNS, seed: Number(process.env.FC_SEED) || undefined },
        );
      }, 120_000);
});
