/**
 * A survey's results from its submitted answers (pure): response rates by stratum, weights
 * (post-stratification, raking when a cell is empty), per question and option the unweighted
 * and weighted share with their 95% intervals, means of numeric questions, cross-tabulations by
 * age band, sex or area, and the share a linked indicator takes. Groups of fewer than
 * MIN_GROUP answers are never shown (a staff section of 9 could be told apart).
 */
import {
  designEffect,
  estimateMean,
  estimateShare,
  type Interval,
  percent,
  type ShareEstimate,
} from "./estimates.ts";
import {
  type Answers,
  allQuestions,
  countedAnswers,
  hasOptions,
  type Question,
  type Questionnaire,
} from "./questionnaire.ts";
import { type Cell, cellKey, type Dimension, responseRates, weigh } from "./weighting.ts";

export const MIN_GROUP = 10;

export interface StratumRow extends Pick<Cell, "ageBand" | "sex" | "area" | "population"> {
  id: number;
  sampled: number;
}

export interface SubmittedResponse {
  stratumId: number;
  answers: Answers;
}

export interface OptionResult extends ShareEstimate {
  key: string;
  text: string;
}

export interface QuestionResult {
  key: string;
  text: string;
  kind: Question["kind"];
  /** Respondents who answered it. */
  n: number;
  /** Fewer than MIN_GROUP answered: no figure is shown. */
  suppressed: boolean;
  options: OptionResult[];
  mean: { n: number; mean: number; weightedMean: number } | null;
}

interface Respondent {
  stratum: StratumRow;
  weight: number;
  answers: Answers;
}

export interface SurveyResults {
  respondents: number;
  sampled: number;
  /** Respondents ÷ sampled (0–1). */
  responseRate: number;
  strata: (StratumRow & { respondents: number; rate: number })[];
  weighting: {
    method: "post-stratification" | "raking";
    notes: string[];
    designEffect: number;
    iterations: number;
  };
  questions: QuestionResult[];
  /** For cross-tabs and the indicator: every respondent with their weight. */
  people: Respondent[];
}

export function computeResults(
  qn: Questionnaire,
  strata: readonly StratumRow[],
  responses: readonly SubmittedResponse[],
): SurveyResults {
  const byId = new Map(strata.map((s) => [s.id, s]));
  const counts = new Map<number, number>();
  for (const r of responses) counts.set(r.stratumId, (counts.get(r.stratumId) ?? 0) + 1);
  const withCounts = strata.map((s) => ({ ...s, respondents: counts.get(s.id) ?? 0 }));
  const w = weigh(withCounts);
  const people: Respondent[] = responses.flatMap((r) => {
    const stratum = byId.get(r.stratumId);
    if (!stratum) return [];
    return [
      {
        stratum,
        weight: w.weights.get(cellKey(stratum)) ?? 0,
        answers: countedAnswers(qn, r.answers),
      },
    ];
  });
  const rates = responseRates(withCounts);
  return {
    respondents: rates.respondents,
    sampled: rates.sampled,
    responseRate: rates.overall,
    strata: rates.strata,
    weighting: {
      method: w.method,
      notes: w.notes,
      designEffect: designEffect(people.map((p) => p.weight)),
      iterations: w.iterations,
    },
    questions: allQuestions(qn).map((q) => questionResult(q, people)),
    people,
  };
}

function questionResult(q: Question, people: readonly Respondent[]): QuestionResult {
  const answered = people.filter((p) => q.key in p.answers);
  const n = answered.length;
  const suppressed = n < MIN_GROUP;
  const options = hasOptions(q)
    ? (q.options ?? []).map((o) => ({
        key: o.key,
        text: o.text,
        ...estimateShare(answered, weightOf, (p) => picked(p.answers[q.key], o.key)),
      }))
    : [];
  const mean =
    q.kind === "numeric" ? estimateMean(answered, weightOf, (p) => Number(p.answers[q.key])) : null;
  return { key: q.key, text: q.text, kind: q.kind, n, suppressed, options, mean };
}

const weightOf = (p: Respondent) => p.weight;
const picked = (a: Answers[string] | undefined, key: string) =>
  Array.isArray(a) ? a.includes(key) : a === key;

export interface CrossRow {
  level: string;
  n: number;
  suppressed: boolean;
  /** Weighted share of each option (0–1), in the question's option order. */
  shares: { key: string; share: number; weightedShare: number }[];
}

/** A choice question's answers by the levels of one dimension (age band, sex or area). */
export function crossTab(q: Question, people: readonly Respondent[], by: Dimension): CrossRow[] {
  const levels = [...new Set(people.map((p) => p.stratum[by]))].sort();
  return levels.map((level) => {
    const group = people.filter((p) => p.stratum[by] === level && q.key in p.answers);
    const suppressed = group.length < MIN_GROUP;
    return {
      level,
      n: group.length,
      suppressed,
      shares: suppressed
        ? []
        : (q.options ?? []).map((o) => {
            const e = estimateShare(group, weightOf, (p) => picked(p.answers[q.key], o.key));
            return { key: o.key, share: e.share, weightedShare: e.weightedShare };
          }),
    };
  });
}

/** The share an indicator takes: respondents who chose any of `options` of one question. */
export function indicatorShare(
  results: SurveyResults,
  q: Question,
  options: readonly string[],
): ShareEstimate | null {
  const answered = results.people.filter((p) => q.key in p.answers);
  if (answered.length < MIN_GROUP) return null;
  return estimateShare(answered, weightOf, (p) => options.some((o) => picked(p.answers[q.key], o)));
}

/** The method as the indicator page shows it: weighted share, n, response rate, interval. */
export function methodText(opts: {
  surveyTitle: string;
  question: Question;
  optionTexts: string[];
  estimate: ShareEstimate;
  results: SurveyResults;
}) {
  const { estimate: e, results: r } = opts;
  const ci = (i: Interval) => `${percent(i[0])}〜${percent(i[1])}%`;
  const method =
    r.weighting.method === "raking"
      ? "レイキングによるウェイト付け"
      : "事後層化ウェイト付け（年齢層×性別×地区）";
  return (
    `${opts.surveyTitle}の問「${opts.question.text}」で「${opts.optionTexts.join("」「")}」と答えた人の割合（${method}）。` +
    `回答者数 n=${e.n}、回収率 ${percent(r.responseRate)}%、95%信頼区間 ${ci(e.ci95)}` +
    `（Wilson法・Kishの有効標本数 ${Math.round(e.effectiveN)}）。重みなしの割合 ${percent(e.share)}%`
  );
}
