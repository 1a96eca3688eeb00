import { describe, expect, it } from "vitest";
import { proposalMail, proposalSteps } from "./notices.ts";

const at = (d: string) => new Date(`2026-${d}T10:00:00+09:00`);

describe("proposalSteps", () => {
  it("starts the review with the first score only and keeps every decision in order", () => {
    const steps = proposalSteps([
      { action: "staff_proposal.submit", occurredAt: at("04-01"), after: { title: "t" } },
      { action: "staff_proposal.criteria", occurredAt: at("04-02"), after: [] },
      { action: "staff_proposal.score", occurredAt: at("04-03"), after: [] },
      { action: "staff_proposal.score", occurredAt: at("04-04"), after: [] },
      {
        action: "staff_proposal.decide",
        occurredAt: at("04-05"),
        after: { decision: "continued" },
      },
      { action: "staff_proposal.decide", occurredAt: at("05-01"), after: { decision: "adopted" } },
      { action: "staff_proposal.implement", occurredAt: at("06-01"), after: {} },
    ]);
    expect(steps.map((s) => [s.kind, s.decision, s.at.toISOString().slice(0, 10)])).toEqual([
      ["received", null, "2026-04-01"],
      ["review", null, "2026-04-03"],
      ["decided", "continued", "2026-04-05"],
      ["decided", "adopted", "2026-05-01"],
      ["implemented", null, "2026-06-01"],
    ]);
  });

  it("ignores a decision it does not know", () => {
    expect(
      proposalSteps([{ action: "staff_proposal.decide", occurredAt: at("04-05"), after: null }]),
    ).toEqual([{ kind: "decided", at: at("04-05"), decision: null }]);
  });
});

describe("proposalMail", () => {
  const p = {
    number: "2026-0003",
    title: "電子決裁",
    proposerId: 1,
    decision: "not_adopted" as const,
    decisionReason: "既に同様の取組があります。",
    implementation: null,
  };
  it("says the decision and its reason, with the page's address when known", () => {
    const mail = proposalMail(p, "decided", {
      municipalityName: "石岡市",
      url: "https://x.example/082058/manage/proposals/2026-0003",
    });
    expect(mail.subject).toBe("【石岡市】職員提案 2026-0003「電子決裁」: 審査結果（不採用）");
    expect(mail.text).toContain("審査結果: 不採用\n理由: 既に同様の取組があります。");
    expect(mail.text).toContain(
      "提案のページ: https://x.example/082058/manage/proposals/2026-0003",
    );
    expect(proposalMail(p, "review", { municipalityName: "石岡市", url: null }).text).not.toContain(
      "提案のページ",
    );
  });
});
