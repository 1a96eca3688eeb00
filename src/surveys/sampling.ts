/**
 * Stratified random sampling from a frame of counts (pure, reproducible from a seed).
 *
 * The frame is a table of strata (age band × sex × area, or a staff section) with their
 * population. The sample size is allocated to strata in proportion to their population (largest
 * remainder), and in each stratum that many distinct positions 1…N_h are drawn without
 * replacement. Staff then mail the persons at those positions of their own register, sorted the
 * way the page states — Shisaku never sees the register. The same seed, frame and size always
 * give the same positions: the draw is SHA-256 of "seed|stratum|counter" read as a 52-bit
 * fraction, used by a partial Fisher–Yates shuffle, so anyone can redo it with any tool.
 */
import { createHash } from "node:crypto";

export interface Stratum {
  key: string;
  population: number;
}

/**
 * Proportional allocation of n among strata, by largest remainder (Hamilton): each gets
 * ⌊n·N_h/N⌋, and the rest go one by one to the largest remainders (ties: the earlier stratum).
 * A stratum never gets more than its population; n larger than the population takes everyone.
 */
export function allocate(strata: readonly Stratum[], n: number): number[] {
  const total = strata.reduce((a, s) => a + s.population, 0);
  if (total === 0) return strata.map(() => 0);
  const size = Math.min(n, total);
  const exact = strata.map((s) => (size * s.population) / total);
  const out = exact.map(Math.floor);
  let left = size - out.reduce((a, b) => a + b, 0);
  const order = exact
    .map((x, i) => ({ i, r: x - Math.floor(x) }))
    .sort((a, b) => b.r - a.r || a.i - b.i);
  for (const { i } of order) {
    if (left === 0) break;
    if (out[i]! < strata[i]!.population) {
      out[i]!++;
      left--;
    }
  }
  return out;
}

/** The k-th uniform draw in [0, 1) of a stratum under a seed. */
export function uniform(seed: string, stratum: string, k: number): number {
  const digest = createHash("sha256").update(`${seed}|${stratum}|${k}`).digest();
  // 52 bits: 20 from the first word, 32 from the second.
  return ((digest.readUInt32BE(0) >>> 12) * 2 ** 32 + digest.readUInt32BE(4)) / 2 ** 52;
}

/**
 * Draws k distinct positions out of 1…population for one stratum, ascending: a partial
 * Fisher–Yates shuffle (the i-th step swaps position i with a uniform one of i…N).
 */
export function drawPositions(
  seed: string,
  stratum: string,
  population: number,
  k: number,
): number[] {
  const swapped = new Map<number, number>();
  const at = (i: number) => swapped.get(i) ?? i;
  const picked: number[] = [];
  for (let i = 0; i < Math.min(k, population); i++) {
    const j = i + Math.floor(uniform(seed, stratum, i) * (population - i));
    const chosen = at(j);
    swapped.set(j, at(i));
    picked.push(chosen + 1);
  }
  return picked.sort((a, b) => a - b);
}

/** The whole sample: per stratum, its allocation and the positions drawn. */
export function drawSample(seed: string, strata: readonly Stratum[], n: number) {
  const sizes = allocate(strata, n);
  return strata.map((s, i) => ({
    key: s.key,
    population: s.population,
    sampled: sizes[i]!,
    positions: drawPositions(seed, s.key, s.population, sizes[i]!),
  }));
}
