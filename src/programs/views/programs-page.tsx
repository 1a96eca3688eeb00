/** The public program list: filters (GET form), the programs, and cost by measure. */
import type { FC } from "hono/jsx";
import { rawSvg } from "../../core/chart.ts";
import { fiscalYearLabel, shortFiscalYearLabel } from "../../core/fiscal-year.ts";
import { DIRECTION_LABELS, DIRECTIONS } from "../../evaluations/index.ts";
import type { Municipality, SectionRef } from "../../municipalities/index.ts";
import { nodeLabel, nodeTitle, type PlanNode } from "../../plan/index.ts";
import type { ProgramFilter } from "../filter.ts";
import { directionOf, type ProgramView, yearOf } from "../queries.ts";
import type { CostFigures, DirectionCounts } from "../rollup.ts";
import { DirectionText, fte, SampleBadge, yen } from "./parts.tsx";

interface Option {
  value: string;
  label: string;
}

const Choice: FC<{
  name: string;
  label: string;
  all: string;
  value?: string;
  options: Option[];
}> = (p) => (
  <div>
    <label for={`f-${p.name}`}>{p.label}</label>
    <select id={`f-${p.name}`} name={p.name}>
      <option value="">{p.all}</option>
      {p.options.map((o) => (
        <option value={o.value} selected={o.value === p.value}>
          {o.label}
        </option>
      ))}
    </select>
  </div>
);

export interface MeasureCost {
  measure: PlanNode;
  figures: CostFigures | undefined;
  /** Programs by direction (published evaluations of the year), each once per measure. */
  directions: DirectionCounts | undefined;
  programCount: number;
}

export interface ProgramsPageProps {
  municipality: Municipality;
  filter: ProgramFilter;
  /** The fiscal year whose costs and directions are shown. */
  fiscalYear: number | undefined;
  fiscalYears: number[];
  measures: PlanNode[];
  sections: SectionRef[];
  results: ProgramView[];
  total: number;
  measureCosts: MeasureCost[];
  /** Programs by direction, municipality-wide, each program once. */
  directions: DirectionCounts | undefined;
  costChartSvg: string;
  /** The plans' name of the measure's level (基本施策, 施策 …). */
  labels: { measure: string };
}

/** Program counts by direction per measure, and municipality-wide (each program once). */
const DirectionsByMeasure: FC<{
  rows: MeasureCost[];
  totals: DirectionCounts;
  caption: string;
  measureLabel: string;
}> = ({ rows, totals, caption, measureLabel }) => (
  <div class="table-wrap">
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{measureLabel}</th>
          {DIRECTIONS.map((d) => (
            <th scope="col" class="num">
              {DIRECTION_LABELS[d]}
            </th>
          ))}
          <th scope="col" class="num">
            評価なし
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            <th scope="row">{nodeLabel(r.measure)}</th>
            {DIRECTIONS.map((d) => (
              <td class="num">{r.directions?.[d] ?? 0}</td>
            ))}
            <td class="num">{r.directions?.none ?? 0}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">市全体（事業ごとに1回）</th>
          {DIRECTIONS.map((d) => (
            <td class="num">{totals[d]}</td>
          ))}
          <td class="num">{totals.none}</td>
        </tr>
      </tfoot>
    </table>
  </div>
);

