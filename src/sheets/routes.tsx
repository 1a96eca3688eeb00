/**
 * Public downloads of the evaluation sheets: one program's sheet of one fiscal year as a one-page
 * A4 PDF, and every program's sheet of a fiscal year as one Excel workbook. Both read the same
 * public data as the pages (published evaluations only, see queries.ts).
 */

import { Hono } from "hono";
import { feedOf } from "../core/changes.ts";
import type { Db } from "../core/db/client.ts";
import { notFound } from "../core/errors.ts";
import { fiscalYearLabel } from "../core/fiscal-year.ts";
import { contentDisposition } from "../core/http/content-disposition.ts";
import { errorPage } from "../core/http/error-handler.tsx";
import { municipalityOf } from "../core/http/tenant.ts";
import { type CostSettings, unitPersonnelCostFor } from "../costs/index.ts";
import { loadRatingScale } from "../evaluations/index.ts";
import { loadPublicPrograms } from "../programs/index.ts";

// The PDF and spreadsheet libraries are large: load them on the first sheet, not at start-up.
const sheetPdf = () => import("./pdf.ts");
const sheetExcel = () => import("./excel.ts");

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const unitCostOf = (fiscalYear: number, settings: CostSettings) => {
  try {
    return unitPersonnelCostFor(fiscalYear, settings);
  } catch {
    return null;
  }
};

export function programExportRoutes(db: Db) {
  const app = new Hono();

  app.get("/:code/programs/:programCode/:sheet{sheet-[0-9]{4}\\.pdf}", async (c) => {
    const m = municipalityOf(c);
    const code = c.req.param("programCode");
    const fiscalYear = Number(c.req.param("sheet").slice(6, 10));
    const [data, { scale }] = await Promise.all([
      loadPublicPrograms(db, m.code),
      loadRatingScale(db, m.code),
    ]);
    const program = data.programs.find((p) => p.code === code);
    if (!program) throw notFound(`事務事業 ${code}`);
    if (!program.years.some((y) => y.fiscalYear === fiscalYear))
      throw notFound(`事務事業 ${code} の${fiscalYearLabel(fiscalYear)}のデータ`);
    const { renderSheetPdf, SheetFontMissing, sheetFileName } = await sheetPdf();
    let pdf: Buffer;
    try {
      pdf = await renderSheetPdf({
        municipality: m,
        program,
        fiscalYear,
        unitPersonnelCost: unitCostOf(fiscalYear, data.settings),
        scale,
      });
    } catch (e) {
      if (!(e instanceof SheetFontMissing)) throw e;
      console.error(e);
      return errorPage(
        c,
        503,
        `${e.message}。サーバーの管理者は、npm ci で依存パッケージ（@expo-google-fonts/noto-sans-jp）をインストールしてください。ウェブページの評価シートは引き続きご覧いただけます。`,
        [],
      );
    }
    return c.body(new Uint8Array(pdf), 200, {
      "content-type": "application/pdf",
      "content-disposition": contentDisposition(sheetFileName(code, fiscalYear), {
        kind: "inline",
        fallback: `${code}_sheet_${fiscalYear}.pdf`,
      }),
    });
  });

  app.get("/:code/programs/:workbook{sheets-[0-9]{4}\\.xlsx}", async (c) => {
    const m = municipalityOf(c);
    const fiscalYear = Number(c.req.param("workbook").slice(7, 11));
    const [data, { programsOfYear, renderSheetsXlsx, workbookFileName }, { scale }] =
      await Promise.all([
        loadPublicPrograms(db, m.code),
        sheetExcel(),
        loadRatingScale(db, m.code),
      ]);
    if (programsOfYear(data.programs, fiscalYear).length === 0)
      throw notFound(`${fiscalYearLabel(fiscalYear)}の事務事業のデータ`);
    // Seconds of work for a large city: kept until the data changes (one per year with data).
    const xlsx = await feedOf(db).memo(m.code, `programs:xlsx:${fiscalYear}`, () =>
      renderSheetsXlsx({
        municipality: m,
        programs: data.programs,
        fiscalYear,
        unitPersonnelCost: unitCostOf(fiscalYear, data.settings),
        scale,
      }),
    );
    return c.body(new Uint8Array(xlsx), 200, {
      "content-type": XLSX,
      "content-disposition": contentDisposition(`${m.name}_${workbookFileName(fiscalYear)}`, {
        fallback: `${m.code}_program_sheets_${fiscalYear}.xlsx`,
      }),
    });
  });

  return app;
}
