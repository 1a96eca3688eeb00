import { describe, expect, it } from "vitest";
import { checkAttachments, detectType, safeFileName } from "./attachments.ts";
import { isProposalShareIndicator, proposalShare } from "./proposal-share.ts";
import {
  allowedSteps,
  fiscalYearInJapan,
  isReceiptNumber,
  type LetterSubmission,
  overdue,
  receiptNumber,
  receiptSeq,
  validateStep,
  validateSubmission,
} from "./rules.ts";

const valid: LetterSubmission = {
  subject: "公園にベンチを",
  body: "駅前の公園にベンチを増やしてください。",
  category: "roads",
  kind: "proposal",
  name: "石岡 花子",
  address: "茨城県石岡市石岡1-1-1",
  phone: "0299-23-1111",
  email: "Hanako@Example.jp",
  consentPublish: "yes",
  consentContact: "yes",
  honeypot: "",
};

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
const PDF = new TextEncoder().encode("%PDF-1.7\n...");
const EXE = new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0]); // "MZ"

describe("the public form", () => {
  it("accepts a complete letter, trimming and normalising", () => {
    const r = validateSubmission({ ...valid, subject: "  公園にベンチを \r\n" });
    expect(r).toMatchObject({
      ok: true,
      value: {
        subject: "公園にベンチを",
        email: "hanako@example.jp",
        consentPublish: true,
        consentContact: true,
        kind: "proposal",
      },
    });
  });

  it("names every missing or wrong field in Japanese", () => {
    const r = validateSubmission({
      ...valid,
      subject: "",
      body: " ",
      category: "x",
      kind: "",
      name: "",
      email: "not-an-address",
      phone: "abc",
      consentPublish: "",
      consentContact: "",
    });
    expect(r.ok).toBe(false);
    const where = r.ok ? [] : r.details.map((d) => d.location);
    expect(where).toEqual([
      "subject",
      "body",
      "category",
      "kind",
      "name",
      "phone",
      "email",
      "consentPublish",
      "consentContact",
    ]);
    expect(r.ok ? "" : r.details[0]!.message).toBe("件名を入力してください");
  });

  it("refuses text over the maximum length, saying how long it is", () => {
    const r = validateSubmission({ ...valid, body: "あ".repeat(4001) });
    expect(r.ok ? [] : r.details).toEqual([
      { location: "body", message: "内容は4000文字以内にしてください（いま4001文字）" },
    ]);
    expect(validateSubmission({ ...valid, body: "あ".repeat(4000) }).ok).toBe(true);
  });

  it("marks a filled honeypot as spam", () => {
    const r = validateSubmission({ ...valid, honeypot: "http://spam.example" });
    expect(r).toMatchObject({ ok: false, spam: true });
  });

  it("needs an e-mail address or a phone number to be contacted", () => {
    const r = validateSubmission({ ...valid, email: "", phone: "" });
    expect(r.ok ? [] : r.details.map((d) => d.location)).toEqual(["email"]);
    expect(validateSubmission({ ...valid, email: "", phone: "", consentContact: "no" }).ok).toBe(
      true,
    );
  });

  it("refuses control characters", () => {
    const r = validateSubmission({ ...valid, subject: "a\u0000b" });
    expect(r.ok).toBe(false);
  });

  it("refuses the marker of erased contact details as a name", () => {
    const r = validateSubmission({ ...valid, name: "（削除済み）" });
    expect(r.ok ? [] : r.details.map((d) => d.location)).toEqual(["name"]);
  });
});

describe("attachments", () => {
  it("detects JPEG, PNG and PDF by their first bytes", () => {
    expect(detectType(JPEG)).toBe("image/jpeg");
    expect(detectType(PNG)).toBe("image/png");
    expect(detectType(PDF)).toBe("application/pdf");
    expect(detectType(EXE)).toBeNull();
    expect(detectType(new Uint8Array())).toBeNull();
  });

  it("refuses a program renamed .png, whatever its name says", () => {
    const r = checkAttachments([{ name: "photo.png", bytes: EXE }]);
    expect(r.ok ? [] : r.details[0]!.message).toContain("「photo.png」は受け付けられない種類");
  });

  it("limits the count and the size", () => {
    const four = [1, 2, 3, 4].map((i) => ({ name: `${i}.png`, bytes: PNG }));
    expect(checkAttachments(four).ok).toBe(false);
    const big = new Uint8Array(5 * 1024 * 1024 + 1);
    big.set(PNG);
    const r = checkAttachments([{ name: "big.png", bytes: big }]);
    expect(r.ok ? "" : r.details[0]!.message).toContain("大きすぎます");
  });

  it("ignores the empty part a browser sends when no file is chosen", () => {
    expect(checkAttachments([{ name: "", bytes: new Uint8Array() }])).toEqual({
      ok: true,
      value: [],
    });
  });

  it("keeps the detected type and a safe name", () => {
    const r = checkAttachments([{ name: "C:\\docs\\図面.pdf", bytes: PDF }]);
    expect(r).toMatchObject({
      ok: true,
      value: [{ name: "図面.pdf", contentType: "application/pdf" }],
    });
    expect(safeFileName('../../"<x>.png')).toBe("x.png");
  });
});

