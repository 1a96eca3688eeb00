/**
 * Reading the Ministry of Internal Affairs' (総務省) yearly tables of every municipality, in the
 * layout those files have (docs/national-tables.md): a title and notes above, one header row
 * with 「団体コード」, then one row per municipality. Columns are found by their header text, so
 * their order and any other columns do not matter. Pure: a grid of cells in, rows out, or every
 * problem with its file, row and column.
 */
import { AppError, type ErrorDetail } from "../core/errors.ts";
import { checkDigit, validateMunicipalityCode } from "../core/municipality-code.ts";
import {
  type Grid,
  isBlank,
  placeOf,
  type RawCell,
  readNumber,
  readText,
} from "../spreadsheets/index.ts";

export const LAYOUTS = ["kenzenka", "kessan-card"] as const;
export type Layout = (typeof LAYOUTS)[number];

export const LAYOUT_LABELS: Record<Layout, string> = {
  kenzenka: "健全化判断比率・資金不足比率（市町村別）",
  "kessan-card": "決算カード（市町村別の主要財政指標）",
};

type Field = "code" | "prefecture" | "name" | "population" | "similarGroup";

interface Column {
  /** Header texts that name the column (compared without spaces and line breaks, after NFKC). */
  headers: string[];
  /** A body's field, or the shared indicator the column's figures fill. */
  field?: Field;
  shared?: string;
  required: boolean;
}

const BODY_COLUMNS: Column[] = [
  { headers: ["団体コード"], field: "code", required: true },
  { headers: ["都道府県名", "都道府県"], field: "prefecture", required: true },
  { headers: ["団体名", "市区町村名", "市町村名"], field: "name", required: true },
];

/** Each layout's columns beyond the body's (docs/national-tables.md lists them all). */
export const LAYOUT_COLUMNS: Record<Layout, Column[]> = {
  kenzenka: [
    ...BODY_COLUMNS,
    { headers: ["実質赤字比率"], shared: "real-deficit-ratio", required: true },
    { headers: ["連結実質赤字比率"], shared: "consolidated-deficit-ratio", required: true },
    { headers: ["実質公債費比率"], shared: "real-debt-service-ratio", required: true },
    { headers: ["将来負担比率"], shared: "future-burden-ratio", required: true },
  ],
  "kessan-card": [
    ...BODY_COLUMNS,
    { headers: ["類似団体区分"], field: "similarGroup", required: true },
    {
      headers: ["住民基本台帳人口", "住民基本台帳登載人口", "人口"],
      field: "population",
      shared: "population",
      required: true,
    },
    { headers: ["財政力指数"], shared: "fiscal-capability-index", required: true },
    { headers: ["経常収支比率"], shared: "current-balance-ratio", required: true },
    { headers: ["実質公債費比率"], shared: "real-debt-service-ratio", required: false },
    { headers: ["将来負担比率"], shared: "future-burden-ratio", required: false },
  ],
};

export interface NationalBody {
  code: string;
  name: string;
  prefecture: string;
  population?: number | null;
  similarGroup?: string | null;
}

export interface NationalValue {
  bodyCode: string;
  sharedCode: string;
  value: number | null;
  /** The cell as published when it is not a number (「－」). */
  note: string | null;
}

export interface NationalTable {
  layout: Layout;
  /** The title above the header says 「サンプル」: invented figures (test files, demos). */
  sample: boolean;
  bodies: NationalBody[];
  values: NationalValue[];
}

/** How many problems one error lists at most. */
export const MAX_PROBLEMS = 50;
/** The header row is looked for among the first rows (titles and notes come before it). */
const HEADER_SEARCH_ROWS = 30;

const headerKey = (raw: RawCell) =>
  typeof raw === "string" || typeof raw === "number"
    ? String(raw)
        .normalize("NFKC")
        .replace(/[\s\u3000]+/g, "")
        .replace(/[（(][^）)]*[）)]$/, "")
    : "";

/** 「－」「-」「―」「…」: the table has no figure (e.g. no deficit). */
const NO_FIGURE = /^[-－―—−‐…]+$/;

/** Which layout a header row is, by the columns it has: 財政力指数 → 決算カード; 実質赤字比率 → 健全化. */
export function layoutOf(headers: string[]): Layout | null {
  if (headers.includes("財政力指数")) return "kessan-card";
  if (headers.includes("実質赤字比率")) return "kenzenka";
  return null;
}

/** A code as the tables write it: six digits with the check digit, or five without. */
export function readBodyCode(
  raw: RawCell,
): { ok: true; code: string } | { ok: false; problem: string } {
  const text = readText(raw);
  if (!text.ok) return { ok: false, problem: text.problem };
  const digits = (text.value ?? "").normalize("NFKC").trim();
  if (/^\d{5}$/.test(digits)) return { ok: true, code: `${digits}${checkDigit(digits)}` };
  const checked = validateMunicipalityCode(digits);
  return checked.ok ? checked : { ok: false, problem: checked.message };
}

