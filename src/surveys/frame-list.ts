/**
 * A citizens' sample frame given as an anonymised list (pure): one row per person with an
 * opaque id, age band, sex and area only, read into the counts per stratum that Shisaku keeps
 * (the list itself, ids included, is not stored). A list that carries anything that looks like
 * personal data is refused as a whole: a column named like a name, address, phone, e-mail or
 * birth date, any column besides the four, or a cell that looks like a phone number, an e-mail
 * address or a date. The sampled 「名簿内の順位」 is the row's order within its stratum in this
 * list, so the office that keeps the list can find the person; Shisaku cannot.
 */
import type { ErrorDetail } from "../core/errors.ts";
import type { Checked } from "../core/outcome.ts";
import type { FrameRow } from "./rules.ts";

/** The list's columns, in this order. */
export const FRAME_LIST_HEADERS = ["ID", "年齢層", "性別", "地区"] as const;

/** Headers that name personal data (氏名, 住所, 電話, メール, 生年月日 and their English). */
const PERSONAL_HEADER =
  /氏名|名前|姓|フリガナ|ふりがな|カナ|住所|所在|番地|方書|電話|携帯|TEL|FAX|メール|mail|生年月日|誕生|name|address|phone|birth/i;

/** Cell values that look like personal data rather than a band, a sex or an area. */
const PERSONAL_CELLS: [RegExp, string][] = [
  [/\d{2,4}[-‐－ー]\d{2,4}[-‐－ー]\d{3,4}|^0\d{9,10}$/, "電話番号"],
  [/[^\s@]+@[^\s@]+\.[^\s@]+/, "メールアドレス"],
  [/\d{4}[-/年.]\d{1,2}[-/月.]\d{1,2}|[明大昭平令][0-9０-９元]+[年.]/, "日付（生年月日）"],
  [/丁目|番地|\d+番\d+号|\d+[-－]\d+[-－]\d+/, "住所"],
];

/** Whether a frame's first line is a list's header (its first column is the id). */
export const isFrameList = (header: readonly string[]) =>
  header.length > 0 && /^(ID|番号|識別番号|整理番号)$/i.test(header[0]!.trim());

/**
 * Reads the list's rows (the header first) into counts per stratum, in the order the strata
 * first appear; or every problem, with its line and column.
 */
export function readFrameList(rows: readonly string[][]): Checked<FrameRow[]> {
  const header = rows[0]!.map((h) => h.trim());
  const personal = header.filter((h) => PERSONAL_HEADER.test(h));
  if (personal.length)
    return refuse(
      "frame: 1行目",
      `個人を特定できる列（${personal.join("・")}）を含む名簿は受け付けません。` +
        `列を「${FRAME_LIST_HEADERS.join(",")}」だけにした匿名の名簿にしてください`,
    );
  if (
    header.length !== FRAME_LIST_HEADERS.length ||
    FRAME_LIST_HEADERS.some((h, i) => header[i] !== h)
  )
    return refuse(
      "frame: 1行目",
      `匿名の名簿の見出しは「${FRAME_LIST_HEADERS.join(",")}」にしてください（ほかの列は受け付けません）`,
    );
  const details: ErrorDetail[] = [];
  const ids = new Set<string>();
  const counts = new Map<string, FrameRow>();
  rows.slice(1).forEach((r, i) => {
    const line = i + 2;
    if (r.length !== FRAME_LIST_HEADERS.length) {
      details.push({ location: `frame: ${line}行目`, message: "列は4つにしてください" });
      return;
    }
    const [id, ageBand, sex, area] = r.map((x) => x.trim()) as [string, string, string, string];
    r.forEach((cell, c) => {
      const found = PERSONAL_CELLS.find(([re]) => re.test(cell));
      if (found)
        details.push({
          location: `frame: ${line}行目 ${FRAME_LIST_HEADERS[c]}`,
          message: `${found[1]}のような値があります。個人の情報を含まない匿名の名簿にしてください`,
        });
    });
    if (!id || !ageBand || !sex || !area)
      details.push({
        location: `frame: ${line}行目`,
        message: "ID・年齢層・性別・地区を入れてください",
      });
    if (id && ids.has(id))
      details.push({ location: `frame: ${line}行目 ID`, message: `ID「${id}」が2回あります` });
    ids.add(id);
    const key = `${ageBand}|${sex}|${area}`;
    const stratum = counts.get(key) ?? { ageBand, sex, area, population: 0 };
    stratum.population += 1;
    counts.set(key, stratum);
  });
  if (details.length === 0 && ids.size === 0)
    details.push({ location: "frame", message: "名簿に人がいません" });
  return details.length ? { ok: false, details } : { ok: true, value: [...counts.values()] };
}

const refuse = (location: string, message: string): Checked<never> => ({
  ok: false,
  details: [{ location, message }],
});
