/**
 * Surveys, the staff's pages: the list with the form to create one; one survey's page with its
 * wording and questionnaire, its sample frame and draw (the seed shown), the access codes' CSV,
 * opening and closing, the indicator link and the results' publication; keying in a paper form.
 */
import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../../core/errors.ts";
import { DATE_HINT, dateFieldValue } from "../../core/fiscal-year.ts";
import { TextField } from "../../core/views/fields.tsx";
import { CsrfField, DoneNotice, ErrorSummary } from "../../core/views/form.tsx";
import { FRAME_LIST_HEADERS } from "../frame-list.ts";
import { allQuestions, hasOptions } from "../questionnaire.ts";
import { FRAME_HEADERS, POPULATION_LABELS } from "../rules.ts";
import type { Survey, SurveyStratum } from "../schema.ts";
import { SampleLabel, SurveyFacts } from "./public-pages.tsx";
import { QuestionFields } from "./question-fields.tsx";

export type Errors = { form: string; message: string; details: ErrorDetail[] };
type Submitted = Record<string, string>;

export const QUESTIONNAIRE_TEMPLATE = `sections:
  - title: あなたご自身について
    easy: あなたの こと
    questions:
      - key: q1
        kind: single
        text: 市役所は、常に改善・改革に取り組んでいると感じますか
        easy: 市役所は いつも よく なるように がんばって いると 思いますか
        required: true
        options:
          - { key: "5", text: そう思う }
          - { key: "4", text: ややそう思う }
          - { key: "3", text: どちらともいえない }
          - { key: "2", text: あまりそう思わない }
          - { key: "1", text: そう思わない }
`;

const QUESTIONNAIRE_HINT =
  '部（sections）ごとに問（questions）を書きます。kind は single（単一回答）・multiple（複数回答）・likert（尺度）・numeric（数値）・text（自由記述）。easy はやさしい日本語の言い方。showIf: { question: q1, anyOf: ["1", "2"] } で、前の部の問の答えによって聞く問にできます。';

const SurveyFields: FC<{
  s: (k: string, d: string) => string;
  survey?: Survey;
  d?: ErrorDetail[];
}> = ({ s, survey, d }) => (
  <>
    <TextField
      name="title"
      label="調査名"
      required
      value={s("title", survey?.title ?? "")}
      details={d}
    />
    <TextField
      name="titleEasy"
      label="調査名（やさしい日本語）"
      value={s("titleEasy", survey?.titleEasy ?? "")}
      details={d}
    />
    <TextField
      name="purpose"
      label="調査の目的"
      required
      multiline
      value={s("purpose", survey?.purpose ?? "")}
      details={d}
    />
    <fieldset id="population" class="choices">
      <legend>対象</legend>
      {(["citizens", "staff"] as const).map((p) => (
        <div class="check">
          <input
            type="radio"
            id={`population-${p}`}
            name="population"
            value={p}
            checked={s("population", survey?.population ?? "citizens") === p}
          />{" "}
          <label for={`population-${p}`}>{POPULATION_LABELS[p]}</label>
        </div>
      ))}
    </fieldset>
    <TextField
      name="opensOn"
      label="開始日"
      hint={DATE_HINT}
      required
      value={s("opensOn", dateFieldValue(survey?.opensOn))}
      details={d}
    />
    <TextField
      name="closesOn"
      label="締切日"
      hint={DATE_HINT}
      required
      value={s("closesOn", dateFieldValue(survey?.closesOn))}
      details={d}
    />
    <TextField
      name="questionnaire"
      label="調査票（YAML）"
      required
      multiline
      rows={20}
      hint={QUESTIONNAIRE_HINT}
      value={s("questionnaire", survey?.questionnaireYaml ?? QUESTIONNAIRE_TEMPLATE)}
      details={d}
    />
  </>
);

const shownOf = (submitted?: Submitted) => (k: string, dflt: string) => submitted?.[k] ?? dflt;

