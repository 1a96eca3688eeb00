import { describe, expect, it } from "vitest";
import type { Reopening } from "../reporting/index.ts";
import {
  type ActualSubmission,
  checkActualEntry,
  type EntryFacts,
  NO_DETAILS,
  type PublishedActual,
  refusal,
  refusedError,
} from "./entry.ts";

// 令和7年度 (2025) is the current fiscal year; the round of 令和6年度 (2024) is closed.
const now = new Date("2025-07-01T00:00:00+09:00");
const closedAt = new Date("2025-06-30T12:00:00+09:00");
const INDICATOR = 7;

const clerk = { role: "editor", sectionCodes: ["gyokaku"] } as const;
const otherClerk = { role: "editor", sectionCodes: ["somu"] } as const;
const planner = { role: "planner", sectionCodes: [] } as const;
const viewer = { role: "viewer", sectionCodes: ["gyokaku"] } as const;

const facts = (over: Partial<EntryFacts> = {}): EntryFacts => ({
  who: { ...clerk, sectionCodes: [...clerk.sectionCodes] },
  indicator: { id: INDICATOR, owners: [{ code: "gyokaku", name: "行革推進課" }] },
  published: undefined,
  rounds: [
    { fiscalYear: 2024, closedAt },
    { fiscalYear: 2025, closedAt: null },
  ],
  reopenings: [],
  now,
  ...over,
});

const entry = (over: Partial<ActualSubmission> = {}): ActualSubmission => ({
  indicatorCode: "GZ-1-O1",
  fiscalYear: 2025,
  value: "52.1",
  ...over,
});

const published = (value: number | null, origin: PublishedActual["origin"] = "entered") => ({
  value,
  note: null,
  version: 1,
  origin,
});

const reopened = (over: Partial<Reopening> = {}): Reopening => ({
  fiscalYear: 2024,
  indicatorId: INDICATOR,
  reason: "集計誤りの申出",
  reopenedAt: new Date("2025-07-01T09:00:00+09:00"),
  relockedAt: null,
  ...over,
});

/** The one refusal of a refused entry. */
function refusedWith(f: EntryFacts, e: ActualSubmission) {
  const checked = checkActualEntry(f, e);
  if (checked.ok) throw new Error("expected a refusal");
  expect(checked.refusals).toHaveLength(1);
  return checked.refusals[0]!;
}

describe("who may enter an actual", () => {
  it("a section's clerk enters a value for their section's indicator, read as they typed it", () => {
    expect(checkActualEntry(facts(), entry({ value: "１，２３４．５", note: " 速報値 " }))).toEqual(
      {
        ok: true,
        entry: { value: 1234.5, note: "速報値", reason: null, ...NO_DETAILS },
      },
    );
  });

  it("a clerk of another section cannot, and is told which sections report it (403)", () => {
    expect(refusedWith(facts({ who: { ...otherClerk, sectionCodes: ["somu"] } }), entry())).toEqual(
      {
        reason: "not_permitted",
        status: 403,
        field: "indicatorCode",
        message: "指標 GZ-1-O1 の実績値を入力する権限がありません（担当: 行革推進課）",
      },
    );
  });

  it("a viewer cannot, even in the indicator's section", () => {
    expect(
      refusedWith(facts({ who: { ...viewer, sectionCodes: ["gyokaku"] } }), entry()).reason,
    ).toBe("not_permitted");
  });

  it("a planner may enter any section's indicator", () => {
    expect(checkActualEntry(facts({ who: { ...planner, sectionCodes: [] } }), entry()).ok).toBe(
      true,
    );
  });

  it("an indicator no section reports says so", () => {
    expect(refusedWith(facts({ indicator: { id: INDICATOR, owners: [] } }), entry()).message).toBe(
      "指標 GZ-1-O1 の実績値を入力する権限がありません（担当: 未設定）",
    );
  });

  it("a code no indicator has is not found (404)", () => {
    expect(refusedWith(facts({ indicator: undefined }), entry({ indicatorCode: "ZZ-9" }))).toEqual({
      reason: "unknown_indicator",
      status: 404,
      field: "indicatorCode",
      message: "指標 ZZ-9 が見つかりません",
    });
  });
});