export const ProgramsPage: FC<ProgramsPageProps> = ({
  municipality: m,
  filter: f,
  fiscalYear,
  fiscalYears,
  measures,
  sections,
  results,
  total,
  measureCosts,
  directions,
  costChartSvg,
  labels,
}) => {
  const anySample = results.some((p) => p.sample);
  const yearText = fiscalYear === undefined ? "" : fiscalYearLabel(fiscalYear);
  // No program at all: nothing to filter, and no condition to change.
  if (total === 0)
    return (
      <>
        <h1>事務事業の一覧</h1>
        <p>{m.name}の事務事業は、まだ公開されていません。</p>
      </>
    );
  return (
    <>
      <h1>事務事業の一覧</h1>
      <p class="lead">
        {m.name}
        の事務事業（予算の単位となる事業）と、そのコスト・評価です。事業がどの取組・{labels.measure}
        に役立っているか、人件費を含めていくらかかっているか、今後どうするか（今後の方向性）を確認できます。評価は公表されたものだけを掲載しています。
      </p>
      {anySample ? (
        <p class="notice">
          <SampleBadge />{" "}
          の付いた事務事業は、画面の使い方を示すための架空のデータです。実際の予算・決算・評価ではありません。
        </p>
      ) : null}
      <form class="filters" method="get" action={`/${m.code}/programs`}>
        <Choice
          name="fiscalYear"
          label="年度"
          all="最新の年度"
          value={f.fiscalYear === undefined ? undefined : String(f.fiscalYear)}
          options={fiscalYears.map((fy) => ({ value: String(fy), label: fiscalYearLabel(fy) }))}
        />
        <Choice
          name="measure"
          label={labels.measure}
          all={`すべての${labels.measure}`}
          value={f.measure}
          options={measures.map((n) => ({ value: n.code, label: nodeTitle(n) }))}
        />
        <Choice
          name="section"
          label="担当課"
          all="すべての担当課"
          value={f.section}
          options={sections.map((s) => ({ value: s.code, label: s.name }))}
        />
        <Choice
          name="direction"
          label="今後の方向性"
          all="すべての方向性"
          value={f.direction}
          options={DIRECTIONS.map((d) => ({ value: d, label: DIRECTION_LABELS[d] }))}
        />
        <div class="actions">
          <button type="submit">絞り込む</button>
          <a href={`/${m.code}/programs`}>条件をクリア</a>
        </div>
      </form>
      <p id="result-count" role="status">
        {total} 件中 <strong>{results.length}</strong> 件を表示
        {yearText ? `（コストと方向性は${yearText}）` : ""}
      </p>
      {results.length === 0 ? (
        <p>条件に合う事務事業はありません。条件を変えてお試しください。</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>事務事業の一覧{yearText ? `（${yearText}）` : ""}</caption>
            <thead>
              <tr>
                <th scope="col">事務事業</th>
                <th scope="col">担当課</th>
                <th scope="col">関連する取組</th>
                <th scope="col" class="num">
                  総コスト
                </th>
                <th scope="col" class="num">
                  従事職員数
                </th>
                <th scope="col">今後の方向性</th>
              </tr>
            </thead>
            <tbody>
              {results.map((p) => {
                const y = yearOf(p, fiscalYear);
                return (
                  <tr>
                    <th scope="row">
                      <a href={`/${m.code}/programs/${p.code}`}>{p.name}</a>{" "}
                      {p.sample ? <SampleBadge /> : null}
                      <br />
                      <span class="muted">{p.code}</span>
                    </th>
                    <td>{p.section.name}</td>
                    <td>
                      <ul>
                        {p.initiatives.map((i) => (
                          <li>
                            {i.title}
                            {i.measure ? (
                              <span class="muted">（{nodeLabel(i.measure)}）</span>
                            ) : null}
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td class="num">{y ? yen(y.cost?.totalCost) : "—"}</td>
                    <td class="num">{y?.cost ? fte(y.cost.staffFte) : "—"}</td>
                    <td>
                      {y?.evaluation ? (
                        <DirectionText direction={directionOf(p, fiscalYear)} />
                      ) : (
                        <span class="muted">公表前</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {fiscalYear !== undefined && measureCosts.length > 0 ? (
        <section aria-labelledby="by-measure">
          <h2 id="by-measure">
            {labels.measure}ごとのコスト（{fiscalYearLabel(fiscalYear)}）
          </h2>
          <p>
            複数の取組に役立つ事務事業のコストは、定めた割合（定めがなければ均等）で取組に配分しており、同じ費用を二重に数えていません。すべての事務事業を対象に集計しています。
          </p>
          {costChartSvg ? <figure class="chart">{rawSvg(costChartSvg)}</figure> : null}
          <div class="table-wrap">
            <table>
              <caption>
                {labels.measure}ごとの事務事業のコスト（{shortFiscalYearLabel(fiscalYear)}）
              </caption>
              <thead>
                <tr>
                  <th scope="col">{labels.measure}</th>
                  <th scope="col" class="num">
                    事務事業数
                  </th>
                  <th scope="col" class="num">
                    事業費
                  </th>
                  <th scope="col" class="num">
                    人件費
                  </th>
                  <th scope="col" class="num">
                    総コスト
                  </th>
                  <th scope="col" class="num">
                    従事職員数
                  </th>
                </tr>
              </thead>
              <tbody>
                {measureCosts.map((c) => (
                  <tr>
                    <th scope="row">
                      <a href={`/${m.code}/measures/${c.measure.code}/programs`}>
                        {nodeTitle(c.measure)}
                      </a>
                    </th>
                    <td class="num">{c.programCount}</td>
                    <td class="num">{yen(c.figures?.programCost ?? 0)}</td>
                    <td class="num">{yen(c.figures?.staffCost ?? 0)}</td>
                    <td class="num">{yen(c.figures?.totalCost ?? 0)}</td>
                    <td class="num">{fte(c.figures?.staffFte ?? 0)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {directions ? (
            <DirectionsByMeasure
              rows={measureCosts}
              totals={directions}
              measureLabel={labels.measure}
              caption={`${labels.measure}ごとの今後の方向性（${shortFiscalYearLabel(fiscalYear)}の公表された評価、事務事業数）`}
            />
          ) : null}
        </section>
      ) : null}
      {fiscalYears.length > 0 ? (
        <p>
          全事務事業の評価シート（Excel）：
          {fiscalYears.map((fy, i) => (
            <>
              {i > 0 ? "、" : ""}
              <a href={`/${m.code}/programs/sheets-${fy}.xlsx`}>{shortFiscalYearLabel(fy)}</a>
            </>
          ))}
        </p>
      ) : null}
      <p>
        この一覧は <a href={`/api/v1/municipalities/${m.code}/programs`}>JSON API</a>{" "}
        でも取得できます。
      </p>
    </>
  );
};
