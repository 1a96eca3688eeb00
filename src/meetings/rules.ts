/**
 * Town meetings with the mayor (市長と語ろう会): the pure rules of a meeting record and of a
 * proposal raised at one. A meeting names its participating group and how many took part, never
 * a participant; its proposals then follow the letters' timeline (rules.ts).
 */
import type { ErrorDetail } from "../core/errors.ts";
import { dayInJapan, fiscalYearOf, parseJapaneseDate } from "../core/fiscal-year.ts";
import type { Checked } from "../core/outcome.ts";
import { type Category, isCategory, LIMITS } from "../letters/index.ts";

export const MEETING_LIMITS = {
  place: 100,
  theme: 200,
  participantGroup: 100,
  summary: 4000,
  participants: 10000,
} as const;

export interface MeetingSubmission {
  heldOn: string;
  place: string;
  theme: string;
  participantGroup: string;
  participantCount: string;
  summary: string;
}

export interface MeetingInput {
  heldOn: string;
  fiscalYear: number;
  place: string;
  theme: string;
  participantGroup: string;
  participantCount: number;
  summary: string;
}

const clean = (s: string) => s.replace(/\r\n?/g, "\n").trim();

/** A calendar date written 2026-05-31 that exists. */
export function isDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
}

/** The fiscal year (April–March) of a date written 2026-05-31. */
export const fiscalYearOfDay = (day: string) =>
  fiscalYearOf(
    new Date(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8))),
  );

/** A whole number typed in any width (１２ or 12), or null when it is not one. */
export function wholeNumber(s: string): number | null {
  const t = s.normalize("NFKC").replace(/[,，]/g, "").trim();
  return /^\d{1,12}$/.test(t) ? Number(t) : null;
}

export function validateMeeting(raw: MeetingSubmission, now = new Date()): Checked<MeetingInput> {
  const details: ErrorDetail[] = [];
  // A meeting is recorded after it was held: a day after today is no meeting's day.
  const read = parseJapaneseDate(raw.heldOn, { latest: dayInJapan(now) });
  if (!read.ok) details.push({ location: "heldOn", message: `開催日：${read.message}` });
  const heldOn = read.ok ? read.date : raw.heldOn.trim();
  const text = (field: "place" | "theme" | "participantGroup" | "summary", label: string) => {
    const v = clean(raw[field]);
    if (v === "") details.push({ location: field, message: `${label}を入力してください` });
    else if (v.length > MEETING_LIMITS[field])
      details.push({
        location: field,
        message: `${label}は${MEETING_LIMITS[field]}文字以内にしてください（いま${v.length}文字）`,
      });
    return v;
  };
  const place = text("place", "会場");
  const theme = text("theme", "テーマ");
  const participantGroup = text("participantGroup", "参加団体");
  const count = wholeNumber(raw.participantCount);
  if (count === null || count < 1 || count > MEETING_LIMITS.participants)
    details.push({
      location: "participantCount",
      message: `参加者数は1から${MEETING_LIMITS.participants}までの数で入力してください`,
    });
  const summary = text("summary", "概要");
  if (details.length) return { ok: false, details };
  return {
    ok: true,
    value: {
      heldOn,
      fiscalYear: fiscalYearOfDay(heldOn),
      place,
      theme,
      participantGroup,
      participantCount: count!,
      summary,
    },
  };
}

export interface MeetingProposalSubmission {
  subject: string;
  body: string;
  category: string;
}

export interface MeetingProposalInput {
  subject: string;
  body: string;
  category: Category;
}

/** A proposal raised at a meeting, as staff summarise it: public as written, so no names. */
export function validateMeetingProposal(
  raw: MeetingProposalSubmission,
): Checked<MeetingProposalInput> {
  const details: ErrorDetail[] = [];
  const subject = clean(raw.subject);
  const body = clean(raw.body);
  if (subject === "")
    details.push({ location: "subject", message: "提案の件名を入力してください" });
  else if (subject.length > LIMITS.subject)
    details.push({
      location: "subject",
      message: `提案の件名は${LIMITS.subject}文字以内にしてください`,
    });
  if (body === "") details.push({ location: "body", message: "提案の内容を入力してください" });
  else if (body.length > LIMITS.body)
    details.push({ location: "body", message: `提案の内容は${LIMITS.body}文字以内にしてください` });
  if (!isCategory(raw.category))
    details.push({ location: "category", message: "分野を選んでください" });
  if (details.length) return { ok: false, details };
  return { ok: true, value: { subject, body, category: raw.category as Category } };
}