describe("which fiscal years take actuals", () => {
  it("a year before 平成2年度 or after the current fiscal year is refused (400)", () => {
    for (const fiscalYear of [1989, 2026]) {
      expect(refusedWith(facts(), entry({ fiscalYear }))).toEqual({
        reason: "year_out_of_range",
        status: 400,
        field: "fiscalYear",
        message: "実績値は平成2年度（1990）から令和7年度（2025）までの年度に入力できます",
      });
    }
  });

  it("a section's clerk cannot enter an actual for a year whose round is closed, and is told to ask the planner (409)", () => {
    expect(refusedWith(facts(), entry({ fiscalYear: 2024 }))).toEqual({
      reason: "year_closed",
      status: 409,
      field: "fiscalYear",
      message:
        "令和6年度（2024）の報告は締め切られているため、この値は変更できません。変更が必要なときは企画担当に再開を依頼してください",
    });
  });

  it("a planner cannot either: closing locks the year for everyone", () => {
    expect(
      refusedWith(facts({ who: { ...planner, sectionCodes: [] } }), entry({ fiscalYear: 2024 }))
        .reason,
    ).toBe("year_closed");
  });

  it("a clerk can enter the value again once a planner reopens that indicator", () => {
    expect(
      checkActualEntry(facts({ reopenings: [reopened()] }), entry({ fiscalYear: 2024 })).ok,
    ).toBe(true);
  });

  it("a reopening of another indicator, or one locked again, leaves the year closed", () => {
    for (const r of [reopened({ indicatorId: 8 }), reopened({ relockedAt: now })])
      expect(refusedWith(facts({ reopenings: [r] }), entry({ fiscalYear: 2024 })).reason).toBe(
        "year_closed",
      );
  });

  it("a year with no round, or an open one, takes values", () => {
    expect(checkActualEntry(facts(), entry({ fiscalYear: 2023 })).ok).toBe(true);
    expect(checkActualEntry(facts(), entry({ fiscalYear: 2025 })).ok).toBe(true);
  });
});

describe("indicators fed from another source", () => {
  it("an indicator filled from the published finance figures cannot be entered by hand, even by a planner (400)", () => {
    const f = facts({
      who: { ...planner, sectionCodes: [] },
      indicator: { id: INDICATOR, owners: [], feed: "reported" },
    });
    expect(refusedWith(f, entry({ fiscalYear: 2020 }))).toEqual({
      reason: "fed_by_report",
      status: 400,
      field: "value",
      message:
        "指標 GZ-1-O1 の値は公表資料から取り込まれています。元の資料（財政のデータ）を更新してください",
    });
  });

  it("a value computed from other data cannot be entered by hand either", () => {
    expect(refusedWith(facts({ published: published(3, "computed") }), entry()).message).toBe(
      "指標 GZ-1-O1 の値は他のデータから計算されています。計算元のデータを更新してください",
    );
  });

  it("being fed is said before the year being closed: reopening would not help", () => {
    const f = facts({
      indicator: {
        id: INDICATOR,
        owners: [{ code: "gyokaku", name: "行革推進課" }],
        feed: "computed",
      },
    });
    expect(refusedWith(f, entry({ fiscalYear: 2024 })).reason).toBe("fed_by_calculation");
  });
});

describe("a form opened on an older state", () => {
  it("is refused as stale (409) once the person may enter the value at all", () => {
    expect(refusedWith(facts({ stale: true }), entry())).toMatchObject({
      reason: "stale",
      status: 409,
    });
    expect(refusedWith(facts({ stale: true }), entry({ fiscalYear: 2024 })).reason).toBe(
      "year_closed",
    );
  });

  it("is caught before the value rules, so that the form is not shown again on newer versions", () => {
    expect(refusedWith(facts({ stale: true }), entry({ value: "五十" })).reason).toBe("stale");
  });
});

describe("the value rules", () => {
  it("an unreadable value is quoted back with an example (400)", () => {
    expect(refusedWith(facts(), entry({ value: "五十" }))).toEqual({
      reason: "value_unreadable",
      status: 400,
      field: "value",
      message: "数値として読めません: 「五十」（例: 1234.5）",
    });
  });

  it("a number that is not finite is unreadable too", () => {
    expect(refusedWith(facts(), entry({ value: Number.NaN })).message).toBe(
      "数値として読めません: 「NaN」（例: 1234.5）",
    );
  });

  it("every wrong field is named at once", () => {
    const checked = checkActualEntry(
      facts(),
      entry({ value: "x", note: "あ".repeat(501), reason: "い".repeat(501) }),
    );
    expect(checked.ok ? [] : checked.refusals.map((r) => [r.reason, r.field])).toEqual([
      ["value_unreadable", "value"],
      ["note_too_long", "note"],
      ["reason_too_long", "reason"],
    ]);
  });

  it("an empty value with a note saying why is an entry", () => {
    expect(checkActualEntry(facts(), entry({ value: "", note: "調査を休止" }))).toEqual({
      ok: true,
      entry: { value: null, note: "調査を休止", reason: null, ...NO_DETAILS },
    });
  });

  it("correcting a published value needs a reason, which is shown publicly", () => {
    const f = facts({ published: published(52.1) });
    expect(refusedWith(f, entry({ value: "53.4" }))).toEqual({
      reason: "reason_required",
      status: 400,
      field: "reason",
      message:
        "公表済みの値を訂正するときは、訂正の理由を入力してください（公開ページに表示されます）",
    });
    expect(checkActualEntry(f, entry({ value: 53.4, reason: "再集計" }))).toEqual({
      ok: true,
      entry: { value: 53.4, note: null, reason: "再集計", ...NO_DETAILS },
    });
  });

  it("entering the published value again needs no reason", () => {
    expect(checkActualEntry(facts({ published: published(52.1) }), entry()).ok).toBe(true);
  });
});