export function readNationalTable(grid: Grid, file: string): NationalTable {
  const problems: ErrorDetail[] = [];
  // A CSV's sheet is its file: named once.
  const where = (row: number, column?: string) =>
    grid.sheet === file
      ? placeOf(grid.sheet, row, column)
      : `${file}: ${placeOf(grid.sheet, row, column)}`;
  const fail = (message: string, details: ErrorDetail[]) => {
    throw new AppError("invalid_file", message, details.slice(0, MAX_PROBLEMS));
  };

  const headerRow = grid.rows
    .slice(0, HEADER_SEARCH_ROWS)
    .find((r) => r.cells.some((c) => headerKey(c) === "団体コード"));
  if (!headerRow)
    fail(`総務省の表として読めません: ${file}`, [
      {
        location: `${file}: ${grid.sheet}`,
        message: `最初の ${HEADER_SEARCH_ROWS} 行に「団体コード」の見出しがありません`,
      },
    ]);
  const headers = headerRow!.cells.map(headerKey);
  const layout = layoutOf(headers);
  if (!layout)
    return fail(`総務省の表として読めません: ${file}`, [
      {
        location: where(headerRow!.row),
        message:
          "見出しに「実質赤字比率」（健全化判断比率の表）も「財政力指数」（決算カードの表）もありません",
      },
    ]);
  const columns = LAYOUT_COLUMNS[layout].flatMap((col) => {
    const at = headers.findIndex((h) => col.headers.includes(h));
    if (at >= 0) return [{ ...col, at, title: headers[at]! }];
    if (col.required)
      problems.push({
        location: where(headerRow!.row),
        message: `見出し「${col.headers[0]}」の列がありません（${LAYOUT_LABELS[layout]}の表）`,
      });
    return [];
  });
  if (problems.length) fail(`${file} の見出しが足りません`, problems);

  const bodies: NationalBody[] = [];
  const values: NationalValue[] = [];
  const seen = new Map<string, number>();
  const codeColumn = columns.find((c) => c.field === "code")!;
  for (const row of grid.rows) {
    if (row.row <= headerRow!.row) continue;
    // Rows without a code are notes, subtotals and blank lines between prefectures.
    if (isBlank(row.cells[codeColumn.at])) continue;
    const code = readBodyCode(row.cells[codeColumn.at]);
    if (!code.ok) {
      problems.push({ location: where(row.row, codeColumn.title), message: code.problem });
      continue;
    }
    const first = seen.get(code.code);
    if (first !== undefined) {
      problems.push({
        location: where(row.row, codeColumn.title),
        message: `団体コード ${code.code} は ${first} 行目にもあります`,
      });
      continue;
    }
    seen.set(code.code, row.row);
    const body: NationalBody = { code: code.code, name: "", prefecture: "" };
    for (const col of columns) {
      const raw = row.cells[col.at];
      if (col.field === "name" || col.field === "prefecture" || col.field === "similarGroup") {
        const text = readText(raw);
        if (!text.ok) problems.push({ location: where(row.row, col.title), message: text.problem });
        else if (text.value === null && col.field !== "similarGroup")
          problems.push({ location: where(row.row, col.title), message: "空欄です" });
        else if (col.field === "similarGroup") body.similarGroup = text.value;
        else body[col.field] = text.value!;
      }
      if (!col.shared) continue;
      const text = typeof raw === "string" ? raw.normalize("NFKC").trim() : "";
      if (NO_FIGURE.test(text)) {
        values.push({ bodyCode: code.code, sharedCode: col.shared, value: null, note: "－" });
        if (col.field === "population") body.population = null;
        continue;
      }
      const n = readNumber(raw, col.field === "population" ? "人" : "%");
      if (!n.ok) {
        problems.push({ location: where(row.row, col.title), message: n.problem });
        continue;
      }
      if (col.field === "population") {
        if (n.value !== null && (!Number.isInteger(n.value) || n.value < 0)) {
          problems.push({
            location: where(row.row, col.title),
            message: `人口は 0 以上の整数です（"${String(raw)}"）`,
          });
          continue;
        }
        body.population = n.value;
      }
      if (n.value !== null)
        values.push({ bodyCode: code.code, sharedCode: col.shared, value: n.value, note: null });
    }
    bodies.push(body);
    if (problems.length >= MAX_PROBLEMS) break;
  }
  if (problems.length)
    fail(
      `${file} に誤りがあります（${problems.length} 件${problems.length >= MAX_PROBLEMS ? "以上" : ""}）。何も読み込んでいません`,
      problems,
    );
  if (bodies.length === 0)
    fail(`${file} に団体の行がありません`, [
      { location: where(headerRow!.row), message: "見出しの下に団体コードのある行がありません" },
    ]);
  const sample = grid.rows
    .filter((r) => r.row < headerRow!.row)
    .some((r) => r.cells.some((c) => typeof c === "string" && c.includes("サンプル")));
  return { layout, sample, bodies, values };
}
