import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseFiscalYear } from "../core/fiscal-year.ts";
import {
  type Assessment,
  type AssessmentInput,
  assess,
  STATUS_DESCRIPTIONS,
  STATUS_LABELS,
  type StatusCode,
  type TargetForm,
} from "./achievement.ts";

/** "令和2年度" → 2020, so the cases below read like the plan. */
function fy(text: string | null): number | null {
  if (text === null) return null;
  const result = parseFiscalYear(text);
  if (!result.ok) throw new Error(result.message);
  return result.fiscalYear;
}

type Values = Record<string, number | null>;

/** 基準値 [値, 年度]・目標 [形式, 値, 年度]・実績 {年度: 値} */
function indicator(
  baseline: [number | null, string | null],
  [form, value, year]: [TargetForm, number | null, string | null],
  actuals: Values,
  cumulative = false,
): AssessmentInput {
  return {
    baseline: { value: baseline[0], fiscalYear: fy(baseline[1]) },
    target: { form, value, fiscalYear: fy(year) },
    cumulative,
    actuals: Object.entries(actuals).map(([y, v]) => ({ fiscalYear: fy(y) ?? 0, value: v })),
  };
}

type Case = [string, AssessmentInput, Partial<Assessment>];

function cases(title: string, table: Case[]) {
  describe(title, () => {
    it.each(table)("%s", (_sentence, input, expected) => {
      expect(assess(input)).toMatchObject(expected);
    });
  });
}

const proposals = (actuals: Values) =>
  indicator([20, "令和2年度"], ["at_least", 30, "令和5年度"], actuals);

cases("職員提案の提案数: 基準値20件(令和2年度)・目標30件以上(令和5年度)", [
  [
    "令和4年度に25件なら達成率50%が目安66.7%に届かず遅れ",
    proposals({ 令和3年度: 22, 令和4年度: 25 }),
    {
      statusCode: "behind",
      status: "遅れ",
      achievement: 50,
      met: false,
      fiscalYear: 2022,
      comparedValue: 25,
      reason: "目標値 30 に対し 25（達成率 50.0%、経過年数からの目安 66.7%）",
    },
  ],
  ["令和3年度に25件なら目安33.3%を超えて順調", proposals({ 令和3年度: 25 }), { status: "順調" }],
  [
    "令和4年度に31件なら達成（達成率は100%で頭打ち）",
    proposals({ 令和4年度: 31 }),
    { statusCode: "achieved", achievement: 100, met: true },
  ],
  [
    "目標年度の令和5年度に28件なら未達",
    proposals({ 令和5年度: 28 }),
    { statusCode: "not_achieved", status: "未達", achievement: 80 },
  ],
  [
    "評価するのは値が入力された最新の年度",
    proposals({ 令和5年度: null, 令和4年度: 25, 令和3年度: 30 }),
    { fiscalYear: 2022, comparedValue: 25 },
  ],
  ["基準値を下回っても達成率は0%", proposals({ 令和3年度: 15 }), { achievement: 0 }],
]);

const deficit = (actuals: Values) =>
  indicator([null, null], ["below", 12.58, "令和7年度"], actuals);

cases("上限・下限（未満・超）は基準値なしで判定する", [
  [
    "実質赤字比率 −5.76% は 12.58%未満 を満たす",
    deficit({ 令和5年度: -5.76 }),
    { statusCode: "achieved", achievement: null, met: true },
  ],
  [
    "ちょうど 12.58% は 12.58%未満 を満たさず、目標年度前なら遅れ",
    deficit({ 令和5年度: 12.58 }),
    { statusCode: "behind", met: false, reason: "目標 12.58未満 に対し 12.58（満たしていません）" },
  ],
  ["目標年度に 12.58% なら未達", deficit({ 令和7年度: 12.58 }), { statusCode: "not_achieved" }],
  [
    "人口の社会増減 0人超 は 12人で満たす",
    indicator([null, null], ["above", 0, null], { 令和4年度: 12 }),
    { statusCode: "achieved", reason: "目標 0超 に対し 12（満たしています）" },
  ],
]);

const waiting = (actuals: Values) =>
  indicator([40, "令和2年度"], ["at_most", 0, "令和6年度"], actuals);