describe("one status and one message per refusal, wherever it is made", () => {
  it("the closed year's refusal is the same for a single entry and for publishing", () => {
    expect(refusedWith(facts(), entry({ fiscalYear: 2024 }))).toEqual(
      refusal("year_closed", { indicatorCode: "GZ-1-O1", fiscalYear: 2024 }),
    );
  });

  it("a refusal becomes an error with its status, its message and its field", () => {
    const e = refusedError([refusedWith(facts(), entry({ fiscalYear: 2024 }))]);
    expect(e.status).toBe(409);
    expect(e.code).toBe("conflict");
    expect(e.message).toContain("企画担当に再開を依頼してください");
    expect(e.details).toEqual([{ location: "fiscalYear", message: e.message }]);
  });

  it("the value rules become one bad request naming each field", () => {
    const checked = checkActualEntry(facts(), entry({ value: "x", note: "あ".repeat(501) }));
    const e = refusedError(checked.ok ? [] : checked.refusals);
    expect(e.status).toBe(400);
    expect(e.message).toBe("入力内容を確認してください");
    expect(e.details.map((d) => d.location)).toEqual(["value", "note"]);
  });
});

describe("what an actual says besides its number", () => {
  const milestone = facts({
    indicator: {
      id: INDICATOR,
      owners: [{ code: "gyokaku", name: "行革推進課" }],
      targetForm: "milestone",
    },
  });

  it("a milestone's actual may be words, typed in the value field or as text, and marked reached", () => {
    expect(checkActualEntry(milestone, entry({ value: " 策定 ", done: "達成" }))).toEqual({
      ok: true,
      entry: { ...NO_DETAILS, value: null, text: "策定", done: true, note: null, reason: null },
    });
    expect(
      checkActualEntry(milestone, entry({ value: null, text: "検討中", done: false })),
    ).toEqual({
      ok: true,
      entry: { ...NO_DETAILS, value: null, text: "検討中", done: false, note: null, reason: null },
    });
  });

  it("a numeric indicator's value that is no number stays an error, and words or 達成 are refused", () => {
    expect(refusedWith(facts(), entry({ value: "abc" })).reason).toBe("value_unreadable");
    expect(refusedWith(facts(), entry({ value: 3, text: "策定" }))).toMatchObject({
      reason: "text_not_allowed",
      field: "text",
      message:
        "指標 GZ-1-O1 は数値の指標です。文字の実績（「策定」）は、目標が「設置」「策定」のような達成か否かの指標にだけ入力できます",
    });
    expect(refusedWith(facts(), entry({ done: true })).reason).toBe("done_not_allowed");
  });

  it("the 時点 is read from 和暦 or 西暦, and 見込 from a check or the word", () => {
    const checked = checkActualEntry(
      facts(),
      entry({ value: "12", asOf: "平成15年9月30日", estimate: "見込" }),
    );
    expect(checked).toEqual({
      ok: true,
      entry: {
        value: 12,
        note: null,
        reason: null,
        text: null,
        done: null,
        asOf: "2003-09-30",
        estimate: true,
      },
    });
    expect(checkActualEntry(facts(), entry({ asOf: "R7.6.30", estimate: true })).ok).toBe(true);
  });

  it("a 時点 that is no date or after today, and an unreadable 達成 or 見込, are named by field", () => {
    expect(refusedWith(facts(), entry({ asOf: "令和7年2月30日" }))).toMatchObject({
      reason: "as_of_unreadable",
      field: "asOf",
      message: "時点: 存在しない日付です（「令和7年2月30日」）",
    });
    expect(refusedWith(facts(), entry({ asOf: "2025-08-01" })).message).toBe(
      "時点: 令和7年8月1日は先の日付です。令和7年7月1日までの日付を入力してください（「2025-08-01」）",
    );
    expect(refusedWith(milestone, entry({ done: "たぶん" })).field).toBe("done");
    expect(refusedWith(facts(), entry({ estimate: "たぶん" })).field).toBe("estimate");
  });

  it("changing only the 時点 or 見込 of a published value is a correction that needs a reason", () => {
    const f = facts({ published: { ...published(52.1), asOf: null, estimate: true } });
    expect(refusedWith(f, entry({ value: "52.1", estimate: false })).reason).toBe(
      "reason_required",
    );
    expect(checkActualEntry(f, entry({ value: "52.1", estimate: true })).ok).toBe(true);
  });
});
