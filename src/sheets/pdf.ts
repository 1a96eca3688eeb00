/**
 * The evaluation sheet (事務事業評価シート) of one program and one fiscal year as a one-page A4
 * PDF, in Japanese with an embedded subset of Noto Sans JP (SIL OFL 1.1), the TrueType files
 * that the npm package @expo-google-fonts/noto-sans-jp installs. Mirrors the program page:
 * what the program is, the initiatives it serves, its costs, indicators, and the published
 * evaluation of the year (only published evaluations reach this module, see queries.ts).
 *
 * The page always holds everything on one page: the whole sheet is laid out as rows of cells,
 * measured, and set smaller step by step until it fits; when even the smallest size does not
 * fit, long free texts are cut with "…" and the sheet says so, pointing to the web page.
 */
import PDFDocument from "pdfkit";
import { fiscalYearLabel, shortFiscalYearLabel } from "../core/fiscal-year.ts";
import { formatNumber, formatValue } from "../core/format.ts";
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
  DIRECTION_LABELS,
  type Direction,
  type RatingScale,
  ratingMeanings,
} from "../evaluations/index.ts";
import { nodeTitle } from "../plan/index.ts";
import type { ProgramView, ProgramYearView } from "../programs/index.ts";
import { effectiveShares, PROGRAM_CODE_LABELS, PROGRAM_CODE_PARTS } from "../programs/index.ts";
import {
  type Cell,
  drawRow,
  field,
  fitRows,
  MARGIN,
  PAGE,
  pair,
  type Row,
  row,
  rowHeight,
  section,
  sheetFonts,
} from "./pdf-layout.ts";

export { SheetFontMissing, sheetFonts } from "./pdf-layout.ts";

export interface SheetInput {
  municipality: { code: string; name: string };
  program: ProgramView;
  fiscalYear: number;
  /** 人件費単価 of the fiscal year, for the note under the costs; null when not set. */
  unitPersonnelCost?: { regular: number; partTime: number } | null;
  /** The municipality's rating scale (what each rating means); the default A/B/C otherwise. */
  scale?: RatingScale;
}

// Shared with the workbook (excel.ts) -----------------------------------------------------

export const ROLE_LABELS = { activity: "活動指標", outcome: "成果指標" } as const;

/** The cost columns of a sheet: up to three years ending with the sheet's year. */
export const sheetYears = (p: ProgramView, fiscalYear: number): ProgramYearView[] =>
  p.years.filter((y) => y.fiscalYear <= fiscalYear).slice(-3);

/** "01-02-01-05-001（会計 01・款 02・項 01・目 05・事業番号 001）". */
export const programCodeText = (p: ProgramView) =>
  `${p.code}（${PROGRAM_CODE_PARTS.map((k) => `${PROGRAM_CODE_LABELS[k]} ${p.parts[k]}`).join("・")}）`;

export const periodText = (p: ProgramView) =>
  `${fiscalYearLabel(p.firstFiscalYear)}〜${p.lastFiscalYear === null ? "" : fiscalYearLabel(p.lastFiscalYear)}`;

/** One line per initiative: its measure, title, code, and cost share when shared. */
export function initiativeLines(p: ProgramView): string[] {
  const shares = effectiveShares(
    p.initiatives.map((i) => ({ initiativeCode: i.code, share: i.share })),
  );
  const total = shares.reduce((a, b) => a + b, 0);
  return p.initiatives.map((i, index) => {
    const measure = i.measure ? `${nodeTitle(i.measure)}：` : "";
    const share =
      p.initiatives.length > 1
        ? `　コストの配分 ${formatNumber((shares[index]! / total) * 100, 0)}%`
        : "";
    return `${measure}${i.title}（${i.code}）${share}`;
  });
}

export const directionText = (d: Direction | null | undefined) =>
  d === null || d === undefined ? "—" : DIRECTION_LABELS[d];

const dateText = (d: Date) =>
  new Intl.DateTimeFormat("ja-JP-u-ca-japanese", {
    era: "long",
    year: "numeric",
    month: "long",
    day: "numeric",
    timeZone: "Asia/Tokyo",
  }).format(d);

/** 「公表済（令和7年6月30日）」 or 「公表前」. */
export const statusText = (y: ProgramYearView) =>
  y.evaluation
    ? `公表済${y.evaluation.publishedAt ? `（${dateText(y.evaluation.publishedAt)}公表）` : ""}`
    : "公表前（この年度の評価は公表前のため掲載していません）";

/** A file name safe in every browser: the program code and the fiscal year. */
export const sheetFileName = (programCode: string, fiscalYear: number) =>
  `${programCode}_事務事業評価シート_${shortFiscalYearLabel(fiscalYear)}.pdf`;

const num = (v: number | null | undefined) =>
  v === null || v === undefined ? "—" : formatNumber(v);