export const ManageSurveysPage: FC<{
  code: string;
  surveys: Survey[];
  csrf: string;
  errors?: Errors;
  submitted?: Submitted;
}> = ({ code, surveys, csrf, errors, submitted }) => (
  <>
    <h1>アンケート調査</h1>
    <ul class="stack">
      {surveys.map((s) => (
        <li>
          <a href={`/${code}/manage/surveys/${s.id}`}>{s.title}</a> <SampleLabel survey={s} />（
          {s.fiscalYear}
          年度・{POPULATION_LABELS[s.population]}）
        </li>
      ))}
    </ul>
    <form method="post" action={`/${code}/manage/surveys`} class="stack">
      <h2>調査をつくる</h2>
      {errors ? <ErrorSummary message={errors.message} details={errors.details} /> : null}
      <CsrfField token={csrf} />
      <SurveyFields s={shownOf(submitted)} d={errors?.details} />
      <div class="actions">
        <button type="submit">調査をつくる（下書き）</button>
      </div>
    </form>
  </>
);

const DONE = {
  created: "調査をつくりました",
  updated: "調査を直しました",
  frame: "標本フレームを登録しました",
  drawn: "標本を抽出し、回答番号を発行しました",
  status: "回答の受付の状態を変えました",
  linked: "指標との結び付きを保存しました",
  published: "結果の公開の状態を変えました",
  paper: "紙の調査票の回答を入力しました",
  "paper-first":
    "紙の調査票の回答を入力しました。この調査票は二重入力の対象です。別の人がもう一度入力するまで集計に入りません",
  "paper-agree": "二回目の入力を登録しました。一回目の入力と一致したので、集計に入ります",
  "paper-differ":
    "二回目の入力を登録しました。一回目の入力と食い違う項目があります。「二重入力の照合」で調査票を見て確定してください",
};

const Versioned: FC<{ csrf: string; survey: Survey }> = ({ csrf, survey }) => (
  <>
    <CsrfField token={csrf} />
    <input type="hidden" name="version" value={String(survey.version)} />
  </>
);

