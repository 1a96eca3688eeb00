/**
 * "What did this measure cost, and did it move its indicators?": one measure's programs, its
 * total cost and staff by fiscal year (shared programs split by their shares), the initiatives'
 * parts, the directions of its programs, and its indicators' achievement — on one page.
 */
import type { FC } from "hono/jsx";
import { rawSvg } from "../../core/chart.ts";
import { fiscalYearLabel, shortFiscalYearLabel } from "../../core/fiscal-year.ts";
import { formatValue } from "../../core/format.ts";
import { DIRECTION_LABELS, DIRECTIONS } from "../../evaluations/index.ts";
import type { IndicatorRecord } from "../../indicators/index.ts";
import { StatusLabel } from "../../indicators/index.ts";
import type { PlanNode } from "../../plan/index.ts";
import type { ProgramView } from "../queries.ts";
import type { DirectionCounts, YearFigures } from "../rollup.ts";
import { DirectionText, fte, SampleBadge, yen } from "./parts.tsx";

export interface InitiativeCosts {
  node: PlanNode;
  figures: YearFigures | undefined;
  programs: ProgramView[];
}

export interface MeasureProgramsProps {
  code: string;
  measure: PlanNode;
  title: string;
  years: number[];
  figures: YearFigures | undefined;
  initiatives: InitiativeCosts[];
  /** Directions of the latest fiscal year with published evaluations. */
  directionYear: number | undefined;
  directions: DirectionCounts | undefined;
  directionOf: (p: ProgramView) => Parameters<typeof DirectionText>[0]["direction"];
  indicators: IndicatorRecord[];
  chartSvg: string;
}

export const MeasureProgramsPage: FC<MeasureProgramsProps> = (p) => {
  const programs = [
    ...new Map(p.initiatives.flatMap((i) => i.programs).map((x) => [x.id, x])).values(),
  ];
  const latest = p.years.at(-1);
  const label = p.measure.level.label;
  return (
    <>
      <h1>{p.title}の事務事業とコスト</h1>
      <p class="lead">
        この{label}
        に役立つ事務事業に、人件費を含めていくらかかっているか、指標は動いているかを一つのページで示します。
        複数の取組に役立つ事業のコストは、定めた割合で取組に配分しています（同じ円を二度数えません）。
      </p>
      {programs.some((x) => x.sample) ? (
        <p class="notice">
          <SampleBadge />{" "}
          の付いた事務事業は、画面の使い方を示すための架空のデータです。実際の予算・決算・評価ではありません。
        </p>
      ) : null}
      <p>
        <a href={`/${p.code}/measures/${p.measure.code}`}>{label}のページへ戻る</a>
      </p>

      <h2>年度ごとのコスト</h2>
      {p.years.length === 0 ? (
        <p>この{label}に役立つ事務事業のコストはまだありません。</p>
      ) : (
        <>
          <figure class="chart">{rawSvg(p.chartSvg)}</figure>
          <div class="table-wrap">
            <table>
              <caption>{p.title}のコスト（取組への配分後）</caption>
              <thead>
                <tr>
                  <th scope="col">年度</th>
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
                {p.years.map((fy) => {
                  const f = p.figures?.get(fy);
                  return (
                    <tr>
                      <th scope="row">{fiscalYearLabel(fy)}</th>
                      <td class="num">{yen(f?.programCost)}</td>
                      <td class="num">{yen(f?.staffCost)}</td>
                      <td class="num">{yen(f?.totalCost)}</td>
                      <td class="num">{f ? fte(f.staffFte) : "—"}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}

      <h2>取組ごとの事務事業</h2>
      {p.initiatives.map((i) => (
        <section aria-labelledby={`initiative-${i.node.code}`}>
          <h3 id={`initiative-${i.node.code}`}>{i.node.title}</h3>
          {i.programs.length === 0 ? (
            <p class="muted">この取組に結び付いた事務事業はありません。</p>
          ) : (
            <ul>
              {i.programs.map((x) => (
                <li>
                  <a href={`/${p.code}/programs/${x.code}`}>{x.name}</a>{" "}
                  {x.sample ? <SampleBadge /> : null}（{x.section.name}）
                  {latest !== undefined ? (
                    <>
                      {" "}
                      今後の方向性: <DirectionText direction={p.directionOf(x)} />
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          )}
          {latest !== undefined && i.figures?.get(latest) ? (
            <p>
              {shortFiscalYearLabel(latest)}の総コスト（配分後）:{" "}
              {yen(i.figures.get(latest)!.totalCost)}
            </p>
          ) : null}
        </section>
      ))}

      <h2>今後の方向性</h2>
      {p.directions && p.directionYear !== undefined ? (
        <div class="table-wrap">
          <table>
            <caption>{fiscalYearLabel(p.directionYear)}の評価による事務事業の数（公表分）</caption>
            <thead>
              <tr>
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
              <tr>
                {DIRECTIONS.map((d) => (
                  <td class="num">{p.directions![d]}</td>
                ))}
                <td class="num">{p.directions.none}</td>
              </tr>
            </tbody>
          </table>
        </div>
      ) : (
        <p>公表された評価はまだありません。</p>
      )}

      <h2>指標の達成状況</h2>
      {p.indicators.length === 0 ? (
        <p>この{label}の指標はありません。</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>{p.title}とその取組の指標</caption>
            <thead>
              <tr>
                <th scope="col">指標</th>
                <th scope="col">最新の実績値</th>
                <th scope="col">目標</th>
                <th scope="col">評価</th>
              </tr>
            </thead>
            <tbody>
              {p.indicators.map((r) => {
                const last = [...r.actuals].reverse().find((a) => a.value !== null);
                return (
                  <tr>
                    <th scope="row">
                      <a href={`/${p.code}/indicators/${encodeURIComponent(r.code)}`}>{r.name}</a>
                    </th>
                    <td>
                      {last
                        ? `${formatValue(last.value, r.unit, r.decimals)}（${shortFiscalYearLabel(last.fiscalYear)}）`
                        : "未入力"}
                    </td>
                    <td>{r.target.text}</td>
                    <td>
                      <StatusLabel code={r.assessment.statusCode} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
};
