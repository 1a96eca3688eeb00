/**
 * A synthetic municipality for load tests, written as ordinary plan files (the format of
 * src/plan/plan-file.ts). Its code lies in prefecture 99, which does not exist, and its name
 * says it is a sample. Deterministic: the same options give the same files.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import YAML from "yaml";
import { checkDigit } from "../src/core/municipality-code.ts";
import type {
  IndicatorFile,
  IndicatorKind,
  MeasureFile,
  MunicipalityFile,
  PlanFile,
  TargetForm,
} from "../src/plan/plan-file.ts";

export const SYNTHETIC_NAME = "ベンチマーク市（サンプル）";
/** 99001 + check digit: prefecture 99 is not a real prefecture. */
export const SYNTHETIC_CODE = `99001${checkDigit("99001")}`;

export interface SyntheticOptions {
  measures: number;
  indicatorsPerMeasure: number;
  firstYear: number;
  lastYear: number;
  sections: number;
  initiativesPerMeasure: number;
}

export const DEFAULT_SYNTHETIC: SyntheticOptions = {
  measures: 10,
  indicatorsPerMeasure: 200,
  firstYear: 2014,
  lastYear: 2025,
  sections: 24,
  initiativesPerMeasure: 5,
};

/** mulberry32: a small seeded generator so that every run measures the same data. */
function random(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FORMS: TargetForm[] = [
  "at_least",
  "at_least",
  "at_least",
  "at_most",
  "below",
  "above",
  "increase",
  "decrease",
  "maintain",
  "manage",
  "tbd",
];
const KINDS: IndicatorKind[] = ["outcome", "outcome", "reference", "reference", "activity"];
const UNITS = ["%", "件", "人", "回", "千円", "か所"];
const SUBJECTS = [
  "窓口手続のオンライン化率",
  "市民満足度",
  "研修受講者数",
  "公共施設の延床面積",
  "ふるさと応援寄附金の件数",
  "市税の収納率",
  "地域活動への参加者数",
  "子育て相談の件数",
  "健康診断の受診率",
  "避難訓練の実施回数",
];

const TARGET_TEXT: Partial<Record<TargetForm, string>> = {
  increase: "基準値より 増",
  decrease: "基準値より 減",
  maintain: "維持",
  manage: "指標数管理継続",
  tbd: "調整中",
};

const pad = (n: number, width: number) => String(n).padStart(width, "0");
const round = (x: number) => Math.round(x * 100) / 100;

function indicator(
  code: string,
  n: number,
  rnd: () => number,
  o: SyntheticOptions,
  sectionCodes: string[],
): IndicatorFile {
  const form = FORMS[n % FORMS.length]!;
  const unit = UNITS[n % UNITS.length]!;
  const base = round(10 + rnd() * 90);
  const lowerIsBetter = form === "at_most" || form === "below" || form === "decrease";
  const slope = (lowerIsBetter ? -1 : 1) * base * (0.005 + rnd() * 0.04);
  const numeric = form === "at_least" || form === "at_most" || form === "below" || form === "above";
  const targetValue = numeric ? round(base + slope * (o.lastYear - o.firstYear + 2)) : null;
  const actuals = [];
  for (let fy = o.firstYear; fy <= o.lastYear; fy++) {
    // A few years without a figure yet, as real registries have.
    const missing = rnd() < 0.04 || (fy === o.lastYear && rnd() < 0.3);
    const value = round(base + slope * (fy - o.firstYear) * (0.6 + rnd() * 0.8));
    actuals.push(
      missing
        ? { fiscalYear: fy, value: null, estimate: false, note: "集計中" }
        : {
            fiscalYear: fy,
            value,
            estimate: false,
            ...(rnd() < 0.1 ? { source: "業務統計（架空）" } : {}),
          },
    );
  }
  const targetText = numeric
    ? `${targetValue}${unit}${form === "below" ? "未満" : form === "above" ? "超" : ""}`
    : (TARGET_TEXT[form] ?? "調整中");
  const sections =
    n % 7 === 0
      ? []
      : [sectionCodes[n % sectionCodes.length]!, sectionCodes[(n * 5 + 3) % sectionCodes.length]!];
  return {
    code,
    kind: KINDS[n % KINDS.length]!,
    name: `${SUBJECTS[n % SUBJECTS.length]}（サンプル指標${n + 1}）`,
    definition: n % 3 === 0 ? `架空の指標 ${code} の定義（ベンチマーク用）` : undefined,
    unit,
    decimals: unit === "%" ? 1 : undefined,
    challenge: n % 9 === 0,
    valueKind: n % 13 === 0 ? "sum_of_annual" : "annual",
    yearKind: "fiscal",
    reposted: false,
    sections: [...new Set(sections)],
    baseline: { value: base, fiscalYear: o.firstYear, text: `${base}${unit}` },
    target: {
      form,
      value: targetValue,
      fiscalYear: form === "tbd" ? null : o.lastYear + 2,
      text: targetText,
      interim: [],
    },
    actuals,
  };
}

export function syntheticFiles(o: SyntheticOptions = DEFAULT_SYNTHETIC) {
  const rnd = random(20240401);
  const sectionCodes = Array.from({ length: o.sections }, (_, i) => `ka-${pad(i + 1, 2)}`);
  const municipality: MunicipalityFile = {
    code: SYNTHETIC_CODE,
    name: SYNTHETIC_NAME,
    prefecture: "ベンチマーク県（サンプル）",
    bodyKind: "city",
    sections: sectionCodes.map((code, i) => ({
      code,
      name: `サンプル第${i + 1}課`,
      kind: "section",
    })),
    note: "性能測定用の架空の団体です（bench/synthetic.ts が生成）。実在の団体ではありません。",
  };
  let n = 0;
  const measures: MeasureFile[] = Array.from({ length: o.measures }, (_, i) => {
    const mc = `BM-${pad(i + 1, 2)}`;
    return {
      code: mc,
      number: i + 1,
      priority: i < 2,
      title: `サンプル基本施策${i + 1}`,
      summary: `ベンチマーク用の架空の基本施策です（${o.indicatorsPerMeasure}指標）。`,
      sections: [sectionCodes[i % sectionCodes.length]!],
      blocks: [
        {
          kind: "paragraphs",
          role: "desired_state",
          title: "あるべき将来の姿",
          paragraphs: ["架空の将来像です。"],
        },
        {
          kind: "list",
          role: "issues",
          title: "課題",
          items: ["架空の課題その1", "架空の課題その2"],
        },
      ],
      initiatives: Array.from({ length: o.initiativesPerMeasure }, (_, j) => ({
        code: `${mc}-T${j + 1}`,
        title: `サンプル取組${i + 1}-${j + 1}`,
        description: "架空の取組内容です。",
        challenge: j === 0,
        indicators: [],
        children: [],
        sections: [sectionCodes[(i + j) % sectionCodes.length]!],
      })),
      indicators: Array.from({ length: o.indicatorsPerMeasure }, (_, k) =>
        indicator(`${mc}-I${pad(k + 1, 3)}`, n++, rnd, o, sectionCodes),
      ),
    };
  });
  const plan: PlanFile = {
    municipality: SYNTHETIC_CODE,
    code: "bench-plan",
    title: "ベンチマーク総合計画（サンプル）",
    kind: "comprehensive",
    period: { from: o.firstYear, to: o.lastYear + 2 },
    note: "性能測定用の架空の計画です。",
    policy: {
      code: "BM",
      title: "ベンチマーク総合計画（サンプル）",
      blocks: [
        {
          kind: "paragraphs",
          role: "explanation",
          title: "この計画について",
          paragraphs: ["性能測定のために生成した架空の計画です。"],
        },
      ],
      indicators: [],
    },
    measures,
  };
  return { municipality, plan, indicatorCount: n };
}

/** Writes `<dir>/municipality.yaml` and `<dir>/plans/bench-plan.yaml`; returns the folder. */
export async function writeSynthetic(dir: string, o: SyntheticOptions = DEFAULT_SYNTHETIC) {
  const { municipality, plan, indicatorCount } = syntheticFiles(o);
  await mkdir(path.join(dir, "plans"), { recursive: true });
  // Drop `undefined` fields so the YAML reads like a hand-written file.
  const yaml = (x: unknown) => YAML.stringify(JSON.parse(JSON.stringify(x)), { lineWidth: 0 });
  const planYaml = yaml(plan);
  await writeFile(path.join(dir, "municipality.yaml"), yaml(municipality));
  await writeFile(path.join(dir, "plans", "bench-plan.yaml"), planYaml);
  return {
    dir,
    code: SYNTHETIC_CODE,
    indicatorCount,
    sampleIndicator: plan.measures[4]?.indicators[100]?.code ?? "BM-01-I001",
    planBytes: Buffer.byteLength(planYaml),
  };
}
