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
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import PDFDocument from "pdfkit";
import { fiscalYearLabel, shortFiscalYearLabel } from "../core/fiscal-year.ts";
import { formatNumber, formatValue } from "../core/format.ts";
import { COST_BASIS_LABELS, FUNDING_LABELS, FUNDING_SOURCES, STAFF_LABELS } from "./cost.ts";
import {
  ASPECT_LABELS,
  ASPECTS,
  DEFAULT_RATING_SCALE,
  DIRECTION_LABELS,
  type Direction,
  type RatingScale,
  ratingMeanings,
} from "./evaluation.ts";
import { PROGRAM_CODE_LABELS, PROGRAM_CODE_PARTS } from "./program.ts";
import type { ProgramView, ProgramYearView } from "./queries.ts";
import { effectiveShares } from "./rollup.ts";

export interface SheetInput {
  municipality: { code: string; name: string };
  program: ProgramView;
  fiscalYear: number;
  /** 人件費単価 of the fiscal year, for the note under the costs; null when not set. */
  unitPersonnelCost?: { regular: number; partTime: number } | null;
  /** The municipality's rating scale (what each rating means); the default A/B/C otherwise. */
  scale?: RatingScale;
}

// Shared with the workbook (sheet-excel.ts) -----------------------------------------------------

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
    const measure = i.measure ? `基本施策${i.measure.number ?? ""} ${i.measure.title}：` : "";
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

// Font -------------------------------------------------------------------------------------

const FONT_FILES = {
  regular: "@expo-google-fonts/noto-sans-jp/400Regular/NotoSansJP_400Regular.ttf",
  bold: "@expo-google-fonts/noto-sans-jp/700Bold/NotoSansJP_700Bold.ttf",
} as const;

/** The Japanese font is not installed (npm ci was not run, or the package was pruned). */
export class SheetFontMissing extends Error {
  constructor(cause: unknown) {
    super("日本語フォント（Noto Sans JP）が見つからないため、PDFを作成できません", { cause });
    this.name = "SheetFontMissing";
  }
}

let fonts: { regular: Buffer; bold: Buffer } | undefined;

/** The two font files, read once per process. */
export function sheetFonts(): { regular: Buffer; bold: Buffer } {
  if (fonts) return fonts;
  try {
    const require = createRequire(import.meta.url);
    fonts = {
      regular: readFileSync(require.resolve(FONT_FILES.regular)),
      bold: readFileSync(require.resolve(FONT_FILES.bold)),
    };
  } catch (e) {
    throw new SheetFontMissing(e);
  }
  return fonts;
}

// Layout -----------------------------------------------------------------------------------

type Kind = "plain" | "section" | "label" | "head" | "value" | "notice";

interface Cell {
  text: string;
  /** Share of the content width; a row's shares add up to 1. */
  w: number;
  kind?: Kind;
  bold?: boolean;
  align?: "left" | "right" | "center";
  /** Font size relative to the body text. */
  size?: number;
}

interface Row {
  cells: Cell[];
  /** Without borders (the page header and the notes). */
  bare?: boolean;
  /** Free text that may be cut with "…" when nothing else makes the page fit. */
  free?: boolean;
}

const PAGE = { width: 595.28, height: 841.89 };
const MARGIN = 28;
const WIDTH = PAGE.width - 2 * MARGIN;
const BODY = 8.5;
const SCALES = [1, 0.94, 0.88, 0.82, 0.76, 0.7, 0.65, 0.6];
const FILL: Partial<Record<Kind, string>> = {
  section: "#dde6f0",
  label: "#f2f4f7",
  head: "#f2f4f7",
  notice: "#fdecec",
};

const row = (cells: Cell[], options: Omit<Row, "cells"> = {}): Row => ({ cells, ...options });
const section = (text: string): Row => row([{ text, w: 1, kind: "section", bold: true }]);
/** A label and its value across the full width. */
const field = (label: string, value: string, free = false): Row =>
  row(
    [
      { text: label, w: 0.2, kind: "label" },
      { text: value || "—", w: 0.8 },
    ],
    { free },
  );
/** Two labels with their values side by side. */
const pair = (a: [string, string], b: [string, string]): Row =>
  row([
    { text: a[0], w: 0.2, kind: "label" },
    { text: a[1] || "—", w: 0.35 },
    { text: b[0], w: 0.2, kind: "label" },
    { text: b[1] || "—", w: 0.25 },
  ]);

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
    ...FUNDING_SOURCES.map((s) => line(`　うち${FUNDING_LABELS[s]}`, (y) => num(y.funding[s]))),
    line(`従事職員数（${STAFF_LABELS.regular}）`, (y) => `${formatNumber(y.staff.regular, 2)}人`),
    line(`従事職員数（${STAFF_LABELS.partTime}）`, (y) => `${formatNumber(y.staff.partTime, 2)}人`),
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

