/**
 * The demo's sample citizen survey (「サンプル」: not in the plan, linked to no indicator): a
 * generated frame of Ishioka-sized strata, a sample of 2,000 drawn with a fixed seed and 1,000
 * generated answers — the same every time — in which older people answer more often and
 * agree more, so that the weighted and unweighted shares differ as they do in real surveys.
 */
import { audit, SYSTEM_ACTOR } from "../core/audit.ts";
import type { Db } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import type { Answers } from "./questionnaire.ts";
import { readQuestionnaire } from "./questionnaire.ts";
import { newAccessCode } from "./rules.ts";
import { drawSample, uniform } from "./sampling.ts";
import { surveyResponses, surveyStrata, surveys } from "./schema.ts";

const SEED = "082058-sample-2026";
const AGES = ["18〜29歳", "30〜39歳", "40〜49歳", "50〜59歳", "60〜69歳", "70歳以上"];
/** Population per sex and area of each age band (a made-up city of about 63,000 adults). */
const PEOPLE = [3000, 3300, 4200, 4300, 5000, 6800];
const AREAS: [string, number][] = [
  ["石岡地区", 0.7],
  ["八郷地区", 0.3],
];
const SEXES: [string, number][] = [
  ["男性", 0.99],
  ["女性", 1.01],
];

export const SAMPLE_QUESTIONNAIRE = `sections:
  - title: 市役所について
    easy: しやくしょ の こと
    questions:
      - key: q1
        kind: likert
        text: 市役所が、常に改善・改革に取り組むチャレンジ精神を持っていると感じますか
        easy: しやくしょ は いつも よく なるように がんばって いると おもいますか
        required: true
        options:
          - { key: "5", text: そう思う, easy: そう おもう }
          - { key: "4", text: ややそう思う, easy: すこし そう おもう }
          - { key: "3", text: どちらともいえない, easy: わからない }
          - { key: "2", text: あまりそう思わない, easy: あまり おもわない }
          - { key: "1", text: そう思わない, easy: おもわない }
      - key: q2
        kind: single
        text: 市役所の窓口の対応に満足していますか
        easy: しやくしょ の まどぐち は よかったですか
        options:
          - { key: "yes", text: 満足している }
          - { key: "neutral", text: どちらともいえない }
          - { key: "no", text: 満足していない }
      - key: q3
        kind: multiple
        text: 市の情報をどこで得ていますか（いくつでも）
        easy: しの おしらせ を どこで みますか
        options:
          - { key: koho, text: 広報紙 }
          - { key: web, text: 市のホームページ }
          - { key: sns, text: SNS }
          - { key: kairan, text: 回覧板 }
  - title: くわしく
    easy: もうすこし おしえて ください
    questions:
      - key: q4
        kind: text
        text: そう思わない理由をお書きください
        easy: そう おもわない りゆう を かいて ください
        showIf: { question: q1, anyOf: ["1", "2"] }
      - key: q5
        kind: numeric
        text: この1年に市役所へ来た回数
        easy: この 1ねん に しやくしょ に きた かいすう
        min: 0
        max: 365
        unit: 回
`;

/** One generated respondent's answers: older people agree more; all from the seed. */
function answersOf(age: number, key: string): Answers {
  const u = (k: number) => uniform(SEED, `answer|${key}`, k);
  const agree = 0.25 + age * 0.06;
  const r = u(0);
  const q1 =
    r < agree * 0.45 ? "5" : r < agree ? "4" : r < agree + 0.3 ? "3" : r < agree + 0.5 ? "2" : "1";
  const q2 = u(1) < 0.55 + age * 0.03 ? "yes" : u(2) < 0.6 ? "neutral" : "no";
  const q3 = [
    u(3) < 0.3 + age * 0.1 ? "koho" : null,
    u(4) < 0.55 - age * 0.07 ? "web" : null,
    u(5) < 0.6 - age * 0.1 ? "sns" : null,
    u(6) < 0.1 + age * 0.08 ? "kairan" : null,
  ].filter((x): x is string => x !== null);
  const out: Answers = { q1, q2, q5: Math.floor(u(7) * (2 + age)) };
  if (q3.length) out.q3 = q3;
  if ((q1 === "1" || q1 === "2") && u(8) < 0.4)
    out.q4 = ["手続きに時間がかかる", "変わったと感じることがない", "情報が届かない"][
      Math.floor(u(9) * 3)
    ]!;
  return out;
}

