/**
 * Entering and correcting actuals: the pure rules. Staff enter a value (or a note saying why
 * there is none) for a fiscal year; it stays a draft until a planner publishes it. Correcting
 * a published value needs a reason, which the public correction history shows. A form carries
 * the versions it was opened on, so that a stale submit is caught instead of overwriting.
 *
 * Whether an actual may be entered at all is one rule, checkActualEntry, used by the staff form,
 * the token API and the spreadsheet import alike: the callers read the facts, the rule decides,
 * and each refusal has one status and one message wherever it is made.
 */

import { mayUpdateFor, type Principal } from "../accounts/index.ts";
import { AppError, type ErrorCode, type ErrorDetail } from "../core/errors.ts";
import {
  dayInJapan,
  fiscalYearLabel,
  fiscalYearOf,
  parseJapaneseDate,
} from "../core/fiscal-year.ts";
import { optionalText } from "../core/forms.ts";
import { conflict, forbidden, invalid } from "../core/outcome.ts";
import { FIRST_FISCAL_YEAR, reportable } from "../core/reporting-years.ts";
import { actualLocked, type Reopening, type Round } from "../reporting/index.ts";
import type { Feed } from "./feeds.ts";

/**
 * What an actual says besides its number: words as reported (「策定」「なし」, only for a
 * milestone target), reached or not (milestone), the date it stands at (「9月30日現在」), 見込.
 */
export interface ActualDetails {
  text: string | null;
  done: boolean | null;
  /** YYYY-MM-DD. */
  asOf: string | null;
  estimate: boolean;
}

export const NO_DETAILS: ActualDetails = { text: null, done: null, asOf: null, estimate: false };

/** The details of a stored row (older callers and rows may lack them). */
export const detailsOf = (a: Partial<ActualDetails> | undefined): ActualDetails => ({
  text: a?.text ?? null,
  done: a?.done ?? null,
  asOf: a?.asOf ?? null,
  estimate: a?.estimate ?? false,
});

/** What the portal shows now. Version 0: nothing published for that year. */
export interface PublishedActual extends Partial<ActualDetails> {
  value: number | null;
  note: string | null;
  version: number;
  origin: "entered" | "reported" | "computed";
}

