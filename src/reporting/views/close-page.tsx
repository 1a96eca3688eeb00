/**
 * Staff: closing a round asks first. The page says how far the round has come (「19件中3件入力
 *済み・締切の13日前」), what closing does, and, while drafts of the year wait to be published,
 * sends the person to 公開前の確認 instead of offering to close.
 */
import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../../core/errors.ts";
import { fiscalYearLabel } from "../../core/fiscal-year.ts";
import { CsrfField, ErrorSummary } from "../../core/views/form.tsx";
import { formatJapaneseDate } from "../rules.ts";

export const ClosePage: FC<{
  code: string;
  fiscalYear: number;
  deadline: string;
  /** 「19件中3件入力済み・締切の13日前」 (rules.ts closeSummary). */
  summary: string;
  /** Indicators of the round without a value yet. */
  missing: number;
  /** Drafts of the year waiting to be published: closing is refused while there are any. */
  drafts: number;
  /** Closed meanwhile (by someone else): nothing left to confirm. */
  closed: boolean;
  csrf: string;
  errors?: { message: string; details: ErrorDetail[] };
}> = (p) => {
  const back = `/${p.code}/manage/rounds/${p.fiscalYear}`;
  return (
    <>
      <h1>{fiscalYearLabel(p.fiscalYear)}の報告を締め切りますか</h1>
      {p.errors ? <ErrorSummary message={p.errors.message} details={p.errors.details} /> : null}
      <p class="lead" id="close-summary">
        <strong>{p.summary}</strong>
      </p>
      <dl class="meta">
        <dt>入力期限</dt>
        <dd>{formatJapaneseDate(p.deadline)}</dd>
        <dt>未入力</dt>
        <dd>{p.missing} 件</dd>
        <dt>公開を待つ下書き</dt>
        <dd>{p.drafts} 件</dd>
      </dl>
      <p>
        締め切ると、{fiscalYearLabel(p.fiscalYear)}
        の実績値は入力も訂正もできなくなります（入力担当の画面は読み取りだけになります）。集計中の値はこの年度の実績値になります。訂正が必要になったときは、指標ごとに再開できます。
      </p>
      {p.drafts ? (
        <div class="notice" role="status">
          <p>
            {fiscalYearLabel(p.fiscalYear)}の下書きが {p.drafts}{" "}
            件、公開を待っています。下書きがあるうちは締め切れません。
          </p>
          <p>
            <a href={`/${p.code}/manage/publish`}>公開前の確認</a>
            で公開するか取り消してから、もう一度締め切ってください。
          </p>
        </div>
      ) : null}
      <form method="post" action={`${back}/close`}>
        <CsrfField token={p.csrf} />
        <div class="actions">
          {p.drafts || p.closed ? null : (
            <button type="submit" aria-describedby="close-summary">
              締め切りを確定する
            </button>
          )}
          <a href={back}>締め切らずに戻る</a>
        </div>
      </form>
    </>
  );
};
