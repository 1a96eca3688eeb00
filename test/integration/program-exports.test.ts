/**
 * The evaluation sheets as files: one program's sheet of a fiscal year as a one-page A4 PDF, and
 * all sheets of a year as one Excel workbook, for the demo's sample programs
 * (data/municipalities/082058/programs/sample.yaml). Unpublished evaluations never reach them.
 */
import ExcelJS from "exceljs";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { expect, it } from "vitest";
import { describeEachBackend } from "../support/app.ts";

const DEMO = "082058";
const SYSTEM = "01-02-01-05-001"; // 行政評価・マネジメントシステム運用事業
const TRAINING = "01-02-01-01-003"; // 職員研修事業 (令和6年度: reviewed, not published)
const MYNUMBER = "01-02-03-01-002"; // マイナンバーカード交付促進事業 (令和6年度: draft)
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** Text of unpublished evaluations in the sample file (as in programs.test.ts). */
const UNPUBLISHED = ["未公表の評価", "デジタル分野の研修を新設", "作成中の評価"];

const squeeze = (s: string) => s.replace(/\s+/g, "");

async function pdfText(bytes: ArrayBuffer) {
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  let text = "";
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    text += content.items.map((x) => ("str" in x ? x.str : "")).join("");
  }
  const pages = pdf.numPages;
  await pdf.destroy();
  return { pages, text: squeeze(text) };
}

async function workbookText(bytes: ArrayBuffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes);
  const cells: string[] = [];
  for (const ws of wb.worksheets)
    ws.eachRow((row) =>
      row.eachCell((cell) => {
        cells.push(cell.text);
      }),
    );
  return { wb, text: cells.join("\n") };
}

describeEachBackend("program evaluation: PDF sheets and the Excel workbook", (t) => {
  it("gives a program's sheet as a one-page PDF with a UTF-8 file name", async () => {
    const res = await t.get(`/${DEMO}/programs/${SYSTEM}/sheet-2023.pdf`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/pdf");
    const disposition = res.headers.get("content-disposition")!;
    expect(disposition).toContain(`filename="${SYSTEM}_sheet_2023.pdf"`);
    expect(disposition).toContain(
      `filename*=UTF-8''${encodeURIComponent(`${SYSTEM}_事務事業評価シート_令和5年度.pdf`)}`,
    );
    const { pages, text } = await pdfText(await res.arrayBuffer());
    expect(pages).toBe(1);
    for (const s of [
      "石岡市",
      "令和5年度（2023）",
      "【サンプル】行政評価・マネジメントシステム運用事業",
      "サンプル（架空のデータ）",
      "行革推進課",
      "16,230,000", // 総コスト 令和5年度
      "13,250,000", // 人件費
      "今後の方向性（一次評価）継続",
      "改善（一次評価と異なる）",
      "評価結果を予算査定に反映する手順を定め",
    ])
      expect(text, s).toContain(squeeze(s));
  });

  it("keeps unpublished evaluations out of the PDF, showing the costs only", async () => {
    for (const code of [TRAINING, MYNUMBER]) {
      const res = await t.get(`/${DEMO}/programs/${code}/sheet-2024.pdf`);
      expect(res.status, code).toBe(200);
      const { pages, text } = await pdfText(await res.arrayBuffer());
      expect(pages).toBe(1);
      expect(text).toContain("この年度の評価は公表前のため掲載していません");
      expect(text).toContain("総コスト");
      for (const secret of UNPUBLISHED) expect(text, `${code}: ${secret}`).not.toContain(secret);
    }
  });

  it("answers 404 in Japanese for an unknown program, municipality or year", async () => {
    const unknown = await t.text(`/${DEMO}/programs/99-99-99-99-999/sheet-2024.pdf`);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toContain("事務事業 99-99-99-99-999が見つかりません");
    const year = await t.text(`/${DEMO}/programs/${SYSTEM}/sheet-2019.pdf`);
    expect(year.status).toBe(404);
    expect(year.body).toContain(`事務事業 ${SYSTEM} の令和元年度（2019）のデータが見つかりません`);
    const noYear = await t.text(`/${DEMO}/programs/sheets-2019.xlsx`);
    expect(noYear.status).toBe(404);
    expect(noYear.body).toContain("令和元年度（2019）の事務事業のデータが見つかりません");
    expect((await t.get(`/999999/programs/sheets-2024.xlsx`)).status).toBe(404);
  });

  it("gives all sheets of a year as one workbook: a summary, then one sheet per program", async () => {
    const res = await t.get(`/${DEMO}/programs/sheets-2024.xlsx`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(XLSX);
    expect(res.headers.get("content-disposition")).toContain(
      `filename*=UTF-8''${encodeURIComponent("石岡市_事務事業評価シート_令和6年度.xlsx")}`,
    );
    const { wb, text } = await workbookText(await res.arrayBuffer());
    expect(wb.worksheets).toHaveLength(1 + 7);
    expect(wb.worksheets[0]!.name).toBe("一覧");
    const names = wb.worksheets.map((w) => w.name);
    expect(new Set(names).size).toBe(names.length);
    for (const n of names) expect(n.length).toBeLessThanOrEqual(31);
    const summary = wb.worksheets[0]!;
    let system: ExcelJS.Row | undefined;
    summary.eachRow((row) => {
      if (row.getCell(1).value === SYSTEM) system = row;
    });
    // 令和6年度: 3,410,000 + 1.5 × 8,200,000 + 0.5 × 2,600,000.
    const values = system!.values as unknown[];
    expect(values).toContain(17_010_000);
    expect(values).toContain("拡充");
    expect(text).toContain("行革推進課");
    for (const secret of UNPUBLISHED) expect(text, secret).not.toContain(secret);
  });

  it("links the files from the program page and the list", async () => {
    const page = await t.text(`/${DEMO}/programs/${SYSTEM}`);
    expect(page.body).toContain(`href="/${DEMO}/programs/${SYSTEM}/sheet-2024.pdf"`);
    expect(page.body).toContain(`href="/${DEMO}/programs/${SYSTEM}/sheet-2023.pdf"`);
    const list = await t.text(`/${DEMO}/programs`);
    expect(list.body).toContain(`href="/${DEMO}/programs/sheets-2024.xlsx"`);
    expect(list.body).toContain(`href="/${DEMO}/programs/sheets-2023.xlsx"`);
  });
});
