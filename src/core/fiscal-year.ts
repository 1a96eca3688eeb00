/**
 * Japanese fiscal years (年度). A fiscal year runs from April 1 to March 31 and is identified
 * by the Western year it starts in: 令和3年度 = 2021 = 2021-04-01 .. 2022-03-31.
 *
 * Era names (元号) come from the platform's Intl Japanese calendar, not from a hand-written
 * table, so a future era is picked up by updating Node/ICU.
 */

export type EraName = "明治" | "大正" | "昭和" | "平成" | "令和" | (string & {});

export interface EraYear {
  era: EraName;
  /** Year within the era; 1 is written 元. */
  year: number;
}

export interface FiscalYearRange {
  /** ISO date (YYYY-MM-DD) of April 1 of the fiscal year. */
  start: string;
  /** ISO date (YYYY-MM-DD) of March 31 of the following calendar year. */
  end: string;
}

export type ParseFiscalYearResult =
  | { ok: true; fiscalYear: number }
  | { ok: false; message: string };

/** Zero-based month (April) in which a fiscal year starts. */
const FIRST_MONTH = 3;

const LONG_ERA = new Intl.DateTimeFormat("ja-JP-u-ca-japanese", {
  era: "long",
  year: "numeric",
  timeZone: "UTC",
});
const NARROW_ERA = new Intl.DateTimeFormat("ja-JP-u-ca-japanese", {
  era: "narrow",
  year: "numeric",
  timeZone: "UTC",
});

function assertYear(fy: number): void {
  if (!Number.isSafeInteger(fy)) throw new RangeError(`年度 ${fy} は整数ではありません`);
}

/** The fiscal year a date (in local time) belongs to: January–March belong to the previous one. */
export function fiscalYearOf(date: Date): number {
  if (Number.isNaN(date.getTime())) throw new RangeError("無効な日付です");
  const year = date.getFullYear();
  return date.getMonth() < FIRST_MONTH ? year - 1 : year;
}

/** The calendar date (YYYY-MM-DD) in Japan at an instant. */
export function dayInJapan(at: Date): string {
  if (Number.isNaN(at.getTime())) throw new RangeError("無効な日時です");
  return new Date(at.getTime() + 9 * 60 * 60 * 1000).toISOString().slice(0, 10);
}

/** The fiscal year of a moment as the calendar in Japan has it (whatever the server's zone). */
export function fiscalYearInJapan(at: Date): number {
  const jst = new Date(at.getTime() + 9 * 60 * 60 * 1000);
  return fiscalYearOf(new Date(jst.getUTCFullYear(), jst.getUTCMonth(), jst.getUTCDate()));
}

function isoYear(year: number): string {
  return year < 0 ? `-${String(-year).padStart(6, "0")}` : String(year).padStart(4, "0");
}

/** First and last day of a fiscal year as ISO date strings. */
export function fiscalYearRange(fy: number): FiscalYearRange {
  assertYear(fy);
  return { start: `${isoYear(fy)}-04-01`, end: `${isoYear(fy + 1)}-03-31` };
}

/**
 * December 31 of the start year: late enough that the fiscal year in which an era began is
 * named after the new era (FY2019 = 令和元年度, FY1989 = 平成元年度), and still inside the
 * fiscal year.
 */
function representativeDate(fy: number): Date {
  const date = new Date(Date.UTC(2000, 11, 31));
  date.setUTCFullYear(fy);
  return date;
}

function eraParts(format: Intl.DateTimeFormat, fy: number): { era: string; year: number } {
  const parts = format.formatToParts(representativeDate(fy));
  const era = parts.find((p) => p.type === "era")?.value ?? "";
  const yearText = (parts.find((p) => p.type === "year")?.value ?? "").normalize("NFKC");
  return { era, year: yearText === "元" ? 1 : Number(yearText) };
}

/** Era name and era year of a fiscal year, e.g. 2021 → {era: "令和", year: 3}. */
export function eraOfFiscalYear(fy: number): EraYear {
  assertYear(fy);
  return eraParts(LONG_ERA, fy);
}

/** "令和3年度" (元 for the first year of an era). */
export function shortFiscalYearLabel(fy: number): string {
  const { era, year } = eraOfFiscalYear(fy);
  return `${era}${year === 1 ? "元" : year}年度`;
}