describe("receipt numbers", () => {
  it("are the fiscal year and a running number", () => {
    expect(receiptNumber(2026, 7)).toBe("2026-0007");
    expect(receiptNumber(2026, 12345)).toBe("2026-12345");
    expect(isReceiptNumber("2026-0007")).toBe(true);
    expect(isReceiptNumber("new")).toBe(false);
    expect(receiptSeq("2026-0007", 2026)).toBe(7);
    expect(receiptSeq("2025-0007", 2026)).toBe(0);
  });

  it("use the fiscal year as the calendar in Japan has it", () => {
    // 2026-03-31 16:00 UTC is April 1 in Japan: the new fiscal year.
    expect(fiscalYearInJapan(new Date("2026-03-31T16:00:00Z"))).toBe(2026);
    expect(fiscalYearInJapan(new Date("2026-03-31T14:59:00Z"))).toBe(2025);
  });
});

describe("the timeline", () => {
  it("moves forward only; outcomes are for proposals", () => {
    expect(allowedSteps("received", "proposal")).toEqual([
      "assigned",
      "considering",
      "answered",
      "outcome",
    ]);
    expect(allowedSteps("received", "request")).toEqual(["assigned", "considering", "answered"]);
    expect(allowedSteps("considering", "request")).toEqual(["considering", "answered"]);
    expect(allowedSteps("answered", "request")).toEqual([]);
    expect(allowedSteps("answered", "proposal")).toEqual(["outcome"]);
    expect(allowedSteps("outcome", "proposal")).toEqual(["outcome"]);
  });

  const step = {
    kind: "outcome",
    outcome: "",
    reason: "",
    publicComment: "",
    reflectedNode: "",
    reflectedFromFiscalYear: "",
  };
  const proposal = { status: "answered" as const, kind: "proposal" as const };

  it("needs an outcome, and a reason when not adopted", () => {
    expect(validateStep(step, proposal)).toMatchObject({
      ok: false,
      details: [{ location: "outcome" }],
    });
    expect(validateStep({ ...step, outcome: "not_adopted" }, proposal)).toMatchObject({
      ok: false,
      details: [{ location: "reason" }],
    });
    expect(
      validateStep({ ...step, outcome: "not_adopted", reason: "予算の制約のため" }, proposal).ok,
    ).toBe(true);
  });

  it("takes the initiative an adopted proposal is reflected in, from a fiscal year", () => {
    const r = validateStep(
      {
        ...step,
        outcome: "adopted",
        reflectedNode: "GZ-6-01",
        reflectedFromFiscalYear: "２０２７",
      },
      proposal,
    );
    expect(r).toMatchObject({
      ok: true,
      value: { outcome: "adopted", reflectedNodeCode: "GZ-6-01", reflectedFromFiscalYear: 2027 },
    });
    expect(
      validateStep(
        { ...step, outcome: "not_adopted", reason: "r", reflectedNode: "GZ-6-01" },
        proposal,
      ).ok,
    ).toBe(false);
  });

  it("refuses a step that does not follow, and an answer without its text", () => {
    expect(validateStep({ ...step, kind: "assigned" }, proposal).ok).toBe(false);
    expect(
      validateStep({ ...step, kind: "answered" }, { status: "received", kind: "request" }),
    ).toMatchObject({ ok: false, details: [{ location: "publicComment" }] });
  });

  it("knows when an answer is overdue", () => {
    expect(overdue({ dueDate: "2026-05-01", status: "assigned" }, "2026-05-02")).toBe(true);
    expect(overdue({ dueDate: "2026-05-01", status: "answered" }, "2026-05-02")).toBe(false);
    expect(overdue({ dueDate: null, status: "assigned" }, "2026-05-02")).toBe(false);
  });
});

describe("the proposal share", () => {
  it("is proposals ÷ all letters per fiscal year, by the current kind", () => {
    // FY2025: 1 proposal of 4 → 25%; FY2026: 2 of 3 → 66.7% (one letter reclassified).
    const share = proposalShare([
      { fiscalYear: 2025, kind: "proposal" },
      { fiscalYear: 2025, kind: "request" },
      { fiscalYear: 2025, kind: "complaint" },
      { fiscalYear: 2025, kind: "question" },
      { fiscalYear: 2026, kind: "proposal" },
      { fiscalYear: 2026, kind: "proposal" },
      { fiscalYear: 2026, kind: "request" },
    ]);
    expect(share).toEqual([
      { fiscalYear: 2025, proposals: 1, total: 4, percent: 25 },
      { fiscalYear: 2026, proposals: 2, total: 3, percent: 66.7 },
    ]);
    expect(proposalShare([])).toEqual([]);
  });

  it("finds its indicator by name or definition", () => {
    expect(
      isProposalShareIndicator({
        name: "市民から市政への提案数",
        definition: "「市長へのたより」における提案型の内容の割合",
      }),
    ).toBe(true);
    expect(isProposalShareIndicator({ name: "職員提案の提案数", definition: null })).toBe(false);
  });
});
