/**
 * The scenario of issue 17, item 7, shared by the conflict tests of each file format: an actual
 * of the demo editor's indicator entered on the web after an export, and the draft it leaves.
 */
import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { expect } from "vitest";
import { withTenant } from "../../src/core/db/tenant.ts";
import { shortFiscalYearLabel } from "../../src/core/fiscal-year.ts";
import { reportingYear } from "../../src/core/reporting-years.ts";
import { actualDrafts, indicators } from "../../src/indicators/schema.ts";
import type { TestContext } from "./app.ts";
import { type staffOf, versionsIn } from "./staff.ts";

export const MC = "082058";
/** 仕事にやりがいを持つ市職員の割合 (%): the demo editor's section reports it. */
export const OWN = "GZ-1-O1";
/** 政策企画課's: nobody touches it after the export. */
export const OTHER = "GZ-3-O1";
export const FY = reportingYear();
export const YEAR = shortFiscalYearLabel(FY);

type Staff = Awaited<ReturnType<typeof staffOf>>;

/** The draft of an indicator's actual of the reporting year (undefined: none). */
export async function draftOf(t: TestContext, code: string) {
  return withTenant(t.database.db, MC, async (tx) => {
    const [row] = await tx
      .select({ value: actualDrafts.value })
      .from(actualDrafts)
      .innerJoin(indicators, eq(indicators.id, actualDrafts.indicatorId))
      .where(
        and(
          eq(actualDrafts.municipalityCode, MC),
          eq(indicators.code, code),
          eq(actualDrafts.fiscalYear, FY),
        ),
      );
    return row?.value;
  });
}

/** A web entry of one actual, on the form as the page offers it (its versions). */
export async function enter(s: Staff, code: string, value: string) {
  const page = await (await s.page(`/${MC}/manage/indicators/${code}?fy=${FY}`)).text();
  return s.post(`/${MC}/manage/indicators/${code}/actuals/${FY}`, {
    ...versionsIn(page),
    value,
    note: "",
  });
}

/** The export with cells of one column replaced (by the row's code; default: this year's actuals). */
export async function edited(
  bytes: Uint8Array,
  cells: Record<string, string | number | null>,
  sheet = "実績値",
  header = YEAR,
) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  const ws = wb.getWorksheet(sheet)!;
  let col = 0;
  ws.getRow(1).eachCell((c, n) => {
    if (c.value === header) col = n;
  });
  expect(col).toBeGreaterThan(1);
  const found: Record<string, unknown> = {};
  ws.eachRow((r, n) => {
    const code = String(r.getCell(1).value);
    if (code in cells) {
      found[code] = ws.getCell(n, col).value;
      ws.getCell(n, col).value = cells[code]!;
    }
  });
  return { bytes: new Uint8Array(await wb.xlsx.writeBuffer()), found, wb };
}