/** "令和3年度（2021）" with full-width parentheses. */
export function fiscalYearLabel(fy: number): string {
  return `${shortFiscalYearLabel(fy)}（${fy}）`;
}

interface EraInfo {
  name: string;
  /** Roman initial used in abbreviations such as R3 or H30 (from Intl's narrow era). */
  letter: string | null;
  /** Western year of the fiscal year named 元年度 of this era. */
  startYear: number;
}

/** 明治 began in 1868; scanning up to 2200 covers every era the runtime's ICU knows. */
const SCAN_FROM = 1868;
const SCAN_UNTIL = 2200;
let eraTable: EraInfo[] | undefined;

/** Modern eras with their start years, derived from Intl by scanning fiscal years once. */
function modernEras(): EraInfo[] {
  if (eraTable) return eraTable;
  const found = new Map<string, EraInfo>();
  for (let fy = SCAN_FROM; fy <= SCAN_UNTIL; fy++) {
    const { era, year } = eraParts(LONG_ERA, fy);
    if (era === "" || !Number.isInteger(year) || found.has(era)) continue;
    const narrow = eraParts(NARROW_ERA, fy).era;
    const letter = /^[A-Z]$/.test(narrow) ? narrow : null;
    found.set(era, { name: era, letter, startYear: fy - year + 1 });
  }
  eraTable = [...found.values()];
  return eraTable;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

let eraPattern: RegExp | undefined;

/**
 * 令和3年度 / 令和元年度 / 令和元度 (typo found in the city's plan) / R3 / R3年度 / H30年度, each
 * optionally followed by the Western year in parentheses as fiscalYearLabel writes it.
 */
function eraFormPattern(): RegExp {
  if (eraPattern) return eraPattern;
  const names = modernEras().map((e) => escapeRegExp(e.name));
  eraPattern = new RegExp(
    `^(${names.join("|")}|[A-Z])(元|\\d{1,3})(?:年度|年|度)?(?:\\((\\d{4})\\))?$`,
  );
  return eraPattern;
}

const WESTERN_FORM = /^(\d{4})(?:年度|年)?$/;

function unreadable(text: string): ParseFiscalYearResult {
  return {
    ok: false,
    message: `「${text}」を年度として読み取れません（例: 令和3年度、R3、2021年度）`,
  };
}

/** Reads a fiscal year written in the ways municipal documents write it. */
export function parseFiscalYear(text: string): ParseFiscalYearResult {
  const original = typeof text === "string" ? text : String(text ?? "");
  // NFKC turns full-width digits, letters and parentheses into ASCII (Ｒ３ → R3, （ → ().
  const s = original.normalize("NFKC").replace(/\s+/g, "").toUpperCase();
  if (s === "") return { ok: false, message: "年度が入力されていません" };

  const western = WESTERN_FORM.exec(s);
  if (western) return { ok: true, fiscalYear: Number(western[1]) };

  const m = eraFormPattern().exec(s);
  if (!m) return unreadable(original);
  const [, eraText = "", yearText = "", westernText] = m;
  const era = modernEras().find((e) => e.name === eraText || e.letter === eraText);
  const year = yearText === "元" ? 1 : Number(yearText);
  if (!era || year < 1) return unreadable(original);
  const fiscalYear = era.startYear + year - 1;
  if (westernText !== undefined && Number(westernText) !== fiscalYear) {
    return {
      ok: false,
      message: `「${original}」の和暦（${fiscalYear}年度）と西暦（${westernText}年度）が一致しません`,
    };
  }
  return { ok: true, fiscalYear };
}

// ── Dates as people write them ──────────────────────────────────────────────────────────────

export type ParseDateResult = { ok: true; date: string } | { ok: false; message: string };

/** The eras a 和暦 date may be written in, with the first day of each. */
const DATE_ERAS: { names: string[]; start: string }[] = [
  { names: ["令和", "R"], start: "2019-05-01" },
  { names: ["平成", "H"], start: "1989-01-08" },
  { names: ["昭和", "S"], start: "1926-12-25" },
  { names: ["大正", "T"], start: "1912-07-30" },
  { names: ["明治", "M"], start: "1868-01-25" },
];

const pad2 = (n: number) => String(n).padStart(2, "0");

function existingDate(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d
    ? `${y}-${pad2(m)}-${pad2(d)}`
    : null;
}

/**
 * A date as people write it — 2023-04-01, 2023/4/1, 2023年4月1日, 令和5年4月1日, 令和元年5月1日,
 * R5.4.1, H31/4/30, in full-width digits too — as YYYY-MM-DD. A day that does not exist
 * (2023-02-30), a day the era had not begun or had ended (平成31年5月1日 is 令和), and a day after
 * `latest` (an impossible future date: a meeting held next year) are refused, saying why.
 */
export function parseJapaneseDate(text: string, opts: { latest?: string } = {}): ParseDateResult {
  const s = String(text ?? "")
    .normalize("NFKC")
    .replace(/\s+/g, "");
  if (s === "") return { ok: false, message: "日付が入力されていません" };
  const checked = (iso: string): ParseDateResult =>
    opts.latest !== undefined && iso > opts.latest
      ? {
          ok: false,
          message: `${formatJapaneseDay(iso)}は先の日付です。${formatJapaneseDay(opts.latest)}までの日付を入力してください`,
        }
      : { ok: true, date: iso };
  const western = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  if (western) {
    const iso = existingDate(Number(western[1]), Number(western[2]), Number(western[3]));
    return iso ? checked(iso) : { ok: false, message: "存在しない日付です" };
  }
  const era =
    /^(令和|平成|昭和|大正|明治|[RHSTMrhstm])(元|\d{1,2})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(
      s,
    );
  if (era) {
    const name = era[1]!.toUpperCase();
    const e = DATE_ERAS.find((x) => x.names.includes(name))!;
    const year = Number(e.start.slice(0, 4)) + (era[2] === "元" ? 1 : Number(era[2])) - 1;
    const iso = existingDate(year, Number(era[3]), Number(era[4]));
    if (!iso) return { ok: false, message: "存在しない日付です" };
    if (iso < e.start)
      return { ok: false, message: `${e.names[0]}は ${e.start} からです。元号を確かめてください` };
    const next = DATE_ERAS[DATE_ERAS.indexOf(e) - 1];
    if (next && iso >= next.start)
      return { ok: false, message: `${iso} は${next.names[0]}です。元号を確かめてください` };
    return checked(iso);
  }
  return {
    ok: false,
    message: "日付として読み取れません。令和9年4月15日 や 2027-04-15 のように入力してください",
  };
}

const WAREKI_DATE = new Intl.DateTimeFormat("ja-JP-u-ca-japanese", {
  era: "long",
  year: "numeric",
  month: "long",
  day: "numeric",
  timeZone: "UTC",
});
const WEEKDAYS = ["日", "月", "火", "水", "木", "金", "土"] as const;

/**
 * 2027-04-15 → 「令和9年4月15日」 (元年 for an era's first year); with `weekday`,
 * 「令和9年4月15日（木）」. A text that is no date is returned as it is.
 */
export function formatJapaneseDay(iso: string, opts: { weekday?: boolean } = {}): string {
  const d = new Date(`${iso}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(d.getTime())) return iso;
  const day = WAREKI_DATE.format(d).replace(/^(\D+)1年/, "$1元年");
  return opts.weekday ? `${day}（${WEEKDAYS[d.getUTCDay()]}）` : day;
}

export type DateFieldResult = { ok: true; date: string | null } | { ok: false; message: string };

/**
 * A form's date field read with parseJapaneseDate, every message naming the field
 * (「実施日：存在しない日付です」). Blank is null when the field is optional. `happened` is for the
 * day of something that has happened (held, implemented, retired, answered): a day after today in
 * Japan is refused.
 */
export function readDateField(
  text: string,
  label: string,
  opts: { optional?: boolean; happened?: boolean; now?: Date } = {},
): DateFieldResult {
  const s = String(text ?? "").trim();
  if (s === "")
    return opts.optional
      ? { ok: true, date: null }
      : { ok: false, message: `${label}を入力してください` };
  const read = parseJapaneseDate(
    s,
    opts.happened ? { latest: dayInJapan(opts.now ?? new Date()) } : {},
  );
  return read.ok ? read : { ok: false, message: `${label}：${read.message}` };
}

/** The hint under a date field: the ways a day may be typed. */
export const DATE_HINT = "例：令和9年4月15日、R9.4.15、2027-04-15";

/** What a date field shows for a saved day: 2027-04-15 → 令和9年4月15日 (read back the same). */
export const dateFieldValue = (iso: string | null | undefined) =>
  iso ? formatJapaneseDay(iso) : "";
