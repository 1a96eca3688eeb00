/**
 * Surveys, the public's pages: the list, a survey's page with the form that takes the access
 * code, the answering form one section at a time, the thanks page and the results.
 */
import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../../core/errors.ts";
import { formatJapaneseDay } from "../../core/fiscal-year.ts";
import { ErrorSummary, errorAria, FieldError } from "../../core/views/form.tsx";
import { Paragraphs } from "../../core/views/text.tsx";
import type { Answers, Questionnaire } from "../questionnaire.ts";
import type { CrossRow, SurveyResults } from "../results.ts";
import { POPULATION_LABELS } from "../rules.ts";
import type { Survey } from "../schema.ts";
import type { Dimension } from "../weighting.ts";
import { QuestionFields } from "./question-fields.tsx";
import { QuestionResultView, ResponseRateTable, WeightingNote } from "./results-view.tsx";

export const SampleLabel: FC<{ survey: Pick<Survey, "isSample"> }> = ({ survey }) =>
  survey.isSample ? <strong class="badge sample">サンプル</strong> : null;

const STATUS = { draft: "準備中", open: "回答受付中", closed: "締切" } as const;

export const SurveyFacts: FC<{ s: Survey }> = ({ s }) => (
  <dl class="facts">
    <dt>対象</dt>
    <dd>{POPULATION_LABELS[s.population]}</dd>
    <dt>期間</dt>
    <dd>
      {formatJapaneseDay(s.opensOn)} 〜 {formatJapaneseDay(s.closesOn)}
    </dd>
    <dt>状態</dt>
    <dd>
      {STATUS[s.status]}
      {s.resultsPublished ? "（結果公開中）" : ""}
    </dd>
  </dl>
);

