/**
 * One program's worksheet of the evaluation sheets workbook (excel.ts), laid out like the
 * evaluation sheet (pdf.ts): what the program is, its costs, indicators and evaluation.
 */
import type ExcelJS from "exceljs";
import { fiscalYearLabel, shortFiscalYearLabel } from "../core/fiscal-year.ts";
import { formatNumber } from "../core/format.ts";
import {
  COST_BASIS_LABELS,
  FUNDING_LABELS,
  FUNDING_SOURCES,
  STAFF_LABELS,
} from "../costs/index.ts";
import {
  ASPECT_LABELS,
  ASPECTS,
  DEFAULT_RATING_SCALE,
  ratingMeanings,
} from "../evaluations/index.ts";
import type { ProgramView, ProgramYearView } from "../programs/index.ts";
import type { WorkbookInput } from "./excel.ts";
import { FONT, FTE, linesOf, put, SECTION_FILL, THIN, type Value, YEN } from "./excel-cells.ts";
import {
  directionText,
  initiativeLines,
  periodText,
  programCodeText,
  ROLE_LABELS,
  sheetYears,
  statusText,
} from "./pdf.ts";

const COLUMNS = [28, 18, 18, 18, 18];
/** Characters across the merged value cells B:E. */
const VALUE_WIDTH = COLUMNS.slice(1).reduce((a, b) => a + b, 0);

