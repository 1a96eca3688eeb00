/**
 * Roll-up of program costs (事務事業のコスト集計) to the plan: per initiative (具体的な取組), per
 * measure (基本施策) and municipality-wide, by fiscal year; and program counts by direction.
 * Pure: no I/O.
 *
 * A program that serves several initiatives splits its costs among them by its stated shares
 * (whole-number weights, e.g. 60 : 40; equal shares when none is stated). Each amount is split
 * with the largest-remainder method, so the parts are whole yen and add up exactly to the
 * whole: no yen is lost or counted twice, and every level sums to the one above.
 * 事業費 and 人件費 are split separately and 総コスト is their sum; 従事職員数 is split in
 * hundredths of an FTE the same way.
 */
import type { ErrorDetail } from "../core/errors.ts";
import { fteHundredths, type YearCost, type Yen } from "../costs/index.ts";
import { DIRECTIONS, type Direction } from "../evaluations/index.ts";
import type { InitiativeLink } from "./program.ts";

/**
 * Splits a whole number `total` ≥ 0 in proportion to whole-number `weights` ≥ 0 (not all 0):
 * each part gets the floor of its quota, and the units left over go one each to the largest
 * remainders, ties to the earlier part. The parts sum to `total`, each is within 1 of its exact
 * quota, and a zero weight gets 0.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total) || total < 0)
    throw new RangeError(`配分する額は0以上の整数で指定してください: ${total}`);
  let sum = 0n;
  for (const w of weights) {
    if (!Number.isSafeInteger(w) || w < 0)
      throw new RangeError(`配分割合は0以上の整数で指定してください: ${w}`);
    sum += BigInt(w);
  }
  if (sum === 0n) throw new RangeError("配分割合の合計が0です");
  const t = BigInt(total);
  const parts = weights.map((w) => Number((t * BigInt(w)) / sum));
  const remainders = weights.map((w) => (t * BigInt(w)) % sum);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = weights
    .map((_, i) => i)
    .sort((a, b) =>
      remainders[b]! > remainders[a]! ? 1 : remainders[b]! < remainders[a]! ? -1 : a - b,
    );
  for (const i of order) {
    if (left === 0) break;
    parts[i]! += 1;
    left -= 1;
  }
  return parts;
}

/** The weights in use: the stated shares, or 1 each (equal shares) when none is stated. */
export const effectiveShares = (links: readonly InitiativeLink[]): number[] =>
  links.map((l) => l.share ?? 1);

/**
 * A program's links: at least one, no initiative twice, and shares either all blank (equal
 * shares) or all whole numbers ≥ 0 with a positive sum.
 */
export function checkShares(
  links: readonly InitiativeLink[],
  location = "initiatives",
): ErrorDetail[] {
  if (links.length === 0)
    return [{ location, message: "関連する取組がありません（1つ以上選んでください）" }];
  const issues: ErrorDetail[] = [];
  const seen = new Set<string>();
  links.forEach((l, i) => {
    if (seen.has(l.initiativeCode))
      issues.push({
        location: `${location}.${i}.initiativeCode`,
        message: `取組「${l.initiativeCode}」が重複しています`,
      });
    seen.add(l.initiativeCode);
    if (l.share !== null && (!Number.isSafeInteger(l.share) || l.share < 0))
      issues.push({
        location: `${location}.${i}.share`,
        message: `取組「${l.initiativeCode}」の配分割合は0以上の整数で入力してください（${l.share}）`,
      });
  });
  const stated = links.filter((l) => l.share !== null);
  if (stated.length > 0 && stated.length < links.length)
    issues.push({
      location,
      message: "配分割合は、すべての取組に入力するか、すべて空欄（均等配分）にしてください",
    });
  else if (issues.length === 0 && stated.length > 0 && stated.every((l) => l.share === 0))
    issues.push({ location, message: "配分割合の合計が0です" });
  return issues;
}

/** Costs at any level for one fiscal year. totalCost = programCost + staffCost. */
export interface CostFigures {
  totalCost: Yen;
  programCost: Yen;
  staffCost: Yen;
  /** FTE, exact to the hundredth. */
  staffFte: number;
}
export type YearFigures = ReadonlyMap<number, CostFigures>;

/** What the roll-up needs of a program: its links, its direction, its computed years. */
export interface RollupProgram {
  /** The program's code key (programCodeKey), named in errors. */
  key: string;
  initiatives: readonly InitiativeLink[];
  /** The direction that counts (see workflow's finalDirection); null when not evaluated. */
  direction: Direction | null;
  years: readonly Pick<YearCost, "fiscalYear" | "programCost" | "staffCost" | "staffFte">[];
}

export type DirectionCounts = Record<Direction | "none", number>;

