/**
 * The 財政フレーム sections of the public finance page: composition, trend, projection under
 * each scenario, fund balances and the derived figures per year. Every table is also a CSV
 * download and every chart an SVG with a text alternative; wherever a figure is sample data the
 * section's heading, the table caption and each row say 「サンプル」, and one notice before the
 * sections says what that means.
 */
import type { FC } from "hono/jsx";
import { rawSvg } from "../../core/chart.ts";
import { fiscalYearLabel } from "../../core/fiscal-year.ts";
import { formatNumber } from "../../core/format.ts";
import type { Municipality } from "../../municipalities/index.ts";
import { EXPENDITURE_LABELS, REVENUE_LABELS } from "../frame.ts";
import type { FrameReport, FrameTable, ProjectedScenario, TableKey } from "../frame-report.ts";
import { millions, SAMPLE } from "../frame-report.ts";
import { GROWN_EXPENDITURE_CATEGORIES, GROWN_REVENUE_CATEGORIES } from "../frame-scenario.ts";

export interface ChartFigure {
  svg: string;
  text: string;
}

export interface FrameSectionsProps {
  municipality: Municipality;
  report: FrameReport;
  tables: Record<TableKey, FrameTable>;
  charts: Partial<Record<TableKey, ChartFigure>>;
  /** Where the funds' definitions come from in the plan (「基金」とは, 基本施策2), if it says. */
  fundsSource?: { title: string; node: string } | null;
}

const isSample = (t: FrameTable) => t.rows.some((r) => r[r.length - 1] === SAMPLE);

const SampleNotice: FC<{ m: Municipality; sources: string[] }> = ({ m, sources }) => (
  <p class="notice">
    <span class="badge">{SAMPLE}</span> 以下の財政フレームの各節で「{SAMPLE}
    」の付いた数値は、画面の動作を示すためのサンプル（架空の数値）で、{m.name}
    の実際の決算・予算・財政推計ではありません。出典：{[...new Set(sources)].join("／")}
  </p>
);

