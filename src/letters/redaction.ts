/**
 * Redaction: the personal data still present in a letter's public version, and whether that
 * version may be published. Personal data is found two ways: the letter's own contact fields
 * (the writer's name, address, phone and e-mail, however written) and patterns for anyone's
 * (phone numbers, e-mail addresses, postal codes, street addresses, a name before 様・さん).
 * Each finding must be masked (＊＊＊) or explicitly kept before the text is saved or published.
 *
 * Names: no well-kept library for Japanese personal names fits (kuromoji's dictionary of 人名 is
 * unmaintained since 2018 and loads 20 MB asynchronously), so names are the writer's own (from the
 * contact fields) plus the words before an honorific, less common nouns (市長さん, お客様…).
 */
import type { ErrorDetail } from "../core/errors.ts";
import { type Contact, isContactErased } from "./retention-rules.ts";
import { LIMITS } from "./rules.ts";

export interface PersonalData {
  name: string;
  address: string | null;
  phone: string | null;
  email: string | null;
}

/** A letter's own contact fields (none once erased). */
export const personalDataOf = (l: Contact): PersonalData => ({
  name: isContactErased(l) ? "" : l.writerName,
  address: l.writerAddress,
  phone: l.writerPhone,
  email: l.writerEmail,
});

export type FindingKind = "name" | "address" | "phone" | "email" | "postal";

export const FINDING_LABELS: Record<FindingKind, string> = {
  name: "お名前",
  address: "住所",
  phone: "電話番号",
  email: "メールアドレス",
  postal: "郵便番号",
};

/** One piece of personal data in a text: where it is, as written there, and how it was found. */
export interface Finding {
  kind: FindingKind;
  /** Exactly as written in the text (text.slice(start, end)). */
  text: string;
  start: number;
  end: number;
  /** `contact`: one of the letter's own contact fields; `pattern`: looks like anyone's. */
  source: "contact" | "pattern";
}

/** What a masked finding becomes. */
export const MASK = "＊＊＊";

/**
 * The text folded for comparing (full-width to half-width, no spaces, lower case), with the index
 * in the original text of each folded character.
 */
function folded(text: string) {
  let s = "";
  const at: number[] = [];
  let i = 0;
  for (const ch of text) {
    const f = /\s/.test(ch) ? "" : ch.normalize("NFKC").toLowerCase();
    for (let k = 0; k < f.length; k++) at.push(i);
    s += f;
    i += ch.length;
  }
  at.push(text.length);
  return { s, at };
}

const fold = (s: string) => folded(s).s;
const digits = (s: string) => s.normalize("NFKC").replace(/\D/g, "");

/** Dashes people type between digits, folded (－ is already -). */
const DASH = "[-‐‑–—−ーｰ]";
const PATTERNS: { kind: FindingKind; re: RegExp; accept?: (m: string) => boolean }[] = [
  { kind: "email", re: /[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)+/gu },
  {
    kind: "phone",
    re: new RegExp(
      `(?<![0-9])(?:\\+81${DASH}?|0)[0-9]{1,4}(?:${DASH}|[(（)）])?[0-9]{1,4}(?:${DASH}|[)）])?[0-9]{3,4}(?![0-9])`,
      "gu",
    ),
    accept: (m) => {
      const n = m.replace(/\D/g, "").replace(/^81/, "0").length;
      return n === 10 || n === 11;
    },
  },
  {
    kind: "postal",
    re: new RegExp(
      `〒[0-9]{3}${DASH}?[0-9]{4}|(?<![0-9])(?<!${DASH})[0-9]{3}${DASH}[0-9]{4}(?![0-9])(?!${DASH})`,
      "gu",
    ),
  },
  {
    kind: "address",
    re: new RegExp(
      [
        // 3丁目12番5号, 三丁目, 12番地の3, 12番5号
        "(?:[0-9]+|[一二三四五六七八九十]+)丁目(?:[0-9]+番(?:地)?(?:の?[0-9]+)?(?:号)?)?",
        "[0-9]+番地(?:の[0-9]+)?",
        "[0-9]+番[0-9]+号",
        // 石岡1-2-3: digits after a place name
        `(?<=\\p{Script=Han}|[ヶケ])[0-9]{1,4}${DASH}[0-9]{1,4}${DASH}[0-9]{1,4}(?![0-9])`,
      ].join("|"),
      "gu",
    ),
  },
];

const HONORIFIC =
  /(\p{Script=Han}[\p{Script=Han}々]{0,5}|[\p{Script=Katakana}ー]{2,10})(様|さま|さん|氏|君|くん|ちゃん|殿)/gu;
/** Words before an honorific that are not a person's name: whole words, and endings. */
const NOT_NAMES = new Set(
  (
    "皆 客 子 母 父 兄 姉 弟 妹 孫 嫁 婿 奥 娘 息子 神 仏 王 " +
    "先生 友人 知人 主人 本人 他人 隣人 老人 恋人 住人 大人 婦人 夫人 役人 職人 商人 管理人 近所 住民 市民 町民 区民 大工 農家 お客 医者 看護師 " +
    "知事 議員 担当 担当者 運転手 店員 駅員 業者 職員 社員 委員 家族 家庭 利用者 皆様 皆さん " +
    "ボランティア スタッフ ドライバー ヘルパー ケアマネ"
  ).split(" "),
);
const NOT_NAME_ENDINGS = ["長", "員", "者", "手", "師", "士", "屋", "様"];
const isName = (w: string) =>
  !NOT_NAMES.has(w) &&
  !(w.length > 1 && NOT_NAME_ENDINGS.some((e) => w.endsWith(e))) &&
  ![...NOT_NAMES].some((n) => n.length > 1 && w.endsWith(n));

