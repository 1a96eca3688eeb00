/**
 * Staff (planners): the evaluation round of a fiscal year — open it with a deadline, see the
 * submissions per section and what is overdue, close it, reopen it.
 */
import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../../core/errors.ts";
import { fiscalYearLabel } from "../../core/fiscal-year.ts";
import { TextField } from "../../core/views/fields.tsx";
import { CsrfField, DoneNotice, ErrorSummary } from "../../core/views/form.tsx";
import { formatJapaneseDate } from "../../reporting/index.ts";
import type { EvaluationRound, RoundProgram } from "../round.ts";
import type { YearEvaluation } from "../staff-queries.ts";
import { SectionCompletionTable } from "./my-evaluations-page.tsx";

const DONE: Record<string, string> = {
  open: "事務事業評価を開始しました。各課の「事務事業評価」に提出期限が表示され、期限の7日前と当日に未提出の課の入力担当者へお知らせを用意します。",
  close:
    "事務事業評価を締め切りました。この年度の一次評価は入力担当者が変更できません（二次評価と公表は続けられます）。",
  reopen: "事務事業評価を再開しました。入力担当者が一次評価を変更・提出できます。",
};

export interface EvaluationRoundPageProps {
  code: string;
  fiscalYear: number;
  years: number[];
  round: EvaluationRound | undefined;
  rows: YearEvaluation[];
  overdue: RoundProgram[];
  csrf: string;
  done?: string;
  typed?: { deadline: string };
  errors?: { message: string; details: ErrorDetail[] };
}

export const EvaluationRoundPage: FC<EvaluationRoundPageProps> = (p) => {
  const action = `/${p.code}/manage/evaluations/round?fy=${p.fiscalYear}`;
  const { round } = p;
  return (
    <>
      <h1>{fiscalYearLabel(p.fiscalYear)}の事務事業評価の実施</h1>
      <DoneNotice messages={DONE} done={p.done} />
      {p.errors ? (
        <ErrorSummary message={p.errors.message} details={p.errors.details} fields={["deadline"]} />
      ) : null}
      <form method="get" class="filters" action={`/${p.code}/manage/evaluations/round`}>
        <div>
          <label for="fy">年度</label>
          <select id="fy" name="fy">
            {p.years.map((y) => (
              <option value={String(y)} selected={y === p.fiscalYear}>
                {fiscalYearLabel(y)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="submit">表示</button>
        </div>
      </form>
      {round ? (
        <dl class="meta">
          <dt>提出期限</dt>
          <dd>{formatJapaneseDate(round.deadline)}</dd>
          <dt>状態</dt>
          <dd>{round.closedAt ? "締切済み" : "受付中"}</dd>
        </dl>
      ) : (
        <form method="post" action={action} class="stack">
          <CsrfField token={p.csrf} />
          <input type="hidden" name="step" value="open" />
          <p>
            この年度の事務事業評価はまだ開始していません。提出期限を決めて開始すると、各課の「事務事業評価」に期限が表示され、期限の7日前と当日に未提出の事務事業がある課の入力担当者へお知らせを用意します。
          </p>
          <TextField
            name="deadline"
            label="提出期限"
            value={p.typed?.deadline ?? ""}
            details={p.errors?.details}
            hint="例: 2025-07-31（2025年7月31日 の書き方も使えます）"
            required
          />
          <div>
            <button type="submit">事務事業評価を開始する</button>
          </div>
        </form>
      )}

      <h2>期限を過ぎて未提出の事務事業</h2>
      {!round ? (
        <p>提出期限はまだ決まっていません。</p>
      ) : p.overdue.length === 0 ? (
        <p>ありません。</p>
      ) : (
        <ul>
          {p.overdue.map((x) => (
            <li>
              <a
                href={`/${p.code}/manage/programs/${encodeURIComponent(x.code)}/evaluations/${p.fiscalYear}`}
              >
                {x.code} {x.name}
              </a>
              （{x.section.name}）
            </li>
          ))}
        </ul>
      )}

      <h2>担当課ごとの提出状況</h2>
      {p.rows.length === 0 ? (
        <p>この年度に評価する事務事業はありません。</p>
      ) : (
        <SectionCompletionTable fiscalYear={p.fiscalYear} rows={p.rows} />
      )}

      {round ? (
        <form method="post" action={action}>
          <CsrfField token={p.csrf} />
          <input type="hidden" name="step" value={round.closedAt ? "reopen" : "close"} />
          <p class="hint" id="round-hint">
            {round.closedAt
              ? "再開すると、入力担当者がこの年度の一次評価をまた変更・提出できます。"
              : "締め切ると、この年度の一次評価は入力担当者が変更・提出できなくなります。企画担当は二次評価と公表を続けられます。"}
          </p>
          <button type="submit" aria-describedby="round-hint">
            {round.closedAt ? "事務事業評価を再開する" : "事務事業評価を締め切る"}
          </button>
        </form>
      ) : null}
      <p>
        <a href={`/${p.code}/manage/evaluations?fy=${p.fiscalYear}`}>事務事業評価の一覧</a>
        {" ・ "}
        <a href={`/${p.code}/manage/outbox`}>お知らせメールの送信予定</a>
      </p>
    </>
  );
};
