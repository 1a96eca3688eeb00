/**
 * The evaluation sheet of one program (事務事業評価シート): what it is for, the initiatives it
 * serves, its costs by fiscal year (table and chart), its indicators, and its published
 * evaluations (self and secondary).
 */
import type { FC } from "hono/jsx";
import { rawSvg } from "../../core/chart.ts";
import { fiscalYearLabel, shortFiscalYearLabel } from "../../core/fiscal-year.ts";
import { formatNumber, formatValue } from "../../core/format.ts";
import { COST_BASIS_LABELS, FUNDING_LABELS, FUNDING_SOURCES } from "../../costs/index.ts";
import {
  ASPECT_LABELS,
  ASPECTS,
  DEFAULT_RATING_SCALE,
  type RatingScale,
  ratingMeanings,
} from "../../evaluations/index.ts";
import type { Municipality } from "../../municipalities/index.ts";
import { nodeTitle } from "../../plan/index.ts";
import { PROGRAM_CODE_LABELS, PROGRAM_CODE_PARTS } from "../program.ts";
import type { ProgramView, ProgramYearView } from "../queries.ts";
import { effectiveShares } from "../rollup.ts";
import { DirectionText, fte, SampleBadge, yen } from "./parts.tsx";

export interface ProgramPageProps {
  municipality: Municipality;
  program: ProgramView;
  /** Unit personnel cost by fiscal year (regular, part-time), for the explanation. */
  unitCosts: Map<number, { regular: number; partTime: number } | null>;
  chartSvg: string | null;
  chartText: string;
  /** The municipality's rating scale: its codes and what the given ratings mean. */
  scale?: RatingScale;
}

const ROLE_LABELS = { activity: "活動指標", outcome: "成果指標" } as const;

