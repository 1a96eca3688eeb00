import { describe, expect, it } from "vitest";
import { canonicalJson, compareFields, linesOf, sameFields } from "./field-changes.ts";
import { optionalText } from "./forms.ts";

interface Node {
  title: string;
  priority: boolean;
  issues: string[];
}

const SPECS = [
  ["名称", (n: Node) => n.title],
  ["重点", (n: Node) => (n.priority ? "該当" : "—")],
  ["課題", (n: Node) => n.issues.join("\n")],
] as const;

describe("what an edit changes", () => {
  const before: Node = { title: "行政経営の推進", priority: false, issues: ["人口減少"] };

  it("lists only the fields that differ, in the order they are described", () => {
    const after = { ...before, issues: ["人口減少", "財源不足"], title: "行政経営の推進と改革" };
    expect(compareFields(SPECS, before, after)).toEqual([
      { label: "名称", before: "行政経営の推進", after: "行政経営の推進と改革" },
      { label: "課題", before: "人口減少", after: "人口減少\n財源不足" },
    ]);
  });

  it("finds nothing to show when nothing changed", () => {
    expect(compareFields(SPECS, before, { ...before })).toEqual([]);
  });

  it("compares records whatever the order of their keys", () => {
    expect(sameFields({ a: 1, b: { c: 2, d: [1, 2] } }, { b: { d: [1, 2], c: 2 }, a: 1 })).toBe(
      true,
    );
    expect(sameFields({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(canonicalJson({ b: 1, a: null })).toBe('{"a":null,"b":1}');
  });

  it("reads a textarea as its non-blank lines and an empty field as nothing", () => {
    expect(linesOf("  財源不足 \r\n\r\n人口減少\n")).toEqual(["財源不足", "人口減少"]);
    expect(optionalText("  ")).toBeNull();
    expect(optionalText(" 注記 ")).toBe("注記");
    expect(optionalText(undefined)).toBeNull();
  });
});
