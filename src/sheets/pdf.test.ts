import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";
import { describe, expect, it } from "vitest";
import { MUNICIPALITY, sheetProgram, sheetYear } from "../../test/support/sheet-programs.ts";
import { renderSheetPdf, sheetFileName, sheetYears } from "./pdf.ts";

/** Pages and text of a PDF, read back with PDF.js; without white space (lines wrap anywhere). */
async function readPdf(bytes: Buffer) {
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: 0 }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= pdf.numPages; i++) {
    const content = await (await pdf.getPage(i)).getTextContent();
    pages.push(
      content.items
        .map((x) => ("str" in x ? x.str : ""))
        .join("")
        .replace(/\s+/g, ""),
    );
  }
  const info = (await pdf.getMetadata()).info as Record<string, unknown>;
  await pdf.destroy();
  return { pages, text: pages.join(""), info };
}

const long = (text: string, times: number) =>
  Array.from({ length: times }, (_, i) => `${text}${i + 1}。`).join("");

const unit = { regular: 8_200_000, partTime: 2_600_000 };

describe("evaluation sheet PDF", () => {
  it("is one A4 page in Japanese with the embedded Noto Sans JP subset", async () => {
    const bytes = await renderSheetPdf({
      municipality: MUNICIPALITY,
      program: sheetProgram(),
      fiscalYear: 2024,
      unitPersonnelCost: unit,
    });
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    const raw = bytes.toString("latin1");
    expect(raw).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    // A TrueType subset embedded (FontFile2), with a ToUnicode map so the text can be copied.
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansJP-Regular/);
    expect(raw).toContain("/FontFile2");
    expect(raw).toContain("/ToUnicode");
    const { pages, text, info } = await readPdf(bytes);
    expect(pages).toHaveLength(1);
    expect(info.Title).toBe(
      "事務事業評価シート 【サンプル】行政評価・マネジメントシステム運用事業（令和6年度）",
    );
    for (const s of [
      "事務事業評価シート",
      "石岡市",
      "令和6年度（2024）",
      "【サンプル】行政評価・マネジメントシステム運用事業",
      "サンプル（架空のデータ）",
      "01-02-01-05-001",
      "行革推進課",
      "目的（意図）",
      "評価の結果を次年度の予算に反映する",
      "GZ-2-01",
      "コストの配分60%",
      "当初予算額",
      "1,980,000",
      "16,230,000",
      "13,250,000",
      "1.50人",
      "39,585", // 16,230,000 ÷ 410
      "人件費単価は正規職員8,200,000円",
      "評価した事務事業の数",
      "必要性",
      "今後の方向性（一次評価）継続",
      "改善（一次評価と異なる）",
      "評価結果を予算査定に反映する手順を定めること。",
      "公表済（令和7年6月30日公表）",
    ])
      expect(text, s).toContain(s);
    expect(text).not.toContain("省略しています");
  });

  it("shows the costs of the year and up to two years before it", () => {
    const p = sheetProgram({
      years: [2020, 2021, 2022, 2023, 2024].map((fy) => sheetYear(fy)),
    });
    expect(sheetYears(p, 2023).map((y) => y.fiscalYear)).toEqual([2021, 2022, 2023]);
    expect(sheetYears(p, 2020).map((y) => y.fiscalYear)).toEqual([2020]);
  });

  it("says the evaluation is not published yet when the year has none", async () => {
    const p = sheetProgram();
    p.years[1] = sheetYear(2024, { evaluation: null });
    const { text } = await readPdf(
      await renderSheetPdf({ municipality: MUNICIPALITY, program: p, fiscalYear: 2024 }),
    );
    expect(text).toContain("この年度の評価は公表前のため掲載していません");
    expect(text).not.toContain("今後の方向性（一次評価）");
    expect(text).toContain("人件費単価は未設定");
  });

  it("does not flag a program that is not a sample", async () => {
    const p = sheetProgram({ sample: false, name: "行政評価運用事業" });
    const { text } = await readPdf(
      await renderSheetPdf({ municipality: MUNICIPALITY, program: p, fiscalYear: 2023 }),
    );
    expect(text).toContain("行政評価運用事業");
    expect(text).not.toContain("サンプル");
    expect(text).toContain("令和5年度（2023）");
  });

  it("sets moderately long texts smaller and keeps them whole on one page", async () => {
    const p = sheetProgram({ purpose: long("目的の説明がここに続きます", 25) });
    p.years[1]!.evaluation!.content.self.findings = long("所見の記述がここに続きます", 40);
    const { pages, text } = await readPdf(
      await renderSheetPdf({ municipality: MUNICIPALITY, program: p, fiscalYear: 2024 }),
    );
    expect(pages).toHaveLength(1);
    expect(text).toContain("所見の記述がここに続きます40。");
    expect(text).toContain("目的の説明がここに続きます25。");
    expect(text).not.toContain("省略しています");
  });

  it("stays one page with very long findings, cutting only the longest texts and saying so", async () => {
    const p = sheetProgram({ means: long("手段の説明", 30) });
    p.years[1]!.evaluation!.content.self.findings = long(
      "評価の所見はとても長いことがあります",
      600,
    );
    p.years[1]!.evaluation!.content.secondary!.comment = long("二次評価のコメントも長い", 300);
    const bytes = await renderSheetPdf({
      municipality: MUNICIPALITY,
      program: p,
      fiscalYear: 2024,
    });
    const { pages, text } = await readPdf(bytes);
    expect(pages).toHaveLength(1);
    expect(text).toContain("評価の所見はとても長いことがあります1。");
    expect(text).not.toContain("評価の所見はとても長いことがあります600。");
    expect(text).toContain("…");
    expect(text).toContain("紙面に収まらない記述は「…」で省略しています");
    // Short texts and the figures are never cut.
    expect(text).toContain("手段の説明30。");
    expect(text).toContain("事務事業評価の公表（GZ-3-01）");
    expect(text).toContain("16,230,000");
    expect(text).toContain("公表済（令和7年6月30日公表）");
  });

  it("stays one page with many initiatives, indicators and years", async () => {
    const base = sheetProgram();
    const p = sheetProgram({
      initiatives: Array.from({ length: 12 }, (_, i) => ({
        ...base.initiatives[0]!,
        code: `GZ-2-${String(i + 1).padStart(2, "0")}`,
      })),
      indicators: Array.from({ length: 15 }, () => base.indicators[0]!),
      years: [2020, 2021, 2022, 2023, 2024].map((fy) =>
        sheetYear(fy, { facilities: ["市役所本庁舎", "八郷総合支所"] }),
      ),
    });
    const { pages, text } = await readPdf(
      await renderSheetPdf({ municipality: MUNICIPALITY, program: p, fiscalYear: 2024 }),
    );
    expect(pages).toHaveLength(1);
    expect(text).toContain("市役所本庁舎、八郷総合支所");
  });

  it("refuses a fiscal year the program has no data for", async () => {
    await expect(
      renderSheetPdf({ municipality: MUNICIPALITY, program: sheetProgram(), fiscalYear: 2019 }),
    ).rejects.toThrow("令和元年度（2019）のデータがありません");
  });

  it("names the file by program code and fiscal year", () => {
    expect(sheetFileName("01-02-01-05-001", 2024)).toBe(
      "01-02-01-05-001_事務事業評価シート_令和6年度.pdf",
    );
  });
});