const CostTable: FC<{ years: ProgramYearView[] }> = ({ years }) => {
  const row = (label: string, cell: (y: ProgramYearView) => string, strong = false) => (
    <tr>
      <th scope="row">{strong ? <strong>{label}</strong> : label}</th>
      {years.map((y) => (
        <td class="num">{strong ? <strong>{cell(y)}</strong> : cell(y)}</td>
      ))}
    </tr>
  );
  return (
    <div class="table-wrap">
      <table>
        <caption>年度ごとのコスト（円）</caption>
        <thead>
          <tr>
            <th scope="col">区分</th>
            {years.map((y) => (
              <th scope="col" class="num">
                {shortFiscalYearLabel(y.fiscalYear)}
                {y.leadingProject ? (
                  <>
                    <br />
                    <span class="badge priority">リーディングプロジェクト</span>
                  </>
                ) : null}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {row("当初予算額", (y) => yen(y.initialBudget))}
          {row("最終予算額", (y) => yen(y.finalBudget))}
          {row("決算額", (y) => yen(y.settlement))}
          {row("事業費", (y) =>
            y.cost ? `${yen(y.cost.programCost)}（${COST_BASIS_LABELS[y.cost.basis]}）` : "—",
          )}
          {FUNDING_SOURCES.map((s) =>
            row(`　うち${FUNDING_LABELS[s]}`, (y) => yen(y.funding?.[s])),
          )}
          {row("従事職員数（正規職員）", (y) => (y.staff ? fte(y.staff.regular) : "—"))}
          {row("従事職員数（会計年度任用職員）", (y) => (y.staff ? fte(y.staff.partTime) : "—"))}
          {row("人件費", (y) => yen(y.cost?.staffCost.total))}
          {row("総コスト（事業費＋人件費）", (y) => yen(y.cost?.totalCost), true)}
          {row("単位当たりコスト", (y) =>
            y.unitCost === null ? "—" : `${formatNumber(Math.round(y.unitCost))}円`,
          )}
        </tbody>
      </table>
    </div>
  );
};

export const ProgramPage: FC<ProgramPageProps> = ({
  municipality: m,
  program: p,
  unitCosts,
  chartSvg,
  chartText,
  scale = DEFAULT_RATING_SCALE,
}) => {
  const problems = p.years.filter((y) => y.costProblem);
  const withActivity = p.years.filter((y) => y.activityActual);
  const evaluated = [...p.years].reverse();
  const shares = effectiveShares(
    p.initiatives.map((i) => ({ initiativeCode: i.code, share: i.share })),
  );
  const totalShare = shares.reduce((a, b) => a + b, 0);
  return (
    <>
      <h1>
        {p.name} {p.sample ? <SampleBadge /> : null}
      </h1>
      {p.sample ? (
        <p class="notice">
          この事務事業は、事務事業評価の画面を示すための<strong>サンプル（架空のデータ）</strong>
          です。名称・金額・職員数・評価は{m.name}の実際のものではありません。
        </p>
      ) : null}
      <dl class="meta">
        <dt>事務事業コード</dt>
        <dd>
          {p.code}（
          {PROGRAM_CODE_PARTS.map((k) => `${PROGRAM_CODE_LABELS[k]} ${p.parts[k]}`).join("・")}）
        </dd>
        <dt>担当課</dt>
        <dd>{p.section.name}</dd>
        <dt>実施期間</dt>
        <dd>
          {fiscalYearLabel(p.firstFiscalYear)}〜
          {p.lastFiscalYear === null ? "" : fiscalYearLabel(p.lastFiscalYear)}
        </dd>
        <dt>目的（意図）</dt>
        <dd>{p.purpose || "—"}</dd>
        <dt>対象</dt>
        <dd>{p.targetGroup || "—"}</dd>
        <dt>手段（事業の内容）</dt>
        <dd>{p.means || "—"}</dd>
      </dl>

      <h2>関連する取組</h2>
      <ul>
        {p.initiatives.map((i, index) => {
          const shared = p.initiatives.length > 1;
          return (
            <li>
              {i.measure ? (
                <a href={`/${m.code}/measures/${i.measure.code}`}>{nodeTitle(i.measure)}</a>
              ) : null}
              {i.measure ? "：" : ""}
              {i.title}
              <span class="muted">（{i.code}）</span>
              {shared
                ? `　コストの配分 ${formatNumber((shares[index]! / totalShare) * 100, 0)}%`
                : null}
            </li>
          );
        })}
      </ul>

      <h2>コスト</h2>
      {p.years.length === 0 ? (
        <p>年度ごとのコストはまだ登録されていません。</p>
      ) : (
        <>
          <CostTable years={p.years} />
          <p class="muted">
            事業費は、決算が確定した年度は決算額、それ以外の年度は最終予算額です。財源内訳の合計は事業費と一致します。人件費は従事職員数に人件費単価（
            {p.years
              .map((y) => {
                const u = unitCosts.get(y.fiscalYear);
                return u
                  ? `${shortFiscalYearLabel(y.fiscalYear)}: 正規職員 ${yen(u.regular)}、会計年度任用職員 ${yen(u.partTime)}`
                  : `${shortFiscalYearLabel(y.fiscalYear)}: 未設定`;
              })
              .join("／")}
            ）を掛けたものです。
            {withActivity.length > 0
              ? `単位当たりコストは総コストを活動指標「${withActivity[0]!.activityActual!.indicator.name}」の実績値で割ったものです。`
              : "単位当たりコストは、活動指標の実績値がある年度に算定します。"}
          </p>
          {p.years
            .filter((y) => !y.hasCosts)
            .map((y) => (
              <p class="notice">
                {shortFiscalYearLabel(y.fiscalYear)}
                のコストはまだ公開されていません（評価は公表済みです）。
              </p>
            ))}
          {problems.map((y) => (
            <p class="notice">
              {shortFiscalYearLabel(y.fiscalYear)}のコストを算定できません：{y.costProblem}
            </p>
          ))}
          {chartSvg ? (
            <figure class="chart">
              {rawSvg(chartSvg)}
              <figcaption>{chartText}</figcaption>
            </figure>
          ) : null}
          {p.years.some((y) => y.facilities.length > 0) ? (
            <>
              <h3>使用する施設</h3>
              <ul>
                {p.years.map((y) =>
                  y.facilities.length > 0 ? (
                    <li>
                      {shortFiscalYearLabel(y.fiscalYear)}：{y.facilities.join("、")}
                    </li>
                  ) : null,
                )}
              </ul>
            </>
          ) : null}
        </>
      )}

      <h2>指標</h2>
      {p.indicators.length === 0 ? (
        <p>この事務事業に結び付けた指標はありません。</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>この事務事業の指標</caption>
            <thead>
              <tr>
                <th scope="col">種類</th>
                <th scope="col">指標</th>
                <th scope="col" class="num">
                  最新の実績値
                </th>
                <th scope="col">評価</th>
              </tr>
            </thead>
            <tbody>
              {p.indicators.map(({ role, record: r }) => {
                const latest = r.actuals.filter((a) => a.value !== null).at(-1);
                return (
                  <tr>
                    <td>{ROLE_LABELS[role]}</td>
                    <th scope="row">
                      <a href={`/${m.code}/indicators/${r.code}`}>{r.name}</a>
                      <span class="muted">（{r.code}）</span>
                    </th>
                    <td class="num">
                      {latest
                        ? `${formatValue(latest.value, r.unit, r.decimals)}（${shortFiscalYearLabel(latest.fiscalYear)}）`
                        : "—"}
                    </td>
                    <td>{r.assessment.status}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}

      <h2>評価</h2>
      {evaluated.map((y) => {
        const e = y.evaluation;
        const id = `evaluation-${y.fiscalYear}`;
        return (
          <section aria-labelledby={id}>
            <h3 id={id}>{fiscalYearLabel(y.fiscalYear)}の評価</h3>
            {!e ? (
              <p class="muted">この年度の評価は公表前です。</p>
            ) : (
              <>
                <h4>一次評価（担当課による自己評価）</h4>
                <div class="table-wrap">
                  <table>
                    <caption>
                      {shortFiscalYearLabel(y.fiscalYear)}の観点別の評価（
                      {scale.levels.map((l) => l.code).join("・")}）
                    </caption>
                    <thead>
                      <tr>
                        {ASPECTS.map((a) => (
                          <th scope="col">{ASPECT_LABELS[a]}</th>
                        ))}
                      </tr>
                    </thead>
                    <tbody>
                      <tr>
                        {ASPECTS.map((a) => (
                          <td>{e.content.self.ratings[a] ?? "—"}</td>
                        ))}
                      </tr>
                    </tbody>
                  </table>
                </div>
                <ul class="muted">
                  {ratingMeanings(e.content.self.ratings, scale).map((t) => (
                    <li>{t}</li>
                  ))}
                </ul>
                <dl class="meta">
                  <dt>評価の所見</dt>
                  <dd>{e.content.self.findings || "—"}</dd>
                  <dt>今後の方向性（一次評価）</dt>
                  <dd>
                    <DirectionText direction={e.content.self.direction} />
                  </dd>
                  <dt>方向性の理由</dt>
                  <dd>{e.content.self.reason || "—"}</dd>
                </dl>
                <h4>二次評価</h4>
                {e.content.secondary ? (
                  <dl class="meta">
                    <dt>今後の方向性（二次評価）</dt>
                    <dd>
                      <DirectionText direction={e.content.secondary.direction} />
                      {e.content.secondary.direction !== e.content.self.direction ? (
                        <span class="muted">（一次評価と異なる）</span>
                      ) : null}
                    </dd>
                    <dt>コメント</dt>
                    <dd>{e.content.secondary.comment || "—"}</dd>
                  </dl>
                ) : (
                  <p class="muted">二次評価はありません。</p>
                )}
                <p>
                  確定した今後の方向性：
                  <strong>
                    <DirectionText direction={e.direction} />
                  </strong>
                </p>
              </>
            )}
            <p>
              <a href={`/${m.code}/programs/${p.code}/sheet-${y.fiscalYear}.pdf`}>
                {shortFiscalYearLabel(y.fiscalYear)}の評価シート（PDF、A4・1ページ）
              </a>
            </p>
          </section>
        );
      })}
      <p>
        この事務事業のデータは{" "}
        <a href={`/api/v1/municipalities/${m.code}/programs/${p.code}`}>JSON API</a>{" "}
        でも取得できます。
      </p>
    </>
  );
};