export interface Rollup {
  initiatives: ReadonlyMap<string, YearFigures>;
  measures: ReadonlyMap<string, YearFigures>;
  municipality: YearFigures;
  /** Programs by direction, each program once. */
  directions: DirectionCounts;
  /** Programs by direction per measure: a program counts once in each measure it serves. */
  directionsByMeasure: ReadonlyMap<string, DirectionCounts>;
}

/** Internal: FTE in hundredths, so that sums are exact. */
interface Parts {
  programCost: Yen;
  staffCost: Yen;
  fte: number;
}

const ZERO: Parts = { programCost: 0, staffCost: 0, fte: 0 };
const add = (a: Parts, b: Parts): Parts => ({
  programCost: a.programCost + b.programCost,
  staffCost: a.staffCost + b.staffCost,
  fte: a.fte + b.fte,
});
const figures = (p: Parts): CostFigures => ({
  totalCost: p.programCost + p.staffCost,
  programCost: p.programCost,
  staffCost: p.staffCost,
  staffFte: p.fte / 100,
});

function splitParts(program: RollupProgram): Map<string, Map<number, Parts>> {
  const issues = checkShares(program.initiatives);
  if (issues.length > 0)
    throw new RangeError(`事務事業 ${program.key}: ${issues.map((i) => i.message).join("、")}`);
  const weights = effectiveShares(program.initiatives);
  const result = new Map(
    program.initiatives.map((l) => [l.initiativeCode, new Map<number, Parts>()]),
  );
  const codes = [...result.keys()];
  for (const y of program.years) {
    const fte = fteHundredths(y.staffFte);
    if (fte === null)
      throw new RangeError(`事務事業 ${program.key}: 従事職員数が不正です: ${y.staffFte}`);
    const programCost = allocate(y.programCost, weights);
    const staffCost = allocate(y.staffCost.total, weights);
    const ftes = allocate(fte, weights);
    codes.forEach((code, i) => {
      result.get(code)!.set(y.fiscalYear, {
        programCost: programCost[i]!,
        staffCost: staffCost[i]!,
        fte: ftes[i]!,
      });
    });
  }
  return result;
}

const toFigures = (byYear: Map<number, Parts>): YearFigures =>
  new Map([...byYear].sort(([a], [b]) => a - b).map(([fy, p]) => [fy, figures(p)]));

/** One program's costs as attributed to each initiative it serves, by fiscal year. */
export function splitProgram(program: RollupProgram): ReadonlyMap<string, YearFigures> {
  return new Map([...splitParts(program)].map(([code, years]) => [code, toFigures(years)]));
}

function accumulate(into: Map<number, Parts>, from: Map<number, Parts>) {
  for (const [fy, p] of from) into.set(fy, add(into.get(fy) ?? ZERO, p));
}

const noDirections = (): DirectionCounts =>
  Object.fromEntries([...DIRECTIONS, "none"].map((d) => [d, 0])) as DirectionCounts;

/**
 * Rolls programs up to initiatives, measures and the municipality. `measureOf` maps every
 * initiative code to its measure code; every initiative and measure in it appears in the result
 * (with no years when no program serves it). A link to an initiative not in `measureOf` is an
 * error.
 */
export function rollUp(
  programs: readonly RollupProgram[],
  measureOf: ReadonlyMap<string, string>,
): Rollup {
  const initiatives = new Map(
    [...measureOf.keys()].map((code) => [code, new Map<number, Parts>()]),
  );
  const measures = new Map([...measureOf.values()].map((code) => [code, new Map<number, Parts>()]));
  const municipality = new Map<number, Parts>();
  const directions = noDirections();
  const directionsByMeasure = new Map([...measures.keys()].map((m) => [m, noDirections()]));

  for (const program of programs) {
    const split = splitParts(program);
    const served = new Set<string>();
    for (const [code, years] of split) {
      const measure = measureOf.get(code);
      if (measure === undefined)
        throw new RangeError(
          `事務事業 ${program.key}: 取組「${code}」の上の階層（計画の第2階層）の項目が見つかりません`,
        );
      accumulate(initiatives.get(code)!, years);
      accumulate(measures.get(measure)!, years);
      accumulate(municipality, years);
      served.add(measure);
    }
    const direction = program.direction ?? "none";
    directions[direction] += 1;
    for (const measure of served) directionsByMeasure.get(measure)![direction] += 1;
  }

  const each = (m: Map<string, Map<number, Parts>>) =>
    new Map([...m].map(([code, years]) => [code, toFigures(years)]));
  return {
    initiatives: each(initiatives),
    measures: each(measures),
    municipality: toFigures(municipality),
    directions,
    directionsByMeasure,
  };
}