// A wide table scrolls sideways: the region is focusable so that keyboard users can scroll it.
const TableView: FC<{ table: FrameTable; caption: string }> = ({ table, caption }) => (
  <section class="table-wrap" aria-label={caption} tabindex={0}>
    <table>
      <caption>
        {caption}
        {isSample(table) ? `（${SAMPLE}）` : ""}
      </caption>
      <thead>
        <tr>
          {table.header.map((h, i) => (
            <th scope="col" class={table.decimals[i] !== null ? "num" : undefined}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row) => (
          <tr>
            {row.map((cell, i) => {
              const d = table.decimals[i] ?? null;
              const text =
                cell === null ? "—" : typeof cell === "number" ? formatNumber(cell, d) : cell;
              return i === 0 ? (
                <th scope="row">{text}</th>
              ) : (
                <td class={d !== null ? "num" : undefined}>{text}</td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  </section>
);

const Chart: FC<{ chart: ChartFigure | undefined }> = ({ chart }) =>
  chart ? (
    <figure class="chart">
      {rawSvg(chart.svg)}
      <figcaption>{chart.text}</figcaption>
    </figure>
  ) : null;

const CsvLink: FC<{ m: Municipality; table: FrameTable }> = ({ m, table }) => (
  <p>
    <a href={`/${m.code}/finance/frame.csv?table=${table.key}`} download>
      「{table.title}」をCSVでダウンロード
    </a>
    {isSample(table) ? `（${SAMPLE}）` : ""}
  </p>
);

const pctText = (rate: number) => `${formatNumber(rate * 100, 1)}%`;
const oku = (yen: number) => `${formatNumber(millions(yen))}百万円`;

/** How a scenario's gaps are closed, in one or two sentences. */
export function gapSummary(s: ProjectedScenario): string {
  const ys = s.years;
  if (ys.length === 0) return `${s.scenario.name}：推計の年度がありません。`;
  const first = ys[0]!;
  const last = ys[ys.length - 1]!;
  const drawn = ys.reduce((a, y) => a + y.gapClosing.drawdown, 0);
  const deposited = ys.reduce((a, y) => a + y.gapClosing.deposit, 0);
  const firstShort = ys.find((y) => y.shortfall > 0);
  const min = s.scenario.gapRule?.minimumBalance ?? 0;
  const parts = [
    `${s.scenario.name}：${fiscalYearLabel(first.fiscalYear)}から${fiscalYearLabel(last.fiscalYear)}までの収支差は、${formatNumber(millions(first.gap))}百万円から${formatNumber(millions(last.gap))}百万円へと推移します。`,
    `歳入が足りない年度は財政調整基金を取り崩して補い（合計${oku(drawn)}${min > 0 ? `。残高${oku(min)}を下回らないように取り崩す前提` : ""}）、余る年度は基金に積み立てます（合計${oku(deposited)}）。`,
    firstShort
      ? `${fiscalYearLabel(firstShort.fiscalYear)}からは基金で補えない収支不足が生じ、${fiscalYearLabel(last.fiscalYear)}までの累計は${oku(last.cumulativeShortfall)}です。事業の見直しなどで解消する必要があります。`
      : "推計期間を通じて、基金で補えない収支不足は生じません。",
  ];
  return parts.join("");
}

const Assumptions: FC<{ scenarios: ProjectedScenario[] }> = ({ scenarios }) => (
  <section class="table-wrap" aria-label="推計の前提" tabindex={0}>
    <table>
      <caption>
        推計の前提：年あたりの伸び率
        {scenarios.some((s) => s.row.sample) ? `（${SAMPLE}）` : ""}
      </caption>
      <thead>
        <tr>
          <th scope="col">区分</th>
          <th scope="col">項目</th>
          {scenarios.map((s) => (
            <th scope="col" class="num">
              {s.row.name}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {GROWN_REVENUE_CATEGORIES.map((c) => (
          <tr>
            <th scope="row">歳入</th>
            <td>{REVENUE_LABELS[c]}</td>
            {scenarios.map((s) => (
              <td class="num">{pctText(s.scenario.revenueGrowth[c])}</td>
            ))}
          </tr>
        ))}
        {GROWN_EXPENDITURE_CATEGORIES.map((c) => (
          <tr>
            <th scope="row">歳出</th>
            <td>{EXPENDITURE_LABELS[c]}</td>
            {scenarios.map((s) => (
              <td class="num">{pctText(s.scenario.expenditureGrowth[c])}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  </section>
);

export const FrameSections: FC<FrameSectionsProps> = ({
  municipality: m,
  report,
  tables,
  charts,
  fundsSource,
}) => {
  if (report.years.length === 0) return null;
  const yearSources = report.years.map((y) => y.source);
  const scenarioSources = report.scenarios.map((s) => s.row.source);
  const latest = report.latestSettled;
  const first = report.scenarios[0];
  const anySample =
    latest?.sample ||
    report.years.some((y) => y.sample) ||
    report.scenarios.some((s) => s.row.sample) ||
    Object.values(tables).some(isSample);
  return (
    <>
      {/* The sample disclaimer once, before the sections it speaks of; each section's heading and captions say 「サンプル」. */}
      {anySample ? <SampleNotice m={m} sources={[...yearSources, ...scenarioSources]} /> : null}
      <section aria-labelledby="frame-composition">
        <h2 id="frame-composition">
          {tables.composition.title}{" "}
          {isSample(tables.composition) ? <span class="badge">{SAMPLE}</span> : null}
        </h2>
        <p>
          市の収入（歳入）と支出（歳出）を項目ごとに示します。市税・繰入金・その他（使用料や寄附金など）は市が自ら集める「自主財源」、
          それ以外は国や県が決める「依存財源」です。人件費・扶助費・公債費は削ることの難しい「義務的経費」です。
        </p>
        {latest?.published ? (
          <>
            <h3>公表されている概数（{fiscalYearLabel(latest.fiscalYear)}）</h3>
            <dl class="meta">
              {latest.published.figures.map((f) => (
                <>
                  <dt>{f.label}</dt>
                  <dd>{f.text}</dd>
                </>
              ))}
            </dl>
            <p class="muted">
              出典：{latest.published.source}
              （概数は原文のまま。表の内訳はこの概数に合わせたサンプルです）
            </p>
          </>
        ) : null}
        <Chart chart={charts.composition} />
        <TableView table={tables.composition} caption={tables.composition.title} />
        <CsvLink m={m} table={tables.composition} />
      </section>

      <section aria-labelledby="frame-trend">
        <h2 id="frame-trend">
          {tables.trend.title} {isSample(tables.trend) ? <span class="badge">{SAMPLE}</span> : null}
        </h2>
        <Chart chart={charts.trend} />
        <TableView table={tables.trend} caption={tables.trend.title} />
        <CsvLink m={m} table={tables.trend} />
      </section>

      {report.scenarios.length > 0 ? (
        <section aria-labelledby="frame-projection">
          <h2 id="frame-projection">
            財政推計（{report.scenarios.map((s) => s.row.name).join("・")}）{" "}
            {isSample(tables.projection) ? <span class="badge">{SAMPLE}</span> : null}
          </h2>
          <p>
            直近の予算・決算をもとに、項目ごとの伸び率などの前提をおいて、数年先までの歳入と歳出を見通したものです。
            「慎重」は、市税の伸びを低く、扶助費の伸びを高く見込んだシナリオです。前提を変えると推計も変わります。
          </p>
          <h3>推計の前提</h3>
          <Assumptions scenarios={report.scenarios} />
          <p class="muted">
            繰入金と積立金は、基金の取崩しと積立の計画額です。地方債と公債費は、計画額のある年度はその額、ない年度は伸び率によります。
          </p>
          <h3>収支差とその補い方</h3>
          <ul>
            {report.scenarios.map((s) => (
              <li>{gapSummary(s)}</li>
            ))}
          </ul>
          <Chart chart={charts.projection} />
          <TableView table={tables.projection} caption={tables.projection.title} />
          <CsvLink m={m} table={tables.projection} />
        </section>
      ) : null}

      <section aria-labelledby="frame-funds">
        <h2 id="frame-funds">
          {tables.funds.title} {isSample(tables.funds) ? <span class="badge">{SAMPLE}</span> : null}
        </h2>
        <dl class="meta">
          <dt>基金</dt>
          <dd>
            特定の目的のために財産を維持し、資金を積み立て、又は定額の資金を運用するために設ける財産です。
          </dd>
          <dt>財政調整基金</dt>
          <dd>
            年度間の財政の不均衡を調整するための基金です。財源に余裕のある年度に積み立て、大規模災害や大幅な税収減などがある年度に取り崩します。
          </dd>
          <dt>減債基金</dt>
          <dd>
            市債（借金）の返済に必要な財源を確保するための基金です。繰り上げて返済する場合や、返済額が多い年度に活用します。
          </dd>
        </dl>
        {fundsSource ? (
          <p class="muted">
            説明は計画の{fundsSource.title}（{fundsSource.node}）によります。
          </p>
        ) : null}
        <Chart chart={charts.funds} />
        <TableView table={tables.funds} caption={tables.funds.title} />
        {first ? (
          <p class="muted">
            推計の年度は、計画された積立・取崩しと収支差の補てんを反映した見込みです。
          </p>
        ) : null}
        <CsvLink m={m} table={tables.funds} />
      </section>

      <section aria-labelledby="frame-indicators">
        <h2 id="frame-indicators">
          {tables.indicators.title}と市民一人あたりの額{" "}
          {isSample(tables.indicators) ? <span class="badge">{SAMPLE}</span> : null}
        </h2>
        <ul>
          <li>
            自主財源比率：歳入のうち、市税など市が自ら集める財源の割合。高いほど自立した財政です。
          </li>
          <li>
            義務的経費比率：歳出のうち、人件費・扶助費・公債費の割合。高いほど財政の自由度が低くなります。
          </li>
          <li>
            財政調整基金残高÷標準財政規模：市の標準的な一般財源の規模に対する、財政調整基金の蓄えの割合です。
          </li>
          <li>市民一人あたりの額：各年度の金額をその年度の人口で割った額です。</li>
        </ul>
        <TableView table={tables.indicators} caption={tables.indicators.title} />
        <CsvLink m={m} table={tables.indicators} />
      </section>
    </>
  );
};