export const SurveyListPage: FC<{ code: string; surveys: Survey[] }> = ({ code, surveys }) => (
  <>
    <h1>アンケート調査</h1>
    {surveys.length === 0 ? <p>公開中の調査はありません。</p> : null}
    <ul class="stack">
      {surveys.map((s) => (
        <li>
          <a href={`/${code}/surveys/${s.id}`}>{s.title}</a> <SampleLabel survey={s} />（
          {s.fiscalYear}年度・
          {STATUS[s.status]}）
          {s.resultsPublished ? (
            <>
              ・<a href={`/${code}/surveys/${s.id}/results`}>結果</a>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  </>
);

export const SurveyStartPage: FC<{
  code: string;
  survey: Survey;
  errors?: ErrorDetail[];
  typed?: string;
}> = ({ code, survey: s, errors, typed }) => (
  <>
    <h1>
      {s.title} <SampleLabel survey={s} />
    </h1>
    {s.titleEasy ? <p class="easy">やさしい日本語: {s.titleEasy}</p> : null}
    <SurveyFacts s={s} />
    <Paragraphs text={s.purpose} />
    {s.resultsPublished ? (
      <p>
        <a href={`/${code}/surveys/${s.id}/results`}>調査の結果を見る</a>
      </p>
    ) : null}
    {s.status === "open" ? (
      <form method="post" action={`/${code}/surveys/${s.id}`} class="stack">
        <h2>回答する</h2>
        {errors?.length ? (
          <ErrorSummary message="回答を始められません" details={errors} fields={["code"]} />
        ) : null}
        <p id="code-hint" class="hint">
          お手紙に書かれた12文字の回答番号を入れてください（例:
          K7QM-3TXA-9PRW）。回答番号はあなたの名前や住所とは結び付いていません。途中で保存して、あとで同じ番号で続けられます。
        </p>
        <div>
          <label for="code">回答番号</label>
          <input
            type="text"
            id="code"
            name="code"
            required
            autocomplete="off"
            autocapitalize="characters"
            value={typed ?? ""}
            {...errorAria("code", errors, "code-hint")}
          />
          <FieldError field="code" details={errors} />
        </div>
        <div class="actions">
          <button type="submit">回答を始める</button>
        </div>
      </form>
    ) : s.status === "closed" ? (
      <p>この調査の回答は締め切りました。</p>
    ) : null}
  </>
);

export const AnswerPage: FC<{
  code: string;
  survey: Survey;
  questionnaire: Questionnaire;
  page: number;
  answers: Answers;
  asked: string[];
  errors?: { message: string; details: ErrorDetail[] };
}> = ({ code, survey: s, questionnaire, page, answers, asked, errors }) => {
  const section = questionnaire.sections[page]!;
  const last = page === questionnaire.sections.length - 1;
  return (
    <>
      <h1>
        {s.title} <SampleLabel survey={s} />
      </h1>
      <p>
        {page + 1} / {questionnaire.sections.length} ページ
      </p>
      <form method="post" action={`/${code}/surveys/${s.id}/answer`} class="stack">
        {errors ? (
          <ErrorSummary message={errors.message} details={errors.details} fields={asked} />
        ) : null}
        <h2>{section.title}</h2>
        {section.easy ? <p class="easy">やさしい日本語: {section.easy}</p> : null}
        <input type="hidden" name="page" value={String(page)} />
        {section.questions
          .filter((q) => asked.includes(q.key))
          .map((q) => (
            <QuestionFields q={q} answers={answers} details={errors?.details} />
          ))}
        <div class="actions">
          {page > 0 ? (
            <a class="button secondary" href={`/${code}/surveys/${s.id}/answer?page=${page - 1}`}>
              前のページへ（このページの入力は保存されません）
            </a>
          ) : null}
          <button type="submit" name="step" value="save" class="secondary">
            保存して後で続ける
          </button>
          <button type="submit" name="step" value={last ? "submit" : "next"}>
            {last ? "回答を送る（送った後は直せません）" : "次へ"}
          </button>
        </div>
      </form>
    </>
  );
};

export const ThanksPage: FC<{ survey: Survey; saved?: boolean }> = ({ survey, saved }) => (
  <>
    <h1>{saved ? "途中まで保存しました" : "ご回答ありがとうございました"}</h1>
    <p role="status">
      {saved
        ? `「${survey.title}」の回答を途中まで保存しました。同じ回答番号で、締切日（${formatJapaneseDay(survey.closesOn)}）までに続きから回答できます。`
        : `「${survey.title}」への回答を受け付けました。この回答番号はもう使えません。`}
    </p>
  </>
);

export const ResultsPage: FC<{
  code: string;
  survey: Survey;
  results: SurveyResults;
  charts: Map<string, string>;
  cross?: { by: Dimension; rows: Map<string, CrossRow[]> };
  base: string;
}> = ({ code, survey: s, results, charts, cross, base }) => {
  const staff = s.population === "staff";
  const dims: Dimension[] = staff ? ["area"] : ["ageBand", "sex", "area"];
  return (
    <>
      <h1>
        {s.title}の結果 <SampleLabel survey={s} />
      </h1>
      <SurveyFacts s={s} />
      <p>
        集計結果のデータ: <a href={`/${code}/surveys/${s.id}/results.csv`}>CSV</a>・
        <a href={`/api/v1/municipalities/${code}/surveys/${s.id}/results`}>JSON（API）</a>
        （集計値のみ。個々の回答は公開しません）
      </p>
      <WeightingNote results={results} />
      <nav aria-label="クロス集計">
        <p>
          クロス集計:{" "}
          {dims.map((d) => (
            <>
              <a href={`${base}?by=${d}`} aria-current={cross?.by === d ? "page" : undefined}>
                {{ ageBand: "年齢層別", sex: "性別", area: staff ? "課別" : "地区別" }[d]}
              </a>{" "}
            </>
          ))}
          {cross ? <a href={base}>なし</a> : null}
        </p>
      </nav>
      <h2>問ごとの結果</h2>
      {results.questions.map((r) => {
        const q = s.questionnaire.sections
          .flatMap((x) => x.questions)
          .find((x) => x.key === r.key)!;
        const rows = cross?.rows.get(r.key);
        return (
          <QuestionResultView
            q={q}
            r={r}
            svg={charts.get(r.key)}
            cross={rows && cross ? { by: cross.by, rows } : undefined}
          />
        );
      })}
      <ResponseRateTable results={results} staff={staff} />
    </>
  );
};