// Rendering --------------------------------------------------------------------------------

type Doc = PDFKit.PDFDocument;

interface Metrics {
  size: number;
  pad: number;
  gap: number;
}

const metrics = (scale: number): Metrics => ({
  size: BODY * scale,
  pad: 2.6 * scale,
  gap: 1.2 * scale,
});

function setFont(doc: Doc, cell: Cell, m: Metrics) {
  doc.font(cell.bold || cell.kind === "section" ? "bold" : "regular");
  doc.fontSize(m.size * (cell.size ?? 1));
}

const lineHeight = (doc: Doc, cell: Cell, m: Metrics) => {
  setFont(doc, cell, m);
  return doc.currentLineHeight(true) + m.gap;
};

function cellHeight(doc: Doc, cell: Cell, m: Metrics): number {
  setFont(doc, cell, m);
  const text = doc.heightOfString(cell.text || " ", {
    width: cell.w * WIDTH - 2 * m.pad,
    lineGap: m.gap,
  });
  return Math.max(text, lineHeight(doc, cell, m)) + 2 * m.pad;
}

const rowHeight = (doc: Doc, r: Row, m: Metrics) =>
  Math.max(...r.cells.map((c) => cellHeight(doc, c, m)));

/** The same row with every cell held to one line: the least a free row can take. */
const rowMinHeight = (doc: Doc, r: Row, m: Metrics) =>
  r.free
    ? Math.max(...r.cells.map((c) => lineHeight(doc, c, m) + 2 * m.pad))
    : rowHeight(doc, r, m);

const AVAILABLE = PAGE.height - 2 * MARGIN;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/**
 * Chooses the largest scale at which the rows and the footer fit; else the smallest, with free
 * rows capped to whole lines in proportion to what they need.
 */
function fitRows(
  doc: Doc,
  rows: Row[],
  footer: (cut: boolean) => Row,
): { m: Metrics; heights: number[]; cut: boolean } {
  for (const scale of SCALES) {
    const m = metrics(scale);
    const heights = rows.map((r) => rowHeight(doc, r, m));
    const total = sum(heights) + rowHeight(doc, footer(false), m);
    if (total <= AVAILABLE) return { m, heights, cut: false };
  }
  const m = metrics(SCALES.at(-1)!);
  const full = rows.map((r) => rowHeight(doc, r, m));
  const least = rows.map((r) => rowMinHeight(doc, r, m));
  const room =
    AVAILABLE - rowHeight(doc, footer(true), m) - sum(rows.map((r, i) => (r.free ? 0 : full[i]!)));
  // Water-filling: every free row gets up to the same height `level`, so short texts stay whole
  // and only the longest are cut.
  const freeAt = (level: number) =>
    sum(rows.map((r, i) => (r.free ? Math.min(full[i]!, Math.max(least[i]!, level)) : 0)));
  let low = 0;
  let high = AVAILABLE;
  for (let k = 0; k < 40; k++) {
    const mid = (low + high) / 2;
    if (freeAt(mid) <= room) low = mid;
    else high = mid;
  }
  const heights = rows.map((r, i) => {
    if (!r.free || full[i]! <= low) return full[i]!;
    const line = Math.max(...r.cells.map((c) => lineHeight(doc, c, m)));
    // Whole lines only, so that no line is drawn half outside its cell.
    const lines = Math.floor((Math.max(least[i]!, low) - 2 * m.pad) / line);
    return Math.max(1, lines) * line + 2 * m.pad;
  });
  return { m, heights, cut: true };
}

function drawRow(doc: Doc, r: Row, y: number, h: number, m: Metrics, cut: boolean) {
  let x = MARGIN;
  for (const cell of r.cells) {
    const w = cell.w * WIDTH;
    const fill = FILL[cell.kind ?? "plain"];
    if (fill && !r.bare) doc.rect(x, y, w, h).fill(fill);
    if (!r.bare) doc.lineWidth(0.5).strokeColor("#6b7280").rect(x, y, w, h).stroke();
    setFont(doc, cell, m);
    doc.fillColor(cell.kind === "notice" ? "#a11" : "#111");
    doc.text(cell.text || " ", x + m.pad, y + m.pad, {
      width: w - 2 * m.pad,
      // A little slack: the measured height must not lose its last line to rounding.
      height: h - 2 * m.pad + (cut && r.free ? 0.5 : 2),
      lineGap: m.gap,
      align: cell.align ?? "left",
      ellipsis: cut && r.free ? "…" : undefined,
    });
    x += w;
  }
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
