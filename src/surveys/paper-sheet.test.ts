import { describe, expect, it } from "vitest";
import { paperKeying, SAME_PERSON, USED } from "./paper.ts";
import { paperColumns, readPaperRow } from "./paper-sheet.ts";
import { readQuestionnaire } from "./questionnaire.ts";

const read = readQuestionnaire(`sections:
  - title: 一
    questions:
      - key: q1
        kind: likert
        text: 満足していますか
        required: true
        options:
          - { key: "5", text: そう思う }
          - { key: "3", text: どちらともいえない }
          - { key: "1", text: そう思わない }
      - key: q2
        kind: multiple
        text: よく使う窓口
        options:
          - { key: a, text: 本庁 }
          - { key: b, text: 支所 }
          - { key: c, text: 出張所 }
  - title: 二
    questions:
      - key: why
        kind: text
        text: そう思わない理由
        showIf: { question: q1, anyOf: ["1"] }
      - key: visits
        kind: numeric
        text: 来た回数
        min: 0
        max: 365
        unit: 回
`);
if (!read.ok) throw new Error(JSON.stringify(read.details));
const qn = read.value;
const columns = paperColumns(qn);
const row = (cells: Record<string, string | null>) => readPaperRow(qn, columns, cells);

describe("paper forms as spreadsheet rows", () => {
  it("heads a column per question as printed, with how to answer", () => {
    expect(columns.map((c) => c.header)).toEqual(["問1", "問2", "問3", "問4"]);
    expect(columns[0]!.how).toBe(
      "番号か選択肢の文を一つ／1=そう思う 2=どちらともいえない 3=そう思わない／必須",
    );
    expect(columns[2]!.how).toContain("問1で 3 と答えた人だけ。ほかは空欄");
    expect(columns[3]!.how).toContain("0以上・365以下・単位「回」");
  });

  it("reads choices by printed number or wording, several with 「;」, numbers with their unit", () => {
    expect(row({ q1: "3", q2: "1；3", why: "遠い", visits: "１２回" })).toEqual({
      ok: true,
      answers: { q1: "1", q2: ["a", "c"], why: "遠い", visits: 12 },
    });
    expect(row({ q1: " そう思う ", q2: "支所", why: null, visits: null })).toEqual({
      ok: true,
      answers: { q1: "5", q2: ["b"] },
    });
  });

  it("names every bad cell: options, several for one, a skipped question answered, range, required", () => {
    const bad = row({ q1: "4", q2: "1;はい", why: "x", visits: "400" });
    expect(bad).toEqual({
      ok: false,
      errors: [
        { header: "問1", message: "問1: 選択肢の番号は 1〜3 です（「4」）" },
        {
          header: "問2",
          message:
            "問2: 選択肢にない回答です（「はい」）。1〜3 の番号か、選択肢の文を入力してください",
        },
        { header: "問4", message: "問4 来た回数: 365以下で書いてください" },
      ],
    });
    const skipped = row({ q1: "1", q2: null, why: "x", visits: null });
    expect(skipped).toMatchObject({
      ok: false,
      errors: [
        { header: "問3", message: expect.stringContaining("問1で 3 と答えた人だけに聞く問です") },
      ],
    });
    expect(row({ q1: "1;2", q2: null, why: null, visits: null })).toMatchObject({
      ok: false,
      errors: [{ header: "問1", message: "問1は一つだけ選ぶ問です（「1;2」）" }],
    });
    expect(row({ q1: null, q2: null, why: null, visits: null })).toEqual({
      ok: false,
      errors: [{ header: "問1", message: "問1 満足していますか: 回答してください" }],
    });
  });
});

describe("the rule of paper keying", () => {
  const open = { status: "open" as const };
  it("keys a form once, or twice by two people when drawn; refuses the rest", () => {
    expect(paperKeying(undefined, open, 1, false)).toMatchObject({ ok: false });
    expect(paperKeying({ submitted: false, entry: null }, open, 1, true)).toEqual({
      ok: true,
      keying: "first",
    });
    expect(
      paperKeying({ submitted: false, entry: null }, { status: "closed" }, 1, false),
    ).toMatchObject({
      ok: false,
    });
    expect(paperKeying({ submitted: true, entry: null }, open, 1, false)).toEqual({
      ok: false,
      message: USED,
    });
    const waiting = { submitted: true, entry: { firstKeyedBy: 1, secondKeyed: false } };
    expect(paperKeying(waiting, open, 1, true)).toEqual({ ok: false, message: SAME_PERSON });
    expect(paperKeying(waiting, { status: "closed" }, 2, true)).toEqual({
      ok: true,
      keying: "second",
    });
  });
});
