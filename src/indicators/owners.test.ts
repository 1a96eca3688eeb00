import { describe, expect, it } from "vitest";
import { ownersOf } from "./owners.ts";

// 基本施策 1 (node 10) has two initiatives: 11 (行革推進課, 政策企画課) and 12 (総務課, 行革推進課).
const nodes = [
  { id: 10, parentId: null, position: 1 },
  { id: 11, parentId: 10, position: 1 },
  { id: 12, parentId: 10, position: 2 },
];
const nodeSections = new Map([
  [
    11,
    [
      { sectionId: 1, pos: 1 },
      { sectionId: 2, pos: 2 },
    ],
  ],
  [
    12,
    [
      { sectionId: 3, pos: 1 },
      { sectionId: 1, pos: 2 },
    ],
  ],
]);
const sections = new Map([
  [1, { code: "gyokaku-suishin", name: "行革推進課" }],
  [2, { code: "seisaku-kikaku", name: "政策企画課" }],
  [3, { code: "somu", name: "総務課" }],
]);
const names = (owners: { name: string }[] | undefined) => owners?.map((o) => o.name);

describe("who reports an indicator", () => {
  it("is the sections of the measure's initiatives, each once, in printed order, when the indicator names none", () => {
    const owners = ownersOf([{ id: 100, nodeId: 10 }], new Map(), nodes, nodeSections, sections);
    expect(names(owners.get(100))).toEqual(["行革推進課", "政策企画課", "総務課"]);
    expect(owners.get(100)!.every((o) => o.inferred)).toBe(true);
  });

  it("is the sections named for the indicator, in their order, when it names any", () => {
    const named = new Map([
      [
        100,
        [
          { sectionId: 3, pos: 2 },
          { sectionId: 2, pos: 1 },
        ],
      ],
    ]);
    const owners = ownersOf([{ id: 100, nodeId: 10 }], named, nodes, nodeSections, sections);
    expect(names(owners.get(100))).toEqual(["政策企画課", "総務課"]);
    expect(owners.get(100)!.some((o) => o.inferred)).toBe(false);
  });

  it("is left to planners when neither the indicator nor its node names a section", () => {
    const owners = ownersOf(
      [
        { id: 100, nodeId: 99 },
        { id: 101, nodeId: null },
      ],
      new Map(),
      nodes,
      nodeSections,
      sections,
    );
    expect(owners.size).toBe(0);
  });
});
