/**
 * The layout primitives of the one-page PDF sheet (pdf.ts): the Japanese font, rows of
 * cells, measuring them at a scale, fitting the rows on the page (cutting free text with "…"
 * only when even the smallest scale does not fit) and drawing them with pdfkit.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

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

export type Kind = "plain" | "section" | "label" | "head" | "value" | "notice";

export interface Cell {
  text: string;
  /** Share of the content width; a row's shares add up to 1. */
  w: number;
  kind?: Kind;
  bold?: boolean;
  align?: "left" | "right" | "center";
  /** Font size relative to the body text. */
  size?: number;
}

export interface Row {
  cells: Cell[];
  /** Without borders (the page header and the notes). */
  bare?: boolean;
  /** Free text that may be cut with "…" when nothing else makes the page fit. */
  free?: boolean;
}

export const PAGE = { width: 595.28, height: 841.89 };
export const MARGIN = 28;
const WIDTH = PAGE.width - 2 * MARGIN;
const BODY = 8.5;
const SCALES = [1, 0.94, 0.88, 0.82, 0.76, 0.7, 0.65, 0.6];
const FILL: Partial<Record<Kind, string>> = {
  section: "#dde6f0",
  label: "#f2f4f7",
  head: "#f2f4f7",
  notice: "#fdecec",
};

export const row = (cells: Cell[], options: Omit<Row, "cells"> = {}): Row => ({
  cells,
  ...options,
});
export const section = (text: string): Row => row([{ text, w: 1, kind: "section", bold: true }]);
/** A label and its value across the full width. */
export const field = (label: string, value: string, free = false): Row =>
  row(
    [
      { text: label, w: 0.2, kind: "label" },
      { text: value || "—", w: 0.8 },
    ],
    { free },
  );
/** Two labels with their values side by side. */
export const pair = (a: [string, string], b: [string, string]): Row =>
  row([
    { text: a[0], w: 0.2, kind: "label" },
    { text: a[1] || "—", w: 0.35 },
    { text: b[0], w: 0.2, kind: "label" },
    { text: b[1] || "—", w: 0.25 },
  ]);

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

export const rowHeight = (doc: Doc, r: Row, m: Metrics) =>
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
export function fitRows(
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

export function drawRow(doc: Doc, r: Row, y: number, h: number, m: Metrics, cut: boolean) {
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
