import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_REMINDER_DAYS_BEFORE,
  dueReminders,
  type PreparedReminder,
  type Reminder,
  type ReminderInput,
  type ReminderRecipient,
  reminderKey,
  reminderKindDue,
  reminderRecipients,
} from "./reminders.ts";
import { codes, entered, jst, registry, round2024 } from "./rounds.fixture.ts";

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
        "入力期限は 令和7年6月30日（月） です（あと7日）。",
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
      "【石岡市】本日令和7年6月30日（月）は令和6年度（2024）の実績値の入力期限です（未入力 1件）",
    );
    expect(rs[0]!.text).toContain("suzuki@city.ishioka.example.jp 様");
    expect(rs[0]!.text).toContain(
      "本日 令和7年6月30日（月） が入力期限です。本日中に入力してください。",
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
