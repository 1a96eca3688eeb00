import { describe, expect, it } from "vitest";
import {
  countedAnswers,
  missingRequired,
  readQuestionnaire,
  readSectionAnswers,
} from "./questionnaire.ts";
import { newAccessCode, normaliseCode, readFrame, validateDraw } from "./rules.ts";

const YAML = `sections:
  - title: 一
    questions:
      - { key: q1, kind: single, text: 満足ですか, required: true, options: [{ key: y, text: はい }, { key: n, text: いいえ }] }
  - title: 二
    questions:
      - { key: q2, kind: text, text: 理由, showIf: { question: q1, anyOf: [n] }, required: true }
      - { key: q3, kind: numeric, text: 回数, min: 0, max: 10 }
`;

describe("questionnaire", () => {
  it("reads YAML and refuses what the form cannot ask, saying where", () => {
    const ok = readQuestionnaire(YAML);
    expect(ok.ok).toBe(true);
    const same = readQuestionnaire(YAML.replace("question: q1", "question: q3"));
    expect(same.ok).toBe(false);
    if (!same.ok) expect(same.details[0]!.message).toContain("前の部にある選択式の問");
    const dup = readQuestionnaire(YAML.replace("key: q3", "key: q1"));
    if (!dup.ok) expect(dup.details[0]!.message).toContain("重複");
    const noOptions = readQuestionnaire(
      "sections:\n  - title: a\n    questions:\n      - { key: x, kind: single, text: t }\n",
    );
    expect(noOptions.ok).toBe(false);
    const broken = readQuestionnaire("sections: [");
    if (!broken.ok) expect(broken.details[0]!.message).toContain("YAMLとして読めません");
  });

  it("reads a section's answers: options, full-width numbers, ranges, conditions", () => {
    const qn = readQuestionnaire(YAML);
    if (!qn.ok) throw new Error();
    const [one, two] = qn.value.sections as [never, never];
    expect(readSectionAnswers(one, { q1: ["x"] }, {}, { final: true }).ok).toBe(false);
    expect(readSectionAnswers(one, {}, {}, { final: true }).ok).toBe(false);
    expect(readSectionAnswers(one, {}, {}, { final: false })).toEqual({ ok: true, value: {} });
    expect(readSectionAnswers(two, { q3: ["３"] }, { q1: "y" }, { final: true })).toEqual({
      ok: true,
      value: { q3: 3 },
    });
    expect(readSectionAnswers(two, { q3: ["11"] }, { q1: "y" }, { final: true }).ok).toBe(false);
    // q2 is asked (and required) only after "n".
    expect(readSectionAnswers(two, {}, { q1: "n" }, { final: true }).ok).toBe(false);
    expect(countedAnswers(qn.value, { q1: "y", q2: "残った答え" })).toEqual({ q1: "y" });
    expect(missingRequired(qn.value, { q1: "n" }).map((q) => q.key)).toEqual(["q2"]);
  });
});

describe("frame and codes", () => {
  it("reads a frame of counts and names the row and column of each error", () => {
    expect(readFrame("年齢層,性別,地区,人数\n18-29,女,石岡,10\n", "citizens")).toEqual({
      ok: true,
      value: [{ ageBand: "18-29", sex: "女", area: "石岡", population: 10 }],
    });
    const bad = readFrame("年齢層,性別,地区,人数\n18-29,女,石岡,x\n18-29,女,石岡,1\n", "citizens");
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.details.map((d) => d.location)).toEqual(["frame: 2行目 人数", "frame: 3行目"]);
    const staff = readFrame("課コード,人数\nZ99,3\n", "staff", new Set(["A01"]));
    if (!staff.ok) expect(staff.details[0]!.message).toContain("課の一覧にありません");
  });

  it("reads codes typed loosely and draws with a shown seed", () => {
    const code = newAccessCode();
    expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    expect(normaliseCode(` ${code.toLowerCase().replace(/-/g, "")} `)).toBe(code);
    expect(normaliseCode("ＡＢＣＤ－ＥＦＧＨ－ＪＫＭＮ")).toBe("ABCD-EFGH-JKMN");
    expect(normaliseCode("0000-0000-0000")).toBeNull();
    const d = validateDraw({ seed: "", size: "10" }, 100);
    expect(d.ok && d.value.seed.length > 0).toBe(true);
    expect(validateDraw({ seed: "s", size: "101" }, 100).ok).toBe(false);
  });
});

describe("masking free text", () => {
  it("masks e-mail, phone, postal code, long numbers and a name with an honorific", async () => {
    const { maskPersonalData } = await import("./masking.ts");
    expect(
      maskPersonalData(
        "連絡は taro@example.jp か 0299-23-1111 へ。〒315-8640、窓口の山田さんが親切でした。番号1234567",
      ),
    ).toBe("連絡は ＊＊＊ か ＊＊＊ へ。＊＊＊、窓口の＊＊＊さんが親切でした。番号＊＊＊");
    expect(maskPersonalData("手続きに時間がかかる")).toBe("手続きに時間がかかる");
  });
});
