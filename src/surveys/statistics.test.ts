import { describe, expect, it } from "vitest";
import { designEffect, effectiveSize, estimateShare, wilson, Z95 } from "./estimates.ts";
import { allocate, drawPositions, drawSample } from "./sampling.ts";
import { type Cell, cellKey, rake, responseRates, weigh } from "./weighting.ts";

/** A second Wilson: the score test inverted by bisection, |p̂ − p| = z·√(p(1−p)/n). */
function wilsonByBisection(share: number, n: number): [number, number] {
  const outside = (p: number) => (share - p) ** 2 > (Z95 * Z95 * p * (1 - p)) / n;
  const solve = (lo: number, hi: number, loOutside: boolean) => {
    for (let i = 0; i < 200; i++) {
      const mid = (lo + hi) / 2;
      if (outside(mid) === loOutside) lo = mid;
      else hi = mid;
    }
    return (lo + hi) / 2;
  };
  return [share === 0 ? 0 : solve(0, share, true), share === 1 ? 1 : solve(share, 1, false)];
}

describe("Wilson interval", () => {
  it("gives Newcombe's (1998, Table I, method 3) published intervals", () => {
    // Newcombe RG. Two-sided confidence intervals for the single proportion: comparison of seven
    // methods. Stat Med 1998;17:857–872 — the Wilson score interval without correction.
    const published: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [x, n, low, high] of published) {
      const [l, h] = wilson(x / n, n);
      expect(l).toBeCloseTo(low, 4);
      expect(h).toBeCloseTo(high, 4);
    }
  });

  it("agrees with the score test inverted numerically", () => {
    for (const [x, n] of [
      [0, 5],
      [3, 7],
      [50, 100],
      [612, 1000],
      [9, 10],
      [10, 10],
    ] as const) {
      const [l, h] = wilson(x / n, n);
      const [bl, bh] = wilsonByBisection(x / n, n);
      expect(l).toBeCloseTo(bl, 9);
      expect(h).toBeCloseTo(bh, 9);
    }
  });

  it("stays inside [0, 1] and is empty without answers", () => {
    expect(wilson(0, 0)).toEqual([0, 0]);
    const [l, h] = wilson(1, 3);
    expect(l).toBeGreaterThan(0.4);
    expect(h).toBe(1);
  });
});

