import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { may } from "../accounts/index.ts";
import type { Role } from "../accounts/schema.ts";
import { permissions } from "./permissions.ts";
import {
  type AppearanceRef,
  actualLocked,
  DEFAULT_REMINDER_DAYS_BEFORE,
  daysUntilDeadline,
  defaultRoundIndicators,
  dueReminders,
  type EnteredValue,
  formatJapaneseDate,
  isPastDeadline,
  missingIndicators,
  myUpdateRows,
  type NodeRef,
  type PlanPeriod,
  type PreparedReminder,
  type Reminder,
  type ReminderInput,
  type ReminderRecipient,
  type Reopening,
  type Round,
  type RoundIndicator,
  reminderKey,
  reminderKindDue,
  reminderRecipients,
  roundOverview,
  tokyoDate,
  validateDeadline,
  validateReopening,
  validateRound,
} from "./rules.ts";

// ── A small city: the comprehensive plan, the 行財政改革大綱 of 2021–2023, a plan without period ─

const plans: PlanPeriod[] = [
  { id: 1, startFiscalYear: 2020, endFiscalYear: 2027 },
  { id: 2, startFiscalYear: 2021, endFiscalYear: 2023 },
  { id: 3, startFiscalYear: null, endFiscalYear: null },
];

const nodes: NodeRef[] = [
  { id: 10, planId: 1, parentId: null, kind: "policy" },
  { id: 11, planId: 1, parentId: 10, kind: "measure" },
  { id: 12, planId: 1, parentId: 11, kind: "initiative" },
  { id: 13, planId: 1, parentId: 10, kind: "measure" },
  { id: 14, planId: 1, parentId: 13, kind: "initiative" },
  { id: 20, planId: 2, parentId: null, kind: "policy" },
  { id: 21, planId: 2, parentId: 20, kind: "measure" },
  { id: 30, planId: 3, parentId: null, kind: "measure" },
];

const appearances: AppearanceRef[] = [
  { indicatorId: 1, nodeId: 11 },
  { indicatorId: 2, nodeId: 12 },
  { indicatorId: 3, nodeId: 14 },
  { indicatorId: 4, nodeId: 21 },
  { indicatorId: 5, nodeId: 21 },
  { indicatorId: 5, nodeId: 12 }, // 再掲 in the comprehensive plan
  { indicatorId: 6, nodeId: 30 },
  { indicatorId: 7, nodeId: 10 }, // 政策指標
];

const indicator = (
  id: number,
  code: string,
  name: string,
  sectionCodes: string[],
  nodeId: number | null,
): RoundIndicator => ({ id, code, name, sectionCodes, nodeId });

const registry: RoundIndicator[] = [
  indicator(1, "GZ-1-O1", "仕事にやりがいを持つ市職員の割合", ["somu"], 11),
  indicator(2, "GZ-1-R1", "職員提案の提案数", ["gyokaku-suishin"], 12),
  indicator(3, "GZ-2-R1", "電子申請の手続数", ["joho-seisaku"], 14),
  indicator(4, "GZ-10-R1", "公共施設の延床面積", ["kanzai"], 21),
  indicator(5, "GZ-3-R1", "ふるさと応援寄附金の件数", ["gyokaku-suishin", "zaisei"], 21),
  indicator(6, "KB-1", "マイナンバーカード申請率", ["joho-seisaku"], 30),
  indicator(7, "GZ-P1", "市の取組に満足している市民の割合", [], 10),
];

const round2024: Round = {
  fiscalYear: 2024,
  deadline: "2025-06-30",
  indicatorIds: [1, 2, 3, 5, 6, 7],
  closedAt: null,
};

const entered = (fiscalYear: number, ...ids: number[]): EnteredValue[] =>
  ids.map((indicatorId) => ({ indicatorId, fiscalYear }));

/** An instant written in Japan time. */
const jst = (dateTime: string) => new Date(`${dateTime}+09:00`);

const codes = (list: { code: string }[]) => list.map((i) => i.code);

type Actual = { fiscalYear: number; value: number | null; note: string | null };

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
    expect(formatJapaneseDate("2025-06-30")).toBe("2025年6月30日（月）");
    expect(formatJapaneseDate("2024-02-29")).toBe("2024年2月29日（木）");
  });

  it("an invalid instant or date is refused, not silently used", () => {
    expect(() => tokyoDate(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => daysUntilDeadline("2025-02-30", new Date())).toThrow(RangeError);
  });
});

