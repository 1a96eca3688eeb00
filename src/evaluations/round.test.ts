import { describe, expect, it } from "vitest";
import { DEFAULT_RATING_SCALE, ratingMeanings } from "./evaluation.ts";
import {
  checkEvaluationRound,
  type EvaluationRound,
  evaluationReminders,
  overduePrograms,
  type RoundProgram,
  selfEvaluationClosed,
} from "./round.ts";
import { orphanedRatings } from "./scale-store.ts";

const round: EvaluationRound = {
  fiscalYear: 2024,
  deadline: "2025-07-31",
  openedBy: "user:2 planner@demo.invalid",
  openedAt: new Date("2025-06-01T00:00:00Z"),
  closedAt: null,
  closedBy: null,
};
const gyokaku = { code: "gyokaku-suishin", name: "行革推進課" };
const shimin = { code: "shimin", name: "市民課" };
const programs: RoundProgram[] = [
  { code: "P-2", name: "二", section: gyokaku, state: "draft" },
  { code: "P-1", name: "一", section: gyokaku, state: "submitted" },
  { code: "P-3", name: "三", section: shimin, state: "draft" },
];
/** Noon in Japan on a date. */
const at = (date: string) => new Date(`${date}T03:00:00Z`);
const staff = [
  {
    userId: 3,
    email: "editor@x.invalid",
    displayName: "入力",
    role: "editor" as const,
    sectionCodes: ["gyokaku-suishin"],
  },
  {
    userId: 4,
    email: "viewer@x.invalid",
    displayName: "閲覧",
    role: "viewer" as const,
    sectionCodes: ["shimin"],
  },
  {
    userId: 5,
    email: "shimin@x.invalid",
    displayName: "",
    role: "editor" as const,
    sectionCodes: ["shimin"],
  },
];
const municipality = { code: "082058", name: "石岡市" };

describe("evaluation rounds", () => {
  it("lists programs not submitted only after the deadline day, by code", () => {
    expect(overduePrograms(round, programs, at("2025-07-31"))).toEqual([]);
    expect(overduePrograms(round, programs, at("2025-08-01")).map((p) => p.code)).toEqual([
      "P-2",
      "P-3",
    ]);
  });

  it("freezes self-evaluations of a closed round for editors, not planners", () => {
    const closed = { closedAt: new Date() };
    expect(selfEvaluationClosed(closed, "editor")).toBe(true);
    expect(selfEvaluationClosed(closed, "planner")).toBe(false);
    expect(selfEvaluationClosed({ closedAt: null }, "editor")).toBe(false);
    expect(selfEvaluationClosed(undefined, "editor")).toBe(false);
  });

  it("checks the year and the deadline of a round to open", () => {
    expect(checkEvaluationRound({ fiscalYear: 2024, deadline: "2025年7月31日" }, [])).toEqual({
      ok: true,
      value: "2025-07-31",
    });
    const twice = checkEvaluationRound({ fiscalYear: 2024, deadline: "2025-07-31" }, [round]);
    expect(twice.ok ? [] : twice.details.map((d) => d.location)).toEqual(["fiscalYear"]);
    const early = checkEvaluationRound({ fiscalYear: 2024, deadline: "2024-03-31" }, []);
    expect(early.ok ? [] : early.details.map((d) => d.location)).toEqual(["deadline"]);
    const bad = checkEvaluationRound({ fiscalYear: 2024, deadline: "いつか" }, []);
    expect(bad.ok ? "" : bad.details[0]!.message).toContain("日付として読み取れません");
  });

  it("reminds each editor of their sections' unsubmitted programs 7 days before and on the day", () => {
    expect(
      evaluationReminders({ municipality, round, programs, staff, now: at("2025-07-23") }),
    ).toEqual([]);
    const before = evaluationReminders({
      municipality,
      round,
      programs,
      staff,
      now: at("2025-07-24"),
    });
    expect(before.map((r) => [r.key, r.to])).toEqual([
      ["evaluation-reminder/082058/2024/before/3", "editor@x.invalid"],
      ["evaluation-reminder/082058/2024/before/5", "shimin@x.invalid"],
    ]);
    expect(before[0]!.subject).toContain("あと7日");
    expect(before[0]!.text).toContain("・P-2 二");
    expect(before[0]!.text).not.toContain("P-1");
    expect(before[0]!.text).toContain("/082058/manage/evaluations?fy=2024");
    const due = evaluationReminders({
      municipality,
      round,
      programs,
      staff,
      now: at("2025-07-31"),
    });
    expect(due.map((r) => r.key)).toContain("evaluation-reminder/082058/2024/due/3");
    expect(due[0]!.subject).toContain("本日");
    expect(
      evaluationReminders({ municipality, round, programs, staff, now: at("2025-08-01") }),
    ).toEqual([]);
    const closed = { ...round, closedAt: new Date() };
    expect(
      evaluationReminders({ municipality, round: closed, programs, staff, now: at("2025-07-31") }),
    ).toEqual([]);
  });
});

describe("rating scale", () => {
  it("refuses to drop a level used beyond the draft, naming where", () => {
    const used = [
      { code: "C", programCode: "P-1", fiscalYear: 2024, aspect: "equity" as const },
      { code: "A", programCode: "P-1", fiscalYear: 2024, aspect: "necessity" as const },
    ];
    const ab = { levels: DEFAULT_RATING_SCALE.levels.slice(0, 2) };
    expect(orphanedRatings(DEFAULT_RATING_SCALE, used)).toEqual([]);
    const problems = orphanedRatings(ab, used);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.message).toContain("段階「C」");
    expect(problems[0]!.message).toContain("P-1（令和6年度・公平性）");
  });

  it("says what each given rating means on the scale", () => {
    expect(
      ratingMeanings(
        { necessity: "A", effectiveness: null, efficiency: "Z", equity: "C" },
        DEFAULT_RATING_SCALE,
      ),
    ).toEqual([
      "必要性 A：市が関与して実施する必要性が高い",
      "公平性 C：受益が偏っている、または受益と負担の関係が適正でない",
    ]);
  });
});