function costRows(p: ProgramView, fiscalYear: number): Row[] {
  const years = sheetYears(p, fiscalYear);
  const labelW = 0.34;
  const w = (1 - labelW) / years.length;
  const line = (label: string, cell: (y: ProgramYearView) => string, bold = false) =>
    row([
      { text: label, w: labelW, kind: "label", bold },
      ...years.map((y) => ({ text: cell(y), w, align: "right" as const, bold })),
    ]);
  return [
    row([
      { text: "区分（円）", w: labelW, kind: "head" },
      ...years.map((y) => ({
        text: `${shortFiscalYearLabel(y.fiscalYear)}${y.leadingProject ? "\nリーディングプロジェクト" : ""}`,
        w,
        kind: "head" as const,
        align: "center" as const,
        bold: y.fiscalYear === fiscalYear,
      })),
    ]),
    line("当初予算額", (y) => num(y.initialBudget)),
    line("最終予算額", (y) => num(y.finalBudget)),
    line("決算額", (y) => num(y.settlement)),
    line("事業費", (y) =>
      y.cost ? `${num(y.cost.programCost)}（${COST_BASIS_LABELS[y.cost.basis]}）` : "—",
    ),
    ...FUNDING_SOURCES.map((s) => line(`　うち${FUNDING_LABELS[s]}`, (y) => num(y.funding?.[s]))),
    line(`従事職員数（${STAFF_LABELS.regular}）`, (y) =>
      y.staff ? `${formatNumber(y.staff.regular, 2)}人` : "—",
    ),
    line(`従事職員数（${STAFF_LABELS.partTime}）`, (y) =>
      y.staff ? `${formatNumber(y.staff.partTime, 2)}人` : "—",
    ),
    line("人件費", (y) => num(y.cost?.staffCost.total)),
    line("総コスト（事業費＋人件費）", (y) => num(y.cost?.totalCost), true),
    line("単位当たりコスト", (y) => (y.unitCost === null ? "—" : num(Math.round(y.unitCost)))),
  ];
}

function costNote(input: SheetInput, year: ProgramYearView): string {
  const u = input.unitPersonnelCost;
  const unit = u
    ? `${shortFiscalYearLabel(input.fiscalYear)}の人件費単価は${STAFF_LABELS.regular} ${formatNumber(u.regular)}円、${STAFF_LABELS.partTime} ${formatNumber(u.partTime)}円`
    : `${shortFiscalYearLabel(input.fiscalYear)}の人件費単価は未設定`;
  const activity = year.activityActual
    ? `単位当たりコストは総コストを活動指標「${year.activityActual.indicator.name}」の実績値（${formatValue(year.activityActual.value, year.activityActual.indicator.unit, year.activityActual.indicator.decimals)}）で割ったもの。`
    : "単位当たりコストは活動指標の実績値がある年度に算定。";
  const problem = year.costProblem ? `コストを算定できません：${year.costProblem}。` : "";
  return `※ 事業費は決算確定済みの年度は決算額、それ以外は最終予算額。財源内訳の合計は事業費と一致。人件費は従事職員数×人件費単価（${unit}）。${activity}${problem}`;
}

function indicatorRows(p: ProgramView, fiscalYear: number): Row[] {
  if (p.indicators.length === 0)
    return [row([{ text: "この事務事業に結び付けた指標はありません。", w: 1 }])];
  const widths = [0.12, 0.5, 0.19, 0.19];
  return [
    row(
      ["種類", "指標", "目標", `${shortFiscalYearLabel(fiscalYear)}の実績値`].map((text, i) => ({
        text,
        w: widths[i]!,
        kind: "head" as const,
      })),
    ),
    ...p.indicators.map(({ role, record: r }) => {
      const actual = r.actuals.find((a) => a.fiscalYear === fiscalYear)?.value;
      const target =
        r.target.value === null
          ? r.target.text || "—"
          : `${formatValue(r.target.value, r.unit, r.decimals)}${r.target.fiscalYear ? `（${shortFiscalYearLabel(r.target.fiscalYear)}）` : ""}`;
      return row([
        { text: ROLE_LABELS[role], w: widths[0]! },
        { text: `${r.name}（${r.code}）`, w: widths[1]! },
        { text: target, w: widths[2]! },
        { text: formatValue(actual, r.unit, r.decimals), w: widths[3]!, align: "right" },
      ]);
    }),
  ];
}

