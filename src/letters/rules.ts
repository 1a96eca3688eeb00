/**
 * Letters to the mayor: the pure rules. What a writer may send, which step may follow which,
 * the receipt number, and when an answer is overdue. Attachments, redaction and the proposal
 * share have their own files (attachments.ts, redaction.ts, proposal-share.ts).
 */
import type { ErrorDetail } from "../core/errors.ts";
import type { Checked } from "../core/outcome.ts";
import { ERASED_NAME } from "./retention-rules.ts";
import {
  LETTER_KINDS,
  type LetterKind,
  OUTCOMES,
  type Outcome,
  STEP_KINDS,
  type StepKind,
} from "./schema.ts";

export const KIND_LABELS: Record<LetterKind, string> = {
  proposal: "提案",
  request: "要望",
  complaint: "苦情",
  question: "質問・問い合わせ",
};

export const STEP_LABELS: Record<StepKind, string> = {
  received: "受付",
  assigned: "担当課の決定",
  considering: "検討中",
  answered: "回答",
  outcome: "提案の結果",
};

export const OUTCOME_LABELS: Record<Outcome, string> = {
  adopted: "採用（施策に反映）",
  partly_adopted: "一部採用",
  under_study: "継続して検討",
  not_adopted: "不採用",
  already_done: "実施済み",
};

export const CATEGORIES = {
  childcare: "子育て・教育",
  welfare: "福祉・健康",
  environment: "環境・ごみ",
  roads: "道路・交通・まちづくり",
  industry: "産業・観光",
  safety: "防災・防犯・安全",
  administration: "市政・行財政",
  other: "その他",
} as const;
export type Category = keyof typeof CATEGORIES;
export const isCategory = (v: string): v is Category => Object.hasOwn(CATEGORIES, v);
export const isLetterKind = (v: string): v is LetterKind =>
  (LETTER_KINDS as readonly string[]).includes(v);
export const isOutcome = (v: string): v is Outcome => (OUTCOMES as readonly string[]).includes(v);
export const isStepKind = (v: string): v is StepKind =>
  (STEP_KINDS as readonly string[]).includes(v);

// ---------------------------------------------------------------------------------------------
// The public form

export const LIMITS = {
  subject: 100,
  body: 4000,
  name: 100,
  address: 200,
  phone: 30,
  email: 254,
} as const;

/** The honeypot field: hidden from people and screen readers, so only robots fill it. */
export const HONEYPOT = "website";

export interface LetterSubmission {
  subject: string;
  body: string;
  category: string;
  kind: string;
  name: string;
  address: string;
  phone: string;
  email: string;
  /** "yes" / "no" as chosen on the form; anything else is no choice. */
  consentPublish: string;
  consentContact: string;
  honeypot: string;
}