/**
 * The personal data in a text meant for the public, in reading order, no two overlapping (the
 * contact fields first, then phone, e-mail, postal code, address and name patterns).
 */
export function findPersonalData(text: string, who: PersonalData): Finding[] {
  const { s, at } = folded(text);
  const candidates: Omit<Finding, "text">[] = [];
  const add = (kind: FindingKind, from: number, to: number, source: Finding["source"]) =>
    candidates.push({ kind, start: at[from]!, end: at[to - 1]! + 1, source });
  const every = (needle: string, kind: FindingKind) => {
    if (!needle) return;
    for (let i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + needle.length))
      add(kind, i, i + needle.length, "contact");
  };
  // The writer's own: the whole name, then each part of two characters or more.
  const nameParts = who.name.normalize("NFKC").split(/[\s・]+/);
  for (const n of [who.name, ...(nameParts.length > 1 ? nameParts : [])])
    if (fold(n).length >= 2) every(fold(n), "name");
  if (who.address && fold(who.address).length >= 4) every(fold(who.address), "address");
  if (who.email) every(fold(who.email), "email");
  if (who.phone && digits(who.phone).length >= 6) {
    // Whatever the separators: match on the digits alone.
    const want = digits(who.phone);
    const only = [...s].map((ch, i) => ({ ch, i })).filter((x) => /[0-9]/.test(x.ch));
    const joined = only.map((x) => x.ch).join("");
    for (let i = joined.indexOf(want); i >= 0; i = joined.indexOf(want, i + want.length))
      add("phone", only[i]!.i, only[i + want.length - 1]!.i + 1, "contact");
  }
  for (const p of PATTERNS)
    for (const m of s.matchAll(p.re))
      if (!p.accept || p.accept(m[0])) add(p.kind, m.index, m.index + m[0].length, "pattern");
  for (const m of s.matchAll(HONORIFIC))
    if (isName(m[1]!)) add("name", m.index, m.index + m[1]!.length, "pattern");

  // The contact fields before the patterns, and the longest first (a whole address before the
  // name of its town); otherwise in the order above.
  const rank = (c: (typeof candidates)[number]) => (c.source === "contact" ? 0 : 1);
  candidates.sort((a, b) => rank(a) - rank(b) || b.end - b.start - (a.end - a.start));
  const taken: Finding[] = [];
  for (const c of candidates)
    if (!taken.some((t) => c.start < t.end && t.start < c.end))
      taken.push({ ...c, text: text.slice(c.start, c.end) });
  return taken.sort((a, b) => a.start - b.start);
}

/** The same text compared loosely, so that a kept finding stays kept however it is spaced. */
export const findingKey = (f: { kind: string; text: string }) => `${f.kind}:${fold(f.text)}`;

/** The text with each finding whose key is in `mask` replaced by ＊＊＊. */
export function maskFindings(text: string, findings: Finding[], mask: ReadonlySet<string>) {
  let out = text;
  for (const f of [...findings].sort((a, b) => b.start - a.start))
    if (mask.has(findingKey(f))) out = out.slice(0, f.start) + MASK + out.slice(f.end);
  return out;
}

/** A finding as a person reads it: 電話番号「0299-11-2222」. */
export const describeFinding = (f: Pick<Finding, "kind" | "text">) =>
  `${FINDING_LABELS[f.kind]}「${f.text}」`;

/**
 * The writer's personal strings (from the contact fields only) still present in a text: for
 * short texts staff write themselves (a step's public comment), where a pattern would also catch
 * the city's own phone number.
 */
export function personalDataIn(text: string, who: PersonalData): string[] {
  return [
    ...new Set(
      findPersonalData(text, who)
        .filter((f) => f.source === "contact")
        .map((f) => `${FINDING_LABELS[f.kind]}（${f.text}）`),
    ),
  ];
}

/**
 * May this public version be published? It needs the writer's consent, a subject and a text,
 * and no personal data left that was not explicitly kept (`kept`: finding keys).
 */
export function checkPublication(
  input: { publicSubject: string; publicBody: string },
  letter: PersonalData & { consentPublish: boolean },
  /** Saving a draft of the public version skips consent and completeness, not the rest. */
  mode: "publish" | "save" = "publish",
  kept: ReadonlySet<string> = new Set(),
): ErrorDetail[] {
  const details: ErrorDetail[] = [];
  const publishing = mode === "publish";
  if (publishing && !letter.consentPublish)
    details.push({
      location: "publish",
      message:
        "投稿者が内容の公表に同意していないため、このたよりは公開できません（回答は本人にだけお知らせします）",
    });
  if (publishing && input.publicSubject.trim() === "")
    details.push({ location: "publicSubject", message: "公開用の件名を入力してください" });
  if (publishing && input.publicBody.trim() === "")
    details.push({ location: "publicBody", message: "公開用の本文を入力してください" });
  if (input.publicSubject.length > LIMITS.subject)
    details.push({
      location: "publicSubject",
      message: `公開用の件名は${LIMITS.subject}文字以内にしてください`,
    });
  if (input.publicBody.length > LIMITS.body)
    details.push({
      location: "publicBody",
      message: `公開用の本文は${LIMITS.body}文字以内にしてください`,
    });
  for (const [field, label] of [
    ["publicSubject", "公開用の件名"],
    ["publicBody", "公開用の本文"],
  ] as const) {
    const open = findPersonalData(input[field], letter).filter((f) => !kept.has(findingKey(f)));
    if (open.length)
      details.push({
        location: field,
        message: `${label}に個人情報が残っています: ${[...new Set(open.map(describeFinding))].join("、")}。伏せ字（${MASK}）にするか、個人情報でなければ「このまま載せる」を選んでください`,
      });
  }
  return details;
}
