import { describe, expect, it } from "vitest";
import {
  type Body,
  binIndex,
  bins,
  isPeer,
  median,
  peerGroupLabel,
  peersOf,
  quantile,
  rank,
  summarize,
} from "./rules.ts";

const body = (code: string, over: Partial<Body> = {}): Body => ({
  code,
  name: `団体${code}`,
  prefecture: "茨城県",
  population: 70_000,
  similarGroup: "Ⅱ-1",
  ...over,
});

describe("median and quantiles", () => {
  it("takes the middle value, or the mean of the two middle ones", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });
  it("interpolates quartiles like QUARTILE.INC", () => {
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(quantile([1, 2, 3, 4], 0.75)).toBe(3.25);
  });
  it("summarizes only the members that have a value", () => {
    expect(summarize([5, null, 1, 3])).toEqual({
      count: 3,
      median: 3,
      q1: 2,
      q3: 4,
      min: 1,
      max: 5,
    });
  });
});

describe("rank", () => {
  const rows = [
    { code: "b", value: 10 },
    { code: "a", value: null },
    { code: "c", value: 5 },
    { code: "d", value: 10 },
    { code: "e", value: 12 },
  ];
  it("ranks the smallest first for a ratio where lower is sounder, ties shared and skipped", () => {
    expect(rank(rows, "asc").map((r) => [r.code, r.rank])).toEqual([
      ["c", 1],
      ["b", 2],
      ["d", 2],
      ["e", 4],
      ["a", null],
    ]);
  });
  it("ranks the largest first for an index where higher is stronger; no value is last", () => {
    expect(rank(rows, "desc").map((r) => [r.code, r.rank])).toEqual([
      ["e", 1],
      ["b", 2],
      ["d", 2],
      ["c", 4],
      ["a", null],
    ]);
  });
});

describe("peer groups", () => {
  const me = body("082058", { population: 70_000, similarGroup: "Ⅱ-1" });
  it("類似団体: the same 区分, none when the municipality has no 区分", () => {
    expect(isPeer(me, body("1", { similarGroup: "Ⅱ-1", prefecture: "北海道" }), "similar")).toBe(
      true,
    );
    expect(isPeer(me, body("2", { similarGroup: "Ⅱ-2" }), "similar")).toBe(false);
    const none = { ...me, similarGroup: null };
    expect(isPeer(none, body("3", { similarGroup: null }), "similar")).toBe(false);
  });
  it("same prefecture", () => {
    expect(isPeer(me, body("1", { prefecture: "茨城県" }), "prefecture")).toBe(true);
    expect(isPeer(me, body("2", { prefecture: "栃木県" }), "prefecture")).toBe(false);
  });
  it("similar population: from 2/3 to 3/2 of the municipality's, bounds included", () => {
    const at = (population: number | null) => isPeer(me, body("x", { population }), "population");
    expect(at(46_667)).toBe(true);
    expect(at(46_666)).toBe(false);
    expect(at(105_000)).toBe(true);
    expect(at(105_001)).toBe(false);
    expect(at(null)).toBe(false);
    expect(isPeer({ ...me, population: null }, body("y"), "population")).toBe(false);
  });
  it("a municipality is its own peer, and all are peers of all", () => {
    for (const g of ["all", "similar", "prefecture", "population"] as const)
      expect(peersOf(me, [me], g)).toEqual([me]);
  });
  it("labels say which group", () => {
    expect(peerGroupLabel(me, "similar")).toBe("類似団体（Ⅱ-1）");
    expect(peerGroupLabel(me, "prefecture")).toBe("茨城県の市区町村");
    expect(peerGroupLabel(me, "population")).toBe("人口 46,667〜105,000 人の団体");
  });
});

describe("bins", () => {
  it("splits the range into equal bins whose counts add up, the maximum in the last", () => {
    const b = bins([0, 1, 2, 3, 4, 5, 6, 7, 8, 10], 5);
    expect(b).toHaveLength(5);
    expect(b.map((x) => x.count)).toEqual([2, 2, 2, 2, 2]);
    expect(b.reduce((s, x) => s + x.count, 0)).toBe(10);
    expect(binIndex(b, 10)).toBe(4);
    expect(binIndex(b, 0)).toBe(0);
  });
  it("one bin when every value is the same; none without values", () => {
    expect(bins([3, 3, 3])).toEqual([{ from: 3, to: 3, count: 3 }]);
    expect(bins([])).toEqual([]);
  });
});