export const ManageSurveyPage: FC<{
  code: string;
  survey: Survey;
  strata: SurveyStratum[];
  progress: { issued: number; submitted: number; inProgress: number; awaiting: number };
  indicatorCode: string | null;
  /** Links only to what the person may open: the codes (a planner's), paper keying (an editor's). */
  mayExportCodes: boolean;
  mayKeyIn: boolean;
  csrf: string;
  done?: string;
  errors?: Errors;
  submitted?: Submitted;
}> = ({
  code,
  survey: s,
  strata,
  progress,
  indicatorCode,
  mayExportCodes,
  mayKeyIn,
  csrf,
  done,
  errors,
  submitted,
}) => {
  const base = `/${code}/manage/surveys/${s.id}`;
  const err = (form: string) =>
    errors?.form === form ? (
      <ErrorSummary message={errors.message} details={errors.details} />
    ) : null;
  const population = strata.reduce((a, x) => a + x.population, 0);
  const choice = allQuestions(s.questionnaire).filter(
    (q) => hasOptions(q) && q.kind !== "multiple",
  );
  return (
    <>
      <h1>
        {s.title} <SampleLabel survey={s} />
      </h1>
      <DoneNotice messages={DONE} done={done} />
      <SurveyFacts s={s} />
      <p>
        <a href={`/${code}/surveys/${s.id}`}>公開ページ</a>・
        <a href={`${base}/results`}>集計結果</a>・
        <a href={`${base}/questionnaire.pdf`}>印刷用の調査票（PDF・A4）</a>
        {s.status !== "draft" ? (
          <>
            {mayKeyIn ? (
              <>
                ・<a href={`${base}/paper`}>紙の調査票を入力する</a>・
                <a href={`/${code}/manage/spreadsheets/survey-answers/${s.id}`}>
                  紙の調査票を Excel・CSV で取り込む
                </a>
              </>
            ) : null}
            ・<a href={`${base}/double-entry`}>二重入力の照合</a>
            {progress.awaiting ? `（照合待ち ${progress.awaiting}枚）` : ""}
          </>
        ) : null}
      </p>

      <section aria-labelledby="sample">
        <h2 id="sample">標本</h2>
        {strata.length ? (
          <p>
            標本フレーム: {strata.length}層・母集団 {population}人
          </p>
        ) : (
          <p>標本フレームはまだありません。</p>
        )}
        {s.seed ? (
          <>
            <p>
              抽出済み: 標本 {s.sampleSize}人、シード <code>{s.seed}</code>
              （同じ標本フレーム・大きさ・シードで、いつでも同じ抽出結果になります。各層の名簿を定めた順に並べ、
              回答番号の表の「名簿内の順位」の人に送ります）
            </p>
            <p>
              回答番号 {progress.issued}件・回答中 {progress.inProgress}件・回答済み{" "}
              {progress.submitted}件。
              {mayExportCodes ? (
                <>
                  {" "}
                  <a href={`${base}/codes.csv`}>回答番号の表（CSV）</a>
                  （回答番号・層・名簿内の順位。個人の情報は含みません）
                </>
              ) : null}
            </p>
          </>
        ) : s.status === "draft" ? (
          <>
            <form method="post" action={`${base}/frame`} class="stack">
              <h3>標本フレーム（層ごとの人数）を登録する</h3>
              {err("frame")}
              <Versioned csrf={csrf} survey={s} />
              <TextField
                name="frame"
                label="人数の表（CSV）"
                required
                multiline
                rows={8}
                hint={
                  `1行目は「${FRAME_HEADERS[s.population].join(",")}」。名簿そのものではなく、層ごとの人数だけを入れます。` +
                  (s.population === "citizens"
                    ? `または、1人1行の匿名の名簿（1行目は「${FRAME_LIST_HEADERS.join(",")}」。IDは名簿を持つ課だけが分かる番号。氏名・住所・電話などの列は受け付けません）。名簿から層ごとの人数を数え、名簿そのものは保存しません。「名簿内の順位」は、その層の中での名簿の行の順です。`
                    : "")
                }
                value={submitted?.frame ?? ""}
              />
              <div class="actions">
                <button type="submit">標本フレームを登録する</button>
              </div>
            </form>
            {strata.length ? (
              <form method="post" action={`${base}/draw`} class="stack">
                <h3>標本を抽出する（層化無作為抽出）</h3>
                {err("draw")}
                <Versioned csrf={csrf} survey={s} />
                <TextField
                  name="size"
                  label="標本の大きさ（人）"
                  required
                  inputmode="numeric"
                  value={submitted?.size ?? (s.population === "staff" ? String(population) : "")}
                  details={errors?.form === "draw" ? errors.details : undefined}
                />
                <TextField
                  name="seed"
                  label="シード"
                  hint="空のままにすると無作為に決めて、このページに表示します。"
                  value={submitted?.seed ?? ""}
                  details={errors?.form === "draw" ? errors.details : undefined}
                />
                <div class="actions">
                  <button type="submit">標本を抽出して回答番号を発行する</button>
                </div>
              </form>
            ) : null}
          </>
        ) : null}
      </section>

      <section aria-labelledby="running">
        <h2 id="running">回答の受付と結果の公開</h2>
        {err("status")}
        {errors?.form === "publish" && errors.details.some((d) => d.location === "double-entry") ? (
          <ErrorSummary message={errors.message}>
            <p>
              <a href={`${base}/double-entry`}>二重入力の照合</a>
              （照合待ち {progress.awaiting}枚）
            </p>
          </ErrorSummary>
        ) : (
          err("publish")
        )}
        <form method="post" action={`${base}/status`} class="actions">
          <Versioned csrf={csrf} survey={s} />
          {s.status === "open" ? (
            <button type="submit" name="status" value="closed">
              回答を締め切る
            </button>
          ) : (
            <button type="submit" name="status" value="open">
              回答の受付を始める
            </button>
          )}
        </form>
        <form method="post" action={`${base}/publish`} class="actions">
          <Versioned csrf={csrf} survey={s} />
          {s.resultsPublished ? (
            <button type="submit" name="published" value="no">
              結果の公開をやめる
            </button>
          ) : (
            <button type="submit" name="published" value="yes">
              結果を公開する（結び付いた指標の実績値も更新します）
            </button>
          )}
        </form>
      </section>

      <section aria-labelledby="indicator">
        <h2 id="indicator">指標への反映</h2>
        <p>
          {indicatorCode
            ? `指標 ${indicatorCode} に、問 ${s.indicatorQuestion} で「${(s.indicatorOptions ?? []).join("・")}」を選んだ人の重み付きの割合を反映します。`
            : "どの指標にも結び付いていません。"}
        </p>
        <form method="post" action={`${base}/indicator`} class="stack">
          {err("indicator")}
          <Versioned csrf={csrf} survey={s} />
          <TextField
            name="indicatorCode"
            label="指標コード（空にすると結び付きをやめます）"
            value={submitted?.indicatorCode ?? indicatorCode ?? ""}
            details={errors?.form === "indicator" ? errors.details : undefined}
          />
          <div>
            <label for="question">問</label>
            <select id="question" name="question">
              {choice.map((q) => (
                <option value={q.key} selected={q.key === s.indicatorQuestion}>
                  {q.key}. {q.text}
                </option>
              ))}
            </select>
          </div>
          <fieldset id="options" class="choices">
            <legend>割合に数える選択肢（選択肢の記号）</legend>
            {[...new Set(choice.flatMap((q) => (q.options ?? []).map((o) => o.key)))].map((k) => (
              <div class="check">
                <input
                  type="checkbox"
                  id={`option-${k}`}
                  name="options"
                  value={k}
                  checked={(s.indicatorOptions ?? []).includes(k)}
                />{" "}
                <label for={`option-${k}`}>{k}</label>
              </div>
            ))}
          </fieldset>
          <div class="actions">
            <button type="submit">保存する</button>
          </div>
        </form>
      </section>

      {s.status === "draft" ? (
        <form method="post" action={base} class="stack">
          <h2>内容を直す</h2>
          {err("survey")}
          <Versioned csrf={csrf} survey={s} />
          <SurveyFields
            s={shownOf(errors?.form === "survey" ? submitted : undefined)}
            survey={s}
            d={errors?.details}
          />
          <div class="actions">
            <button type="submit">保存する</button>
          </div>
        </form>
      ) : (
        <section aria-labelledby="questionnaire">
          <h2 id="questionnaire">調査票</h2>
          <pre>{s.questionnaireYaml}</pre>
        </section>
      )}
    </>
  );
};