cases("減らす目標: 待機児童数 40人(令和2年度) → 0人以下(令和6年度)", [
  [
    "令和4年度に20人なら半分進んで順調",
    waiting({ 令和4年度: 20 }),
    {
      statusCode: "on_track",
      reason: "目標値 0 に対し 20（達成率 50.0%、経過年数からの目安 50.0%）",
    },
  ],
  [
    "令和4年度に30人なら遅れ",
    waiting({ 令和4年度: 30 }),
    { statusCode: "behind", achievement: 25 },
  ],
  [
    "令和6年度に0人なら達成",
    waiting({ 令和6年度: 0 }),
    { statusCode: "achieved", achievement: 100 },
  ],
  [
    "増えてしまえば達成率は0%",
    waiting({ 令和3年度: 45 }),
    { statusCode: "behind", achievement: 0 },
  ],
]);

const rate = (actuals: Values) =>
  indicator([95, "令和2年度"], ["at_least", 95, "令和7年度"], actuals);

cases("基準値と目標値が同じ95%（現状維持の数値目標）", [
  [
    "95%を保てば達成（100%）",
    rate({ 令和4年度: 95 }),
    { statusCode: "achieved", achievement: 100 },
  ],
  ["94%なら達成率0%で遅れ", rate({ 令和4年度: 94 }), { statusCode: "behind", achievement: 0 }],
  ["目標年度に94%なら未達", rate({ 令和7年度: 94 }), { statusCode: "not_achieved" }],
]);

cases("累計で数える指標", [
  [
    "研修会の開催数: 基準値2回(令和2年度)・目標10回(令和7年度)に毎年2回なら累計8回で順調",
    indicator(
      [2, "令和2年度"],
      ["at_least", 10, "令和7年度"],
      { 令和2年度: 2, 令和3年度: 2, 令和4年度: 2, 令和5年度: 2 },
      true,
    ),
    {
      statusCode: "on_track",
      achievement: 75,
      met: false,
      fiscalYear: 2023,
      comparedValue: 8,
      reason: "目標値 10 に対し 累計 8（達成率 75.0%、経過年数からの目安 60.0%）",
    },
  ],
  [
    "小数の累計は入力の桁数で丸める（0.1 + 0.2 = 0.3）",
    indicator([0.1, "令和2年度"], ["at_least", 1, null], { 令和3年度: 0.2 }, true),
    { comparedValue: 0.3, statusCode: "behind" },
  ],
  [
    "基準値が未確定なら未満の目標でも累計できず評価不能",
    indicator([null, "令和2年度"], ["below", 10, null], { 令和3年度: 2 }, true),
    { statusCode: "not_assessable", reason: "基準値が未確定のため評価できません" },
  ],
]);

const visitors = (form: TargetForm, actuals: Values) =>
  indicator([1200, "令和2年度"], [form, null, "令和7年度"], actuals);

cases("増加・減少・維持は基準値 1,200人 と比べる", [
  [
    "1,234.5人に増えれば達成",
    visitors("increase", { 令和4年度: 1234.5 }),
    { statusCode: "achieved", reason: "基準値 1,200 に対し 1,234.5（増加）" },
  ],
  ["1,200人のままでは増加ではなく遅れ", visitors("increase", { 令和4年度: 1200 }), { met: false }],
  [
    "減少目標は1,100人なら達成",
    visitors("decrease", { 令和4年度: 1100 }),
    { statusCode: "achieved" },
  ],
  [
    "減少目標で目標年度に1,300人なら未達",
    visitors("decrease", { 令和7年度: 1300 }),
    { statusCode: "not_achieved" },
  ],
  ["維持は基準値と同じなら達成", visitors("maintain", { 令和4年度: 1200 }), { met: true }],
  [
    "維持は基準値を下回れば遅れ",
    visitors("maintain", { 令和4年度: 1199 }),
    { statusCode: "behind", reason: "基準値 1,200 に対し 1,199（基準値を下回っています）" },
  ],
]);

cases("評価できない・未入力", [
  [
    "基準値「●●%」（未確定）の指標は評価不能",
    indicator([null, "令和2年度"], ["at_least", 60, "令和7年度"], { 令和4年度: 55 }),
    { statusCode: "not_assessable", status: "評価不能", achievement: null, met: null },
  ],
  [
    "目標が「調整中」なら実績がなくても評価不能",
    indicator([10, "令和2年度"], ["tbd", null, null], {}),
    { statusCode: "not_assessable", reason: "目標が調整中のため評価できません" },
  ],
  [
    "管理を継続する指標は評価不能",
    indicator([null, null], ["manage", null, null], { 令和4年度: 3 }),
    { reason: "数値目標ではなく管理を継続する指標です" },
  ],
  [
    "実績がひとつも入力されていなければ未入力（基準値の未確定より先）",
    indicator([null, null], ["at_least", 30, null], { 令和4年度: null }),
    { statusCode: "no_data", status: "未入力", reason: "実績値が未入力です" },
  ],
  [
    "年度が分からなければ時間を考えず、満たしていなければ遅れ",
    indicator([20, null], ["at_least", 30, null], { 令和4年度: 29 }),
    { statusCode: "behind", achievement: 90 },
  ],
]);

