/** The audit walk's scenarios of surveys (src/surveys/index.ts `actions`). */
import { and, eq } from "drizzle-orm";
import { withTenant } from "../../../src/core/db/tenant.ts";
import { indicators } from "../../../src/indicators/schema.ts";
import { RESPONDENT } from "../../../src/surveys/answering.ts";
import { actions } from "../../../src/surveys/index.ts";
import { surveyResponses } from "../../../src/surveys/schema.ts";
import type { Scenarios, WalkEnv } from "../audit-walk.ts";
import {
  doubleEntrySplit,
  draftSurvey,
  drawnSurvey,
  FRAME,
  framedSurvey,
  keyedTwice,
  openSurvey,
  SURVEY,
} from "../surveys.ts";

const survey = (id: unknown) => [["survey", String(id)]] as const;

const open = (env: WalkEnv) => openSurvey(env.as.planner);

export const scenarios: Scenarios = {
  createSurvey: {
    run: async (env) => {
      const outcome = await actions.createSurvey(env.as.planner, SURVEY);
      return { outcome, changed: outcome.status === "saved" ? [...survey(outcome.value)] : [] };
    },
  },
  updateSurvey: {
    prepare: (env) => draftSurvey(env.as.planner),
    run: async (env, id) => ({
      outcome: await actions.updateSurvey(env.as.planner, {
        id: id as number,
        version: 1,
        submission: { ...SURVEY, title: "直した調査名" },
      }),
      changed: [...survey(id)],
    }),
  },
  uploadFrame: {
    prepare: (env) => draftSurvey(env.as.planner),
    run: async (env, id) => ({
      outcome: await actions.uploadFrame(env.as.planner, {
        id: id as number,
        version: 1,
        csv: FRAME,
      }),
      changed: [...survey(id)],
    }),
  },
  drawSurveySample: {
    prepare: (env) => framedSurvey(env.as.planner),
    run: async (env, id) => ({
      outcome: await actions.drawSurveySample(env.as.planner, {
        id: id as number,
        version: 2,
        seed: "walk",
        size: "20",
      }),
      changed: [...survey(id)],
    }),
  },
  setSurveyStatus: {
    prepare: (env) => drawnSurvey(env.as.planner),
    run: async (env, id) => ({
      outcome: await actions.setSurveyStatus(env.as.planner, {
        id: id as number,
        version: 3,
        status: "open",
      }),
      changed: [...survey(id)],
    }),
  },
  linkIndicator: {
    prepare: async (env) => {
      const id = await draftSurvey(env.as.planner);
      const [first] = await withTenant(env.db, env.mc, (tx) =>
        tx
          .select({ code: indicators.code })
          .from(indicators)
          .where(and(eq(indicators.municipalityCode, env.mc), eq(indicators.unit, "%")))
          .limit(1),
      );
      return { id, code: first!.code };
    },
    run: async (env, p) => {
      const { id, code } = p as { id: number; code: string };
      return {
        outcome: await actions.linkIndicator(env.as.planner, {
          id,
          version: 1,
          indicatorCode: code,
          question: "q1",
          options: ["5", "4"],
        }),
        changed: [...survey(id)],
      };
    },
  },
  publishResults: {
    prepare: async (env) => {
      const { id } = await open(env);
      const o = await actions.setSurveyStatus(env.as.planner, { id, version: 4, status: "closed" });
      if (o.status !== "saved") throw new Error(`not closed: ${o.status}`);
      return id;
    },
    run: async (env, id) => ({
      outcome: await actions.publishResults(env.as.planner, {
        id: id as number,
        version: 5,
        published: true,
      }),
      changed: [...survey(id)],
    }),
  },
  saveAnswers: {
    prepare: open,
    run: async (env, p) => {
      const { id, codes } = p as { id: number; codes: string[] };
      const outcome = await actions.saveAnswers(
        { db: env.db, municipality: env.mc, who: null, actor: RESPONDENT },
        { surveyId: id, code: codes[0]!, section: 0, fields: { q1: ["4"] }, step: "next" },
      );
      return {
        outcome,
        changed: [["survey_response", `${id}/${await responseId(env, codes[0]!)}`]],
      };
    },
  },
  enterPaperAnswers: {
    prepare: open,
    run: async (env, p) => {
      const { id, codes } = p as { id: number; codes: string[] };
      const outcome = await actions.enterPaperAnswers(env.as.editor, {
        surveyId: id,
        code: codes[1]!,
        fields: { q1: ["5"], q4: ["3"] },
      });
      return {
        outcome,
        changed: [
          ["survey_response", `${id}/${outcome.status === "saved" ? outcome.value.responseId : 0}`],
        ],
      };
    },
  },
  settleDoubleEntry: {
    prepare: async (env) => {
      const { id, codes } = await open(env);
      const code = doubleEntrySplit(id, codes).twice[0]!;
      const responseId = await keyedTwice(env.as.editor, env.as.planner, id, code, [
        { q1: ["5"] },
        { q1: ["4"] },
      ]);
      return { id, responseId };
    },
    run: async (env, p) => {
      const { id, responseId } = p as { id: number; responseId: number };
      return {
        outcome: await actions.settleDoubleEntry(env.as.editor, {
          surveyId: id,
          responseId,
          choices: { q1: "second" },
        }),
        changed: [["survey_response", `${id}/${responseId}`]],
      };
    },
  },
};

async function responseId(env: WalkEnv, code: string) {
  const [row] = await withTenant(env.db, env.mc, (tx) =>
    tx
      .select({ id: surveyResponses.id })
      .from(surveyResponses)
      .where(eq(surveyResponses.code, code)),
  );
  return row!.id;
}
