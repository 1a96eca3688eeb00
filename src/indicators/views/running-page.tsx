import type { FC } from "hono/jsx";
import { fiscalYearLabel } from "../../core/fiscal-year.ts";
import { formatValue } from "../../core/format.ts";
import { CsrfField } from "../../core/views/form.tsx";
import type { RunningActual } from "../computed-actuals.ts";
import { runningLabel } from "../running.ts";

export interface RunningRow {
  running: RunningActual;
  code: string;
  name: string;
  unit: string;
  decimals: number | null;
}

/** The computed values still 集計中, with a planner's button to publish each as the actual. */
export const RunningPage: FC<{
  code: string;
  rows: RunningRow[];
  csrf: string;
  mayPublish: boolean;
  done?: string;
}> = ({ code, rows, csrf, mayPublish, done }) => (
  <>
    <h1>集計中の値</h1>
    {done ? (
      <p class="notice" role="status">
        {done}を実績値として公開しました。公開ページとAPIの実績値に載り、評価に使われます。
      </p>
    ) : null}
    <p>
      記録（職員提案、市長へのたより、台帳など）から年度の途中で計算した値です。公開ページには「集計中（日付時点）」として載りますが、評価には使いません。その年度の報告を締め切ると実績値になります。締切の前に確定させるときは、企画担当が公開します。
    </p>
    {rows.length === 0 ? (
      <p class="muted">集計中の値はありません。</p>
    ) : (
      <div class="table-wrap">
        <table>
          <caption>集計中の値（{rows.length}件）</caption>
          <thead>
            <tr>
              <th scope="col">指標</th>
              <th scope="col">年度</th>
              <th scope="col" class="num">
                値
              </th>
              <th scope="col">計算</th>
              {mayPublish ? <th scope="col">操作</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">
                  <a href={`/${code}/indicators/${encodeURIComponent(r.code)}`}>{r.name}</a>
                  <span class="muted">（{r.code}）</span>
                </th>
                <td>{fiscalYearLabel(r.running.fiscalYear)}</td>
                <td class="num">
                  {formatValue(r.running.value, r.unit, r.decimals)}
                  <br />
                  <span class="muted">{runningLabel(r.running.computedAt)}</span>
                </td>
                <td>
                  {r.running.source}
                  {r.running.recordsPath ? (
                    <>
                      {" "}
                      <a href={r.running.recordsPath}>元の記録</a>
                    </>
                  ) : null}
                </td>
                {mayPublish ? (
                  <td>
                    <form
                      method="post"
                      action={`/${code}/manage/running-actuals/${encodeURIComponent(r.code)}/${r.running.fiscalYear}/publish`}
                    >
                      <CsrfField token={csrf} />
                      <input type="hidden" name="version" value={String(r.running.version)} />
                      <button type="submit">実績値として公開する</button>
                    </form>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
  </>
);
