import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { may } from "../accounts/index.ts";
import type { Role } from "../accounts/schema.ts";
import { permissions } from "./permissions.ts";
import { appearances, jst, nodes, plans } from "./rounds.fixture.ts";
import {
  actualLocked,
  closeSummary,
  daysUntilDeadline,
  defaultRoundIndicators,
  formatJapaneseDate,
  isPastDeadline,
  type NodeRef,
  type PlanPeriod,
  type Reopening,
  tokyoDate,
  validateDeadline,
  validateReopening,
  validateRound,
} from "./rules.ts";

describe("a new round proposes the indicators of every plan covering its fiscal year", () => {
  it("令和6年度: the comprehensive plan and the plan without a period, not the ended 大綱", () => {
    expect(defaultRoundIndicators(2024, { plans, nodes, appearances })).toEqual([1, 2, 3, 5, 6, 7]);
  });

  it("令和4年度: every plan, and an indicator printed twice (再掲) once", () => {
    expect(defaultRoundIndicators(2022, { plans, nodes, appearances })).toEqual([
      1, 2, 3, 4, 5, 6, 7,
    ]);
  });

  it("a plan's first and last fiscal years are covered, the years outside are not", () => {
    const only2 = { plans: [plans[1]!], nodes, appearances };
    expect(defaultRoundIndicators(2020, only2)).toEqual([]);
    expect(defaultRoundIndicators(2021, only2)).toEqual([4, 5]);
    expect(defaultRoundIndicators(2023, only2)).toEqual([4, 5]);
    expect(defaultRoundIndicators(2024, only2)).toEqual([]);
  });

  it("a plan with only a start or only an end is open on the other side", () => {
    const open = (p: Partial<PlanPeriod>) => ({
      plans: [{ id: 1, startFiscalYear: null, endFiscalYear: null, ...p }],
      nodes,
      appearances,
    });
    expect(defaultRoundIndicators(2099, open({ startFiscalYear: 2020 }))).toEqual([1, 2, 3, 5, 7]);
    expect(defaultRoundIndicators(2019, open({ startFiscalYear: 2020 }))).toEqual([]);
    expect(defaultRoundIndicators(1990, open({ endFiscalYear: 2027 }))).toEqual([1, 2, 3, 5, 7]);
  });

  it("is exactly the indicators appearing on a node of a covering plan, sorted, each once", () => {
    const period = fc.option(fc.integer({ min: 2015, max: 2030 }), { nil: null });
    fc.assert(
      fc.property(
        fc.array(fc.record({ start: period, end: period }), { minLength: 1, maxLength: 4 }),
        fc.array(fc.record({ indicatorId: fc.integer({ min: 1, max: 20 }), node: fc.nat(15) }), {
          maxLength: 30,
        }),
        fc.integer({ min: 2015, max: 2030 }),
        (periods, links, fy) => {
          const ps = periods.map((p, i) => ({
            id: i + 1,
            startFiscalYear: p.start,
            endFiscalYear: p.end,
          }));
          const ns: NodeRef[] = Array.from({ length: 16 }, (_, i) => ({
            id: 100 + i,
            planId: (i % ps.length) + 1,
            parentId: null,
            kind: "measure",
          }));
          const as = links.map((l) => ({ indicatorId: l.indicatorId, nodeId: 100 + l.node }));
          const result = defaultRoundIndicators(fy, { plans: ps, nodes: ns, appearances: as });
          const covered = (nodeId: number) => {
            const p = ps[ns.find((n) => n.id === nodeId)!.planId - 1]!;
            return (p.startFiscalYear ?? fy) <= fy && fy <= (p.endFiscalYear ?? fy);
          };
          const expected = [
            ...new Set(as.filter((a) => covered(a.nodeId)).map((a) => a.indicatorId)),
          ].sort((a, b) => a - b);
          expect(result).toEqual(expected);
        },
      ),
    );
  });
});

