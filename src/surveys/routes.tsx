/**
 * Surveys' pages: the public list, a survey's page that takes the access code, the answering
 * form one section per page (no JavaScript needed; progress kept), the results with charts and
 * their CSV; and the staff's pages under /{code}/manage/surveys.
 */
import { type Context, Hono } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { csrf } from "hono/csrf";
import { may, type Principal, permit, type StaffEnv, staffContext } from "../accounts/index.ts";
import { csvResponse, toCsv } from "../core/csv.ts";
import type { Db } from "../core/db/client.ts";
import { notFound, recordIdOf } from "../core/errors.ts";
import { type FormBody, formList, formText, formTexts, requireVersion } from "../core/forms.ts";
import { answer } from "../core/http/answer.ts";
import { contentDisposition, datedDownload } from "../core/http/content-disposition.ts";
import { errorPage } from "../core/http/error-handler.tsx";
import { requestIsHttps } from "../core/http/security.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import type { ActionContext, Outcome } from "../core/outcome.ts";
import { Layout, staffHome } from "../core/views/layout.tsx";
import {
  checkCode,
  enterPaperAnswers,
  type Fields,
  RESPONDENT,
  saveAnswers,
  settleDoubleEntry,
} from "./answering.ts";
import { questionChart } from "./chart.ts";
import { percent } from "./estimates.ts";
import { maskPersonalData } from "./masking.ts";
import type { PaperKeyed } from "./paper.ts";
import { permissions } from "./permissions.ts";
import {
  codesOf,
  doubleEntriesOf,
  findSurvey,
  indicatorCodeOf,
  listSurveys,
  progressOf,
  strataOf,
  surveyResults,
} from "./queries.ts";
import { allQuestions, hasOptions, isAsked } from "./questionnaire.ts";
import { crossTab, type SurveyResults } from "./results.ts";
import { normaliseCode, type SurveySubmission } from "./rules.ts";
import type { Survey } from "./schema.ts";
import {
  createSurvey,
  drawSurveySample,
  linkIndicator,
  publishResults,
  setSurveyStatus,
  updateSurvey,
  uploadFrame,
} from "./store.ts";
import { DoubleEntryPage } from "./views/double-entry-page.tsx";
import {
  type Errors,
  FreeTexts,
  ManageSurveyPage,
  ManageSurveysPage,
  PaperPage,
} from "./views/manage-pages.tsx";
import {
  AnswerPage,
  ResultsPage,
  SurveyListPage,
  SurveyStartPage,
  ThanksPage,
} from "./views/public-pages.tsx";
import { DIMENSIONS, type Dimension } from "./weighting.ts";

/** A survey id from the path, or a 404. */
const surveyIdOf = (raw: string) => recordIdOf(raw, "調査");

/** Form fields by name, each as its list of text values (the answers' shape). */
const fieldsOf = (form: FormBody): Fields =>
  Object.fromEntries(Object.keys(form).map((k) => [k, formList(form[k])]));

const cookieName = (id: number) => `shisaku_survey_${id}`;

/** Charts of the choice questions with figures (rendered once per computation of the results). */
const chartCache = new WeakMap<SurveyResults, Promise<Map<string, string>>>();
function chartsOf(survey: Survey, results: SurveyResults) {
  let charts = chartCache.get(results);
  if (!charts) {
    charts = (async () => {
      const out = new Map<string, string>();
      for (const r of results.questions) {
        const q = allQuestions(survey.questionnaire).find((x) => x.key === r.key)!;
        if (hasOptions(q) && !r.suppressed) out.set(q.key, await questionChart(q, r));
      }
      return out;
    })();
    chartCache.set(results, charts);
  }
  return charts;
}

/** The results page's cross-tabulation, when `?by=` names a dimension. */
function crossOf(survey: Survey, results: SurveyResults, by: string | undefined) {
  if (!by || !(DIMENSIONS as readonly string[]).includes(by)) return undefined;
  const dim = by as Dimension;
  const rows = new Map(
    allQuestions(survey.questionnaire)
      .filter(hasOptions)
      .map((q) => [q.key, crossTab(q, results.people, dim)]),
  );
  return { by: dim, rows };
}

/** The free-text questions' answers, masked, for the staff's results page. */
const freeTexts = (survey: Survey, results: SurveyResults) =>
  allQuestions(survey.questionnaire)
    .filter((q) => q.kind === "text")
    .map((q) => ({
      key: q.key,
      text: q.text,
      answers: results.people.flatMap((p) =>
        typeof p.answers[q.key] === "string" ? [maskPersonalData(p.answers[q.key] as string)] : [],
      ),
    }));

