import { describe, expect, it } from "vitest";
import { QUESTIONNAIRE } from "../../test/support/surveys.ts";
import {
  compareKeyings,
  DOUBLE_ENTRY_PERCENT,
  disagreementRate,
  doubleEntrySample,
  doubleEntrySeed,
  readSettlement,
  settleKeyings,
} from "./double-entry.ts";
import { readQuestionnaire } from "./questionnaire.ts";

const qn = (() => {
  const read = readQuestionnaire(QUESTIONNAIRE);
  if (!read.ok) throw new Error("the test questionnaire does not read");
  return read.value;
})();

describe("double entry of paper questionnaires", () => {
  it("agrees when both keyings are the same, multiple choice in any order and texts trimmed", () => {
    const c = compareKeyings(
      qn,
      { q1: "2", q2: ["a", "b"], q3: "遠い", q4: 3 },
      { q1: "2", q2: ["b", "a"], q3: " 遠い ", q4: 3 },
    );
    expect(c).toEqual({ fields: 4, disagreements: [] });
  });

  it("names each field keyed differently, a blank against an answer included", () => {
    const c = compareKeyings(qn, { q1: "4", q4: 12 }, { q1: "4", q2: ["a"], q4: 21 });
    expect(c.fields).toBe(3);
    expect(c.disagreements).toEqual([
      { question: "q2", first: null, second: ["a"] },
      { question: "q4", first: 12, second: 21 },
    ]);
  });

  it("compares a conditional question only when a keying asks it", () => {
    // q3 is asked only after 「そう思わない」(1) or 「あまりそう思わない」(2) in q1.
    const c = compareKeyings(qn, { q1: "1", q3: "説明がない" }, { q1: "5", q3: "説明がない" });
    expect(c.disagreements.map((d) => d.question)).toEqual(["q1", "q3"]);
    expect(compareKeyings(qn, { q1: "5" }, { q1: "5" }).fields).toBe(1);
  });

  it("gives the disagreement rate over the forms compared", () => {
    const forms = [
      compareKeyings(qn, { q1: "4", q4: 12 }, { q1: "4", q4: 21 }),
      compareKeyings(qn, { q1: "5", q2: ["a"] }, { q1: "5", q2: ["a"] }),
    ];
    expect(disagreementRate(forms)).toEqual({ forms: 2, fields: 4, disagreements: 1, rate: 0.25 });
    expect(disagreementRate([]).rate).toBeNull();
  });

  it("draws the same share of forms from the same seed, at least one", () => {
    const codes = Array.from({ length: 200 }, (_, i) => `C${i}`);
    const a = doubleEntrySample(codes, 10, "seed-1");
    expect(a.size).toBe(20);
    expect(doubleEntrySample(codes, 10, "seed-1")).toEqual(a);
    expect(doubleEntrySample(codes, 10, "seed-2")).not.toEqual(a);
    expect(doubleEntrySample(["A"], 5, "s").size).toBe(1);
    expect(doubleEntrySample(codes, 0, "s").size).toBe(0);
  });

  it("settles every disagreement by a third look before the answers are kept", () => {
    const first = { q1: "4", q4: 12 };
    const second = { q1: "4", q2: ["a"], q4: 21 };
    const c = compareKeyings(qn, first, second);
    expect(settleKeyings(c, first, second, { q4: "second" })).toEqual({
      ok: false,
      unsettled: ["q2"],
    });
    expect(settleKeyings(c, first, second, { q2: "first", q4: { value: 2 } })).toEqual({
      ok: true,
      answers: { q1: "4", q4: 2 },
    });
  });
});

describe("the double-entry draw and the third look's choices", () => {
  it("draws from a seed of its own, repeatable, and the sample's seed changes it", () => {
    const codes = Array.from({ length: 200 }, (_, i) => `CODE-${i}`);
    const a = doubleEntrySample(codes, DOUBLE_ENTRY_PERCENT, doubleEntrySeed({ id: 1, seed: "s" }));
    expect(a.size).toBe(20);
    expect(doubleEntrySample(codes, 10, doubleEntrySeed({ id: 9, seed: "s" }))).toEqual(a);
    expect(doubleEntrySample(codes, 10, doubleEntrySeed({ id: 1, seed: "t" }))).not.toEqual(a);
    expect(doubleEntrySeed({ id: 7, seed: null })).toBe("survey-7:二重入力");
  });

  it("needs a choice of one keying for every disagreement, and nothing else", () => {
    const c = compareKeyings(qn, { q1: "4", q4: 12 }, { q1: "5", q4: 21 });
    expect(readSettlement(c, { q1: "second" })).toEqual({ ok: false, missing: ["q4"] });
    expect(readSettlement(c, { q1: "second", q4: "third" })).toEqual({
      ok: false,
      missing: ["q4"],
    });
    const read = readSettlement(c, { q1: "second", q4: "first", q2: "second" });
    expect(read).toEqual({ ok: true, value: { q1: "second", q4: "first" } });
    const settled = settleKeyings(
      c,
      { q1: "4", q4: 12 },
      { q1: "5", q4: 21 },
      read.ok ? read.value : {},
    );
    expect(settled).toEqual({ ok: true, answers: { q1: "5", q4: 12 } });
  });
});
