/**
 * The rules of peer comparison: who a municipality's peers are, the median and quartiles of a
 * group, the rank of each member, and the bins of a distribution chart. Pure: no database.
 */

export const PEER_GROUPS = ["all", "similar", "prefecture", "population"] as const;
export type PeerGroup = (typeof PEER_GROUPS)[number];

export const PEER_GROUP_LABELS: Record<PeerGroup, string> = {
  all: "全国の市区町村",
  similar: "類似団体",
  prefecture: "同じ都道府県",
  population: "人口規模が近い団体",
};

/** "Of similar size": a population from 2/3 to 3/2 of the municipality's own. */
export const POPULATION_BAND = { below: 2 / 3, above: 3 / 2 } as const;

export interface Body {
  code: string;
  name: string;
  prefecture: string;
  population: number | null;
  similarGroup: string | null;
}

/** Whether `other` is in `subject`'s peer group (the subject is in each of its own groups). */
export function isPeer(subject: Body, other: Body, group: PeerGroup): boolean {
  switch (group) {
    case "all":
      return true;
    case "similar":
      return subject.similarGroup !== null && other.similarGroup === subject.similarGroup;
    case "prefecture":
      return other.prefecture === subject.prefecture;
    case "population": {
      const p = subject.population;
      if (p === null || other.population === null) return false;
      return (
        other.population >= p * POPULATION_BAND.below &&
        other.population <= p * POPULATION_BAND.above
      );
    }
  }
}

/** The members of `subject`'s peer group among `all`. */
export const peersOf = <B extends Body>(subject: Body, all: B[], group: PeerGroup): B[] =>
  all.filter((b) => isPeer(subject, b, group));

/** How the group is described on a page: 「類似団体（Ⅱ-1）」. */
export function peerGroupLabel(subject: Body, group: PeerGroup): string {
  switch (group) {
    case "similar":
      return `類似団体（${subject.similarGroup ?? "区分なし"}）`;
    case "prefecture":
      return `${subject.prefecture}の市区町村`;
    case "population":
      return subject.population === null
        ? "人口規模が近い団体（人口不明）"
        : `人口 ${Math.ceil(subject.population * POPULATION_BAND.below).toLocaleString("ja-JP")}〜${Math.floor(subject.population * POPULATION_BAND.above).toLocaleString("ja-JP")} 人の団体`;
    default:
      return PEER_GROUP_LABELS[group];
  }
}

/** The quantile q (0–1) of sorted numbers, linearly interpolated (as a spreadsheet's QUARTILE.INC). */
export function quantile(sorted: number[], q: number): number | null {
  if (sorted.length === 0) return null;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

export const median = (values: number[]) =>
  quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );

export interface Summary {
  /** Members with a value. */
  count: number;
  median: number | null;
  q1: number | null;
  q3: number | null;
  min: number | null;
  max: number | null;
}

export function summarize(values: (number | null)[]): Summary {
  const sorted = values.filter((v): v is number => v !== null).sort((a, b) => a - b);
  return {
    count: sorted.length,
    median: quantile(sorted, 0.5),
    q1: quantile(sorted, 0.25),
    q3: quantile(sorted, 0.75),
    min: sorted[0] ?? null,
    max: sorted.at(-1) ?? null,
  };
}

export type Ranked<T> = T & { rank: number | null };

/**
 * Ranks members by value: rank 1 is the smallest (asc) or the largest (desc); equal values share
 * a rank and the next rank skips (1, 2, 2, 4). Members without a value come last, unranked;
 * ties and the unranked are ordered by code.
 */
export function rank<T extends { code: string; value: number | null }>(
  rows: T[],
  order: "asc" | "desc",
): Ranked<T>[] {
  const sign = order === "asc" ? 1 : -1;
  const sorted = [...rows].sort((a, b) => {
    if (a.value === null || b.value === null) {
      if (a.value !== b.value) return a.value === null ? 1 : -1;
    } else if (a.value !== b.value) return sign * (a.value - b.value);
    return a.code < b.code ? -1 : a.code > b.code ? 1 : 0;
  });
  let previous: number | null = null;
  let previousRank = 0;
  return sorted.map((row, i) => {
    if (row.value === null) return { ...row, rank: null };
    const r = row.value === previous ? previousRank : i + 1;
    previous = row.value;
    previousRank = r;
    return { ...row, rank: r };
  });
}

export interface Bin {
  from: number;
  to: number;
  count: number;
}

/**
 * Equal-width bins over [min, max] (the last bin includes max); one bin when all values are the
 * same, none without values.
 */
export function bins(values: number[], wanted = 20): Bin[] {
  if (values.length === 0) return [];
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const v of values) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min === max) return [{ from: min, to: max, count: values.length }];
  const n = Math.max(1, Math.min(wanted, values.length));
  const width = (max - min) / n;
  const out: Bin[] = Array.from({ length: n }, (_, i) => ({
    from: min + i * width,
    to: i === n - 1 ? max : min + (i + 1) * width,
    count: 0,
  }));
  for (const v of values) out[binIndex(out, v)]!.count++;
  return out;
}

/** The bin a value falls in (values outside go to the first or the last). */
export function binIndex(b: Bin[], value: number): number {
  for (let i = 0; i < b.length; i++) if (value < b[i]!.to) return i;
  return b.length - 1;
}