describe("deadlines are Japanese calendar dates", () => {
  it("the date in Japan is nine hours ahead of UTC", () => {
    expect(tokyoDate(new Date("2025-06-29T14:59:59Z"))).toBe("2025-06-29");
    expect(tokyoDate(new Date("2025-06-29T15:00:00Z"))).toBe("2025-06-30");
    expect(tokyoDate(jst("2026-01-01T00:00:00"))).toBe("2026-01-01");
  });

  it("days until the deadline count calendar days in Japan", () => {
    expect(daysUntilDeadline("2025-06-30", jst("2025-06-23T00:00:00"))).toBe(7);
    expect(daysUntilDeadline("2025-06-30", jst("2025-06-30T23:59:59"))).toBe(0);
    expect(daysUntilDeadline("2025-03-01", jst("2024-02-28T12:00:00"))).toBe(367);
    expect(isPastDeadline("2025-06-30", jst("2025-07-01T00:00:00"))).toBe(true);
    expect(isPastDeadline("2025-06-30", jst("2025-06-30T23:59:59"))).toBe(false);
  });

  it("dates are written the Japanese way with the day of the week", () => {
    expect(formatJapaneseDate("2025-06-30")).toBe("令和7年6月30日（月）");
    expect(formatJapaneseDate("2024-02-29")).toBe("令和6年2月29日（木）");
  });

  it("an invalid instant or date is refused, not silently used", () => {
    expect(() => tokyoDate(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => daysUntilDeadline("2025-02-30", new Date())).toThrow(RangeError);
  });
});

describe("closing a round locks that fiscal year's actuals", () => {
  const closedAt = jst("2025-07-15T17:00:00");
  const rounds = [
    { fiscalYear: 2023, closedAt: jst("2024-07-10T17:00:00") },
    { fiscalYear: 2024, closedAt },
    { fiscalYear: 2025, closedAt: null },
  ];
  const reopening = (more: Partial<Reopening> = {}): Reopening => ({
    fiscalYear: 2024,
    indicatorId: 2,
    reason: "決算額の確定に伴い訂正するため",
    reopenedAt: jst("2025-08-01T10:00:00"),
    relockedAt: null,
    ...more,
  });

  it("an open round or a year without a round locks nothing", () => {
    expect(actualLocked(2025, 2, rounds, [])).toBe(false);
    expect(actualLocked(2026, 2, rounds, [])).toBe(false);
  });

  it("a closed round locks every actual of its year, in the round or not", () => {
    expect(actualLocked(2024, 2, rounds, [])).toBe(true);
    expect(actualLocked(2024, 4, rounds, [])).toBe(true);
    expect(actualLocked(2023, 2, rounds, [])).toBe(true);
  });

  it("a planner's reopening unlocks that indicator of that year only", () => {
    const reopenings = [reopening()];
    expect(actualLocked(2024, 2, rounds, reopenings)).toBe(false);
    expect(actualLocked(2024, 3, rounds, reopenings)).toBe(true);
    expect(actualLocked(2023, 2, rounds, reopenings)).toBe(true);
  });

  it("locking it again, or closing the round after the reopening, locks it again", () => {
    expect(
      actualLocked(2024, 2, rounds, [reopening({ relockedAt: jst("2025-08-02T10:00:00") })]),
    ).toBe(true);
    expect(
      actualLocked(2024, 2, rounds, [reopening({ reopenedAt: jst("2025-07-01T10:00:00") })]),
    ).toBe(true);
  });

  it("opening and reopening rounds is a planner's work", () => {
    const mayManage = (role: Role) => may({ role }, permissions.manageRounds);
    expect([mayManage("admin"), mayManage("planner")]).toEqual([true, true]);
    expect([mayManage("editor"), mayManage("viewer")]).toEqual([false, false]);
  });

  describe("a reopening", () => {
    const base = { fiscalYear: 2024, indicatorId: 2, reason: "  決算額の確定に伴い訂正するため " };

    it("is accepted with a reason, trimmed", () => {
      expect(validateReopening(base, rounds, [])).toEqual({
        ok: true,
        value: { fiscalYear: 2024, indicatorId: 2, reason: "決算額の確定に伴い訂正するため" },
      });
    });

    it.each(["", "   ", "\n\t"])("needs a reason: %j is refused", (reason) => {
      expect(validateReopening({ ...base, reason }, rounds, [])).toEqual({
        ok: false,
        details: [{ location: "reason", message: "再開する理由を入力してください" }],
      });
    });

    it("needs a reason of at most 500 characters", () => {
      const result = validateReopening({ ...base, reason: "あ".repeat(501) }, rounds, []);
      expect(result).toMatchObject({
        ok: false,
        details: [{ location: "reason", message: "再開する理由は500文字以内で入力してください" }],
      });
      expect(validateReopening({ ...base, reason: "あ".repeat(500) }, rounds, []).ok).toBe(true);
    });

    it("is needless while the round is open or for a year without a round", () => {
      for (const fiscalYear of [2025, 2026]) {
        const result = validateReopening({ ...base, fiscalYear }, rounds, []);
        expect(result.ok).toBe(false);
        if (!result.ok)
          expect(result.details[0]!.message).toMatch(/の報告は締め切られていないため/);
      }
    });

    it("is refused for an indicator already reopened", () => {
      expect(validateReopening(base, rounds, [reopening()])).toEqual({
        ok: false,
        details: [{ location: "indicatorId", message: "この指標はすでに再開されています" }],
      });
    });
  });
});

describe("opening a round", () => {
  const input = { fiscalYear: 2024, deadline: "2025-06-30", indicatorIds: [5, 1, 5, 2] };

  it("is accepted with a valid date and indicators (each once)", () => {
    expect(validateRound(input, [{ fiscalYear: 2023 }])).toEqual({
      ok: true,
      value: { fiscalYear: 2024, deadline: "2025-06-30", indicatorIds: [1, 2, 5] },
    });
  });

  it("one round per fiscal year", () => {
    expect(validateRound(input, [{ fiscalYear: 2024 }])).toEqual({
      ok: false,
      details: [
        {
          location: "fiscalYear",
          message: "令和6年度（2024）の報告はすでに開始されています（報告は年度ごとに1つです）",
        },
      ],
    });
  });

  it.each([
    ["2025/6/30", "2025-06-30"],
    ["２０２５年６月３０日", "2025-06-30"],
    [" 2024-02-29 ", "2024-02-29"],
  ])("a deadline written %j reads as %s", (text, deadline) => {
    expect(validateDeadline(text)).toEqual({ ok: true, deadline });
  });

  it.each(["2025-02-29", "2025-13-01", "2025-06-31", "6/30", "来月末", "2025-06-30T00:00"])(
    "a deadline %j that is no date is refused",
    (text) => {
      expect(validateDeadline(text)).toEqual({
        ok: false,
        message: `入力期限「${text}」は日付として読み取れません（例: 令和7年6月30日、2025-06-30）`,
      });
    },
  );

  it("an empty deadline is refused", () => {
    expect(validateDeadline("")).toEqual({ ok: false, message: "入力期限が入力されていません" });
  });

  it("a deadline before the fiscal year begins is refused", () => {
    const result = validateRound({ ...input, deadline: "2024-03-31" }, []);
    expect(result).toEqual({
      ok: false,
      details: [
        {
          location: "deadline",
          message:
            "入力期限 令和6年3月31日（日） が令和6年度（2024）の始まり（令和6年4月1日（月））より前です",
        },
      ],
    });
  });

  it("reports every problem at once", () => {
    const result = validateRound({ fiscalYear: 2024, deadline: "", indicatorIds: [] }, [
      { fiscalYear: 2024 },
    ]);
    expect(result.ok ? [] : result.details.map((d) => d.location)).toEqual([
      "fiscalYear",
      "deadline",
      "indicatorIds",
    ]);
  });

  it("a fiscal year that is not a whole number is refused", () => {
    const result = validateRound({ ...input, fiscalYear: 2024.5 }, []);
    expect(result).toMatchObject({
      ok: false,
      details: [{ location: "fiscalYear", message: "年度を選んでください" }],
    });
  });
});

describe("closing asks for confirmation with the round's completion", () => {
  it("says how many are entered and how far the deadline is, in Japan's days", () => {
    const now = new Date("2026-12-06T15:30:00Z"); // 7 December in Japan
    expect(closeSummary({ done: 3, total: 19 }, "2026-12-20", now)).toBe(
      "19件中3件入力済み・締切の13日前",
    );
    expect(closeSummary({ done: 19, total: 19 }, "2026-12-07", now)).toBe(
      "19件中19件入力済み・締切当日",
    );
    expect(closeSummary({ done: 0, total: 4 }, "2026-12-05", now)).toBe(
      "4件中0件入力済み・締切を2日過ぎています",
    );
  });
});