export interface LetterInput {
  subject: string;
  body: string;
  category: Category;
  kind: LetterKind;
  name: string;
  address: string | null;
  phone: string | null;
  email: string | null;
  consentPublish: boolean;
  consentContact: boolean;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE = /^[0-9０-９+＋()（）\-－ー‐ 　]{6,}$/;
/** Control characters other than tab and newlines. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the point is to find them
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const clean = (s: string) => s.replace(/\r\n?/g, "\n").trim();
const blank = (s: string) => (s === "" ? null : s);

/** The public form: every problem named by field, in the order of the form. */
export function validateSubmission(raw: LetterSubmission): Checked<LetterInput> & {
  spam?: boolean;
} {
  if (raw.honeypot.trim() !== "")
    return {
      ok: false,
      spam: true,
      details: [{ location: HONEYPOT, message: "送信できませんでした" }],
    };
  const details: ErrorDetail[] = [];
  const v = {
    subject: clean(raw.subject),
    body: clean(raw.body),
    name: clean(raw.name),
    address: clean(raw.address),
    phone: clean(raw.phone),
    email: clean(raw.email).normalize("NFKC"),
  };
  const required = (field: keyof typeof v, label: string) => {
    if (v[field] === "") details.push({ location: field, message: `${label}を入力してください` });
  };
  const max = (field: keyof typeof v & keyof typeof LIMITS, label: string) => {
    if (v[field].length > LIMITS[field])
      details.push({
        location: field,
        message: `${label}は${LIMITS[field]}文字以内にしてください（いま${v[field].length}文字）`,
      });
  };
  const plain = (field: keyof typeof v, label: string) => {
    if (CONTROL.test(v[field]))
      details.push({ location: field, message: `${label}に使えない文字が含まれています` });
  };
  required("subject", "件名");
  max("subject", "件名");
  plain("subject", "件名");
  required("body", "内容");
  max("body", "内容");
  plain("body", "内容");
  if (!isCategory(raw.category))
    details.push({ location: "category", message: "分野を選んでください" });
  if (!isLetterKind(raw.kind))
    details.push({ location: "kind", message: "たよりの種類（提案・要望など）を選んでください" });
  required("name", "お名前");
  // The marker of erased contact details would make the letter look erased while it is not.
  if (v.name === ERASED_NAME)
    details.push({ location: "name", message: `「${ERASED_NAME}」はお名前として使えません` });
  max("name", "お名前");
  plain("name", "お名前");
  max("address", "ご住所");
  plain("address", "ご住所");
  max("phone", "電話番号");
  if (v.phone !== "" && !PHONE.test(v.phone))
    details.push({
      location: "phone",
      message: "電話番号は数字とハイフンで入力してください（例: 0299-23-1111）",
    });
  max("email", "メールアドレス");
  if (v.email !== "" && !EMAIL.test(v.email))
    details.push({
      location: "email",
      message: "メールアドレスの形式が正しくありません（例: name@example.jp）",
    });
  const yesNo = (value: string, field: string, question: string) => {
    if (value !== "yes" && value !== "no")
      details.push({
        location: field,
        message: `${question}を「はい」か「いいえ」で選んでください`,
      });
    return value === "yes";
  };
  const consentPublish = yesNo(raw.consentPublish, "consentPublish", "内容の公表への同意");
  const consentContact = yesNo(raw.consentContact, "consentContact", "市からの連絡への同意");
  if (consentContact && v.email === "" && v.phone === "")
    details.push({
      location: "email",
      message: "市からの連絡を希望する場合は、メールアドレスか電話番号を入力してください",
    });
  if (details.length) return { ok: false, details };
  return {
    ok: true,
    value: {
      subject: v.subject,
      body: v.body,
      category: raw.category as Category,
      kind: raw.kind as LetterKind,
      name: v.name,
      address: blank(v.address),
      phone: blank(v.phone),
      email: blank(v.email.toLowerCase()),
      consentPublish,
      consentContact,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Receipt numbers

const RECEIPT = /^(\d{4})-(\d{4,})$/;

/** 受付番号: the fiscal year of receipt and the letter's running number in it, 2026-0007. */
export const receiptNumber = (fiscalYear: number, seq: number) =>
  `${fiscalYear}-${String(seq).padStart(4, "0")}`;

export const isReceiptNumber = (s: string) => RECEIPT.test(s);

/** The running number of a receipt number of that fiscal year, or 0. */
export function receiptSeq(receipt: string, fiscalYear: number): number {
  const m = RECEIPT.exec(receipt);
  return m && Number(m[1]) === fiscalYear ? Number(m[2]) : 0;
}

export { fiscalYearInJapan } from "../core/fiscal-year.ts";

// ---------------------------------------------------------------------------------------------
// The timeline

/**
 * The steps that may follow a letter's current status. The timeline only moves forward:
 * received → assigned → considering → answered → (proposals) outcome. "Considering" may be
 * repeated (progress notes) and a proposal's outcome may be updated (under study → adopted).
 */
export function allowedSteps(status: StepKind, kind: LetterKind): StepKind[] {
  const at = STEP_KINDS.indexOf(status);
  return STEP_KINDS.filter((k, i) => {
    if (k === "received") return false;
    if (k === "outcome") return kind === "proposal" && (i > at || status === "outcome");
    if (k === "considering") return i >= at;
    return i > at;
  });
}

export interface StepSubmission {
  kind: string;
  outcome: string;
  reason: string;
  publicComment: string;
  reflectedNode: string;
  reflectedFromFiscalYear: string;
}

export interface StepInput {
  kind: StepKind;
  outcome: Outcome | null;
  reason: string | null;
  publicComment: string | null;
  reflectedNodeCode: string | null;
  reflectedFromFiscalYear: number | null;
}

export const MAX_COMMENT = 2000;

export function validateStep(
  raw: StepSubmission,
  letter: { status: StepKind; kind: LetterKind },
): Checked<StepInput> {
  const details: ErrorDetail[] = [];
  const allowed = allowedSteps(letter.status, letter.kind);
  const kind = raw.kind;
  if (!isStepKind(kind) || !allowed.includes(kind))
    details.push({
      location: "stepKind",
      message: allowed.length
        ? `次の段階は ${allowed.map((k) => STEP_LABELS[k]).join("・")} から選んでください`
        : "このたよりの対応はすでに終わっています",
    });
  const comment = clean(raw.publicComment);
  const reason = clean(raw.reason);
  if (comment.length > MAX_COMMENT)
    details.push({
      location: "publicComment",
      message: `公開するコメントは${MAX_COMMENT}文字以内にしてください`,
    });
  if (reason.length > MAX_COMMENT)
    details.push({ location: "reason", message: `理由は${MAX_COMMENT}文字以内にしてください` });
  let outcome: Outcome | null = null;
  const node = clean(raw.reflectedNode);
  let fromYear: number | null = null;
  if (kind === "outcome") {
    if (!isOutcome(raw.outcome))
      details.push({ location: "outcome", message: "提案の結果を選んでください" });
    else outcome = raw.outcome;
    if ((outcome === "not_adopted" || outcome === "partly_adopted") && reason === "")
      details.push({
        location: "reason",
        message: "不採用・一部採用のときは、その理由を入力してください（公開されます）",
      });
    if (raw.reflectedFromFiscalYear.trim() !== "") {
      const y = Number(raw.reflectedFromFiscalYear.normalize("NFKC").trim());
      if (!Number.isInteger(y) || y < 2000 || y > 2100)
        details.push({
          location: "reflectedFromFiscalYear",
          message: "反映する年度は西暦の4桁で入力してください（例: 2026）",
        });
      else fromYear = y;
    }
    const reflects = outcome === "adopted" || outcome === "partly_adopted";
    if (!reflects && (node !== "" || fromYear !== null))
      details.push({
        location: "reflectedNode",
        message: "反映先の取組は、採用・一部採用のときだけ指定できます",
      });
    if (reflects && fromYear !== null && node === "")
      details.push({
        location: "reflectedNode",
        message: "反映する年度を入れたときは、反映先の取組も選んでください",
      });
  } else if (raw.outcome !== "" || node !== "")
    details.push({
      location: "outcome",
      message: "結果と反映先は「提案の結果」の段階で入力します",
    });
  if (kind === "answered" && comment === "")
    details.push({ location: "publicComment", message: "回答の内容を入力してください" });
  if (details.length) return { ok: false, details };
  return {
    ok: true,
    value: {
      kind: kind as StepKind,
      outcome,
      reason: blank(reason),
      publicComment: blank(comment),
      reflectedNodeCode: blank(node),
      reflectedFromFiscalYear: fromYear,
    },
  };
}

/** Is the answer overdue on this (Japanese calendar) day? */
export const overdue = (
  letter: { dueDate: string | null; status: StepKind },
  today: string,
): boolean =>
  letter.dueDate !== null &&
  letter.dueDate < today &&
  letter.status !== "answered" &&
  letter.status !== "outcome";

/** Today's date in Japan, YYYY-MM-DD. */
export const japanDate = (at: Date) =>
  new Date(at.getTime() + 9 * 60 * 60 * 1000).toISOString().slice(0, 10);
