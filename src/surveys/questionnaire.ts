/**
 * The questionnaire of a survey (pure): sections of questions — single choice, multiple choice,
 * Likert scale, numeric, free text — each worded in Japanese and, optionally, in やさしい日本語;
 * a question may be asked only when an earlier section's answer was one of some options. Staff
 * write it as YAML; answers are checked against it.
 *
 * A condition may only refer to a question of an earlier section: the public form is one page
 * per section and works without JavaScript, so whether a question is asked is known when its page
 * is drawn.
 */
import { parse as parseYaml } from "yaml";
import { z } from "zod";
import type { ErrorDetail } from "../core/errors.ts";
import type { Checked } from "../core/outcome.ts";
import { issuesToDetails } from "../core/validation.ts";

export const QUESTION_KINDS = ["single", "multiple", "likert", "numeric", "text"] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];
export const KIND_LABELS: Record<QuestionKind, string> = {
  single: "単一回答",
  multiple: "複数回答",
  likert: "5段階などの尺度",
  numeric: "数値",
  text: "自由記述",
};

const Key = z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, "英数字・_・- の32文字以内で書いてください");
const Words = z.string().trim().min(1).max(500);

const Option = z.object({ key: Key, text: Words, easy: Words.optional() });

export const Question = z
  .object({
    key: Key,
    kind: z.enum(QUESTION_KINDS),
    text: Words,
    easy: Words.optional(),
    options: z.array(Option).max(30).optional(),
    required: z.boolean().default(false),
    min: z.number().optional(),
    max: z.number().optional(),
    unit: z.string().max(20).optional(),
    showIf: z.object({ question: Key, anyOf: z.array(Key).min(1) }).optional(),
  })
  .refine((q) => (q.kind === "numeric" || q.kind === "text") === !q.options?.length, {
    message: "選択肢は単一回答・複数回答・尺度の問だけに、必ず書いてください",
    path: ["options"],
  });
export type Question = z.infer<typeof Question>;

export const Section = z.object({
  title: Words,
  easy: Words.optional(),
  questions: z.array(Question).min(1).max(60),
});
export type Section = z.infer<typeof Section>;

export const Questionnaire = z.object({ sections: z.array(Section).min(1).max(20) });
export type Questionnaire = z.infer<typeof Questionnaire>;

const CHOICE_KINDS: QuestionKind[] = ["single", "multiple", "likert"];
export const hasOptions = (q: Question) => CHOICE_KINDS.includes(q.kind);

export const allQuestions = (qn: Questionnaire) => qn.sections.flatMap((s) => s.questions);

/** Reads a questionnaire written as YAML: the parsed questionnaire, or what is wrong and where. */
export function readQuestionnaire(yaml: string): Checked<Questionnaire> {
  let raw: unknown;
  try {
    raw = parseYaml(yaml);
  } catch (e) {
    return {
      ok: false,
      details: [
        { location: "questionnaire", message: `YAMLとして読めません: ${(e as Error).message}` },
      ],
    };
  }
  const parsed = Questionnaire.safeParse(raw);
  if (!parsed.success)
    return { ok: false, details: issuesToDetails(parsed.error, "questionnaire") };
  const details = crossChecks(parsed.data);
  return details.length ? { ok: false, details } : { ok: true, value: parsed.data };
}

/** Keys unique; a condition names a choice question of an earlier section and its options. */
function crossChecks(qn: Questionnaire): ErrorDetail[] {
  const out: ErrorDetail[] = [];
  const seen = new Map<string, { question: Question; section: number }>();
  qn.sections.forEach((section, s) => {
    section.questions.forEach((q, i) => {
      const where = `questionnaire: sections[${s}].questions[${i}]（問 ${q.key}）`;
      if (seen.has(q.key))
        out.push({ location: where, message: `問の記号「${q.key}」が重複しています` });
      const keys = (q.options ?? []).map((o) => o.key);
      if (new Set(keys).size !== keys.length)
        out.push({ location: where, message: "選択肢の記号が重複しています" });
      if (q.min !== undefined && q.max !== undefined && q.min > q.max)
        out.push({ location: where, message: "min が max より大きくなっています" });
      if (q.showIf) {
        const ref = seen.get(q.showIf.question);
        if (!ref || ref.section >= s || !hasOptions(ref.question))
          out.push({
            location: where,
            message: `条件の問「${q.showIf.question}」は、前の部にある選択式の問でなければなりません`,
          });
        else {
          const known = new Set((ref.question.options ?? []).map((o) => o.key));
          const unknown = q.showIf.anyOf.filter((k) => !known.has(k));
          if (unknown.length)
            out.push({
              location: where,
              message: `条件の選択肢「${unknown.join("、")}」がありません`,
            });
        }
      }
    });
    for (const q of section.questions) seen.set(q.key, { question: q, section: s });
  });
  return out;
}