/**
 * Loads the sample survey into the demo municipality (once, into an empty database); the bench
 * loads a larger one with `size`.
 */
export async function loadSampleSurvey(
  db: Db,
  mc: string,
  size: { sampled: number; answers: number } = { sampled: 2000, answers: 1000 },
) {
  const qn = readQuestionnaire(SAMPLE_QUESTIONNAIRE);
  if (!qn.ok) throw new Error(JSON.stringify(qn.details));
  const frame = AGES.flatMap((ageBand, a) =>
    SEXES.flatMap(([sex, s]) =>
      AREAS.map(([area, share]) => ({
        ageBand,
        sex,
        area,
        population: Math.round(PEOPLE[a]! * s * share),
      })),
    ),
  );
  const drawn = drawSample(
    SEED,
    frame.map((f) => ({ key: `${f.ageBand}|${f.sex}|${f.area}`, population: f.population })),
    size.sampled,
  );
  await withTenant(db, mc, async (tx) => {
    const [survey] = await tx
      .insert(surveys)
      .values({
        municipalityCode: mc,
        fiscalYear: 2026,
        title: "市民意識調査（サンプル）",
        titleEasy: "しみん の アンケート（サンプル）",
        purpose:
          "デモ用のサンプルです。実在の調査ではなく、回答はすべて機械的に作ったものです。市政への意識をたずね、指標の実績値を測る方法を示します。",
        population: "citizens",
        opensOn: "2026-06-01",
        closesOn: "2026-06-30",
        questionnaireYaml: SAMPLE_QUESTIONNAIRE,
        questionnaire: qn.value,
        status: "closed",
        resultsPublished: true,
        seed: SEED,
        sampleSize: size.sampled,
        isSample: true,
      })
      .returning({ id: surveys.id });
    const strata = await tx
      .insert(surveyStrata)
      .values(
        frame.map((f, i) => ({
          municipalityCode: mc,
          surveyId: survey!.id,
          ...f,
          sampled: drawn[i]!.sampled,
        })),
      )
      .returning({ id: surveyStrata.id });
    // Each sampled person's chance to answer grows with age; the 1,000 likeliest answer.
    const sampled = drawn.flatMap((d, i) =>
      d.positions.map((position) => {
        const age = Math.floor(i / (SEXES.length * AREAS.length));
        const key = `${d.key}|${position}`;
        return {
          i,
          age,
          position,
          key,
          score: uniform(SEED, `respond|${key}`, 0) / (0.3 + age * 0.12),
        };
      }),
    );
    const answering = new Set(
      [...sampled]
        .sort((a, b) => a.score - b.score)
        .slice(0, size.answers)
        .map((s) => s.key),
    );
    const rows = sampled.map((s) => {
      const answered = answering.has(s.key);
      return {
        municipalityCode: mc,
        surveyId: survey!.id,
        stratumId: strata[s.i]!.id,
        code: newAccessCode(),
        position: s.position,
        answers: answered ? answersOf(s.age, s.key) : {},
        reached: answered ? 2 : 0,
        submitted: answered,
        channel: answered ? ("web" as const) : null,
      };
    });
    for (let i = 0; i < rows.length; i += 500)
      await tx.insert(surveyResponses).values(rows.slice(i, i + 500));
    await audit(tx, SYSTEM_ACTOR, {
      municipality: mc,
      action: "survey.demo",
      recordType: "survey",
      recordKey: String(survey!.id),
      after: { sample: true, seed: SEED, sampled: rows.length, answers: answering.size },
    });
  });
}