/** The aggregated results as CSV rows: never an individual answer. */
/** The aggregated results as a table: a row per question and option (suppressed groups left out). */
export function resultsTable(results: SurveyResults) {
  const rows: (string | number)[][] = [];
  for (const r of results.questions)
    for (const o of r.suppressed ? [] : r.options)
      rows.push([
        r.key,
        r.text,
        o.key,
        o.text,
        r.n,
        o.count,
        percent(o.share),
        percent(o.weightedShare),
        percent(o.ci95[0]),
        percent(o.ci95[1]),
      ]);
  return {
    columns: [
      "問",
      "問の文",
      "選択肢",
      "選択肢の文",
      "回答者数",
      "人数",
      "割合(%)",
      "重み付き割合(%)",
      "95%信頼区間下限(%)",
      "95%信頼区間上限(%)",
    ],
    rows,
  };
}

export function resultsCsv(survey: Survey, results: SurveyResults) {
  const { columns, rows } = resultsTable(results);
  return toCsv(columns, [
    [
      `# ${survey.title}${survey.isSample ? "（サンプル）" : ""} 回収率 ${percent(results.responseRate)}%`,
    ],
    ...rows,
  ]);
}

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

export function surveyManageRoutes(db: Db) {
  const app = new Hono<StaffEnv>();
  const manage = permit(permissions.manage);

  const listPage = async (
    c: Context<StaffEnv>,
    extra: { errors?: Errors; submitted?: Record<string, string> } = {},
  ) => {
    const m = municipalityOf(c);
    const surveys = await listSurveys(db, m.code, { publicOnly: false });
    return c.html(
      <Layout
        title="アンケート調査"
        municipality={m}
        crumbs={[staffHome(m.code), { label: "アンケート調査" }]}
      >
        <ManageSurveysPage
          code={m.code}
          surveys={surveys}
          csrf={c.get("staff").csrfToken}
          {...extra}
        />
      </Layout>,
      extra.errors ? 400 : 200,
    );
  };

  const staffSurvey = async (c: Context<StaffEnv>) => {
    const m = municipalityOf(c);
    const survey = await findSurvey(db, m.code, surveyIdOf(c.req.param("survey")!), {
      publicOnly: false,
    });
    if (!survey) throw notFound(`調査 ${c.req.param("survey")}`);
    return { m, survey };
  };

  const surveyPage = async (
    c: Context<StaffEnv>,
    extra: { done?: string; errors?: Errors; submitted?: Record<string, string> } = {},
    status: 200 | 400 | 409 = 200,
  ) => {
    const { m, survey } = await staffSurvey(c);
    const [strata, progress, indicatorCode] = await Promise.all([
      strataOf(db, m.code, survey.id),
      progressOf(db, m.code, survey.id),
      indicatorCodeOf(db, m.code, survey.indicatorId),
    ]);
    return c.html(
      <Layout
        title={survey.title}
        municipality={m}
        crumbs={[
          staffHome(m.code),
          { href: `/${m.code}/manage/surveys`, label: "アンケート調査" },
          { label: survey.title },
        ]}
      >
        <ManageSurveyPage
          code={m.code}
          survey={survey}
          strata={strata}
          progress={progress}
          indicatorCode={indicatorCode}
          mayExportCodes={may(c.get("staff"), permissions.codes)}
          mayKeyIn={may(c.get("staff"), permissions.keyIn)}
          csrf={c.get("staff").csrfToken}
          {...extra}
        />
      </Layout>,
      status,
    );
  };

  const submission = (form: FormBody): SurveySubmission => ({
    title: formText(form.title),
    titleEasy: formText(form.titleEasy),
    purpose: formText(form.purpose),
    population: formText(form.population),
    opensOn: formText(form.opensOn),
    closesOn: formText(form.closesOn),
    questionnaire: formText(form.questionnaire),
  });

  app.get("/:code/manage/surveys", manage, (c) => listPage(c));

  app.post("/:code/manage/surveys", manage, async (c) => {
    const m = municipalityOf(c);
    const form = (await c.req.parseBody({ all: true })) as FormBody;
    return answer(await createSurvey(staffContext(db, c), submission(form)), {
      saved: (id) => c.redirect(`/${m.code}/manage/surveys/${id}?done=created`, 303),
      invalid: (o) =>
        listPage(c, {
          errors: { form: "survey", message: o.message, details: o.details },
          submitted: formTexts(form),
        }),
    });
  });

  app.get("/:code/manage/surveys/:survey", manage, (c) =>
    surveyPage(c, { done: c.req.query("done") }),
  );

  /** One write on a survey from its page: back to the page, or the page with the form's errors. */
  const act = (path: string, form: string, done: string, run: ActOn) =>
    app.post(`/:code/manage/surveys/:survey${path}`, manage, async (c) => {
      const m = municipalityOf(c);
      const id = surveyIdOf(c.req.param("survey"));
      const body = (await c.req.parseBody({ all: true })) as FormBody;
      return answer(await run(staffContext(db, c), id, body), {
        saved: () => c.redirect(`/${m.code}/manage/surveys/${id}?done=${done}`, 303),
        invalid: (o) =>
          surveyPage(
            c,
            {
              errors: { form, message: o.message, details: o.details },
              submitted: formTexts(body),
            },
            400,
          ),
        conflict: (o) => surveyPage(c, { errors: { form, message: o.message, details: [] } }, 409),
      });
    });

  act("", "survey", "updated", (ctx, id, body) =>
    updateSurvey(ctx, { id, version: requireVersion(body), submission: submission(body) }),
  );
  act("/frame", "frame", "frame", (ctx, id, body) =>
    uploadFrame(ctx, { id, version: requireVersion(body), csv: formText(body.frame) }),
  );
  act("/draw", "draw", "drawn", (ctx, id, body) =>
    drawSurveySample(ctx, {
      id,
      version: requireVersion(body),
      seed: formText(body.seed),
      size: formText(body.size),
    }),
  );
  act("/status", "status", "status", (ctx, id, body) =>
    setSurveyStatus(ctx, {
      id,
      version: requireVersion(body),
      status: formText(body.status) === "closed" ? "closed" : "open",
    }),
  );
  act("/indicator", "indicator", "linked", (ctx, id, body) =>
    linkIndicator(ctx, {
      id,
      version: requireVersion(body),
      indicatorCode: formText(body.indicatorCode),
      question: formText(body.question),
      options: formList(body.options),
    }),
  );
  act("/publish", "publish", "published", (ctx, id, body) =>
    publishResults(ctx, {
      id,
      version: requireVersion(body),
      published: formText(body.published) === "yes",
    }),
  );

  app.get("/:code/manage/surveys/:survey/codes.csv", permit(permissions.codes), async (c) => {
    const { m, survey } = await staffSurvey(c);
    const codes = await codesOf(db, m.code, survey.id);
    const header =
      survey.population === "staff"
        ? ["回答番号", "課コード", "名簿内の順位"]
        : ["回答番号", "年齢層", "性別", "地区", "名簿内の順位"];
    const rows = codes.map((r) =>
      survey.population === "staff"
        ? [r.code, r.area, r.position]
        : [r.code, r.ageBand, r.sex, r.area, r.position],
    );
    return csvResponse(
      toCsv(header, rows),
      datedDownload(
        [m.name, survey.title, "回答番号"],
        [m.code, `survey-${survey.id}-codes`],
        "csv",
      ),
    );
  });

  app.get("/:code/manage/surveys/:survey/questionnaire.pdf", manage, async (c) => {
    const { m, survey } = await staffSurvey(c);
    const { renderQuestionnairePdf, questionnaireFileName } = await import("./print.ts");
    const { SheetFontMissing } = await import("../sheets/index.ts");
    let pdf: Buffer;
    try {
      pdf = await renderQuestionnairePdf({
        municipality: m,
        survey,
        origin: new URL(c.req.url).origin,
      });
    } catch (e) {
      if (!(e instanceof SheetFontMissing)) throw e;
      console.error(e);
      return errorPage(
        c,
        503,
        `${e.message}。サーバーの管理者は、npm ci で依存パッケージ（@expo-google-fonts/noto-sans-jp）をインストールしてください。`,
        [],
      );
    }
    return c.body(new Uint8Array(pdf), 200, {
      "content-type": "application/pdf",
      "content-disposition": contentDisposition(questionnaireFileName(m, survey), {
        kind: "inline",
      }),
    });
  });

  app.get("/:code/manage/surveys/:survey/results", manage, async (c) => {
    const { m, survey } = await staffSurvey(c);
    const results = await surveyResults(db, m.code, survey);
    return c.html(
      <Layout
        title={`${survey.title}の結果`}
        municipality={m}
        crumbs={[
          staffHome(m.code),
          { href: `/${m.code}/manage/surveys`, label: "アンケート調査" },
          { href: `/${m.code}/manage/surveys/${survey.id}`, label: survey.title },
          { label: "結果" },
        ]}
      >
        <ResultsPage
          code={m.code}
          survey={survey}
          results={results}
          charts={await chartsOf(survey, results)}
          cross={crossOf(survey, results, c.req.query("by"))}
          base={`/${m.code}/manage/surveys/${survey.id}/results`}
        />
        <FreeTexts questions={freeTexts(survey, results)} />
      </Layout>,
    );
  });

  const paperPage = async (
    c: Context<StaffEnv>,
    errors?: { message: string; details: { location: string; message: string }[] },
  ) => {
    const { m, survey } = await staffSurvey(c);
    return c.html(
      <Layout
        title={`紙の調査票の入力: ${survey.title}`}
        municipality={m}
        crumbs={[
          staffHome(m.code),
          { href: `/${m.code}/manage/surveys/${survey.id}`, label: survey.title },
          { label: "紙の調査票" },
        ]}
      >
        <PaperPage code={m.code} survey={survey} csrf={c.get("staff").csrfToken} errors={errors} />
      </Layout>,
      errors ? 400 : 200,
    );
  };
  app.get("/:code/manage/surveys/:survey/paper", permit(permissions.keyIn), (c) => paperPage(c));
  app.post("/:code/manage/surveys/:survey/paper", permit(permissions.keyIn), async (c) => {
    const m = municipalityOf(c);
    const id = surveyIdOf(c.req.param("survey"));
    const body = (await c.req.parseBody({ all: true })) as FormBody;
    return answer(
      await enterPaperAnswers(staffContext(db, c), {
        surveyId: id,
        code: formText(body.code),
        fields: fieldsOf(body),
      }),
      {
        saved: (k) => c.redirect(`/${m.code}/manage/surveys/${id}?done=${paperDone(k)}`, 303),
        invalid: (o) => paperPage(c, { message: o.message, details: o.details }),
      },
    );
  });

  const doubleEntryPage = async (
    c: Context<StaffEnv>,
    extra: { done?: string; errors?: DoubleEntryErrors } = {},
  ) => {
    const { m, survey } = await staffSurvey(c);
    const who = c.get("staff");
    return c.html(
      <Layout
        title={`二重入力の照合: ${survey.title}`}
        municipality={m}
        crumbs={[
          staffHome(m.code),
          { href: `/${m.code}/manage/surveys`, label: "アンケート調査" },
          { href: `/${m.code}/manage/surveys/${survey.id}`, label: survey.title },
          { label: "二重入力の照合" },
        ]}
      >
        <DoubleEntryPage
          code={m.code}
          survey={survey}
          data={await doubleEntriesOf(db, m.code, survey)}
          csrf={who.csrfToken}
          mayKeyIn={may(who, permissions.settle)}
          {...extra}
        />
      </Layout>,
      extra.errors ? 400 : 200,
    );
  };
  app.get("/:code/manage/surveys/:survey/double-entry", manage, (c) =>
    doubleEntryPage(c, { done: c.req.query("done") }),
  );
  app.post(
    "/:code/manage/surveys/:survey/double-entry/:response/settle",
    permit(permissions.settle),
    async (c) => {
      const m = municipalityOf(c);
      const id = surveyIdOf(c.req.param("survey"));
      const responseId = recordIdOf(c.req.param("response"), "調査票");
      const body = (await c.req.parseBody({ all: true })) as FormBody;
      const choices = Object.fromEntries(
        Object.keys(body)
          .filter((k) => k.startsWith("choice."))
          .map((k) => [k.slice("choice.".length), formText(body[k])]),
      );
      return answer(
        await settleDoubleEntry(staffContext(db, c), { surveyId: id, responseId, choices }),
        {
          saved: () =>
            c.redirect(
              `/${m.code}/manage/surveys/${id}/double-entry?done=settled#form-${responseId}`,
              303,
            ),
          invalid: (o) =>
            doubleEntryPage(c, { errors: { responseId, message: o.message, details: o.details } }),
        },
      );
    },
  );

  return app;
}

const paperDone = (k: PaperKeyed) =>
  k.keying === "second"
    ? k.disagreements
      ? "paper-differ"
      : "paper-agree"
    : k.keying === "first"
      ? "paper-first"
      : "paper";

type DoubleEntryErrors = {
  responseId: number;
  message: string;
  details: { location: string; message: string }[];
};

type ActOn = (
  ctx: ActionContext<Principal>,
  id: number,
  body: FormBody,
) => Promise<Outcome<unknown, unknown>>;