export const PaperPage: FC<{
  code: string;
  survey: Survey;
  csrf: string;
  errors?: { message: string; details: ErrorDetail[] };
}> = ({ code, survey: s, csrf, errors }) => (
  <>
    <h1>紙の調査票を入力する: {s.title}</h1>
    <form method="post" action={`/${code}/manage/surveys/${s.id}/paper`} class="stack">
      {errors ? <ErrorSummary message={errors.message} details={errors.details} /> : null}
      <CsrfField token={csrf} />
      <TextField name="code" label="調査票の回答番号" required value="" details={errors?.details} />
      {s.questionnaire.sections.map((section, i) => (
        <section aria-labelledby={`section-${i}`}>
          <h2 id={`section-${i}`}>{section.title}</h2>
          <p class="hint">条件付きの問は、条件に合う回答のときだけ入力します。</p>
          {section.questions.map((q) => (
            <QuestionFields q={q} answers={{}} details={errors?.details} idPrefix="paper-" />
          ))}
        </section>
      ))}
      <div class="actions">
        <button type="submit">この調査票の回答を登録する</button>
      </div>
    </form>
  </>
);

/** Free-text answers for staff, masked, at most 200 per question (never published). */
export const FreeTexts: FC<{ questions: { key: string; text: string; answers: string[] }[] }> = ({
  questions,
}) => (
  <section aria-labelledby="free-texts">
    <h2 id="free-texts">自由記述（職員のみ・個人情報を自動で伏せ字にしたもの）</h2>
    <p class="hint">
      電話番号・メールアドレス・郵便番号・長い数字・「○○さん」などの名前を＊＊＊にしています。自動の伏せ字は完全ではないため、外に出す前に読み直してください。自由記述は公開しません。
    </p>
    {questions.map((q) => (
      <>
        <h3>
          {q.key}. {q.text}（{q.answers.length}件{q.answers.length > 200 ? "、最初の200件" : ""}）
        </h3>
        <ul>
          {q.answers.slice(0, 200).map((a) => (
            <li>{a}</li>
          ))}
        </ul>
      </>
    ))}
  </section>
);
