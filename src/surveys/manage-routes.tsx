/**
 * Surveys' staff pages under /{code}/manage/surveys: the list and a survey's page with its
 * writes (questionnaire, frame, sample, status, indicator, publishing), the access codes, the
 * printable questionnaire, the results with free texts, paper keying and double entry.
 */
import { type Context, Hono } from "hono";
import { may, type Principal, permit, type StaffEnv, staffContext } from "../accounts/index.ts";
import { csvResponse, toCsv } from "../core/csv.ts";
import type { Db } from "../core/db/client.ts";
import { notFound, recordIdOf } from "../core/errors.ts";
import { type FormBody, formList, formText, formTexts, requireVersion } from "../core/forms.ts";
import { answer } from "../core/http/answer.ts";
import { contentDisposition, datedDownload } from "../core/http/content-disposition.ts";
import { errorPage } from "../core/http/error-handler.tsx";
import { municipalityOf } from "../core/http/tenant.ts";
import type { ActionContext, Outcome } from "../core/outcome.ts";
import { Layout, staffHome } from "../core/views/layout.tsx";
import { enterPaperAnswers, settleDoubleEntry } from "./answering.ts";
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
import { chartsOf, crossOf, freeTexts } from "./results-view.ts";
import { fieldsOf, surveyIdOf } from "./route-params.ts";
import type { SurveySubmission } from "./rules.ts";
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
import { ResultsPage } from "./views/public-pages.tsx";

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
