/**
 * Reading a staff or public form: text fields, repeated fields and the version a form was opened
 * on. Every route reads its form with these.
 */
import { AppError } from "./errors.ts";

/** An optional text field: trimmed, empty → null. */
export const optionalText = (text: unknown) => {
  const s = typeof text === "string" ? text.trim() : "";
  return s === "" ? null : s;
};

/** A parsed form body (Hono's parseBody with `all: true`). */
export type FormBody = Record<string, string | File | (string | File)[] | undefined>;

/** One text field of a form ("" when absent or not text). */
export const formText = (v: unknown) => (typeof v === "string" ? v : "");

/** A repeated field of a form (check boxes), its text values in order. */
/** Every field of a form as its first text (what the person typed, to show again), without the
 * CSRF token and the version. */
export const formTexts = (form: FormBody): Record<string, string> =>
  Object.fromEntries(
    Object.entries(form)
      .filter(([k]) => k !== "_csrf" && k !== "version")
      .map(([k, v]) => [k, formText(Array.isArray(v) ? v[0] : v)]),
  );

export const formList = (v: FormBody[string]) =>
  (Array.isArray(v) ? v : v === undefined ? [] : [v]).filter(
    (x): x is string => typeof x === "string",
  );

/**
 * The version a form was opened on (a hidden field): a whole number ≥ 0, or undefined when the
 * field is missing or broken (never taken as 0, which would pass a check it should fail).
 */
export function readVersion(form: Record<string, unknown>, name = "version"): number | undefined {
  const v = form[name];
  if (typeof v !== "string" || !/^\d{1,15}$/.test(v.trim())) return undefined;
  return Number(v.trim());
}

/** The version a form must carry; missing or broken is a 400 naming the field. */
export function requireVersion(form: Record<string, unknown>, name = "version"): number {
  const v = readVersion(form, name);
  if (v === undefined)
    throw new AppError("bad_request", "フォームの版が読み取れません。ページを開き直してください", [
      { location: name, message: "版の番号がありません" },
    ]);
  return v;
}

/**
 * A submitted form as name–value pairs to post again (the conflict page's overwrite): every text
 * value, repeated fields in order, without the CSRF token and the fields that say what the form
 * was opened on (`basis`: its versions or fingerprint, which the conflict page gives anew).
 */
export const resubmitted = (form: FormBody, basis: readonly string[]): [string, string][] =>
  Object.entries(form).flatMap(([name, v]) =>
    name === "_csrf" || basis.includes(name)
      ? []
      : formList(v).map((x): [string, string] => [name, x]),
  );
