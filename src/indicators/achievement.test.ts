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
  type ValueKind,
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
  valueKind: ValueKind = "annual",
): AssessmentInput {
  return {
    baseline: { value: baseline[0], fiscalYear: fy(baseline[1]) },
    target: { form, value, fiscalYear: fy(year) },
    valueKind,
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
      reason:
        "目標値 30 に対し 25（基準値 20 から目標値 30 までの 50.0%、経過年数からの目安 66.7%）",
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
      reason: "目標値 0 に対し 20（基準値 40 から目標値 0 までの 50.0%、経過年数からの目安 50.0%）",
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

cases("各年度の量を合計する指標（sum_of_annual）", [
  [
    "研修会の開催数: 基準値2回(令和2年度)・目標10回(令和7年度)に毎年2回なら累計8回で順調",
    indicator(
      [2, "令和2年度"],
      ["at_least", 10, "令和7年度"],
      { 令和2年度: 2, 令和3年度: 2, 令和4年度: 2, 令和5年度: 2 },
      "sum_of_annual",
    ),
    {
      statusCode: "on_track",
      achievement: 75,
      met: false,
      fiscalYear: 2023,
      comparedValue: 8,
      reason:
        "目標値 10 に対し 累計 8（基準値 2 から目標値 10 までの 75.0%、経過年数からの目安 60.0%）",
    },
  ],
  [
    "小数の累計は入力の桁数で丸める（0.1 + 0.2 = 0.3）",
    indicator([0.1, "令和2年度"], ["at_least", 1, null], { 令和3年度: 0.2 }, "sum_of_annual"),
    { comparedValue: 0.3, statusCode: "in_progress" },
  ],
  [
    "基準値がなければ基準年度より後に入力された量だけを合計する",
    indicator(
      [null, "令和2年度"],
      ["below", 10, null],
      { 令和2年度: 5, 令和3年度: 2, 令和4年度: 3 },
      "sum_of_annual",
    ),
    {
      statusCode: "achieved",
      comparedValue: 5,
      reason: "目標 10未満 に対し 累計 5（満たしています）",
    },
  ],
]);

cases("入力された値がすでに累計の指標（running_total）", [
  [
    "工業団地面積(累計) 55ha(令和元年度) → 69.8ha(令和5年度): 令和3年度に62.4haは入力どおり比べる",
    indicator(
      [55, "令和元年度"],
      ["at_least", 69.8, "令和5年度"],
      { 令和2年度: 58, 令和3年度: 62.4 },
      "running_total",
    ),
    {
      statusCode: "on_track",
      comparedValue: 62.4,
      reason:
        "目標値 69.8 に対し 累計 62.4（基準値 55 から目標値 69.8 までの 50.0%、経過年数からの目安 50.0%）",
    },
  ],
  [
    "公民館改築数(累計) 1棟 → 1棟 は累計1で達成（2にはならない）",
    indicator([1, "平成27年度"], ["at_least", 1, "令和2年度"], { 平成28年度: 1 }, "running_total"),
    {
      statusCode: "achieved",
      comparedValue: 1,
      reason: "目標値 1 に対し 累計 1（基準値 1 から目標値 1 までの 100.0%）",
    },
  ],
]);

const parking = (actuals: Values, target: string | null = "令和5年度") =>
  indicator([null, null], ["at_least", 109, target], actuals);

cases("基準値「なし」・目標年度のない目標", [
  [
    "109台の目標に109台なら基準値がなくても達成",
    parking({ 令和3年度: 109 }),
    { statusCode: "achieved", met: true, achievement: null, missing: ["baseline"] },
  ],
  [
    "基準値がなく目標年度前に届かなければ進行中で、何がないかを言う",
    parking({ 令和3年度: 100 }),
    {
      statusCode: "in_progress",
      achievement: null,
      missing: ["baseline", "baselineYear"],
      reason:
        "目標値 109 に対し 100（満たしていません。基準値・基準年度がないため、進捗率と進み具合は示しません）",
    },
  ],
  [
    "基準値がなく目標年度に届かなければ未達",
    parking({ 令和5年度: 100 }),
    { statusCode: "not_achieved" },
  ],
  [
    "5ヵ年目標で年度がなければ遅れにはしない",
    indicator([20, "令和2年度"], ["at_least", 30, null], { 令和4年度: 21 }),
    {
      statusCode: "in_progress",
      missing: ["targetYear"],
      reason:
        "目標値 30 に対し 21（満たしていません。目標年度がないため、進捗率と進み具合は示しません）",
    },
  ],
  [
    "基準年度だけがなければ進捗率は示し、進み具合は示さない",
    indicator([20, null], ["at_least", 30, "令和5年度"], { 令和4年度: 24 }),
    {
      statusCode: "in_progress",
      achievement: 40,
      missing: ["baselineYear"],
      reason:
        "目標値 30 に対し 24（基準値 20 から目標値 30 までの 40.0%、基準年度が揃わないため進み具合は示しません）",
    },
  ],
]);

const withInterim = (actuals: Values) => ({
  ...indicator([100, "平成27年度"], ["at_least", 200, "令和5年度"], actuals),
  target: {
    form: "at_least" as const,
    value: 200,
    fiscalYear: 2023,
    interim: [{ fiscalYear: 2019, value: 180 }],
  },
});

cases("中間目標: 100(平成27年度) → 中間180(令和元年度) → 200(令和5年度)", [
  [
    "中間目標の年度にちょうど中間目標なら順調（基準値からの直線なら遅れではない）",
    withInterim({ 令和元年度: 180 }),
    {
      statusCode: "on_track",
      expected: 80,
      reason:
        "目標値 200 に対し 180（基準値 100 から目標値 200 までの 80.0%、中間目標を結んだ目安 80.0%）",
    },
  ],
  ["中間目標の年度に179なら遅れ", withInterim({ 令和元年度: 179 }), { statusCode: "behind" }],
  [
    "中間目標の前は基準値と中間目標を結ぶ線で判定（平成29年度の目安は140）",
    withInterim({ 平成29年度: 140 }),
    { statusCode: "on_track", expected: 40 },
  ],
  [
    "中間目標の後は中間目標と最終目標を結ぶ線で判定（令和3年度の目安は190）",
    withInterim({ 令和3年度: 189 }),
    { statusCode: "behind", expected: 90 },
  ],
]);

const milestone = (actuals: AssessmentInput["actuals"], year: number | null = 2023) => ({
  baseline: { value: null, fiscalYear: null },
  target: { form: "milestone" as const, value: null, fiscalYear: year, text: "設置" },
  actuals,
});

cases("文字の目標（milestone）", [
  ["実績がなければ未入力", milestone([]), { statusCode: "no_data" }],
  [
    "達成の印がある実績があれば達成",
    milestone([{ fiscalYear: 2021, value: null, text: "設置", done: true }]),
    { statusCode: "achieved", met: true, reason: "目標「設置」に対し「設置」（達成）" },
  ],
  [
    "目標年度前に未達成なら進行中",
    milestone([{ fiscalYear: 2021, value: null, text: "検討中", done: false }]),
    {
      statusCode: "in_progress",
      reason: "目標「設置」に対し「検討中」（まだ達成していません。目標年度前です）",
    },
  ],
  [
    "目標年度を迎えて未達成なら未達",
    milestone([{ fiscalYear: 2023, value: null, text: "なし", done: false }]),
    { statusCode: "not_achieved" },
  ],
  [
    "目標年度がなければ未達にも遅れにもしない",
    milestone([{ fiscalYear: 2030, value: null, text: "なし", done: false }], null),
    { statusCode: "in_progress", missing: ["targetYear"] },
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
    "基準値「●●%」（未確定）の増加目標は評価不能",
    indicator([null, "令和2年度"], ["increase", null, "令和7年度"], { 令和4年度: 55 }),
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
    "年度が分からなければ時間を考えず、満たしていなければ進行中（遅れにはしない）",
    indicator([20, null], ["at_least", 30, null], { 令和4年度: 29 }),
    { statusCode: "in_progress", achievement: null, met: false },
  ],
]);

it("すべての状態に凡例の説明がある", () => {
  for (const code of Object.keys(STATUS_LABELS) as StatusCode[]) {
    expect(STATUS_DESCRIPTIONS[code]).not.toBe("");
  }
});
