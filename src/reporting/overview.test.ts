import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Role } from "../accounts/schema.ts";
import { myUpdateRows, roundOverview } from "./overview.ts";
import { codes, entered, indicator, jst, nodes, registry, round2024 } from "./rounds.fixture.ts";
import { missingIndicators, type NodeRef, type Round } from "./rules.ts";

type Actual = { fiscalYear: number; value: number | null; note: string | null };

describe("my updates: what a person reports for a fiscal year, missing first", () => {
  const editor = (...sectionCodes: string[]) => ({ role: "editor" as const, sectionCodes });
  /** The registry as "my updates" reads it: no values published yet unless given. */
  const records = registry.map((i) => ({ id: i.id, code: i.code, actuals: [] as Actual[] }));
  const owners = new Map(registry.map((i) => [i.id, i.sectionCodes.map((code) => ({ code }))]));
  const rowsFor = (
    who: { role: Role; sectionCodes: string[] },
    more: { drafts?: string[]; published?: number[]; round?: Round | null; feeds?: number[] } = {},
  ) =>
    myUpdateRows(
      who,
      2024,
      records.map((r) =>
        more.published?.includes(r.id)
          ? { ...r, actuals: [{ fiscalYear: 2024, value: 1, note: null }] }
          : r,
      ),
      {
        round: more.round === null ? undefined : (more.round ?? round2024),
        owners,
        drafts: new Set(more.drafts ?? []),
        feeds: new Set(more.feeds ?? []),
      },
    );
  const listed = (rows: { record: { code: string }; state: string }[]) =>
    rows.map((r) => `${r.record.code} ${r.state}`);

  it("an editor sees the round's indicators of their section only", () => {
    expect(listed(rowsFor(editor("joho-seisaku")))).toEqual(["GZ-2-R1 missing", "KB-1 missing"]);
  });

  it("an indicator of two sections is listed for an editor of either", () => {
    expect(listed(rowsFor(editor("zaisei")))).toEqual(["GZ-3-R1 missing"]);
    expect(listed(rowsFor(editor("gyokaku-suishin")))).toEqual([
      "GZ-1-R1 missing",
      "GZ-3-R1 missing",
    ]);
  });

  it("a person of two sections sees both sections' indicators, each once", () => {
    expect(listed(rowsFor(editor("gyokaku-suishin", "zaisei")))).toEqual([
      "GZ-1-R1 missing",
      "GZ-3-R1 missing",
    ]);
  });

  it("a draft or a published value of the year comes after what is missing, saying which", () => {
    const rows = rowsFor(editor("gyokaku-suishin", "zaisei", "somu"), {
      drafts: ["2/2024", "5/2023"],
      published: [1],
    });
    expect(listed(rows)).toEqual(["GZ-3-R1 missing", "GZ-1-R1 draft", "GZ-1-O1 published"]);
  });

  it("a planner and an admin see every indicator of the round, a viewer none", () => {
    for (const role of ["planner", "admin"] as const)
      expect(listed(rowsFor({ role, sectionCodes: [] }))).toEqual([
        "GZ-1-O1 missing",
        "GZ-1-R1 missing",
        "GZ-2-R1 missing",
        "GZ-3-R1 missing",
        "GZ-P1 missing",
        "KB-1 missing",
      ]);
    expect(rowsFor({ role: "viewer", sectionCodes: ["somu"] })).toEqual([]);
  });

  it("the round's missing indicators are listed by code", () => {
    expect(codes(missingIndicators(round2024, registry, entered(2024, 1, 6)))).toEqual([
      "GZ-1-R1",
      "GZ-2-R1",
      "GZ-3-R1",
      "GZ-P1",
    ]);
  });

  it("only the round's indicators are asked for", () => {
    expect(rowsFor(editor("kanzai"))).toEqual([]);
  });

  it("is sorted by indicator code in reading order (GZ-2 before GZ-10)", () => {
    const round: Round = { ...round2024, indicatorIds: [3, 4, 5] };
    expect(listed(rowsFor({ role: "planner", sectionCodes: [] }, { round }))).toEqual([
      "GZ-2-R1 missing",
      "GZ-3-R1 missing",
      "GZ-10-R1 missing",
    ]);
  });

  it("without a round, every indicator but those fed from elsewhere", () => {
    expect(
      listed(rowsFor({ role: "planner", sectionCodes: [] }, { round: null, feeds: [6, 7] })),
    ).toEqual([
      "GZ-1-O1 missing",
      "GZ-1-R1 missing",
      "GZ-2-R1 missing",
      "GZ-3-R1 missing",
      "GZ-10-R1 missing",
    ]);
  });
});