it("すべての状態に凡例の説明がある", () => {
  for (const code of Object.keys(STATUS_LABELS) as StatusCode[]) {
    expect(STATUS_DESCRIPTIONS[code]).not.toBe("");
  }
});

const FORMS: TargetForm[] = ["at_least", "at_most", "below", "above", "increase", "decrease"];
const ALL_FORMS: TargetForm[] = [...FORMS, "maintain", "manage", "tbd"];
const MIRROR: Partial<Record<TargetForm, TargetForm>> = {
  at_least: "at_most",
  at_most: "at_least",
  below: "above",
  above: "below",
  increase: "decrease",
  decrease: "increase",
};
const RANK: Record<StatusCode, number> = {
  achieved: 3,
  on_track: 2,
  behind: 1,
  not_achieved: 1, // behind and not_achieved never compete: the fiscal years decide which
  not_assessable: 0,
  no_data: 0,
};

function inputs(value: fc.Arbitrary<number>, forms = ALL_FORMS): fc.Arbitrary<AssessmentInput> {
  const year = fc.integer({ min: 2015, max: 2035 });
  const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
  return fc.record({
    baseline: fc.record({ value: maybe(value), fiscalYear: maybe(year) }),
    target: fc.record({
      form: fc.constantFrom(...forms),
      value: maybe(value),
      fiscalYear: maybe(year),
    }),
    cumulative: fc.boolean(),
    actuals: fc.array(fc.record({ fiscalYear: year, value: maybe(value) }), { maxLength: 6 }),
  });
}

const plainNumbers = fc.oneof(
  fc.integer({ min: -1000, max: 1000 }),
  fc.integer({ min: -100000, max: 100000 }).map((n) => n / 100),
);

describe("どんな入力でも", () => {
  it("達成率は0〜100かnullで、NaNやInfinityは出ず、例外も投げない", () => {
    fc.assert(
      fc.property(inputs(fc.double()), (input) => {
        const result = assess(input);
        if (result.achievement !== null) {
          expect(result.achievement).toBeGreaterThanOrEqual(0);
          expect(result.achievement).toBeLessThanOrEqual(100);
        }
        for (const n of [result.achievement, result.comparedValue, result.fiscalYear]) {
          if (n !== null) expect(Number.isFinite(n)).toBe(true);
        }
        expect(result.reason).not.toMatch(/NaN|Infinity|∞/);
        expect(result.status).toBe(STATUS_LABELS[result.statusCode]);
      }),
      { numRuns: 500 },
    );
  });

  it("符号を反転して以上↔以下・未満↔超・増加↔減少を入れ替えても同じ評価（鏡像対称）", () => {
    const values = fc.oneof(plainNumbers, fc.double({ noNaN: true }));
    fc.assert(
      fc.property(inputs(values, FORMS), (input) => {
        const neg = (v: number | null) => (v === null ? null : -v);
        const mirrored: AssessmentInput = {
          baseline: { ...input.baseline, value: neg(input.baseline.value) },
          target: {
            ...input.target,
            form: MIRROR[input.target.form]!,
            value: neg(input.target.value),
          },
          cumulative: input.cumulative,
          actuals: input.actuals.map((a) => ({ ...a, value: neg(a.value) })),
        };
        const [a, b] = [assess(input), assess(mirrored)];
        expect([b.statusCode, b.achievement]).toEqual([a.statusCode, a.achievement]);
      }),
      { numRuns: 500 },
    );
  });

  it("以上の目標では、実績がよいほど達成率も状態も悪くならない（単調性）", () => {
    const year = fc.integer({ min: 2015, max: 2035 });
    const args = [inputs(plainNumbers, ["at_least"]), year, plainNumbers, plainNumbers] as const;
    fc.assert(
      fc.property(...args, (input, fiscalYear, x, y) => {
        const withActual = (value: number) =>
          assess({ ...input, actuals: [...input.actuals, { fiscalYear, value }] });
        const [worse, better] = [withActual(Math.min(x, y)), withActual(Math.max(x, y))];
        expect(RANK[better.statusCode]).toBeGreaterThanOrEqual(RANK[worse.statusCode]);
        if (worse.achievement !== null && better.achievement !== null) {
          expect(better.achievement).toBeGreaterThanOrEqual(worse.achievement);
        }
      }),
      { numRuns: 500 },
    );
  });
});
