/**
 * Entering and correcting actuals: the pure rules. Staff enter a value (or a note saying why
 * there is none) for a fiscal year; it stays a draft until a planner publishes it. Correcting
 * a published value needs a reason, which the public correction history shows. A form carries
 * the versions it was opened on, so that a stale submit is caught instead of overwriting.
 */

import type { ErrorDetail } from "../core/errors.ts";
import { optionalText } from "../core/field-changes.ts";

/** What the portal shows now. Version 0: nothing published for that year. */
export interface PublishedActual {
  value: number | null;
  note: string | null;
  version: number;
  origin: "entered" | "reported" | "computed";
}

export interface DraftActual {
  value: number | null;
  note: string | null;
  reason: string | null;
  /** The published version the draft was made from. */
  baseVersion: number;
  version: number;
  updatedBy: string;
  updatedAt: Date;
}

/** The versions a form was opened on: of the published value and of the draft (0: none). */
export interface Expected {
  published: number;
  draft: number;
}

export interface EntryInput {
  value: number | null;
  note: string | null;
  reason: string | null;
}

export const MAX_NOTE = 500;
export const MAX_REASON = 500;

/**
 * Reads a value as staff type it: full-width digits, thousands separators, a leading ＋/－,
 * spaces. Empty means "no value". Returns an error message for anything else.
 */
export function parseValue(raw: string): { value: number | null } | { error: string } {
  const text = raw
    .normalize("NFKC")
    .replace(/[\s,]/g, "")
    .replace(/^[−–—ー]/, "-");
  if (text === "") return { value: null };
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(text))
    return { error: `数値として読めません: 「${raw}」（例: 1234.5）` };
  return { value: Number(text) };
}

/** Validates a submitted entry; the details name each field that is wrong. */
export function checkEntry(
  raw: { value: string | number | null; note?: string | null; reason?: string | null },
  published: PublishedActual | undefined,
  /** Where the indicator's values come from when not entered by hand. */
  feed?: "reported" | "computed",
): { input: EntryInput } | { errors: ErrorDetail[] } {
  const errors: ErrorDetail[] = [];
  let value: number | null = null;
  if (typeof raw.value === "number") {
    if (!Number.isFinite(raw.value))
      errors.push({ location: "value", message: "値は有限の数値にしてください" });
    else value = raw.value + 0; // −0 is 0
  } else if (raw.value !== null) {
    const parsed = parseValue(raw.value);
    if ("error" in parsed) errors.push({ location: "value", message: parsed.error });
    else value = parsed.value;
  }
  const note = optionalText(raw.note);
  const reason = optionalText(raw.reason);
  if (note && note.length > MAX_NOTE)
    errors.push({ location: "note", message: `注記は${MAX_NOTE}文字以内にしてください` });
  if (reason && reason.length > MAX_REASON)
    errors.push({ location: "reason", message: `訂正理由は${MAX_REASON}文字以内にしてください` });
  const fedBy = published && published.origin !== "entered" ? published.origin : feed;
  if (fedBy)
    errors.push({
      location: "value",
      message:
        fedBy === "reported"
          ? "この年度の値は公表資料から取り込まれています。元の資料（財政のデータ）を更新してください"
          : "この年度の値は他のデータから計算されています。計算元のデータを更新してください",
    });
  if (errors.length === 0 && isCorrection({ value, note }, published) && !reason)
    errors.push({
      location: "reason",
      message:
        "公表済みの値を訂正するときは、訂正の理由を入力してください（公開ページに表示されます）",
    });
  return errors.length ? { errors } : { input: { value, note, reason } };
}

/** Does this entry change a value (or note) that is already public? */
export function isCorrection(
  entry: { value: number | null; note: string | null },
  published: PublishedActual | undefined,
): boolean {
  if (!isPublished(published)) return false;
  return entry.value !== published.value || entry.note !== published.note;
}

/** Is there a public value (or a public note in place of one) for that year? */
export function isPublished(p: PublishedActual | undefined): p is PublishedActual {
  return !!p && p.version > 0 && (p.value !== null || p.note !== null);
}

/** Is the entry what the portal already shows (so there is nothing to publish)? */
export function sameAsPublished(
  entry: { value: number | null; note: string | null },
  published: PublishedActual | undefined,
): boolean {
  if (!published) return entry.value === null && entry.note === null;
  return entry.value === published.value && entry.note === published.note;
}

/** Was the form opened on the current state? Otherwise the submit is a conflict (409). */
export function isStale(
  expected: Expected,
  published: PublishedActual | undefined,
  draft: DraftActual | undefined,
): boolean {
  return (
    expected.published !== (published?.version ?? 0) || expected.draft !== (draft?.version ?? 0)
  );
}

/** The versions a form opened now must carry. */
export function currentVersions(
  published: PublishedActual | undefined,
  draft: DraftActual | undefined,
): Expected {
  return { published: published?.version ?? 0, draft: draft?.version ?? 0 };
}

/** Reads the hidden form fields `publishedVersion` and `draftVersion`. */
export function readExpected(form: Record<string, unknown>): Expected | null {
  const p = Number(form.publishedVersion);
  const d = Number(form.draftVersion);
  return Number.isInteger(p) && p >= 0 && Number.isInteger(d) && d >= 0
    ? { published: p, draft: d }
    : null;
}
