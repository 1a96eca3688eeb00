/**
 * Shares and their 95% confidence intervals (pure).
 *
 * Which interval, and why:
 * - Unweighted shares take the Wilson score interval (Wilson 1927). Unlike the textbook Wald
 *   interval p ± 1.96·√(p(1−p)/n) it never leaves [0, 1], is not zero-width at 0 or n answers,
 *   and its coverage stays near 95% for the small groups and extreme shares a municipal survey
 *   has (Newcombe 1998; Brown, Cai & DasGupta 2001 recommend it for n < 40 and all n alike).
 * - Weighted shares take the same Wilson interval around the weighted share with n replaced by
 *   Kish's effective sample size n_eff = (Σw)² / Σw² (Kish 1965): the design effect of unequal
 *   weights, deff = n / n_eff, widens the interval by √deff. Korn & Graubard (1998) use this
 *   effective-n Wilson for weighted survey proportions. It ignores any clustering (the sample is a
 *   stratified random sample of persons, with no clusters) and treats the weights as fixed, which
 *   is the usual and slightly conservative choice for post-stratified simple samples.
 */

/** z of a two-sided 95% interval (the 0.975 quantile of the standard normal). */
export const Z95 = 1.959963984540054;

export type Interval = [low: number, high: number];

/**
 * The Wilson score interval of a share p̂ from n answers (n may be an effective, non-whole size).
 * Gives [0, 0] when there is no answer at all (n = 0), which callers show as "not computable".
 */
export function wilson(share: number, n: number, z = Z95): Interval {
  if (!(n > 0)) return [0, 0];
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (share + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((share * (1 - share)) / n + z2 / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Kish's effective sample size of a set of weights: (Σw)² / Σw². */
export function effectiveSize(weights: readonly number[]): number {
  let sum = 0;
  let squares = 0;
  for (const w of weights) {
    sum += w;
    squares += w * w;
  }
  return squares > 0 ? (sum * sum) / squares : 0;
}

/** Kish's design effect of unequal weights: n Σw² / (Σw)² (1 when all weights are equal). */
export const designEffect = (weights: readonly number[]) =>
  weights.length === 0 ? 1 : weights.length / effectiveSize(weights);

/** One share with what a reader needs to judge it. */
export interface ShareEstimate {
  /** Respondents counted (those who answered the question). */
  n: number;
  /** How many of them chose the option. */
  count: number;
  /** Unweighted share (0–1). */
  share: number;
  /** Weighted share (0–1). */
  weightedShare: number;
  /** 95% interval of the weighted share (Wilson with Kish's effective n). */
  ci95: Interval;
  /** 95% interval of the unweighted share (Wilson). */
  ci95Unweighted: Interval;
  /** Kish's effective sample size of the answering respondents. */
  effectiveN: number;
}

/**
 * Estimates the share of respondents for whom `chose` holds, among `answered` ones, from each
 * respondent's weight. Respondents who did not answer are left out (item non-response).
 */
export function estimateShare<T>(
  answered: readonly T[],
  weightOf: (r: T) => number,
  chose: (r: T) => boolean,
): ShareEstimate {
  const weights = answered.map(weightOf);
  let total = 0;
  let yes = 0;
  let count = 0;
  answered.forEach((r, i) => {
    total += weights[i]!;
    if (chose(r)) {
      yes += weights[i]!;
      count++;
    }
  });
  const n = answered.length;
  const share = n > 0 ? count / n : 0;
  const weightedShare = total > 0 ? yes / total : 0;
  const effectiveN = effectiveSize(weights);
  return {
    n,
    count,
    share,
    weightedShare,
    ci95: wilson(weightedShare, effectiveN),
    ci95Unweighted: wilson(share, n),
    effectiveN,
  };
}

/** Weighted and unweighted mean of numeric answers. */
export function estimateMean<T>(
  answered: readonly T[],
  weightOf: (r: T) => number,
  value: (r: T) => number,
) {
  let total = 0;
  let sum = 0;
  let plain = 0;
  for (const r of answered) {
    const w = weightOf(r);
    total += w;
    sum += w * value(r);
    plain += value(r);
  }
  return {
    n: answered.length,
    mean: answered.length > 0 ? plain / answered.length : 0,
    weightedMean: total > 0 ? sum / total : 0,
  };
}

/** A rate in percent rounded to one decimal, as tables and indicator actuals show it. */
export const percent = (x: number) => Math.round(x * 1000) / 10;