describe("weights and their design effect", () => {
  it("computes Kish's effective size and design effect by hand", () => {
    // (1+1+2+2)² / (1+1+4+4) = 36/10
    expect(effectiveSize([1, 1, 2, 2])).toBeCloseTo(3.6, 12);
    expect(designEffect([1, 1, 2, 2])).toBeCloseTo(4 / 3.6, 12);
    expect(designEffect([5, 5, 5])).toBeCloseTo(1, 12);
  });

  it("post-stratifies: N_h / r_h, the weighted share Σ N_h p_h / N", () => {
    const cells: Cell[] = [
      { ageBand: "18-39", sex: "女", area: "石岡", population: 600, respondents: 30 },
      { ageBand: "40-", sex: "女", area: "石岡", population: 400, respondents: 10 },
    ];
    const w = weigh(cells);
    expect(w.method).toBe("post-stratification");
    expect(w.weights.get(cellKey(cells[0]!))).toBe(20);
    expect(w.weights.get(cellKey(cells[1]!))).toBe(40);
    // 15 of 30 and 8 of 10 said yes.
    const people = [
      ...Array.from({ length: 30 }, (_, i) => ({ cell: cells[0]!, yes: i < 15 })),
      ...Array.from({ length: 10 }, (_, i) => ({ cell: cells[1]!, yes: i < 8 })),
    ];
    const e = estimateShare(
      people,
      (p) => w.weights.get(cellKey(p.cell))!,
      (p) => p.yes,
    );
    expect(e.n).toBe(40);
    expect(e.share).toBeCloseTo(23 / 40, 12);
    expect(e.weightedShare).toBeCloseTo(0.6 * 0.5 + 0.4 * 0.8, 12);
    // (Σw)² / Σw² = 1000² / (30·20² + 10·40²)
    expect(e.effectiveN).toBeCloseTo(1e6 / 28000, 9);
    expect(e.ci95).toEqual(wilson(0.62, 1e6 / 28000));
    expect(e.ci95Unweighted).toEqual(wilson(23 / 40, 40));
  });

  it("rakes when a cell has no respondent, meeting every margin (solved by hand)", () => {
    const cells: Cell[] = [
      { ageBand: "a", sex: "m", area: "x", population: 300, respondents: 3 },
      { ageBand: "a", sex: "f", area: "x", population: 200, respondents: 2 },
      { ageBand: "b", sex: "m", area: "x", population: 400, respondents: 4 },
      { ageBand: "b", sex: "f", area: "x", population: 100, respondents: 0 },
    ];
    const w = weigh(cells);
    expect(w.method).toBe("raking");
    expect(w.converged).toBe(true);
    expect(w.notes[0]).toContain("回答のない層が1");
    // Margins: age a 500, b 500; sex m 700, f 300. Three cells, three constraints: (b,m) is
    // alone in b → 500; then (a,m) = 700 − 500 = 200 and (a,f) = 300.
    expect(w.weights.get("b|m|x")! * 4).toBeCloseTo(500, 6);
    expect(w.weights.get("a|m|x")! * 3).toBeCloseTo(200, 6);
    expect(w.weights.get("a|f|x")! * 2).toBeCloseTo(300, 6);
  });

  it("rakes a 2×2 table to the closed form that keeps the sample's odds ratio", () => {
    // IPF keeps the cross-product ratio of its start (Deming & Stephan 1940; Bishop, Fienberg &
    // Holland 1975, ch. 3): a second implementation solves that quadratic directly.
    const sample = [
      [40, 10],
      [20, 30],
    ];
    const rows = [600, 400];
    const cols = [550, 450];
    const cells: Cell[] = sample.flatMap((r, i) =>
      r.map((x, j) => ({
        ageBand: `r${i}`,
        sex: `c${j}`,
        area: "x",
        // The population table's margins; the cells' split is what raking estimates.
        population: (rows[i]! * cols[j]!) / 1000,
        respondents: x,
      })),
    );
    const w = rake(cells, { start: (c) => c.respondents });
    const theta = (40 * 30) / (10 * 20);
    const [R1, R2] = rows as [number, number];
    const [C1] = cols as [number];
    const a = 1 - theta;
    const b = R2 - C1 + theta * (R1 + C1);
    const c = -theta * R1 * C1;
    const x11 = (-b + Math.sqrt(b * b - 4 * a * c)) / (2 * a);
    const fitted = (k: string) =>
      w.weights.get(k)! * cells.find((x) => cellKey(x) === k)!.respondents;
    expect(fitted("r0|c0|x")).toBeCloseTo(x11, 6);
    expect(fitted("r0|c1|x")).toBeCloseTo(R1 - x11, 6);
    expect(fitted("r1|c0|x")).toBeCloseTo(C1 - x11, 6);
    expect(fitted("r1|c1|x")).toBeCloseTo(R2 - C1 + x11, 6);
  });

  it("gives a margin with no respondent at all to the other levels, and says so", () => {
    const cells: Cell[] = [
      { ageBand: "a", sex: "m", area: "x", population: 100, respondents: 5 },
      { ageBand: "b", sex: "m", area: "x", population: 100, respondents: 0 },
      { ageBand: "a", sex: "m", area: "y", population: 100, respondents: 5 },
    ];
    const w = weigh(cells);
    expect(w.converged).toBe(true);
    expect(w.notes.join()).toContain("年齢層「b」に回答がない");
    expect((w.weights.get("a|m|x")! + w.weights.get("a|m|y")!) * 5).toBeCloseTo(300, 6);
  });

  it("gives the response rate of each stratum and overall", () => {
    const r = responseRates([
      { key: "a", sampled: 100, respondents: 40 },
      { key: "b", sampled: 50, respondents: 35 },
      { key: "c", sampled: 0, respondents: 0 },
    ]);
    expect(r.overall).toBeCloseTo(75 / 150, 12);
    expect(r.strata.map((s) => s.rate)).toEqual([0.4, 0.7, 0]);
  });
});

describe("stratified sampling", () => {
  it("allocates in proportion by largest remainder", () => {
    const strata = [
      { key: "a", population: 500 },
      { key: "b", population: 300 },
      { key: "c", population: 200 },
    ];
    expect(allocate(strata, 10)).toEqual([5, 3, 2]);
    // 3.5, 2.1, 1.4 → 3, 2, 1 and the one left to the largest remainder (a).
    expect(allocate(strata, 7)).toEqual([4, 2, 1]);
    expect(allocate(strata, 5000)).toEqual([500, 300, 200]);
    expect(allocate([{ key: "a", population: 0 }], 3)).toEqual([0]);
  });

  it("draws the same positions from the same seed, other ones from another", () => {
    const strata = [
      { key: "18-29|女|石岡", population: 1200 },
      { key: "30-49|男|八郷", population: 800 },
    ];
    const one = drawSample("2026-seed", strata, 100);
    expect(drawSample("2026-seed", strata, 100)).toEqual(one);
    expect(drawSample("other", strata, 100)).not.toEqual(one);
    for (const s of one) {
      expect(s.positions).toHaveLength(s.sampled);
      expect(new Set(s.positions).size).toBe(s.sampled);
      expect(Math.min(...s.positions)).toBeGreaterThanOrEqual(1);
      expect(Math.max(...s.positions)).toBeLessThanOrEqual(s.population);
    }
    expect(drawPositions("s", "k", 4, 9)).toEqual([1, 2, 3, 4]);
  });

  it("gives every position the same chance (3 of 10 over 3,000 seeds)", () => {
    const hits = new Array(10).fill(0);
    for (let s = 0; s < 3000; s++)
      for (const p of drawPositions(`seed-${s}`, "k", 10, 3)) hits[p - 1]++;
    // Expected 900 each; the binomial's standard deviation is about 25.
    for (const h of hits) expect(Math.abs(h - 900)).toBeLessThan(125);
  });
});
