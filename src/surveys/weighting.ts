/**
 * Survey weights (pure): post-stratification by age band × sex × area against the population
 * table, and raking (iterative proportional fitting, Deming & Stephan 1940) on the three margins
 * when a cell of the population has no respondent, where post-stratification cannot give it a
 * weight. Every respondent of a cell has the same weight; weights sum to the population.
 */

/** One cell of the population table (a stratum): its population and how many responded. */
export interface Cell {
  ageBand: string;
  sex: string;
  area: string;
  population: number;
  respondents: number;
}

export const DIMENSIONS = ["ageBand", "sex", "area"] as const;
export type Dimension = (typeof DIMENSIONS)[number];

export const cellKey = (c: Pick<Cell, Dimension>) => `${c.ageBand}|${c.sex}|${c.area}`;

export interface Weighting {
  method: "post-stratification" | "raking";
  /** The weight of one respondent of each cell, by cellKey (cells with no respondent absent). */
  weights: Map<string, number>;
  /** For raking: sweeps until every margin matched within 1e-9 (relative). */
  iterations: number;
  converged: boolean;
  /** What the reader should know (in Japanese): empty cells, margins that could not be met. */
  notes: string[];
}

/**
 * Post-stratification: a respondent of cell h weighs N_h / r_h. When a populated cell has no
 * respondent, falls back to raking on the margins (the cells' own counts are then not met).
 */
export function weigh(cells: readonly Cell[]): Weighting {
  const empty = cells.filter((c) => c.population > 0 && c.respondents === 0);
  if (empty.length === 0) {
    return {
      method: "post-stratification",
      weights: new Map(
        cells
          .filter((c) => c.respondents > 0)
          .map((c) => [cellKey(c), c.population / c.respondents]),
      ),
      iterations: 0,
      converged: true,
      notes: [],
    };
  }
  const raked = rake(cells);
  return {
    ...raked,
    notes: [
      `回答のない層が${empty.length}あるため、層ごとの事後層化ではなく、年齢層・性別・地区の周辺分布に合わせるレイキングで重み付けしました`,
      ...raked.notes,
    ],
  };
}

/**
 * Raking: starting from each answering cell's population (its respondents weighing N_h / r_h;
 * `start` gives another starting total, e.g. the respondents themselves), scales the cells' weights to match, in turn, the population totals
 * of every age band, sex and area, until all match (relative difference < 1e-9) or 1,000 sweeps.
 * A margin level with population but no respondent at all cannot be met: that dimension's other
 * levels are scaled up to the whole population, and a note says so.
 */
export function rake(
  cells: readonly Cell[],
  opts: { maxSweeps?: number; start?: (c: Cell) => number } = {},
): Weighting {
  const maxSweeps = opts.maxSweeps ?? 1000;
  const start = opts.start ?? ((c: Cell) => (c.population > 0 ? c.population : c.respondents));
  const answering = cells.filter((c) => c.respondents > 0);
  const total = cells.reduce((a, c) => a + c.population, 0);
  const notes: string[] = [];
  // Per dimension: the population target of each level that has respondents.
  const targets = DIMENSIONS.map((d) => {
    const all = new Map<string, number>();
    for (const c of cells) all.set(c[d], (all.get(c[d]) ?? 0) + c.population);
    const reachable = new Set(answering.map((c) => c[d]));
    const kept = [...all].filter(([level]) => reachable.has(level));
    const missing = [...all].filter(([level, n]) => !reachable.has(level) && n > 0);
    const keptSum = kept.reduce((a, [, n]) => a + n, 0);
    for (const [level] of missing)
      notes.push(
        `${DIMENSION_LABELS[d]}「${level}」に回答がないため、その人口はほかの${DIMENSION_LABELS[d]}に配分しました`,
      );
    return new Map(kept.map(([level, n]) => [level, keptSum > 0 ? (n * total) / keptSum : 0]));
  });
  // Total weight of each answering cell (weight per respondent × respondents).
  const mass = answering.map(start);
  let iterations = 0;
  let converged = false;
  while (iterations < maxSweeps && !converged) {
    iterations++;
    DIMENSIONS.forEach((d, i) => {
      const sums = marginSums(answering, mass, d);
      answering.forEach((c, j) => {
        const sum = sums.get(c[d])!;
        mass[j] = sum > 0 ? (mass[j]! * targets[i]!.get(c[d])!) / sum : 0;
      });
    });
    converged = DIMENSIONS.every((d, i) => {
      const sums = marginSums(answering, mass, d);
      return [...targets[i]!].every(
        ([level, target]) =>
          Math.abs((sums.get(level) ?? 0) - target) <= 1e-9 * Math.max(1, target),
      );
    });
  }
  if (!converged) notes.push(`レイキングが${maxSweeps}回の反復で収束しませんでした`);
  return {
    method: "raking",
    weights: new Map(answering.map((c, j) => [cellKey(c), mass[j]! / c.respondents])),
    iterations,
    converged,
    notes,
  };
}

/** The total mass of each level of one dimension. */
function marginSums(cells: readonly Cell[], mass: readonly number[], d: Dimension) {
  const sums = new Map<string, number>();
  cells.forEach((c, j) => {
    sums.set(c[d], (sums.get(c[d]) ?? 0) + mass[j]!);
  });
  return sums;
}

export const DIMENSION_LABELS: Record<Dimension, string> = {
  ageBand: "年齢層",
  sex: "性別",
  area: "地区",
};

/** Response rate of each stratum and overall: respondents ÷ sampled (0 when none sampled). */
export function responseRates<S extends { sampled: number; respondents: number }>(
  strata: readonly S[],
) {
  const sampled = strata.reduce((a, s) => a + s.sampled, 0);
  const respondents = strata.reduce((a, s) => a + s.respondents, 0);
  return {
    overall: sampled > 0 ? respondents / sampled : 0,
    sampled,
    respondents,
    strata: strata.map((s) => ({ ...s, rate: s.sampled > 0 ? s.respondents / s.sampled : 0 })),
  };
}