function evaluationRows(year: ProgramYearView, scale: RatingScale): Row[] {
  const e = year.evaluation;
  if (!e) return [field("評価の状況", statusText(year))];
  const self = e.content.self;
  const secondary = e.content.secondary;
  const differs = secondary && secondary.direction !== self.direction ? "（一次評価と異なる）" : "";
  return [
    row(
      ASPECTS.flatMap((a): Cell[] => [
        { text: ASPECT_LABELS[a], w: 0.15, kind: "label", align: "center" },
        { text: self.ratings[a] ?? "—", w: 0.1, align: "center", bold: true },
      ]),
    ),
    field("評価の意味", ratingMeanings(self.ratings, scale).join("\n") || "—", true),
    pair(
      ["今後の方向性（一次評価）", directionText(self.direction)],
      [
        "今後の方向性（二次評価）",
        secondary ? `${directionText(secondary.direction)}${differs}` : "—",
      ],
    ),
    field("評価の所見（一次評価）", self.findings, true),
    field("方向性の理由（一次評価）", self.reason, true),
    field("二次評価のコメント", secondary ? secondary.comment : "二次評価はありません。", true),
    pair(["確定した今後の方向性", directionText(e.direction)], ["評価の状況", statusText(year)]),
  ];
}

/** The whole sheet as rows, top to bottom. */
function sheetRows(input: SheetInput, year: ProgramYearView): Row[] {
  const { municipality: m, program: p, fiscalYear } = input;
  const title = p.sample && !p.name.includes("サンプル") ? `【サンプル】${p.name}` : p.name;
  const rows: Row[] = [
    row(
      [
        { text: "事務事業評価シート", w: 0.45, bold: true, size: 1.6 },
        { text: `${m.name}　${fiscalYearLabel(fiscalYear)}`, w: 0.55, align: "right", size: 1.3 },
      ],
      { bare: true },
    ),
    row([{ text: title, w: 1, bold: true, size: 1.5 }], { bare: true }),
  ];
  if (p.sample)
    rows.push(
      row([
        {
          text: `サンプル（架空のデータ）：この事務事業は事務事業評価の画面を示すための架空のデータです。名称・金額・職員数・評価は${m.name}の実際のものではありません。`,
          w: 1,
          kind: "notice",
        },
      ]),
    );
  rows.push(
    section("1　事業の概要"),
    pair(["事務事業コード", programCodeText(p)], ["担当課", p.section.name]),
    pair(
      ["実施期間", periodText(p)],
      ["リーディングプロジェクト", year.leadingProject ? "該当" : "—"],
    ),
    field("目的（意図）", p.purpose, true),
    field("対象", p.targetGroup, true),
    field("手段（事業の内容）", p.means, true),
    field("関連する取組", initiativeLines(p).join("\n") || "—", true),
  );
  if (year.facilities.length > 0) rows.push(field("使用する施設", year.facilities.join("、")));
  rows.push(
    section("2　コスト"),
    ...costRows(p, fiscalYear),
    row([{ text: costNote(input, year), w: 1, size: 0.85 }], { bare: true }),
    section("3　指標"),
    ...indicatorRows(p, fiscalYear),
    section(`4　評価（${shortFiscalYearLabel(fiscalYear)}）`),
    ...evaluationRows(year, input.scale ?? DEFAULT_RATING_SCALE),
  );
  return rows;
}

/** The evaluation sheet as a one-page A4 PDF. */
export async function renderSheetPdf(input: SheetInput): Promise<Buffer> {
  const year = input.program.years.find((y) => y.fiscalYear === input.fiscalYear);
  if (!year) throw new RangeError(`${fiscalYearLabel(input.fiscalYear)}のデータがありません`);
  const font = sheetFonts();
  const { municipality: mu, program: p, fiscalYear } = input;
  const doc = new PDFDocument({
    size: "A4",
    margin: 0,
    autoFirstPage: true,
    lang: "ja-JP",
    displayTitle: true,
    info: {
      Title: `事務事業評価シート ${p.name}（${shortFiscalYearLabel(fiscalYear)}）`,
      Author: mu.name,
      Subject: `${mu.name}の事務事業評価 ${fiscalYearLabel(fiscalYear)}`,
      Creator: "Shisaku",
    },
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on("end", resolve);
    doc.on("error", reject);
  });
  doc.registerFont("regular", font.regular);
  doc.registerFont("bold", font.bold);

  const url = `/${mu.code}/programs/${p.code}`;
  const footer = (cut: boolean): Row =>
    row(
      [
        {
          text: `${cut ? "※ 紙面に収まらない記述は「…」で省略しています。全文はウェブページをご覧ください。　" : ""}${mu.name}　事務事業評価シート　ウェブページ：${url}`,
          w: 1,
          size: 0.85,
        },
      ],
      { bare: true },
    );
  const rows = sheetRows(input, year);
  const { m, heights, cut } = fitRows(doc, rows, footer);
  let y = MARGIN;
  rows.forEach((r, i) => {
    drawRow(doc, r, y, heights[i]!, m, cut);
    y += heights[i]!;
  });
  const last = footer(cut);
  const footerHeight = rowHeight(doc, last, m);
  drawRow(doc, last, PAGE.height - MARGIN - footerHeight, footerHeight, m, false);
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}
