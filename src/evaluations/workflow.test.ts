import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Role } from "../accounts/schema.ts";
import type { EvaluationContent } from "./evaluation.ts";
import {
  ACTIONS,
  type Actor,
  availableActions,
  countingDirection,
  EVALUATION_STATES,
  type EvaluationAction,
  type EvaluationState,
  editableParts,
  finalDirection,
  STATE_LABELS,
  TRANSITIONS,
  transition,
} from "./workflow.ts";

const content: EvaluationContent = {
  self: {
    ratings: { necessity: "A", effectiveness: "B", efficiency: "B", equity: "A" },
    findings: "参加者数は増えたが、周知に課題がある",
    direction: "continue",
    reason: "市民ニーズが高い",
  },
  secondary: { direction: "reduce", comment: "対象を見直し、規模を縮小すること" },
};
/** 市民協働課 (kyodo) の事務事業. */
const program = { sectionCodes: ["kyodo"] };
const editor: Actor = { role: "editor", sectionCodes: ["kyodo"] };
const otherEditor: Actor = { role: "editor", sectionCodes: ["kanko"] };
const planner: Actor = { role: "planner", sectionCodes: ["gyokaku"] };
const admin: Actor = { role: "admin", sectionCodes: [] };
const viewer: Actor = { role: "viewer", sectionCodes: ["kyodo"] };

const act = (state: EvaluationState, action: EvaluationAction, actor: Actor, c = content) =>
  transition({ state, action, actor, program, content: c });

describe("一次評価の提出", () => {
  it("担当課の入力担当は、作成中の一次評価を提出できる", () => {
    expect(act("draft", "submit", editor)).toEqual({ ok: true, state: "submitted" });
  });
  it("他課の入力担当は提出できない", () => {
    expect(act("draft", "submit", otherEditor)).toEqual({
      ok: false,
      message: "この事務事業の担当課に所属していないため、「提出」を行えません",
    });
  });
  it("閲覧者は自課の事務事業でも提出できない", () => {
    expect(act("draft", "submit", viewer)).toEqual({
      ok: false,
      message: "「提出」は入力担当以上の役割の方が行えます（あなたの役割: 閲覧者）",
    });
  });
  it("企画担当と管理者は、どの課の事務事業でも提出できる", () => {
    expect(act("draft", "submit", planner).ok).toBe(true);
    expect(act("draft", "submit", admin).ok).toBe(true);
  });
  it("一次評価に不足があれば、不足を示して提出を断る", () => {
    const incomplete = { ...content, self: { ...content.self, direction: null, reason: "" } };
    expect(act("draft", "submit", editor, incomplete)).toEqual({
      ok: false,
      message:
        "一次評価に不足があるため「提出」を行えません: 今後の方向性が未選択です、今後の方向性の理由が未入力です",
    });
  });
  it("提出済の評価を再び提出することはできない", () => {
    expect(act("submitted", "submit", editor)).toEqual({
      ok: false,
      message: "提出済の評価には「提出」を行えません（作成中の評価のみ）",
    });
  });
});

describe("二次評価と公表（行革推進課）", () => {
  it("企画担当は提出済の評価の二次評価を確定し、二次評価済の評価を公表する", () => {
    expect(act("submitted", "review", planner)).toEqual({ ok: true, state: "reviewed" });
    expect(act("reviewed", "publish", planner)).toEqual({ ok: true, state: "published" });
  });
  it("入力担当は、自課の事務事業でも二次評価・公表・差し戻しはできない", () => {
    expect(act("submitted", "review", editor)).toEqual({
      ok: false,
      message: "「二次評価の確定」は企画担当以上の役割の方が行えます（あなたの役割: 入力担当）",
    });
    expect(act("reviewed", "publish", editor).ok).toBe(false);
    expect(act("submitted", "sendBack", editor).ok).toBe(false);
  });
  it("二次評価の方向性かコメントがなければ確定できない", () => {
    const result = act("submitted", "review", planner, { ...content, secondary: null });
    expect(result).toEqual({
      ok: false,
      message:
        "二次評価に不足があるため「二次評価の確定」を行えません: 二次評価の今後の方向性が未選択です、二次評価のコメントが未入力です",
    });
  });
  it("二次評価を経ずに公表することはできない", () => {
    expect(act("submitted", "publish", planner)).toEqual({
      ok: false,
      message: "提出済の評価には「公表」を行えません（二次評価済の評価のみ）",
    });
    expect(act("draft", "publish", admin).ok).toBe(false);
  });
});

