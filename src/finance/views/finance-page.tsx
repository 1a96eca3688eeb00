import type { Child, FC } from "hono/jsx";
import { rawSvg } from "../../core/chart.ts";
import { fiscalYearLabel } from "../../core/fiscal-year.ts";
import { RichText } from "../../core/views/text.tsx";
import type { Municipality } from "../../municipalities/index.ts";
import type { BlockRow } from "../../plan/index.ts";
import { BlockView } from "../../plan/index.ts";
import { type TargetCheck, ZONE_LABELS, type Zone } from "../checks.ts";
import type { PublishedFigures } from "../finance-file.ts";
import { RATIO_NAMES, type RatioKind } from "../soundness.ts";

export interface RatioRow {
  kind: RatioKind;
  display: string;
  origin: "reported" | "computed";
  /** Computed from sample (made-up) components. */
  sample: boolean;
  early: string;
  rehabilitation: string;
  zone: Zone;
  indicatorCode: string | undefined;
  chartSvg: string;
  chartText: string;
  /** The plan's own explanation of the ratio, as printed (null when the plan gives none). */
  explanation: string | null;
}

export interface FinancePageProps {
  overview: PublishedFigures[];
  explanations: BlockRow[];
  municipality: Municipality;
  fiscalYear: number | null;
  source: string | null;
  rows: RatioRow[];
  checks: TargetCheck[];
  /** The plan's page of the measure whose indicators show the ratios, and its level's name. */
  measureHref: string | null;
  measureLabel?: string;
  /** More sections (the 財政フレーム), shown before the explanations of terms. */
  frame?: Child;
}

const FINDING = { matches: "一致", differs: "相違あり", no_target: "数値目標なし" } as const;

export const FinancePage: FC<FinancePageProps> = ({
  overview,
  explanations,
  municipality: m,
  fiscalYear,
  source,
  rows,
  checks,
  measureHref,
  measureLabel = "基本施策",
  frame,
}) => (
  <>
    <h1>財政の健全性（財政健全化判断比率）</h1>
    <p class="lead">
      財政健全化判断比率は、全国の地方公共団体が同じ方法で算定し、財政の健全性を数値で示す4つの指標です。
      それぞれに法律で定められた「早期健全化基準」と「財政再生基準」があり、基準以上になると財政の健全化や再生のための計画をつくる必要があります。
    </p>
    {fiscalYear === null ? (
      <p>{m.name}の財政健全化判断比率はまだ登録されていません。</p>
    ) : (
      <>
        <h2>{fiscalYearLabel(fiscalYear)}の比率と法定の基準</h2>
        <div class="table-wrap">
          <table>
            <caption>
              {m.name}の財政健全化判断比率（{fiscalYearLabel(fiscalYear)}）
            </caption>
            <thead>
              <tr>
                <th scope="col">指標</th>
                <th scope="col" class="num">
                  比率
                </th>
                <th scope="col">区分</th>
                <th scope="col" class="num">
                  早期健全化基準
                </th>
                <th scope="col" class="num">
                  財政再生基準
                </th>
                <th scope="col">状況</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr>
                  <th scope="row">
                    {r.indicatorCode ? (
                      <a href={`/${m.code}/indicators/${r.indicatorCode}`}>{RATIO_NAMES[r.kind]}</a>
                    ) : (
                      RATIO_NAMES[r.kind]
                    )}
                  </th>
                  <td class="num">{r.display}</td>
                  <td>
                    {r.origin === "reported"
                      ? "公表値"
                      : r.sample
                        ? "構成要素から算定（サンプル）"
                        : "構成要素から算定"}
                  </td>
                  <td class="num">{r.early}</td>
                  <td class="num">{r.rehabilitation}</td>
                  <td>{ZONE_LABELS[r.zone]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p class="muted">
          出典：{source}。実質赤字比率・連結実質赤字比率は黒字のためマイナスで表示しています。
          実質赤字比率の早期健全化基準は標準財政規模によって 11.25〜15%
          の間で決まります（連結実質赤字比率はその5ポイント上）。
          実質公債費比率が18%以上になると、地方債の発行に許可が必要になります。
        </p>
        {rows.some((r) => r.explanation) ? (
          <>
            <h3>各指標の意味（計画の説明）</h3>
            <dl class="meta">
              {rows
                .filter((r) => r.explanation)
                .map((r) => (
                  <>
                    <dt>{RATIO_NAMES[r.kind]}</dt>
                    <dd>
                      <RichText text={r.explanation ?? ""} />
                    </dd>
                  </>
                ))}
            </dl>
          </>
        ) : null}
        {rows.map((r) => (
          <figure class="chart">
            {rawSvg(r.chartSvg)}
            <figcaption>{r.chartText}</figcaption>
          </figure>
        ))}
        <h2>計画の目標と法定の基準の照合</h2>
        <p>
          計画に記載された目標値を、法定の早期健全化基準と照らし合わせた結果です。計画の記載は原文のまま保持しています。
        </p>
        <ul>
          {checks.map((c) => (
            <li>
              <span class={`badge${c.finding === "differs" ? " challenge" : ""}`}>
                {FINDING[c.finding]}
              </span>{" "}
              {c.message}
            </li>
          ))}
        </ul>
        {measureHref ? (
          <p>
            各指標の意味は<a href={measureHref}>計画の{measureLabel}のページ</a>
            で、計画の説明文とともに確認できます。
          </p>
        ) : null}
        <p>
          <a href={`/${m.code}/finance/soundness.csv`} download>
            財政健全化判断比率をCSVでダウンロード
          </a>
        </p>
      </>
    )}
    {overview.map((o) => (
      <section aria-labelledby={`overview-${o.fiscalYear}`}>
        <h2 id={`overview-${o.fiscalYear}`}>{fiscalYearLabel(o.fiscalYear)}の財政の姿</h2>
        <dl class="meta">
          {o.figures.map((f) => (
            <>
              <dt>{f.label}</dt>
              <dd>{f.text}</dd>
            </>
          ))}
        </dl>
        <p class="muted">出典：{o.source}（概数は原文のまま）</p>
      </section>
    ))}
    {frame}
    {explanations.length > 0 ? (
      <>
        <h2>用語の説明</h2>
        {explanations.map((b) => (
          <BlockView block={b} level={3} />
        ))}
      </>
    ) : null}
  </>
);
