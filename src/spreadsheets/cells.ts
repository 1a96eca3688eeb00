/**
 * Reading what staff type into a spreadsheet cell, and writing values so that they read back.
 * Pure: no database, no files. Everything ambiguous is refused with a message in Japanese that
 * quotes what was typed; nothing is guessed.
 */
import { parseFiscalYear } from "../core/fiscal-year.ts";

/** A cell as the file readers hand it over (a CSV gives only strings and nulls). */
export type RawCell =
  | null
  | undefined
  | string
  | number
  | boolean
  | Date
  | { formula: string; result?: RawCell | { error: string } }
  | { error: string };

export type Read<T> = { ok: true; value: T } | { ok: false; problem: string };

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const fail = (problem: string): Read<never> => ({ ok: false, problem });

/** How a cell is quoted in a message: 「…（"１２,３４５件"）」. */
export function quote(raw: RawCell): string {
  if (raw === null || raw === undefined) return '""';
  if (raw instanceof Date) return `"${raw.toISOString().slice(0, 10)}"`;
  if (typeof raw === "object") {
    if ("formula" in raw) return `"=${raw.formula}"`;
    return `"${raw.error}"`;
  }
  return `"${String(raw)}"`;
}

const isFormula = (raw: RawCell): raw is { formula: string; result?: RawCell } =>
  typeof raw === "object" && raw !== null && !(raw instanceof Date) && "formula" in raw;

/** A formula cell stands for its cached result; one without a result cannot be read. */
function resolve(raw: RawCell): Read<Exclude<RawCell, { formula: string }>> {
  if (!isFormula(raw)) return ok(raw);
  const result = raw.result;
  if (result === undefined)
    return fail(
      `数式の計算結果が保存されていません。Excel で開いて保存し直すか、値を入力してください（"=${raw.formula}"）`,
    );
  if (isFormula(result)) return fail(`数式を読み取れません（"=${raw.formula}"）`);
  return ok(result);
}

/** Full-width spaces and NBSP count as spaces; NFKC turns full-width digits and signs into ASCII. */
const normalize = (s: string) =>
  s
    .normalize("NFKC")
    .replace(/[\s\u00a0\u3000]+/g, " ")
    .trim();

/** Is the cell empty (blank, spaces only)? */
export function isBlank(raw: RawCell): boolean {
  if (raw === null || raw === undefined) return true;
  if (typeof raw === "string") return normalize(raw) === "";
  if (isFormula(raw))
    return raw.result === null || (raw.result !== undefined && isBlank(raw.result));
  return false;
}

const MINUS = /^[-−–—‐ー]/;
const DIGITS = /^(\d+(\.\d+)?|\.\d+)([eE][-+]?\d{1,3})?$/;
const GROUPED = /^\d{1,3}(,\d{3})+(\.\d+)?$/;

/** The unit as compared: NFKC, without spaces (「％」 = "%"). */
const unitKey = (unit: string) => unit.normalize("NFKC").replace(/\s+/g, "");

/**
 * Reads a number as staff type it: full-width digits and signs, thousands separators, the
 * indicator's unit after the number (「12件」, 「52.1%」), △ or ▲ for minus, blank for no value,
 * a formula's cached result. `unit` is the indicator's unit ("" when it has none).
 */
export function readNumber(raw: RawCell, unit = ""): Read<number | null> {
  const resolved = resolve(raw);
  if (!resolved.ok) return resolved;
  const cell = resolved.value;
  if (cell === null || cell === undefined) return ok(null);
  if (typeof cell === "number")
    return Number.isFinite(cell) ? ok(cell + 0) : fail(`数値ではありません（${quote(raw)}）`);
  if (typeof cell === "boolean") return fail(`数値ではありません（"${cell ? "TRUE" : "FALSE"}"）`);
  if (cell instanceof Date)
    return fail(`日付になっています。数値を入力してください（${quote(cell)}）`);
  if (typeof cell === "object") return fail(`セルがエラー値です（"${cell.error}"）`);
  const spaced = normalize(cell);
  if (spaced === "") return ok(null);
  const said = `"${cell}"`;
  if (/[\d.,] +[\d.,]/.test(spaced)) return fail(`数値ではありません（${said}）`);
  const text = spaced.replace(/ /g, "");
  let rest = text;
  let negative = false;
  if (/^[△▲]/.test(rest)) {
    negative = true;
    rest = rest.slice(1);
  } else if (MINUS.test(rest)) {
    negative = true;
    rest = rest.slice(1);
  } else if (rest.startsWith("+")) rest = rest.slice(1);
  if (/^[-+−–—‐ー△▲]/.test(rest)) return fail(`符号が重なっています（${said}）`);
  // The unit: only the indicator's own, at the end.
  const wanted = unitKey(unit);
  const suffix = /[^\d.,]+$/.exec(rest)?.[0] ?? "";
  if (wanted !== "" && rest.length > wanted.length && rest.endsWith(wanted))
    rest = rest.slice(0, -wanted.length);
  else if (suffix !== "" && /^[\d.,]/.test(rest)) {
    return fail(
      wanted === ""
        ? `単位「${suffix}」は付けられません。この指標には単位がありません（${said}）`
        : `単位「${suffix}」はこの指標の単位「${unit}」と違います（${said}）`,
    );
  }
  if (rest === "" || /^[-−–—‐ー―]+$/.test(text))
    return fail(`数値ではありません。値がないときは空欄にしてください（${said}）`);
  if (!/^[\d.,]+([eE][-+]?\d+)?$/.test(rest)) return fail(`数値ではありません（${said}）`);
  if (rest.includes(",")) {
    if (!GROUPED.test(rest)) return fail(`桁区切りのカンマの位置が正しくありません（${said}）`);
    rest = rest.replace(/,/g, "");
  }
  if (!DIGITS.test(rest)) return fail(`数値ではありません（${said}）`);
  const value = Number(rest);
  if (!Number.isFinite(value)) return fail(`数値が大きすぎます（${said}）`);
  // 「△0」 is 0 (adding 0 turns −0 into 0).
  return ok((negative ? -value : value) + 0);
}

