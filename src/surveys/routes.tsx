/**
 * Surveys' public pages: the list, a survey's page that takes the access code, the answering
 * form one section per page (no JavaScript needed; progress kept), the results with charts and
 * their CSV. The staff's pages are in manage-routes.tsx.
 */
import { type Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { csrf } from "hono/csrf";
import { csvResponse } from "../core/csv.ts";
import type { Db } from "../core/db/client.ts";
import { notFound } from "../core/errors.ts";
import { type FormBody, formText } from "../core/forms.ts";
import { answer } from "../core/http/answer.ts";
import { requestIsHttps } from "../core/http/security.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import type { ActionContext } from "../core/outcome.ts";
import { Layout } from "../core/views/layout.tsx";
import { checkCode, type Fields, RESPONDENT, saveAnswers } from "./answering.ts";
import { findSurvey, listSurveys, surveyResults } from "./queries.ts";
import { isAsked } from "./questionnaire.ts";
import { chartsOf, crossOf, resultsCsv } from "./results-view.ts";
import { fieldsOf, surveyIdOf } from "./route-params.ts";
import { normaliseCode } from "./rules.ts";
import type { Survey } from "./schema.ts";
import {
  AnswerPage,
  ResultsPage,
  SurveyListPage,
  SurveyStartPage,
  ThanksPage,
} from "./views/public-pages.tsx";

const cookieName = (id: number) => `shisaku_survey_${id}`;

export function surveyRoutes(db: Db) {
  const app = new Hono();
  const crumbs = (code: string, s?: Survey, label?: string) => [
    { href: `/${code}/`, label: "ホーム" },
    { href: `/${code}/surveys`, label: "アンケート調査" },
    ...(s
      ? [label ? { href: `/${code}/surveys/${s.id}`, label: s.title } : { label: s.title }]
      : []),
    ...(label ? [{ label }] : []),
  ];
  const publicSurvey = async (c: Context) => {
    const m = municipalityOf(c);
    const survey = await findSurvey(db, m.code, surveyIdOf(c.req.param("survey")!), {
      publicOnly: true,
    });
    if (!survey) throw notFound(`調査 ${c.req.param("survey")}`);
    return { m, survey };
  };
  const publicCtx = (code: string): ActionContext<null> => ({
    db,
    municipality: code,
    who: null,
    actor: RESPONDENT,
  });

  app.get("/:code/surveys", async (c) => {
    const m = municipalityOf(c);
    const surveys = await listSurveys(db, m.code, { publicOnly: true });
    return c.html(
      <Layout title="アンケート調査" municipality={m} crumbs={crumbs(m.code)}>
        <SurveyListPage code={m.code} surveys={surveys} />
      </Layout>,
    );
  });

  app.get("/:code/surveys/:survey", async (c) => {
    const { m, survey } = await publicSurvey(c);
    return c.html(
      <Layout title={survey.title} municipality={m} crumbs={crumbs(m.code, survey)}>
        <SurveyStartPage code={m.code} survey={survey} typed={c.req.query("access")} />
      </Layout>,
    );
  });

  // The access code opens the form: kept in a cookie for this survey's pages only.
  app.post("/:code/surveys/:survey", csrf(), async (c) => {
    const { m, survey } = await publicSurvey(c);
    const form = await c.req.parseBody();
    const typed = formText(form.code);
    const checked = await checkCode(publicCtx(m.code), survey.id, typed);
    if (!checked.ok)
      return c.html(
        <Layout title={survey.title} municipality={m} crumbs={crumbs(m.code, survey)}>
          <SurveyStartPage code={m.code} survey={survey} errors={[checked.error]} typed={typed} />
        </Layout>,
        400,
      );
    setCookie(c, cookieName(survey.id), normaliseCode(typed)!, {
      path: `/${m.code}/surveys/${survey.id}`,
      httpOnly: true,
      sameSite: "Lax",
      secure: requestIsHttps(c),
    });
    const page = Math.min(checked.reached, survey.questionnaire.sections.length - 1);
    return c.redirect(`/${m.code}/surveys/${survey.id}/answer?page=${page}`, 303);
  });

  const answerPage = async (
    c: Context,
    page: number,
    errors?: { message: string; details: { location: string; message: string }[] },
    typedAnswers?: Fields,
  ) => {
    const { m, survey } = await publicSurvey(c);
    const code = getCookie(c, cookieName(survey.id)) ?? "";
    const checked = await checkCode(publicCtx(m.code), survey.id, code);
    if (!checked.ok) return c.redirect(`/${m.code}/surveys/${survey.id}`, 303);
    const qn = survey.questionnaire;
    const p = Math.max(0, Math.min(page, checked.reached, qn.sections.length - 1));
    const section = qn.sections[p]!;
    const asked = section.questions.filter((q) => isAsked(q, checked.answers)).map((q) => q.key);
    const answers = typedAnswers
      ? {
          ...checked.answers,
          ...Object.fromEntries(
            Object.entries(typedAnswers).map(([k, v]) => [k, v.length > 1 ? v : (v[0] ?? "")]),
          ),
        }
      : checked.answers;
    return c.html(
      <Layout
        title={`${survey.title}（${p + 1}ページ）`}
        municipality={m}
        crumbs={crumbs(m.code, survey, "回答")}
      >
        <AnswerPage
          code={m.code}
          survey={survey}
          questionnaire={qn}
          page={p}
          answers={answers}
          asked={asked}
          errors={errors}
        />
      </Layout>,
      errors ? 400 : 200,
    );
  };

  app.get("/:code/surveys/:survey/answer", (c) =>
    answerPage(c, Number(c.req.query("page") ?? 0) || 0),
  );

  app.post("/:code/surveys/:survey/answer", csrf(), async (c) => {
    const { m, survey } = await publicSurvey(c);
    const form = (await c.req.parseBody({ all: true })) as FormBody;
    const page = Number(formText(form.page)) || 0;
    const raw = formText(form.step);
    const step = raw === "submit" ? "submit" : raw === "next" ? "next" : "save";
    const code = getCookie(c, cookieName(survey.id)) ?? "";
    const fields = fieldsOf(form);
    const outcome = await saveAnswers(publicCtx(m.code), {
      surveyId: survey.id,
      code,
      section: page,
      fields,
      step,
    });
    const here = `/${m.code}/surveys/${survey.id}`;
    return answer(outcome, {
      saved: (v) => {
        if (v.submitted) deleteCookie(c, cookieName(survey.id), { path: here });
        return c.redirect(
          v.submitted
            ? `${here}/thanks`
            : step === "save"
              ? `${here}/saved`
              : `${here}/answer?page=${page + 1}`,
          303,
        );
      },
      invalid: (o) =>
        o.details.some((d) => d.location === "code")
          ? c.redirect(here, 303)
          : answerPage(c, page, { message: o.message, details: o.details }, fields),
    });
  });

  for (const [path, saved] of [
    ["thanks", false],
    ["saved", true],
  ] as const)
    app.get(`/:code/surveys/:survey/${path}`, async (c) => {
      const { m, survey } = await publicSurvey(c);
      return c.html(
        <Layout title={survey.title} municipality={m} crumbs={crumbs(m.code, survey, "回答")}>
          <ThanksPage survey={survey} saved={saved} />
        </Layout>,
      );
    });

  const publishedResults = async (c: Context) => {
    const { m, survey } = await publicSurvey(c);
    if (!survey.resultsPublished) throw notFound(`調査「${survey.title}」の公開された結果`);
    return { m, survey, results: await surveyResults(db, m.code, survey) };
  };

  app.get("/:code/surveys/:survey/results", async (c) => {
    const { m, survey, results } = await publishedResults(c);
    return c.html(
      <Layout
        title={`${survey.title}の結果`}
        municipality={m}
        crumbs={crumbs(m.code, survey, "結果")}
      >
        <ResultsPage
          code={m.code}
          survey={survey}
          results={results}
          charts={await chartsOf(survey, results)}
          cross={crossOf(survey, results, c.req.query("by"))}
          base={`/${m.code}/surveys/${survey.id}/results`}
        />
      </Layout>,
    );
  });

  app.get("/:code/surveys/:survey/results.csv", async (c) => {
    const { survey, results } = await publishedResults(c);
    return csvResponse(resultsCsv(survey, results), `survey-${survey.id}-results.csv`);
  });

  return app;
}