describe("reminders", () => {
  const municipality = { code: "082058", name: "石岡市" };
  const tanaka: ReminderRecipient = {
    userId: 17,
    email: "tanaka@city.ishioka.example.jp",
    displayName: "田中 一郎",
    missing: [
      { id: 6, code: "KB-1", name: "マイナンバーカード申請率" },
      { id: 3, code: "GZ-2-R1", name: "電子申請の手続数" },
    ],
  };
  const suzuki: ReminderRecipient = {
    userId: 5,
    email: "suzuki@city.ishioka.example.jp",
    displayName: "",
    missing: [{ id: 2, code: "GZ-1-R1", name: "職員提案の提案数" }],
  };
  const input = (now: Date, more: Partial<ReminderInput> = {}): ReminderInput => ({
    municipality,
    round: round2024,
    now,
    recipients: [tanaka, suzuki],
    prepared: [],
    ...more,
  });
  const kinds = (rs: Reminder[]) => rs.map((r) => `${r.userId} ${r.kind}`);

  it("seven days before the deadline each editor with missing values gets one", () => {
    const rs = dueReminders(input(jst("2025-06-23T06:00:00")));
    expect(kinds(rs)).toEqual(["5 before", "17 before"]);
    expect(DEFAULT_REMINDER_DAYS_BEFORE).toBe(7);
  });

  it("the 'before' reminder reads in Japanese, lists the missing indicators and links to my updates", () => {
    const [r] = dueReminders(input(jst("2025-06-23T06:00:00"), { recipients: [tanaka] }));
    expect(r).toMatchObject({
      fiscalYear: 2024,
      userId: 17,
      kind: "before",
      key: "round-reminder/082058/2024/before/17",
      to: "tanaka@city.ishioka.example.jp",
      subject: "【石岡市】令和6年度（2024）の実績値の入力期限まであと7日です（未入力 2件）",
    });
    expect(r!.text).toBe(
      [
        "田中 一郎 様",
        "",
        "令和6年度（2024）の実績値の報告について、ご担当の指標のうち次の2件が未入力です。",
        "入力期限は 2025年6月30日（月） です（あと7日）。",
        "",
        "・GZ-2-R1 電子申請の手続数",
        "・KB-1 マイナンバーカード申請率",
        "",
        "入力は職員用ページの「実績値の入力」から行えます。",
        "/082058/manage/updates?fy=2024",
        "",
        "このメールは施策（Shisaku）から自動で送信しています。",
        "行き違いで入力済みの場合はご容赦ください。（石岡市）",
        "",
      ].join("\n"),
    );
  });

  it("on the deadline day the 'due' reminder goes out, even after the 'before' one", () => {
    const prepared: PreparedReminder[] = [
      { fiscalYear: 2024, userId: 17, kind: "before" },
      { fiscalYear: 2024, userId: 5, kind: "before" },
    ];
    const rs = dueReminders(input(jst("2025-06-30T00:00:00"), { prepared }));
    expect(kinds(rs)).toEqual(["5 due", "17 due"]);
    expect(rs[0]!.subject).toBe(
      "【石岡市】本日2025年6月30日（月）は令和6年度（2024）の実績値の入力期限です（未入力 1件）",
    );
    expect(rs[0]!.text).toContain("suzuki@city.ishioka.example.jp 様");
    expect(rs[0]!.text).toContain(
      "本日 2025年6月30日（月） が入力期限です。本日中に入力してください。",
    );
  });

  it("the day is the day in Japan: 15:00 UTC the evening before is already the deadline day", () => {
    expect(reminderKindDue("2025-06-30", new Date("2025-06-29T14:59:59Z"))).toBe("before");
    expect(reminderKindDue("2025-06-30", new Date("2025-06-29T15:00:00Z"))).toBe("due");
    expect(reminderKindDue("2025-06-30", new Date("2025-06-30T14:59:59Z"))).toBe("due");
    expect(reminderKindDue("2025-06-30", new Date("2025-06-30T15:00:00Z"))).toBeNull();
  });

  it("nothing is due more than N days before, or after the deadline day", () => {
    expect(dueReminders(input(jst("2025-06-22T23:59:59")))).toEqual([]);
    expect(dueReminders(input(jst("2025-07-01T00:00:00")))).toEqual([]);
  });

  it("a day missed, or a round opened late, still sends 'before' until the deadline day", () => {
    expect(kinds(dueReminders(input(jst("2025-06-27T10:00:00"))))).toEqual([
      "5 before",
      "17 before",
    ]);
    expect(dueReminders(input(jst("2025-06-27T10:00:00")))[0]!.subject).toContain("あと3日");
  });

  it("N is configurable; with N = 0 only the deadline-day reminder exists", () => {
    expect(reminderKindDue("2025-06-30", jst("2025-06-26T09:00:00"), 3)).toBeNull();
    expect(reminderKindDue("2025-06-30", jst("2025-06-27T09:00:00"), 3)).toBe("before");
    expect(reminderKindDue("2025-06-30", jst("2025-06-29T09:00:00"), 0)).toBeNull();
    expect(reminderKindDue("2025-06-30", jst("2025-06-30T09:00:00"), 0)).toBe("due");
    expect(() => reminderKindDue("2025-06-30", new Date(), -1)).toThrow(RangeError);
    expect(() => reminderKindDue("2025-06-30", new Date(), 1.5)).toThrow(RangeError);
  });

  it("nobody is reminded of a closed round or with nothing missing", () => {
    const closed = { ...round2024, closedAt: jst("2025-06-20T17:00:00") };
    expect(dueReminders(input(jst("2025-06-23T06:00:00"), { round: closed }))).toEqual([]);
    const done = { ...tanaka, missing: [] };
    expect(
      kinds(dueReminders(input(jst("2025-06-23T06:00:00"), { recipients: [done, suzuki] }))),
    ).toEqual(["5 before"]);
  });

  it("a person listed twice gets one reminder with both lists merged", () => {
    const again = { ...tanaka, missing: [{ id: 2, code: "GZ-1-R1", name: "職員提案の提案数" }] };
    const rs = dueReminders(input(jst("2025-06-23T06:00:00"), { recipients: [tanaka, again] }));
    expect(rs).toHaveLength(1);
    expect(rs[0]!.subject).toContain("未入力 3件");
  });

  it("with the site's origin the link is a full address", () => {
    const [r] = dueReminders(
      input(jst("2025-06-23T06:00:00"), {
        recipients: [suzuki],
        origin: "https://shisaku.example.jp/",
      }),
    );
    expect(r!.text).toContain("\nhttps://shisaku.example.jp/082058/manage/updates?fy=2024\n");
  });

  it("is idempotent: running it again prepares nothing twice", () => {
    const now = jst("2025-06-23T06:00:00");
    const first = dueReminders(input(now));
    expect(dueReminders(input(now, { prepared: first }))).toEqual([]);
    // A reminder of the same person and kind for another round does not count.
    const other = first.map((r) => ({ ...r, fiscalYear: 2023 }));
    expect(dueReminders(input(now, { prepared: other }))).toHaveLength(2);
  });

  it("over any sequence of runs each person gets at most one reminder of each kind", () => {
    const start = jst("2025-06-15T00:00:00").getTime();
    const span = 20 * 24 * 60 * 60 * 1000;
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: span }), { maxLength: 40 }),
        fc.integer({ min: 0, max: 10 }),
        (offsets, daysBefore) => {
          const prepared: Reminder[] = [];
          for (const offset of [...offsets].sort((a, b) => a - b)) {
            const now = new Date(start + offset);
            const due = dueReminders(input(now, { prepared, daysBefore }));
            for (const r of due)
              expect(r.kind).toBe(reminderKindDue(round2024.deadline, now, daysBefore));
            prepared.push(...due);
          }
          const keys = prepared.map((r) => r.key);
          expect(new Set(keys).size).toBe(keys.length);
          expect(prepared.length).toBeLessThanOrEqual(4);
        },
      ),
    );
  });

  it("the outbox key names municipality, fiscal year, kind and person", () => {
    expect(reminderKey("082058", { fiscalYear: 2024, kind: "due", userId: 5 })).toBe(
      "round-reminder/082058/2024/due/5",
    );
  });

  it("each editor is reminded of their own sections' missing indicators, planners included", () => {
    const staff = [
      {
        userId: 1,
        email: "a@x.jp",
        displayName: "A",
        role: "editor" as const,
        sectionCodes: ["gyokaku-suishin"],
      },
      {
        userId: 2,
        email: "b@x.jp",
        displayName: "B",
        role: "planner" as const,
        sectionCodes: ["zaisei"],
      },
      {
        userId: 3,
        email: "c@x.jp",
        displayName: "C",
        role: "viewer" as const,
        sectionCodes: ["somu"],
      },
      { userId: 4, email: "d@x.jp", displayName: "D", role: "admin" as const, sectionCodes: [] },
      {
        userId: 5,
        email: "e@x.jp",
        displayName: "E",
        role: "editor" as const,
        sectionCodes: ["kanzai"],
      },
    ];
    const recipients = reminderRecipients(round2024, staff, registry, entered(2024, 2));
    expect(recipients.map((r) => [r.userId, codes(r.missing)])).toEqual([
      [1, ["GZ-3-R1"]],
      [2, ["GZ-3-R1"]],
    ]);
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
        message: `入力期限「${text}」は日付として読み取れません（例: 2025-06-30）`,
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
            "入力期限 2024年3月31日（日） が令和6年度（2024）の始まり（2024年4月1日（月））より前です",
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