/** Reads a text cell: trimmed; blank is null. Numbers are taken as typed (a code 0123 stays). */
export function readText(raw: RawCell): Read<string | null> {
  const resolved = resolve(raw);
  if (!resolved.ok) return resolved;
  const cell = resolved.value;
  if (cell === null || cell === undefined) return ok(null);
  if (typeof cell === "number") return ok(String(cell));
  if (typeof cell === "boolean") return ok(cell ? "TRUE" : "FALSE");
  if (cell instanceof Date) return fail(`日付ではなく文字を入力してください（${quote(cell)}）`);
  if (typeof cell === "object") return fail(`セルがエラー値です（"${cell.error}"）`);
  const text = cell.replace(/^[\s\u3000]+|[\s\u3000]+$/g, "");
  return ok(text === "" ? null : text);
}

/**
 * Reads a day: a date cell (Excel turns 「2024/4/1」 into one) as YYYY-MM-DD, text as typed —
 * whether the text is a real day is the dataset's own check, with its own message.
 */
export function readDate(raw: RawCell): Read<string | null> {
  const resolved = resolve(raw);
  if (!resolved.ok) return resolved;
  const cell = resolved.value;
  if (cell instanceof Date) {
    if (Number.isNaN(cell.getTime())) return fail(`日付として読めません（${quote(cell)}）`);
    return ok(cell.toISOString().slice(0, 10));
  }
  return readText(cell);
}

/** Reads one of a fixed list of values (compared after NFKC, so 全角 and 半角 agree). */
export function readEnum(raw: RawCell, allowed: readonly string[]): Read<string | null> {
  const text = readText(raw);
  if (!text.ok || text.value === null) return text;
  const key = normalize(text.value);
  const found = allowed.find((a) => normalize(a) === key);
  return found !== undefined
    ? ok(found)
    : fail(`「${allowed.join("」「")}」のどれかを入力してください（"${text.value}"）`);
}

/** Reads a fiscal year in a cell or a header: 令和4年度, R4, 2022年度, 2022 (a number). */
export function readFiscalYear(raw: RawCell): Read<number | null> {
  const resolved = resolve(raw);
  if (!resolved.ok) return resolved;
  const cell = resolved.value;
  if (cell === null || cell === undefined) return ok(null);
  if (typeof cell === "number")
    return Number.isInteger(cell) && cell >= 1868 && cell <= 2200
      ? ok(cell)
      : fail(`年度として読み取れません（${quote(cell)}）`);
  if (typeof cell !== "string") return fail(`年度として読み取れません（${quote(cell)}）`);
  if (normalize(cell) === "") return ok(null);
  const parsed = parseFiscalYear(cell);
  return parsed.ok ? ok(parsed.fiscalYear) : fail(parsed.message);
}

/**
 * A number as an export writes it into a text file (CSV): the shortest form that reads back as
 * the same double, never with a thousands separator.
 */
export function writeNumber(value: number | null): string {
  if (value === null) return "";
  return Object.is(value, -0) ? "0" : String(value);
}

/** A percent-formatted Excel number (0.12 shown as 12%) as the text it shows: "12%". */
export function percentText(value: number): string {
  return `${Number((value * 100).toPrecision(15))}%`;
}

/** 「Sheet1 の 12 行目『令和4年度』列: …」 */
export function placeOf(sheet: string, row: number, column?: string | null): string {
  return column ? `${sheet} の ${row} 行目『${column}』列` : `${sheet} の ${row} 行目`;
}
