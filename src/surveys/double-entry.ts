/**
 * Double entry of paper questionnaires (pure): a share of the paper forms is keyed a second time
 * by another person, the two keyings are compared field by field, and the disagreement rate
 * (fields keyed differently ÷ fields compared) measures the keying errors; each disagreement is
 * settled by a third look at the paper. Which forms are keyed twice is drawn from the codes
 * with a seed, so the draw can be repeated.
 */
import { createHash } from "node:crypto";
import { type Answers, allQuestions, countedAnswers, type Questionnaire } from "./questionnaire.ts";

/** One field keyed differently: the question and both keyings as typed. */
export interface Disagreement {
  question: string;
  first: Answers[string] | null;
  second: Answers[string] | null;
}

/** The comparison of two keyings of one paper form. */
export interface KeyingComparison {
  /** Fields compared: every question asked by either keying. */
  fields: number;
  disagreements: Disagreement[];
}

const same = (a: Answers[string] | undefined, b: Answers[string] | undefined) =>
  JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Compares two keyings of one form field by field: a question counts as a field when either
 * keying asks it (its condition met); it disagrees when the answers differ, a blank against an
 * answer included. Multiple choice compares the set chosen, texts ignore surrounding spaces.
 */
export function compareKeyings(
  qn: Questionnaire,
  first: Answers,
  second: Answers,
): KeyingComparison {
  const a = normalised(countedAnswers(qn, first));
  const b = normalised(countedAnswers(qn, second));
  const asked = (x: Answers, key: string) => key in x;
  let fields = 0;
  const disagreements: Disagreement[] = [];
  for (const q of allQuestions(qn)) {
    if (!asked(a, q.key) && !asked(b, q.key) && !q.required) continue;
    fields += 1;
    if (!same(a[q.key], b[q.key]))
      disagreements.push({ question: q.key, first: a[q.key] ?? null, second: b[q.key] ?? null });
  }
  return { fields, disagreements };
}

function normalised(x: Answers): Answers {
  const out: Answers = {};
  for (const [k, v] of Object.entries(x))
    out[k] = Array.isArray(v) ? [...v].sort() : typeof v === "string" ? v.trim() : v;
  return out;
}

/** The disagreement rate over many compared forms: disagreeing fields ÷ compared fields. */
export function disagreementRate(comparisons: readonly KeyingComparison[]): {
  forms: number;
  fields: number;
  disagreements: number;
  rate: number | null;
} {
  const fields = comparisons.reduce((s, c) => s + c.fields, 0);
  const disagreements = comparisons.reduce((s, c) => s + c.disagreements.length, 0);
  return {
    forms: comparisons.length,
    fields,
    disagreements,
    rate: fields === 0 ? null : disagreements / fields,
  };
}

/**
 * Which paper forms are keyed a second time: `percent`% of the codes (at least one when there
 * are any), chosen by ranking each code by a hash of the seed and the code — the same seed and
 * codes always give the same forms, and a form keyed later does not change whether an earlier
 * one was chosen.
 */
export function doubleEntrySample(
  codes: readonly string[],
  percent: number,
  seed: string,
): Set<string> {
  if (codes.length === 0 || percent <= 0) return new Set();
  const want = Math.min(codes.length, Math.max(1, Math.ceil((codes.length * percent) / 100)));
  const rank = (code: string) => createHash("sha256").update(`${seed}\u0000${code}`).digest("hex");
  return new Set(
    [...codes]
      .map((code) => ({ code, r: rank(code) }))
      .sort((x, y) => (x.r < y.r ? -1 : x.r > y.r ? 1 : 0))
      .slice(0, want)
      .map((x) => x.code),
  );
}

/**
 * The answers after a third look settles each disagreement: `settled` gives, per disagreeing
 * question, which keying the paper shows ("first" | "second") or the value read on the third
 * look; questions without a disagreement keep the (agreeing) keyed value.
 */
export function settleKeyings(
  comparison: KeyingComparison,
  first: Answers,
  second: Answers,
  settled: Record<string, "first" | "second" | { value: Answers[string] | null }>,
): { ok: true; answers: Answers } | { ok: false; unsettled: string[] } {
  const unsettled = comparison.disagreements.map((d) => d.question).filter((q) => !(q in settled));
  if (unsettled.length) return { ok: false, unsettled };
  const answers: Answers = { ...first };
  for (const d of comparison.disagreements) {
    const s = settled[d.question]!;
    const value = s === "first" ? first[d.question] : s === "second" ? second[d.question] : s.value;
    if (value === null || value === undefined) delete answers[d.question];
    else answers[d.question] = value;
  }
  return { ok: true, answers };
}

/** The share of paper forms keyed a second time (%). */
export const DOUBLE_ENTRY_PERCENT = 10;

/**
 * The seed of a survey's double-entry draw: its sample's seed (shown on its page) with a word
 * of its own, so that the draw is repeatable and independent of the sample's positions.
 */
export const doubleEntrySeed = (survey: { id: number; seed: string | null }) =>
  `${survey.seed ?? `survey-${survey.id}`}:二重入力`;

/** Whether every disagreement has a choice ("first" | "second"); the questions without one. */
export function readSettlement(
  comparison: KeyingComparison,
  typed: Record<string, string | undefined>,
): { ok: true; value: Record<string, "first" | "second"> } | { ok: false; missing: string[] } {
  const value: Record<string, "first" | "second"> = {};
  const missing: string[] = [];
  for (const d of comparison.disagreements) {
    const t = typed[d.question];
    if (t === "first" || t === "second") value[d.question] = t;
    else missing.push(d.question);
  }
  return missing.length ? { ok: false, missing } : { ok: true, value };
}
