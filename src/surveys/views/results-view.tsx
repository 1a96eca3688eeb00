/**
 * A survey's results as a page section: the response rate by stratum, the weighting used, and
 * per question a chart (server-rendered SVG with its text alternative) and the table of shares —
 * unweighted and weighted, the 95% interval, n — and, when asked, a cross-tabulation.
 * Groups of fewer than 10 answers show no figure.
 */
import type { FC } from "hono/jsx";
import { rawSvg } from "../../core/chart.ts";
import { type Interval, percent } from "../estimates.ts";
import type { Question } from "../questionnaire.ts";
import { type CrossRow, MIN_GROUP, type SurveyResults } from "../results.ts";
import { DIMENSION_LABELS, type Dimension } from "../weighting.ts";

export const pct = (x: number) => `${percent(x).toFixed(1)}%`;
export const interval = (i: Interval) => `${pct(i[0])}〜${pct(i[1])}`;

export const WeightingNote: FC<{ results: SurveyResults }> = ({ results: r }) => (
  <section aria-labelledby="method">
    <h2 id="method">集計の方法</h2>
    <ul>
      <li>
        回答者 {r.respondents}人 ／ 標本 {r.sampled}人（回収率 {pct(r.responseRate)}）
      </li>
      <li>
        重み付け:{" "}
        {r.weighting.method === "raking"
          ? `レイキング（年齢層・性別・地区の周辺分布に合わせる反復比例調整、${r.weighting.iterations}回）`
          : "事後層化（年齢層×性別×地区の層ごとに、人口 ÷ 回答者数）"}
        。重みによる設計効果 {r.weighting.designEffect.toFixed(2)}
      </li>
      <li>
        95%信頼区間: 重みなしは Wilson 法、重み付きは Wilson 法に Kish の有効標本数（重みの合計の2乗
        ÷ 重みの2乗の合計）を用いたもの。回答が{MIN_GROUP}人未満の集団は数値を示しません。
      </li>
      {r.weighting.notes.map((n) => (
        <li>{n}</li>
      ))}
    </ul>
  </section>
);

export const ResponseRateTable: FC<{ results: SurveyResults; staff: boolean }> = ({
  results,
  staff,
}) => (
  <section aria-labelledby="rates">
    <h2 id="rates">層ごとの回収率</h2>
    <div class="table-scroll">
      <table>
        <caption>層（{staff ? "課" : "年齢層×性別×地区"}）ごとの標本数・回答者数・回収率</caption>
        <thead>
          <tr>
            <th scope="col">層</th>
            <th scope="col">母集団</th>
            <th scope="col">標本</th>
            <th scope="col">回答</th>
            <th scope="col">回収率</th>
          </tr>
        </thead>
        <tbody>
          {results.strata.map((s) => (
            <tr>
              <th scope="row">{staff ? s.area : `${s.ageBand}・${s.sex}・${s.area}`}</th>
              <td class="num">{s.population}</td>
              <td class="num">{s.sampled}</td>
              <td class="num">{staff && s.respondents < MIN_GROUP ? "—" : s.respondents}</td>
              <td class="num">{staff && s.respondents < MIN_GROUP ? "—" : pct(s.rate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  </section>
);

export const QuestionResultView: FC<{
  q: Question;
  r: SurveyResults["questions"][number];
  svg?: string;
  cross?: { by: Dimension; rows: CrossRow[] };
}> = ({ q, r, svg, cross }) => (
  <section class="question-result" aria-labelledby={`q-${q.key}`}>
    <h3 id={`q-${q.key}`}>
      {q.key}. {q.text}
    </h3>
    {r.suppressed ? (
      <p>
        回答が{MIN_GROUP}人未満のため、結果を示しません（回答 {r.n}人）。
      </p>
    ) : r.mean ? (
      <p>
        回答 {r.n}人。平均 {r.mean.mean.toFixed(1)}
        {q.unit ?? ""}（重み付き {r.mean.weightedMean.toFixed(1)}
        {q.unit ?? ""}）
      </p>
    ) : q.kind === "text" ? (
      <p>自由記述 {r.n}件（個々の回答は公開しません）。</p>
    ) : (
      <>
        {svg ? <figure class="chart">{rawSvg(svg)}</figure> : null}
        <div class="table-scroll">
          <table>
            <caption>
              {q.key} の回答（n = {r.n}
              {q.kind === "multiple" ? "、複数回答のため合計は100%を超えます" : ""}）
            </caption>
            <thead>
              <tr>
                <th scope="col">選択肢</th>
                <th scope="col">人数</th>
                <th scope="col">割合（重みなし）</th>
                <th scope="col">割合（重み付き）</th>
                <th scope="col">95%信頼区間（重み付き）</th>
              </tr>
            </thead>
            <tbody>
              {r.options.map((o) => (
                <tr>
                  <th scope="row">{o.text}</th>
                  <td class="num">{o.count}</td>
                  <td class="num">{pct(o.share)}</td>
                  <td class="num">{pct(o.weightedShare)}</td>
                  <td class="num">{interval(o.ci95)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {cross ? <CrossTable q={q} by={cross.by} rows={cross.rows} /> : null}
      </>
    )}
  </section>
);

const CrossTable: FC<{ q: Question; by: Dimension; rows: CrossRow[] }> = ({ q, by, rows }) => (
  <div class="table-scroll">
    <table>
      <caption>
        {q.key} の{DIMENSION_LABELS[by]}別の割合（重み付き）
      </caption>
      <thead>
        <tr>
          <th scope="col">{DIMENSION_LABELS[by]}</th>
          <th scope="col">n</th>
          {(q.options ?? []).map((o) => (
            <th scope="col">{o.text}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr>
            <th scope="row">{row.level}</th>
            <td class="num">{row.n}</td>
            {row.suppressed ? (
              <td colspan={(q.options ?? []).length}>{MIN_GROUP}人未満のため示しません</td>
            ) : (
              row.shares.map((s) => <td class="num">{pct(s.weightedShare)}</td>)
            )}
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);
