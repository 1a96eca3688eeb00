/**
 * Reading one cell of an open data upload by its column's type: full-width digits and 和暦 dates
 * are normalised on the way in (stored as half-width digits and YYYY-MM-DD), everything else is
 * refused with a message that quotes the cell. Pure: no database, no files.
 */
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

/** The eras a 和暦 date may be written in, with the first day of each. */
const ERAS: { names: string[]; start: string }[] = [
  { names: ["令和", "R"], start: "2019-05-01" },
  { names: ["平成", "H"], start: "1989-01-08" },
  { names: ["昭和", "S"], start: "1926-12-25" },
  { names: ["大正", "T"], start: "1912-07-30" },
  { names: ["明治", "M"], start: "1868-01-25" },
];

const pad = (n: number) => String(n).padStart(2, "0");

function isoDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
    ? `${y}-${pad(m)}-${pad(d)}`
    : null;
}

/**
 * A date as people write it — 2023-04-01, 2023/4/1, 2023年4月1日, 令和5年4月1日, 令和元年5月1日,
 * R5.4.1, H31/4/30 — as YYYY-MM-DD; a day the era had not begun (平成31年5月1日 is 令和) is refused.
 */
export function parseDate(text: string): Read<string> {
  const said = `"${text}"`;
  const s = text.normalize("NFKC").replace(/\s+/g, "");
  const western = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (western) {
    const iso = isoDate(Number(western[1]), Number(western[2]), Number(western[3]));
    return iso ? ok(iso) : fail(`存在しない日付です（${said}）`);
  }
  const era =
    /^(令和|平成|昭和|大正|明治|[RHSTMrhstm])(元|\d{1,2})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(
      s,
    );
  if (era) {
    const name = era[1]!.toUpperCase();
    const e = ERAS.find((x) => x.names.includes(name))!;
    const year = Number(e.start.slice(0, 4)) + (era[2] === "元" ? 1 : Number(era[2])) - 1;
    const iso = isoDate(year, Number(era[3]), Number(era[4]));
    if (!iso) return fail(`存在しない日付です（${said}）`);
    if (iso < e.start)
      return fail(`${e.names[0]}は ${e.start} からです。元号を確かめてください（${said}）`);
    const next = ERAS[ERAS.indexOf(e) - 1];
    if (next && iso >= next.start)
      return fail(`${iso} は${next.names[0]}です。元号を確かめてください（${said}）`);
    return ok(iso);
  }
  return fail(
    `日付として読み取れません。2023-04-01 や 令和5年4月1日 のように入力してください（${said}）`,
  );
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