describe("round overview", () => {
  const values = entered(2024, 2, 3, 7);

  it("counts completion per section, an indicator under each of its sections", () => {
    const o = roundOverview(round2024, registry, nodes, values, jst("2025-06-01T09:00:00"));
    expect(o.bySection).toEqual([
      { sectionCode: "gyokaku-suishin", done: 1, total: 2, ratio: 0.5 },
      { sectionCode: "joho-seisaku", done: 1, total: 2, ratio: 0.5 },
      { sectionCode: "somu", done: 0, total: 1, ratio: 0 },
      { sectionCode: "zaisei", done: 0, total: 1, ratio: 0 },
      { sectionCode: null, done: 1, total: 1, ratio: 1 },
    ]);
  });

  it("counts each indicator once overall", () => {
    const o = roundOverview(round2024, registry, nodes, values, jst("2025-06-01T09:00:00"));
    expect(o.total).toEqual({ done: 3, total: 6, ratio: 0.5 });
    expect(o).toMatchObject({ fiscalYear: 2024, deadline: "2025-06-30", closed: false });
  });

  it("counts per measure by the measure the indicator's node lies under, in plan order", () => {
    const o = roundOverview(round2024, registry, nodes, values, jst("2025-06-01T09:00:00"));
    expect(o.byMeasure).toEqual([
      // measure 11: GZ-1-O1 on the measure itself, GZ-1-R1 on its initiative 12
      { measureId: 11, done: 1, total: 2, ratio: 0.5 },
      { measureId: 13, done: 1, total: 1, ratio: 1 },
      // GZ-3-R1 measures node 21 of the ended 大綱, though it is reposted in this round's plan
      { measureId: 21, done: 0, total: 1, ratio: 0 },
      { measureId: 30, done: 0, total: 1, ratio: 0 },
      // the policy indicator is under no measure
      { measureId: null, done: 1, total: 1, ratio: 1 },
    ]);
  });

  it("lists nothing overdue until the deadline day is over in Japan", () => {
    const at = (t: string) => roundOverview(round2024, registry, nodes, values, jst(t)).overdue;
    expect(at("2025-06-30T23:59:59")).toEqual([]);
    expect(codes(at("2025-07-01T00:00:00"))).toEqual(["GZ-1-O1", "GZ-3-R1", "KB-1"]);
    // 2025-06-30T15:00Z is already July 1 in Japan
    const utc = roundOverview(round2024, registry, nodes, values, new Date("2025-06-30T15:00:00Z"));
    expect(utc.overdue).toHaveLength(3);
  });

  it("a round with nothing to report has no ratio rather than 0%", () => {
    const empty = { ...round2024, indicatorIds: [] };
    const o = roundOverview(empty, registry, nodes, [], jst("2025-06-01T09:00:00"));
    expect(o.total).toEqual({ done: 0, total: 0, ratio: null });
    expect(o.bySection).toEqual([]);
    expect(o.byMeasure).toEqual([]);
  });

  it("an indicator deleted from the registry drops out; a node loop does not hang", () => {
    const looped: NodeRef[] = [
      { id: 1, planId: 1, parentId: 2, kind: "initiative" },
      { id: 2, planId: 1, parentId: 1, kind: "initiative" },
    ];
    const round = { ...round2024, indicatorIds: [1, 99] };
    const o = roundOverview(round, [indicator(1, "X", "x", ["somu"], 1)], looped, [], new Date());
    expect(o.total.total).toBe(1);
    expect(o.byMeasure).toEqual([{ measureId: null, done: 0, total: 1, ratio: 0 }]);
  });

  it("measures add up to the total; sections cover at least it; done never exceeds total", () => {
    fc.assert(
      fc.property(
        fc.subarray([1, 2, 3, 4, 5, 6, 7]),
        fc.subarray([1, 2, 3, 4, 5, 6, 7]),
        (ids, done) => {
          const round = { ...round2024, indicatorIds: ids };
          const o = roundOverview(round, registry, nodes, entered(2024, ...done), new Date(0));
          const sum = (xs: { done: number; total: number }[]) =>
            xs.reduce((a, x) => ({ done: a.done + x.done, total: a.total + x.total }), {
              done: 0,
              total: 0,
            });
          expect(sum(o.byMeasure)).toEqual({ done: o.total.done, total: o.total.total });
          expect(sum(o.bySection).total).toBeGreaterThanOrEqual(o.total.total);
          for (const g of [o.total, ...o.bySection, ...o.byMeasure]) {
            expect(g.done).toBeLessThanOrEqual(g.total);
            if (g.ratio !== null) expect(g.ratio).toBe(g.done / g.total);
          }
        },
      ),
    );
  });
});
