/**
 * Round trip as a property (fast-check), on the real actuals dataset and database: for generated
 * values of indicators, an export in every format read back changes nothing; the export with
 * one random cell edited changes exactly that cell.
 */
import ExcelJS from "exceljs";
import fc from "fast-check";
import iconv from "iconv-lite";
import { expect, it } from "vitest";
import type { Principal } from "../../src/accounts/rules.ts";
import { CLI_ACTOR } from "../../src/core/audit.ts";
import { toCsv } from "../../src/core/csv.ts";
import { shortFiscalYearLabel } from "../../src/core/fiscal-year.ts";
import { reportingYear } from "../../src/core/reporting-years.ts";
import { saveActual } from "../../src/indicators/drafts.ts";
import { type ExportFormat, parseCsv } from "../../src/spreadsheets/files.ts";
import { datasetNamed, exportDataset, previewImport } from "../../src/spreadsheets/import.ts";
import { describeError } from "../../src/spreadsheets/table.ts";
import { describeEachBackend } from "../support/app.ts";

const MC = "082058";
const FY = reportingYear();
const YEAR = shortFiscalYearLabel(FY);
/** Indicators of three sections, with units %, 件 and %. */
const CODES = ["GZ-1-O1", "GZ-1-R1", "GZ-3-O1"] as const;
const PLANNER: Principal = { userId: 0, email: "cli", role: "planner", sectionCodes: [] };
const FORMATS: ExportFormat[] = ["xlsx", "csv", "csv-sjis"];
const actuals = datasetNamed("actuals");

/** Values as staff enter them: whole numbers, decimals, negatives, large and tiny ones. */
const value = fc.oneof(
  fc.integer({ min: -1_000_000, max: 10_000_000 }),
  fc.integer({ min: -100_000, max: 100_000 }).map((n) => n / 100),
  // −0 is read as 0 (a value, not a sign).
  fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true }).map((v) => v + 0),
);

/** The export with the current year's cell of `code` replaced by `v`. */
async function edit(bytes: Uint8Array, format: ExportFormat, code: string, v: number) {
  if (format === "xlsx") {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const ws = wb.getWorksheet("実績値")!;
    let col = 0;
    let row = 0;
    ws.getRow(1).eachCell((c, n) => {
      if (c.value === YEAR) col = n;
    });
    ws.eachRow((r, n) => {
      if (r.getCell(1).value === code) row = n;
    });
    ws.getCell(row, col).value = v;
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }
  const text =
    format === "csv"
      ? Buffer.from(bytes).subarray(3).toString("utf8")
      : iconv.decode(Buffer.from(bytes), "cp932");
  const [headers, ...rows] = parseCsv(text).filter((r) => r.some((c) => c !== ""));
  rows.find((r) => r[0] === code)![headers!.indexOf(YEAR)] = String(v);
  const csv = toCsv(headers!, rows);
  return format === "csv"
    ? new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)]))
    : new Uint8Array(iconv.encode(csv, "cp932"));
}

describeEachBackend("spreadsheet round trip (property)", (t) => {
  it("export → import changes nothing; one edited cell is exactly one change", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(value, value, value),
        fc.constantFrom(...FORMATS),
        fc.constantFrom(...CODES),
        value,
        async (values, format, target, next) => {
          const db = t.database.db;
          for (const [i, code] of CODES.entries()) {
            const saved = await saveActual(
              { db: db, municipality: MC, who: PLANNER, actor: CLI_ACTOR },
              {
                indicatorCode: code,
                fiscalYear: FY,
                value: values[i]!,
                note: null,
                reason: "プロパティテスト",
                expected: null,
              },
            );
            expect(["saved", "unchanged"]).toContain(saved.status);
          }
          const bytes = await exportDataset(db, MC, actuals, format, { drafts: true });
          const name = format === "xlsx" ? "a.xlsx" : "a.csv";
          const same = await previewImport(
            db,
            MC,
            actuals,
            { fileName: name, bytes, format },
            PLANNER,
          );
          expect(same.errors.map(describeError)).toEqual([]);
          expect(same.changes).toEqual([]);

          const current = values[CODES.indexOf(target)]!;
          fc.pre(next !== current);
          const edited = await edit(bytes, format, target, next);
          const one = await previewImport(
            db,
            MC,
            actuals,
            { fileName: name, bytes: edited, format },
            PLANNER,
          );
          expect(one.errors.map(describeError)).toEqual([]);
          expect(one.changes.map((c) => [c.key, c.column, c.before, c.after])).toEqual([
            [target, YEAR, current, next],
          ]);
        },
      ),
      { numRuns: 12, seed: Number(process.env.FC_SEED) || undefined },
    );
  }, 300_000);
});
