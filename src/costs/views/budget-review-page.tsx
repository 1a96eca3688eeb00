/**
 * Staff (planners): the budget review (事業査定) of an evaluated fiscal year — each program's
 * request for the next year beside its 当初予算額 and the direction of its evaluation, programs
 * whose request grows while the direction is 縮小・休止・廃止 first.
 */
import type { FC } from "hono/jsx";
import { fiscalYearLabel } from "../../core/fiscal-year.ts";
import { formatNumber } from "../../core/format.ts";
import { DirectionText, SampleBadge, yen } from "../../programs/index.ts";
import type { BudgetReviewLine } from "../budget-store.ts";
import { programCostsPath } from "./program-costs-page.tsx";

const change = (l: BudgetReviewLine) => {
  if (!l.review) return "—";
  const sign = l.review.change > 0 ? "+" : "";
  const rate =
    l.review.changeRate === null ? "" : `（${sign}${formatNumber(l.review.changeRate, 1)}%）`;
  return `${sign}${formatNumber(l.review.change)}円${rate}`;
};

export const BudgetReviewPage: FC<{
  code: string;
  fiscalYear: number;
  years: number[];
  lines: BudgetReviewLine[];
}> = ({ code, fiscalYear, years, lines }) => {
  const flagged = lines.filter((l) => l.review?.contradicts).length;
  const missing = lines.filter((l) => !l.request).length;
  const next = fiscalYear + 1;
  return (
    <>
      <h1>事業査定（予算要求と評価の方向性）</h1>
      <p class="lead">
        {fiscalYearLabel(fiscalYear)}の評価の方向性と{fiscalYearLabel(next)}
        の予算要求額を並べています。方向性が「縮小」「休止」「廃止」なのに要求額が
        {fiscalYearLabel(fiscalYear)}の当初予算額より増えている事業は <strong>{flagged} 件</strong>
        、要求額が未入力の事業は {missing} 件です。
      </p>
      <form method="get" class="filters" action={`/${code}/manage/evaluations/budget-review`}>
        <div>
          <label for="fiscalYear">評価の年度</label>
          <select id="fiscalYear" name="fiscalYear">
            {years.map((y) => (
              <option value={String(y)} selected={y === fiscalYear}>
                {fiscalYearLabel(y)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="submit">表示</button>
        </div>
      </form>
      <p>
        <a href={`/${code}/manage/evaluations/budget-review?fiscalYear=${fiscalYear}&format=csv`}>
          CSVでダウンロード
        </a>
      </p>
      {lines.length === 0 ? (
        <p>この年度の事務事業はありません。</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>{fiscalYearLabel(next)}の予算要求（方向性と矛盾するものを先頭に表示）</caption>
            <thead>
              <tr>
                <th scope="col">事務事業</th>
                <th scope="col">担当課</th>
                <th scope="col">今後の方向性</th>
                <th scope="col" class="num">
                  {fiscalYearLabel(fiscalYear)}当初予算額
                </th>
                <th scope="col" class="num">
                  {fiscalYearLabel(next)}要求額
                </th>
                <th scope="col" class="num">
                  増減
                </th>
                <th scope="col">確認事項</th>
              </tr>
            </thead>
            <tbody>
              {lines.map((l) => (
                <tr class={l.review?.contradicts ? "flagged" : undefined}>
                  <th scope="row">
                    <a href={programCostsPath(code, l.program.code, fiscalYear)}>
                      {l.program.name}
                    </a>{" "}
                    {l.program.sample ? <SampleBadge /> : null}{" "}
                    <span class="muted">{l.program.code}</span>
                  </th>
                  <td>{l.program.section.name}</td>
                  <td>
                    <DirectionText direction={l.direction} />
                    {l.directionSource ? (
                      <span class="muted">
                        （{l.directionSource === "secondary" ? "二次評価" : "一次評価"}）
                      </span>
                    ) : null}
                  </td>
                  <td class="num">{yen(l.baseBudget)}</td>
                  <td class="num">{l.request ? yen(l.request.amount) : "未入力"}</td>
                  <td class="num">{change(l)}</td>
                  <td>{l.review?.contradicts ? <strong>{l.review.message}</strong> : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
};
