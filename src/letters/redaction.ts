/**
 * Redaction: the personal strings still present in a letter's public version, and whether that
 * version may be published.
 */
import type { ErrorDetail } from "../core/errors.ts";
import { LIMITS } from "./rules.ts";

export interface PersonalData {
  name: string;
  address: string | null;
  phone: string | null;
  email: string | null;
}

/** For comparing: full-width to half-width, no spaces, lower case. */
const fold = (s: string) => s.normalize("NFKC").replace(/\s+/g, "").toLowerCase();
const digits = (s: string) => s.normalize("NFKC").replace(/\D/g, "");

/**
 * The personal strings still present in a text meant for the public: the writer's name (and
 * each part of it of two characters or more), address, phone number (whatever the separators)
 * and e-mail address. Empty when the text may be published.
 */
export function personalDataIn(text: string, who: PersonalData): string[] {
  const t = fold(text);
  const found: string[] = [];
  const nameParts = who.name.normalize("NFKC").split(/[\s・]+/);
  const names = [who.name, ...(nameParts.length > 1 ? nameParts : [])].filter(
    (n) => fold(n).length >= 2,
  );
  for (const n of names) if (t.includes(fold(n))) found.push(`お名前（${n}）`);
  if (who.address && fold(who.address).length >= 4 && t.includes(fold(who.address)))
    found.push(`ご住所（${who.address}）`);
  if (who.phone) {
    const d = digits(who.phone);
    if (d.length >= 6 && digits(text).includes(d)) found.push(`電話番号（${who.phone}）`);
  }
  if (who.email && t.includes(fold(who.email))) found.push(`メールアドレス（${who.email}）`);
  return [...new Set(found)];
}

/**
 * May this public version be published? It needs the writer's consent, a subject and a text,
 * and none of the writer's personal data.
 */
export function checkPublication(
  input: { publicSubject: string; publicBody: string },
  letter: PersonalData & { consentPublish: boolean },
  /** Saving a draft of the public version skips consent and completeness, not the rest. */
  mode: "publish" | "save" = "publish",
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
    const found = personalDataIn(input[field], letter);
    if (found.length)
      details.push({
        location: field,
        message: `${label}に個人情報が残っています: ${found.join("、")}。伏せ字（○○など）にしてください`,
      });
  }
  return details;
}