/** One respondent's answers: an option key, option keys, a number or a text, by question key. */
export type Answers = Record<string, string | string[] | number>;

/** Whether a question is asked, given the answers so far (its condition, if any, is met). */
export function isAsked(q: Question, answers: Answers): boolean {
  if (!q.showIf) return true;
  const a = answers[q.showIf.question];
  const chosen = Array.isArray(a) ? a : typeof a === "string" ? [a] : [];
  return chosen.some((k) => q.showIf!.anyOf.includes(k));
}

export const TEXT_LIMIT = 2000;

/**
 * Reads the answers of one section from form fields (name = question key; repeated for multiple
 * choice). An empty field is no answer. `final` also requires every asked required question
 * (of this section). Gives the section's answers, to merge over the saved ones.
 */
export function readSectionAnswers(
  section: Section,
  fields: Record<string, string[]>,
  before: Answers,
  opts: { final: boolean },
): Checked<Answers> {
  const out: Answers = {};
  const details: ErrorDetail[] = [];
  for (const q of section.questions) {
    if (!isAsked(q, before)) continue;
    const values = (fields[q.key] ?? []).map((v) => v.trim()).filter((v) => v !== "");
    const fail = (message: string) =>
      details.push({ location: q.key, message: `${q.text}: ${message}` });
    if (values.length === 0) {
      if (opts.final && q.required) fail("回答してください");
      continue;
    }
    const keys = new Set((q.options ?? []).map((o) => o.key));
    if (q.kind === "multiple") {
      const picked = [...new Set(values)];
      if (picked.some((v) => !keys.has(v))) fail("選択肢にない回答です");
      else out[q.key] = (q.options ?? []).map((o) => o.key).filter((k) => picked.includes(k));
    } else if (q.kind === "single" || q.kind === "likert") {
      if (values.length > 1 || !keys.has(values[0]!)) fail("選択肢から一つ選んでください");
      else out[q.key] = values[0]!;
    } else if (q.kind === "numeric") {
      const n = Number(
        values[0]!.replace(/[０-９．－]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)),
      );
      if (!Number.isFinite(n) || !/^-?[0-9０-９]/.test(values[0]!)) fail("数字で書いてください");
      else if (q.min !== undefined && n < q.min) fail(`${q.min}以上で書いてください`);
      else if (q.max !== undefined && n > q.max) fail(`${q.max}以下で書いてください`);
      else out[q.key] = n;
    } else {
      const text = values.join("\n");
      if (text.length > TEXT_LIMIT) fail(`${TEXT_LIMIT}文字以内で書いてください`);
      else out[q.key] = text;
    }
  }
  return details.length ? { ok: false, details } : { ok: true, value: out };
}

/** Merges a section's answers over the saved ones: the section's questions are replaced. */
export function mergeSection(section: Section, saved: Answers, fresh: Answers): Answers {
  const out: Answers = { ...saved };
  for (const q of section.questions) delete out[q.key];
  return { ...out, ...fresh };
}

/** The answers counted for results: only those of questions asked given the other answers. */
export function countedAnswers(qn: Questionnaire, answers: Answers): Answers {
  const out: Answers = {};
  for (const q of allQuestions(qn))
    if (q.key in answers && isAsked(q, out)) out[q.key] = answers[q.key]!;
  return out;
}

/** The whole questionnaire's required questions that are asked and unanswered (for submission). */
export function missingRequired(qn: Questionnaire, answers: Answers) {
  const counted = countedAnswers(qn, answers);
  return allQuestions(qn).filter((q) => q.required && isAsked(q, counted) && !(q.key in counted));
}

/** Every section's answers from one form, in order (a condition sees earlier sections). */
export function readAll(
  survey: { questionnaire: Questionnaire },
  fields: Record<string, string[]>,
) {
  let answers: Answers = {};
  const details: ErrorDetail[] = [];
  for (const section of survey.questionnaire.sections) {
    const read = readSectionAnswers(section, fields, answers, { final: true });
    if (read.ok) answers = mergeSection(section, answers, read.value);
    else details.push(...read.details);
  }
  return details.length
    ? ({ ok: false, details } as const)
    : ({ ok: true, value: answers } as const);
}