describe("差し戻し", () => {
  it("企画担当は提出済・二次評価済の評価を作成中に差し戻せる", () => {
    expect(act("submitted", "sendBack", planner)).toEqual({ ok: true, state: "draft" });
    expect(act("reviewed", "sendBack", planner)).toEqual({ ok: true, state: "draft" });
  });
  it("作成中・公表済の評価は差し戻せない", () => {
    expect(act("draft", "sendBack", planner).ok).toBe(false);
    expect(act("published", "sendBack", admin)).toEqual({
      ok: false,
      message: "公表済の評価には「差し戻し」を行えません（提出済・二次評価済の評価のみ）",
    });
  });
});

describe("行える操作と編集できる部分", () => {
  it.each([
    ["作成中", "draft", "担当課の入力担当", editor, ["submit"]],
    ["作成中", "draft", "他課の入力担当", otherEditor, []],
    ["作成中", "draft", "企画担当", planner, ["submit"]],
    ["作成中", "draft", "閲覧者", viewer, []],
    ["提出済", "submitted", "担当課の入力担当", editor, []],
    ["提出済", "submitted", "企画担当", planner, ["review", "sendBack"]],
    ["二次評価済", "reviewed", "管理者", admin, ["publish", "sendBack"]],
    ["公表済", "published", "管理者", admin, []],
  ] as const)("%sの評価で%sが行える操作は %j", (_label, state, _who, actor, actions) => {
    expect(availableActions(state, actor, program)).toEqual(actions);
  });
  it("一次評価は作成中に担当課が、二次評価は提出済のときに企画担当が編集する", () => {
    expect(editableParts("draft", editor, program)).toEqual({ self: true, secondary: false });
    expect(editableParts("draft", otherEditor, program)).toEqual({ self: false, secondary: false });
    expect(editableParts("submitted", editor, program)).toEqual({ self: false, secondary: false });
    expect(editableParts("submitted", planner, program)).toEqual({ self: false, secondary: true });
    expect(editableParts("published", admin, program)).toEqual({ self: false, secondary: false });
  });
});

describe("採用される方向性", () => {
  it("二次評価が確定するまでは一次評価の方向性、確定後は二次評価の方向性", () => {
    expect(finalDirection("submitted", content)).toBe("continue");
    expect(finalDirection("reviewed", content)).toBe("reduce");
    expect(finalDirection("published", content)).toBe("reduce");
    expect(finalDirection("published", { ...content, secondary: null })).toBe("continue");
  });
  it("どちらの方向性かも分かり、未記入なら方向性なし", () => {
    expect(countingDirection("submitted", content)).toEqual({ direction: "continue", by: "self" });
    expect(countingDirection("reviewed", content)).toEqual({
      direction: "reduce",
      by: "secondary",
    });
    const blank = { ...content, self: { ...content.self, direction: null }, secondary: null };
    expect(countingDirection("draft", blank)).toBeNull();
  });
});

describe("遷移の性質", () => {
  const roles: Role[] = ["viewer", "editor", "planner", "admin"];
  const state = fc.constantFrom(...EVALUATION_STATES);
  const action = fc.constantFrom(...ACTIONS);
  const actor = fc.record({
    role: fc.constantFrom(...roles),
    sectionCodes: fc.subarray(["kyodo", "kanko", "gyokaku"]),
  });

  it("成功した遷移は規則どおりの状態に移り、閲覧者は何も行えない", () => {
    fc.assert(
      fc.property(state, action, actor, (s, a, who) => {
        const result = act(s, a, who);
        if (result.ok) {
          expect(TRANSITIONS[a].from).toContain(s);
          expect(result.state).toBe(TRANSITIONS[a].to);
          expect(who.role).not.toBe("viewer");
        } else {
          expect(result.message).not.toBe("");
        }
      }),
    );
  });
  it("役割は累積的: ある役割で行える操作は、より上位の役割でも行える", () => {
    fc.assert(
      fc.property(state, action, actor, (s, a, who) => {
        if (!act(s, a, who).ok) return;
        for (const higher of roles.slice(roles.indexOf(who.role)))
          expect(act(s, a, { ...who, role: higher }).ok).toBe(true);
      }),
    );
  });
  it("どの操作の列でも、公表済になるのは二次評価済からだけ", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(action, actor), { maxLength: 12 }), (steps) => {
        let s: EvaluationState = "draft";
        for (const [a, who] of steps) {
          const result = act(s, a, who);
          if (!result.ok) continue;
          if (result.state === "published") expect(s).toBe("reviewed");
          s = result.state;
        }
        expect(Object.keys(STATE_LABELS)).toContain(s);
      }),
    );
  });
});
