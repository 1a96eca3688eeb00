import { describe, expect, it } from "vitest";
import { CHALLENGE_LABEL, type DefinitionFields, definitionChanges } from "./definition.ts";

const fields: DefinitionFields = {
  name: "公共施設の延床面積",
  definition: null,
  unit: "㎡",
  decimals: 0,
  challenge: false,
  valueKind: "annual",
  yearKind: "fiscal",
  baseline: { value: 100, fiscalYear: 2020, text: "100㎡" },
  target: { value: 80, fiscalYear: 2025, text: "80㎡", form: "at_most", interim: [] },
  source: null,
  note: null,
  sections: [],
} as unknown as DefinitionFields;

describe("a definition's changes, as the publish review shows them", () => {
  it("name the チャレンジ flag in the plan's words: Ishioka's by default, another city's when given", () => {
    const after = { ...fields, challenge: true };
    expect(definitionChanges(fields, after, new Map()).map((c) => c.label)).toEqual([
      CHALLENGE_LABEL,
    ]);
    expect(
      definitionChanges(fields, after, new Map(), "チャレンジ指標").map((c) => c.label),
    ).toEqual(["チャレンジ指標"]);
  });
});
