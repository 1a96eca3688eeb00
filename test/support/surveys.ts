/** A small survey for tests: a draft, its frame, its drawn sample and open for answers. */
import { and, asc, eq } from "drizzle-orm";
import type { Principal } from "../../src/accounts/index.ts";
import { withTenant } from "../../src/core/db/tenant.ts";
import type { ActionContext } from "../../src/core/outcome.ts";
import {
  DOUBLE_ENTRY_PERCENT,
  doubleEntrySample,
  doubleEntrySeed,
} from "../../src/surveys/double-entry.ts";
import { actions } from "../../src/surveys/index.ts";
import { surveyResponses } from "../../src/surveys/schema.ts";

export const QUESTIONNAIRE = `sections:
  - title: 市役所について
    easy: しやくしょ の こと
    questions:
      - key: q1
        kind: likert
        text: 市役所は改善・改革に取り組んでいると感じますか
        easy: しやくしょ は よく なるように がんばって いますか
        required: true
        options:
          - { key: "5", text: そう思う }
          - { key: "4", text: ややそう思う }
          - { key: "3", text: どちらともいえない }
          - { key: "2", text: あまりそう思わない }
          - { key: "1", text: そう思わない }
      - key: q2
        kind: multiple
        text: よく使う窓口
        options:
          - { key: a, text: 本庁 }
          - { key: b, text: 支所 }
  - title: くわしく
    questions:
      - key: q3
        kind: text
        text: そう思わない理由
        showIf: { question: q1, anyOf: ["1", "2"] }
      - key: q4
        kind: numeric
        text: 市役所に来た回数（この1年）
        min: 0
        max: 365
`;

export const SURVEY = {
  title: "テスト市民意識調査",
  titleEasy: "テスト の アンケート",
  purpose: "指標の実績を測るため",
  population: "citizens",
  opensOn: "2026-06-01",
  closesOn: "2026-06-30",
  questionnaire: QUESTIONNAIRE,
};

export const FRAME = `年齢層,性別,地区,人数
18-39,女,石岡,300
18-39,男,石岡,300
40-,女,石岡,200
40-,男,八郷,200
`;

const ok = <T>(o: { status: string; value?: T }, what: string): T => {
  if (o.status !== "saved") throw new Error(`${what}: ${o.status} ${JSON.stringify(o)}`);
  return o.value as T;
};

export async function draftSurvey(
  ctx: ActionContext<Principal>,
  over: Partial<typeof SURVEY> = {},
) {
  return ok<number>(await actions.createSurvey(ctx, { ...SURVEY, ...over }), "createSurvey");
}

/** A draft with its frame: version 2. */
export async function framedSurvey(ctx: ActionContext<Principal>, frame = FRAME) {
  const id = await draftSurvey(ctx);
  ok(await actions.uploadFrame(ctx, { id, version: 1, csv: frame }), "uploadFrame");
  return id;
}

/** Drawn (size n, seed "test-seed"): version 3. */
export async function drawnSurvey(ctx: ActionContext<Principal>, size = "40") {
  const id = await framedSurvey(ctx);
  ok(await actions.drawSurveySample(ctx, { id, version: 2, seed: "test-seed", size }), "draw");
  return id;
}

/** Open for answers (version 4), with its access codes. */
export async function openSurvey(ctx: ActionContext<Principal>, size = "40") {
  const id = await drawnSurvey(ctx, size);
  ok(await actions.setSurveyStatus(ctx, { id, version: 3, status: "open" }), "open");
  return { id, codes: await codesOf(ctx, id) };
}

export function codesOf(ctx: ActionContext<Principal>, id: number) {
  return withTenant(ctx.db, ctx.municipality, async (tx) =>
    (
      await tx
        .select({ code: surveyResponses.code })
        .from(surveyResponses)
        .where(
          and(
            eq(surveyResponses.municipalityCode, ctx.municipality),
            eq(surveyResponses.surveyId, id),
          ),
        )
        .orderBy(asc(surveyResponses.id))
    ).map((r) => r.code),
  );
}

/** The codes of an open test survey drawn for double entry (seed "test-seed"), and the others. */
export function doubleEntrySplit(id: number, codes: string[]) {
  const sample = doubleEntrySample(
    codes,
    DOUBLE_ENTRY_PERCENT,
    doubleEntrySeed({ id, seed: "test-seed" }),
  );
  return { twice: codes.filter((c) => sample.has(c)), once: codes.filter((c) => !sample.has(c)) };
}

/** A form drawn for double entry keyed twice, by the editor then the planner, as given. */
export async function keyedTwice(
  first: ActionContext<Principal>,
  second: ActionContext<Principal>,
  id: number,
  code: string,
  answers: [Record<string, string[]>, Record<string, string[]>],
) {
  const one = ok<{ responseId: number; keying: string }>(
    await actions.enterPaperAnswers(first, { surveyId: id, code, fields: answers[0] }),
    "first keying",
  );
  if (one.keying !== "first") throw new Error(`${code} is not drawn for double entry`);
  ok(
    await actions.enterPaperAnswers(second, { surveyId: id, code, fields: answers[1] }),
    "second keying",
  );
  return one.responseId;
}