export function programSheet(ws: ExcelJS.Worksheet, input: WorkbookInput, p: ProgramView) {
  const { municipality: m, fiscalYear } = input;
  const year = p.years.find((y) => y.fiscalYear === fiscalYear)!;
  ws.columns = COLUMNS.map((width) => ({ width }));
  ws.pageSetup = {
    paperSize: 9, // A4
    orientation: "portrait",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 1,
    margins: { left: 0.4, right: 0.4, top: 0.5, bottom: 0.5, header: 0.2, footer: 0.2 },
  };
  let r = 0;
  const next = () => ++r;

  const title = ws.getCell(`A${next()}`);
  title.value = "事務事業評価シート";
  title.font = { name: FONT, size: 14, bold: true };
  const sub = ws.getCell(`E${r}`);
  sub.value = `${m.name}　${fiscalYearLabel(fiscalYear)}`;
  sub.font = { name: FONT, size: 11 };
  sub.alignment = { horizontal: "right" };
  const name = ws.getCell(`A${next()}`);
  name.value = p.sample && !p.name.includes("サンプル") ? `【サンプル】${p.name}` : p.name;
  name.font = { name: FONT, size: 13, bold: true };
  ws.mergeCells(`A${r}:E${r}`);
  if (p.sample) {
    const notice = ws.getCell(`A${next()}`);
    notice.value = `サンプル（架空のデータ）：この事務事業は事務事業評価の画面を示すための架空のデータです。名称・金額・職員数・評価は${m.name}の実際のものではありません。`;
    notice.font = { name: FONT, size: 10, color: { argb: "FFAA1111" } };
    notice.alignment = { wrapText: true, vertical: "top" };
    ws.mergeCells(`A${r}:E${r}`);
    ws.getRow(r).height = 15 * linesOf(String(notice.value), VALUE_WIDTH + COLUMNS[0]!);
  }

  const section = (text: string) => {
    const cell = ws.getCell(`A${next()}`);
    cell.value = text;
    cell.font = { name: FONT, size: 11, bold: true };
    cell.fill = SECTION_FILL;
    cell.border = THIN;
    ws.mergeCells(`A${r}:E${r}`);
  };
  const field = (label: string, value: Value, numFmt?: string) => {
    put(ws, `A${next()}`, label, { label: true });
    put(ws, `B${r}`, value === "" || value === null ? "—" : value, { numFmt });
    ws.mergeCells(`B${r}:E${r}`);
    if (typeof value === "string") ws.getRow(r).height = 15 * linesOf(value, VALUE_WIDTH);
  };

  next();
  section("1　事業の概要");
  field("事務事業コード", programCodeText(p));
  field("担当課", p.section.name);
  field("実施期間", periodText(p));
  field("リーディングプロジェクト", year.leadingProject ? "該当" : "—");
  field("目的（意図）", p.purpose);
  field("対象", p.targetGroup);
  field("手段（事業の内容）", p.means);
  field("関連する取組", initiativeLines(p).join("\n"));
  if (year.facilities.length > 0) field("使用する施設", year.facilities.join("、"));

  next();
  section("2　コスト");
  const years = sheetYears(p, fiscalYear);
  const cols = ["B", "C", "D", "E"].slice(0, years.length);
  put(ws, `A${next()}`, "区分", { label: true });
  years.forEach((y, i) => {
    put(
      ws,
      `${cols[i]}${r}`,
      `${shortFiscalYearLabel(y.fiscalYear)}${y.leadingProject ? "\nリーディングプロジェクト" : ""}`,
      { label: true, right: true },
    );
  });
  if (years.some((y) => y.leadingProject)) ws.getRow(r).height = 30;
  const line = (
    label: string,
    value: (y: ProgramYearView) => Value,
    numFmt = YEN,
    bold = false,
  ) => {
    put(ws, `A${next()}`, label, { label: true, bold });
    years.forEach((y, i) => {
      put(ws, `${cols[i]}${r}`, value(y) ?? "—", { numFmt, bold, right: true });
    });
  };
  line("当初予算額", (y) => y.initialBudget);
  line("最終予算額", (y) => y.finalBudget);
  line("決算額", (y) => y.settlement);
  line("事業費", (y) => y.cost?.programCost ?? null);
  line("事業費の算定基礎", (y) => (y.cost ? COST_BASIS_LABELS[y.cost.basis] : null), "@");
  for (const s of FUNDING_SOURCES)
    line(`　うち${FUNDING_LABELS[s]}`, (y) => y.funding?.[s] ?? null);
  line(`従事職員数（${STAFF_LABELS.regular}）`, (y) => y.staff?.regular ?? null, FTE);
  line(`従事職員数（${STAFF_LABELS.partTime}）`, (y) => y.staff?.partTime ?? null, FTE);
  line("人件費", (y) => y.cost?.staffCost.total ?? null);
  line("総コスト（事業費＋人件費）", (y) => y.cost?.totalCost ?? null, YEN, true);
  line("単位当たりコスト", (y) => (y.unitCost === null ? null : Math.round(y.unitCost)));
  const u = input.unitPersonnelCost;
  const note = ws.getCell(`A${next()}`);
  note.value = `※ 事業費は決算確定済みの年度は決算額、それ以外は最終予算額。財源内訳の合計は事業費と一致します。人件費は従事職員数×人件費単価（${
    u
      ? `${shortFiscalYearLabel(fiscalYear)}: ${STAFF_LABELS.regular} ${formatNumber(u.regular)}円、${STAFF_LABELS.partTime} ${formatNumber(u.partTime)}円`
      : `${shortFiscalYearLabel(fiscalYear)}は未設定`
  }）。${
    year.activityActual
      ? `単位当たりコストは総コスト÷活動指標「${year.activityActual.indicator.name}」の実績値。`
      : "単位当たりコストは活動指標の実績値がある年度に算定します。"
  }${year.costProblem ? `コストを算定できません：${year.costProblem}` : ""}`;
  note.font = { name: FONT, size: 9 };
  note.alignment = { wrapText: true, vertical: "top" };
  ws.mergeCells(`A${r}:E${r}`);
  ws.getRow(r).height = 13 * linesOf(String(note.value), VALUE_WIDTH + COLUMNS[0]!);

  next();
  section("3　指標");
  if (p.indicators.length === 0) field("指標", "この事務事業に結び付けた指標はありません。");
  else {
    put(ws, `A${next()}`, "種類", { label: true });
    put(ws, `B${r}`, "指標", { label: true });
    ws.mergeCells(`B${r}:C${r}`);
    put(ws, `D${r}`, "目標", { label: true });
    put(ws, `E${r}`, `${shortFiscalYearLabel(fiscalYear)}の実績値`, { label: true });
    for (const { role, record: x } of p.indicators) {
      const unitFmt = `#,##0${x.decimals ? `.${"0".repeat(x.decimals)}` : ""}"${x.unit.replace(/"/g, "")}"`;
      put(ws, `A${next()}`, ROLE_LABELS[role]);
      put(ws, `B${r}`, `${x.name}（${x.code}）`);
      ws.mergeCells(`B${r}:C${r}`);
      ws.getRow(r).height = 15 * linesOf(`${x.name}（${x.code}）`, COLUMNS[1]! + COLUMNS[2]!);
      put(ws, `D${r}`, x.target.value ?? (x.target.text || "—"), { numFmt: unitFmt });
      const actual = x.actuals.find((a) => a.fiscalYear === fiscalYear)?.value ?? null;
      put(ws, `E${r}`, actual ?? "—", { numFmt: unitFmt });
    }
  }

  next();
  section(`4　評価（${shortFiscalYearLabel(fiscalYear)}）`);
  const e = year.evaluation;
  if (!e) field("評価の状況", statusText(year));
  else {
    const self = e.content.self;
    const secondary = e.content.secondary;
    put(ws, `A${next()}`, "観点", { label: true });
    ASPECTS.forEach((a, i) => {
      put(ws, `${"BCDE"[i]}${r}`, ASPECT_LABELS[a], { label: true });
    });
    put(ws, `A${next()}`, "評価（一次評価）", { label: true });
    ASPECTS.forEach((a, i) => {
      put(ws, `${"BCDE"[i]}${r}`, self.ratings[a] ?? "—", { bold: true });
    });
    field(
      "評価の意味",
      ratingMeanings(self.ratings, input.scale ?? DEFAULT_RATING_SCALE).join("\n"),
    );
    field("今後の方向性（一次評価）", directionText(self.direction));
    field("評価の所見（一次評価）", self.findings);
    field("方向性の理由（一次評価）", self.reason);
    field(
      "今後の方向性（二次評価）",
      secondary
        ? `${directionText(secondary.direction)}${secondary.direction !== self.direction ? "（一次評価と異なる）" : ""}`
        : "—",
    );
    field("二次評価のコメント", secondary ? secondary.comment : "二次評価はありません。");
    field("確定した今後の方向性", directionText(e.direction));
    ws.getCell(`B${r}`).font = { name: FONT, size: 10, bold: true };
    field("評価の状況", statusText(year));
  }
  next();
  const web = ws.getCell(`A${next()}`);
  web.value = `ウェブページ：/${m.code}/programs/${p.code}`;
  web.font = { name: FONT, size: 9 };
}
