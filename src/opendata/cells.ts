/**
 * Reading one cell of an open data upload by its column's type: full-width digits and 和暦 dates
 * are normalised on the way in (stored as half-width digits and YYYY-MM-DD), everything else is
 * refused with a message that quotes the cell. Pure: no database, no files.
 */
import { parseJapaneseDate } from "../core/fiscal-year.ts";
import { validateMunicipalityCode } from "../core/municipality-code.ts";
import {
  isBlank,
  type RawCell,
  type Read,
  readEnum,
  readNumber,
  readText,
} from "../spreadsheets/index.ts";
import type { StoredCell } from "./schema.ts";
import type { ColumnType } from "./standard/schemas.ts";

const ok = <T>(value: T): Read<T> => ({ ok: true, value });
const fail = (problem: string): Read<never> => ({ ok: false, problem });

/** Full-width digits (０-９) as ASCII; nothing else of the text changes. */
export const halfWidthDigits = (s: string) =>
  s.replace(/[０-９]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0));

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * A date as people write it — 2023-04-01, 2023/4/1, 2023年4月1日, 令和5年4月1日, R5.4.1 — as
 * YYYY-MM-DD (core/fiscal-year.ts parseJapaneseDate), the cell quoted in a refusal.
 */
export function parseDate(text: string): Read<string> {
  const read = parseJapaneseDate(text);
  return read.ok ? ok(read.date) : fail(`${read.message}（"${text}"）`);
}

/** A time of day as hh:mm: 9:00, ９：００, 9時, 9時30分; 24:00 is accepted (closing at midnight). */
export function parseTime(text: string): Read<string> {
  const s = text.normalize("NFKC").replace(/\s+/g, "");
  const m = /^(\d{1,2})(?::(\d{2})|時(?:(\d{1,2})分)?)$/.exec(s);
  const h = m ? Number(m[1]) : Number.NaN;
  const min = m ? Number(m[2] ?? m[3] ?? 0) : Number.NaN;
  if (!m || min > 59 || h > 24 || (h === 24 && min > 0))
    return fail(`時刻として読み取れません。09:00 のように入力してください（"${text}"）`);
  return ok(`${pad(h)}:${pad(min)}`);
}

function fromDateCell(raw: Date, type: "date" | "time"): string {
  const iso = raw.toISOString();
  return type === "date" ? iso.slice(0, 10) : iso.slice(11, 16);
}

const inRange = (label: string, min: number, max: number) => (n: number, said: string) =>
  n >= min && n <= max
    ? ok(n)
    : fail(`${label}は ${min}〜${max} の十進の度で入力してください（${said}）`);

const RANGES = { lat: inRange("緯度", -90, 90), lon: inRange("経度", -180, 180) };

/** Reads a cell of a column of this type; blank is null (whether required is checked apart). */
export function readCell(raw: RawCell, type: ColumnType, municipality: string): Read<StoredCell> {
  if (isBlank(raw)) return ok(null);
  const said = typeof raw === "string" || typeof raw === "number" ? `"${raw}"` : "";
  switch (type) {
    case "int":
    case "num":
    case "lat":
    case "lon": {
      const n = readNumber(raw);
      if (!n.ok || n.value === null) return n;
      if (type === "int" && (!Number.isInteger(n.value) || n.value < 0))
        return fail(`0 以上の整数で入力してください（${said}）`);
      if (type === "lat" || type === "lon") return RANGES[type](n.value, said);
      return n;
    }
    case "date":
    case "time": {
      if (raw instanceof Date) return ok(fromDateCell(raw, type));
      const t = readText(raw);
      if (!t.ok || t.value === null) return t;
      return type === "date" ? parseDate(t.value) : parseTime(t.value);
    }
    case "yn":
      return readEnum(raw, ["有", "無"]);
    case "url": {
      const t = readText(raw);
      if (!t.ok || t.value === null) return t;
      return /^https?:\/\/[^\s]+$/.test(t.value)
        ? ok(t.value)
        : fail(`http:// か https:// で始まる URL を入力してください（"${t.value}"）`);
    }
    case "code": {
      const t = readText(raw);
      if (!t.ok || t.value === null) return t;
      const checked = validateMunicipalityCode(t.value);
      if (!checked.ok) return fail(checked.message);
      return checked.code === municipality
        ? ok(checked.code)
        : fail(`この団体の全国地方公共団体コード ${municipality} と違います（"${t.value}"）`);
    }
    case "text": {
      const t = readText(raw);
      return t.ok && t.value !== null ? ok(halfWidthDigits(t.value)) : t;
    }
  }
}