export interface DraftActual extends Partial<ActualDetails> {
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

export interface EntryInput extends ActualDetails {
  value: number | null;
  note: string | null;
  reason: string | null;
}

export const MAX_NOTE = 500;
export const MAX_TEXT = 200;
export const MAX_REASON = 500;

/** The message for a value that is not a number (the entry's and the definitions' fields). */
export const unreadableValue = (raw: string) => `数値として読めません: 「${raw}」（例: 1234.5）`;

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
  if (!/^[-+]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return { error: unreadableValue(raw) };
  return { value: Number(text) };
}

const YES = new Set(["true", "1", "はい", "済", "達成", "○", "◯", "on", "yes"]);
const NO = new Set(["false", "0", "いいえ", "未", "未達成", "×", "off", "no"]);

/**
 * Reads 達成したか / 見込 as a form, a cell or the API gives it: a boolean, or 「達成」「はい」「○」
 * (true), 「未達成」「いいえ」「×」 (false); empty is null. `yes` adds a word meaning true (「見込」).
 */
export function parseFlag(
  raw: boolean | string | null | undefined,
  yes?: string,
): { flag: boolean | null } | { error: true } {
  if (raw === null || raw === undefined || typeof raw === "boolean") return { flag: raw ?? null };
  const text = raw.normalize("NFKC").trim().toLowerCase();
  if (text === "") return { flag: null };
  if (YES.has(text) || text === yes) return { flag: true };
  if (NO.has(text)) return { flag: false };
  return { error: true };
}

// ── Entering an actual: one rule for the form, the token API and the spreadsheet import ──────

/** What a refusal's message names. */
interface Subject {
  indicatorCode: string;
  fiscalYear: number;
  owners?: readonly { name: string }[];
  /** The value as submitted. */
  raw?: string;
  /** Why a date could not be read (core/fiscal-year.ts parseJapaneseDate). */
  why?: string;
  now?: Date;
}

/** Every reason an actual is refused, each with one HTTP status, one field and one message. */
const REFUSALS = {
  year_out_of_range: {
    status: 400,
    field: "fiscalYear",
    message: (s: Subject) =>
      `実績値は${fiscalYearLabel(FIRST_FISCAL_YEAR)}から${fiscalYearLabel(fiscalYearOf(s.now ?? new Date()))}までの年度に入力できます`,
  },
  unknown_indicator: {
    status: 404,
    field: "indicatorCode",
    message: (s: Subject) => `指標 ${s.indicatorCode} が見つかりません`,
  },
  not_permitted: {
    status: 403,
    field: "indicatorCode",
    message: (s: Subject) =>
      `指標 ${s.indicatorCode} の実績値を入力する権限がありません（担当: ${(s.owners ?? []).map((o) => o.name).join("、") || "未設定"}）`,
  },
  fed_by_report: {
    status: 400,
    field: "value",
    message: (s: Subject) =>
      `指標 ${s.indicatorCode} の値は公表資料から取り込まれています。元の資料（財政のデータ）を更新してください`,
  },
  fed_by_calculation: {
    status: 400,
    field: "value",
    message: (s: Subject) =>
      `指標 ${s.indicatorCode} の値は他のデータから計算されています。計算元のデータを更新してください`,
  },
  year_closed: {
    status: 409,
    field: "fiscalYear",
    message: (s: Subject) =>
      `${fiscalYearLabel(s.fiscalYear)}の報告は締め切られているため、この値は変更できません。変更が必要なときは企画担当に再開を依頼してください`,
  },
  stale: {
    status: 409,
    field: "publishedVersion",
    // As the other APIs word it (evaluations, program costs).
    message: () => "送られた版の後に、この値は変更されています",
  },
  value_unreadable: {
    status: 400,
    field: "value",
    message: (s: Subject) => unreadableValue(s.raw ?? ""),
  },
  text_not_allowed: {
    status: 400,
    field: "text",
    message: (s: Subject) =>
      `指標 ${s.indicatorCode} は数値の指標です。文字の実績（「${s.raw ?? ""}」）は、目標が「設置」「策定」のような達成か否かの指標にだけ入力できます`,
  },
  text_too_long: {
    status: 400,
    field: "text",
    message: () => `文字の実績は${MAX_TEXT}文字以内にしてください`,
  },
  done_not_allowed: {
    status: 400,
    field: "done",
    message: (s: Subject) =>
      `指標 ${s.indicatorCode} は数値の指標です。「達成したか」は目標が「設置」「策定」のような達成か否かの指標にだけ入力できます`,
  },
  done_unreadable: {
    status: 400,
    field: "done",
    message: (s: Subject) =>
      `「達成したか」を読み取れません: 「${s.raw ?? ""}」（「達成」か「未達成」、または空欄）`,
  },
  as_of_unreadable: {
    status: 400,
    field: "asOf",
    message: (s: Subject) => `時点: ${s.why ?? "日付として読み取れません"}（「${s.raw ?? ""}」）`,
  },
  estimate_unreadable: {
    status: 400,
    field: "estimate",
    message: (s: Subject) => `「見込」を読み取れません: 「${s.raw ?? ""}」（「見込」または空欄）`,
  },
  note_too_long: {
    status: 400,
    field: "note",
    message: () => `注記は${MAX_NOTE}文字以内にしてください`,
  },
  reason_too_long: {
    status: 400,
    field: "reason",
    message: () => `訂正理由は${MAX_REASON}文字以内にしてください`,
  },
  reason_required: {
    status: 400,
    field: "reason",
    message: () =>
      "公表済みの値を訂正するときは、訂正の理由を入力してください（公開ページに表示されます）",
  },
} as const satisfies Record<
  string,
  { status: 400 | 403 | 404 | 409; field: string; message: (s: Subject) => string }
>;

export type RefusalReason = keyof typeof REFUSALS;

/** Why an actual may not be entered: the same reason gives the same status and message everywhere. */
export interface Refusal {
  reason: RefusalReason;
  status: (typeof REFUSALS)[RefusalReason]["status"];
  message: string;
  /** The field (or path parameter) at fault. */
  field: string;
}

export function refusal(reason: RefusalReason, subject: Subject): Refusal {
  const r = REFUSALS[reason];
  return { reason, status: r.status, message: r.message(subject), field: r.field };
}

/** What the callers read before an entry is checked (the rule itself reads nothing). */
export interface EntryFacts {
  /** Who enters: a signed-in person, or the owner of an API token. */
  who: Pick<Principal, "role" | "sectionCodes">;
  /** The indicator with the sections that own it; undefined when no indicator has the code. */
  indicator:
    | {
        id: number;
        owners: readonly { code: string; name: string }[];
        feed?: Feed | undefined;
        /**
         * The target's form: only a milestone (「設置」「策定」) takes text actuals and 達成したか;
         * any other indicator's value must be a number. Undefined: numeric.
         */
        targetForm?: string | undefined;
      }
    | undefined;
  /** What the portal shows for that year now. */
  published: PublishedActual | undefined;
  rounds: Pick<Round, "fiscalYear" | "closedAt">[];
  reopenings: Reopening[];
  /**
   * The form was opened on (or the cell was seen with) another state than the one now; the
   * caller compares. Undefined: not checked.
   */
  stale?: boolean;
  now: Date;
}

/** An actual as submitted, on the form, through the API or in a spreadsheet cell. */
export interface ActualSubmission {
  indicatorCode: string;
  fiscalYear: number;
  /**
   * A number (API, spreadsheet), text as staff type it (form), or null: no value. For a milestone
   * target, text that is no number is the actual in words (「策定」).
   */
  value: string | number | null;
  /** The actual in words (milestone targets only). */
  text?: string | null;
  /** 達成したか (milestone targets only): a boolean, or 「達成」「未達成」 as typed. */
  done?: boolean | string | null;
  /** 時点: YYYY-MM-DD, or as people write dates (「平成15年9月30日」「R5.9.30」). */
  asOf?: string | null;
  /** 見込: a boolean, or 「見込」 as typed. */
  estimate?: boolean | string | null;
  note?: string | null;
  reason?: string | null;
}

export type EntryCheck = { ok: true; entry: EntryInput } | { ok: false; refusals: Refusal[] };

/**
 * Entering an actual, checked in this order: a fiscal year a value may be reported for, an
 * indicator that exists, a person allowed to enter its values (their own sections', or a
 * planner), an indicator not fed from another source, a year whose round is open (or reopened
 * for it), a form not stale; then the value rules, which name every wrong field at once. Returns
 * the entry normalised (value read, texts trimmed) or why it is refused.
 */
export function checkActualEntry(facts: EntryFacts, input: ActualSubmission): EntryCheck {
  const subject: Subject = { indicatorCode: input.indicatorCode, fiscalYear: input.fiscalYear };
  const refused = (reason: RefusalReason, more: Partial<Subject> = {}): EntryCheck => ({
    ok: false,
    refusals: [refusal(reason, { ...subject, ...more })],
  });
  if (!reportable(input.fiscalYear, facts.now))
    return refused("year_out_of_range", { now: facts.now });
  const indicator = facts.indicator;
  if (!indicator) return refused("unknown_indicator");
  const owners = indicator.owners;
  if (
    !mayUpdateFor(
      facts.who,
      owners.map((o) => o.code),
    )
  )
    return refused("not_permitted", { owners });
  const origin = facts.published?.origin;
  const fedBy = origin && origin !== "entered" ? origin : indicator.feed;
  if (fedBy) return refused(fedBy === "reported" ? "fed_by_report" : "fed_by_calculation");
  if (actualLocked(input.fiscalYear, indicator.id, facts.rounds, facts.reopenings))
    return refused("year_closed");
  if (facts.stale) return refused("stale");

  const { refusals, details, value } = readValueAndDetails(
    input,
    indicator.targetForm === "milestone",
    subject,
    facts.now,
  );
  const note = optionalText(input.note);
  const reason = optionalText(input.reason);
  if (note && note.length > MAX_NOTE) refusals.push(refusal("note_too_long", subject));
  if (reason && reason.length > MAX_REASON) refusals.push(refusal("reason_too_long", subject));
  const entry = { value, note, reason, ...details };
  if (refusals.length === 0 && isCorrection(entry, facts.published) && !reason)
    refusals.push(refusal("reason_required", subject));
  return refusals.length ? { ok: false, refusals } : { ok: true, entry };
}

/**
 * The value and what the actual says besides it. A number is a number for every indicator; text
 * that is no number is the actual in words only for a milestone target (「策定」), otherwise it is
 * a value that cannot be read. 達成したか likewise belongs to milestones only. The 時点 is a date
 * as people write it (和暦 too) and not after today.
 */
function readValueAndDetails(
  input: ActualSubmission,
  milestone: boolean,
  subject: Subject,
  now: Date,
): { refusals: Refusal[]; details: ActualDetails; value: number | null } {
  const refusals: Refusal[] = [];
  let value: number | null = null;
  let text = optionalText(input.text);
  if (typeof input.value === "number") {
    if (Number.isFinite(input.value))
      value = input.value + 0; // −0 is 0
    else refusals.push(refusal("value_unreadable", { ...subject, raw: String(input.value) }));
  } else if (input.value !== null) {
    const parsed = parseValue(input.value);
    if (!("error" in parsed)) value = parsed.value;
    else if (milestone && text === null) text = optionalText(input.value);
    else refusals.push(refusal("value_unreadable", { ...subject, raw: input.value }));
  }
  if (text !== null && !milestone)
    refusals.push(refusal("text_not_allowed", { ...subject, raw: text }));
  else if (text !== null && text.length > MAX_TEXT)
    refusals.push(refusal("text_too_long", subject));

  const done = parseFlag(input.done);
  if ("error" in done)
    refusals.push(refusal("done_unreadable", { ...subject, raw: `${input.done}` }));
  else if (done.flag !== null && !milestone) refusals.push(refusal("done_not_allowed", subject));
  const estimate = parseFlag(input.estimate, "見込");
  if ("error" in estimate)
    refusals.push(refusal("estimate_unreadable", { ...subject, raw: `${input.estimate}` }));

  let asOf: string | null = null;
  const rawAsOf = optionalText(input.asOf);
  if (rawAsOf !== null) {
    const read = parseJapaneseDate(rawAsOf, { latest: dayInJapan(now) });
    if (read.ok) asOf = read.date;
    else
      refusals.push(refusal("as_of_unreadable", { ...subject, raw: rawAsOf, why: read.message }));
  }
  return {
    refusals,
    value,
    details: {
      text,
      done: "flag" in done ? done.flag : null,
      asOf,
      estimate: "flag" in estimate ? estimate.flag === true : false,
    },
  };
}

const ERROR_CODES = {
  400: "bad_request",
  403: "forbidden",
  404: "not_found",
  409: "conflict",
} as const satisfies Record<Refusal["status"], ErrorCode>;

/**
 * The error a refused entry is answered with: the refusal's status, each field named in the
 * details. The value rules (400) may name several fields: the form shows them beside each field
 * under one heading.
 */
export function refusedError(refusals: readonly Refusal[]): AppError {
  const [first] = refusals;
  if (!first) throw new Error("refusedError: no refusal");
  const details = refusals.map((r) => ({ location: r.field, message: r.message }));
  return first.status === 400
    ? new AppError("bad_request", "入力内容を確認してください", details)
    : new AppError(ERROR_CODES[first.status], first.message, details);
}

/** A refused entry that is a conflict (409): the year is closed, or the form was stale. */
export interface EntryConflict {
  reason: RefusalReason;
  /** Each refusal's field and message (the API's error details). */
  details: ErrorDetail[];
}

/**
 * A refused entry as an action's outcome, with the refusal's status: 400 invalid (every field
 * named), 403 forbidden, 409 conflict. An unknown indicator is a 404, thrown.
 */
export function refusalOutcome(refusals: readonly Refusal[]) {
  const [first] = refusals;
  if (!first) throw new Error("refusalOutcome: no refusal");
  const details = refusals.map((r) => ({ location: r.field, message: r.message }));
  switch (first.status) {
    case 400:
      return invalid(details);
    case 403:
      return forbidden(first.message);
    case 409:
      return conflict<EntryConflict>({ reason: first.reason, details }, first.message);
    case 404:
      throw refusedError(refusals);
  }
}

/**
 * The answer to a refusal (403) of an entry names the indicator in its details, as the entry
 * rule's errors always have: thrown here, before the page or the API answers the outcome.
 */
export function withRefusalDetails<O extends { status: string; message?: string }>(outcome: O): O {
  if (outcome.status === "forbidden")
    throw new AppError("forbidden", outcome.message!, [
      { location: REFUSALS.not_permitted.field, message: outcome.message! },
    ]);
  return outcome;
}

type Shown = { value: number | null; note: string | null } & Partial<ActualDetails>;

/** Do two actuals say the same: value, note, words, reached or not, 時点 and 見込? */
function sameActual(a: Shown, b: Shown): boolean {
  const [x, y] = [detailsOf(a), detailsOf(b)];
  return (
    a.value === b.value &&
    a.note === b.note &&
    x.text === y.text &&
    x.done === y.done &&
    x.asOf === y.asOf &&
    x.estimate === y.estimate
  );
}

/** Does this entry change a value (or note, or what it says besides) that is already public? */
export function isCorrection(entry: Shown, published: PublishedActual | undefined): boolean {
  if (!isPublished(published)) return false;
  return !sameActual(entry, published);
}

/** Is there a public value (or a public note or words in place of one) for that year? */
export function isPublished(p: PublishedActual | undefined): p is PublishedActual {
  return (
    !!p &&
    p.version > 0 &&
    (p.value !== null || p.note !== null || (p.text ?? null) !== null || (p.done ?? null) !== null)
  );
}

/** Is the entry what the portal already shows (so there is nothing to publish)? */
export function sameAsPublished(entry: Shown, published: PublishedActual | undefined): boolean {
  return sameActual(entry, published ?? { value: null, note: null });
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
