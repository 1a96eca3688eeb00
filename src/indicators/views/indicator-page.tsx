import type { Child, FC } from "hono/jsx";
import { rawSvg } from "../../core/chart.ts";
import { formatValue } from "../../core/format.ts";
import { DataNote } from "../../core/views/text.tsx";
import { type NodeContext, nodeHref, nodeTitle } from "../../plan/index.ts";
import { MISSING_LABELS } from "../achievement.ts";
import { plottedActuals } from "../chart.ts";
import { TARGET_FORM_LABELS } from "../definition.ts";
import { actualQualifier, VALUE_KIND_LABELS, yearLabel } from "../labels.ts";
import type { Correction } from "../publish-actuals.ts";
import type { IndicatorRecord } from "../queries.ts";
import { runningLabel } from "../running.ts";
import { CorrectionHistory } from "./corrections.tsx";
import { ChallengeBadge, KIND_LABELS, StatusLabel } from "./status.tsx";

export interface IndicatorPageProps {
  code: string;
  record: IndicatorRecord;
  places: (NodeContext & { reposted: boolean })[];
  chartSvg: string;
  chartDescription: string;
  corrections: Correction[];
  /** The peer median of the shared indicator it is linked to (peers domain), if any. */
  peer?: Child;
}

const RecordsLink: FC<{ path?: string | null }> = ({ path }) =>
  path ? (
    <>
      {" "}
      <a href={path}>元の記録を見る</a>
    </>
  ) : null;

/** The node with its level as the plan names it (基本施策1 …, 政策 …, 主要施策 …). */
const placeLabel = (p: NodeContext) => nodeTitle(p.node);

export const IndicatorPage: FC<IndicatorPageProps> = ({
  code,
  record: r,
  places,
  chartSvg,
  chartDescription,
  corrections,
  peer,
}) => {
  const running = plottedActuals(r);
  const a = r.assessment;
  const fiscalYearLabel = (y: number) => yearLabel(y, r.yearKind);
  const yearWord = r.yearKind === "calendar" ? "年" : "年度";
  const summed = r.valueKind === "sum_of_annual";
  const shown = (x: (typeof r.actuals)[number]) => {
    const words = [
      x.value === null ? null : formatValue(x.value, r.unit, r.decimals),
      x.text && x.text !== String(x.value) ? x.text : null,
      x.done === true ? "（達成）" : x.done === false ? "（未達成）" : null,
    ].filter(Boolean);
    return words.length ? words.join(" ") : formatValue(null, r.unit, r.decimals);
  };
  return (
    <>
      <h1>
        {r.name} {r.challenge ? <ChallengeBadge /> : null}
      </h1>
      <p class="lead">{r.definition ?? "（定義の記載なし）"}</p>
      <DataNote note={r.note} />
      <h2>評価</h2>
      <p>
        <StatusLabel code={a.statusCode} />
        {a.achievement !== null ? (
          <strong> 基準値から目標値までの進捗 {a.achievement.toFixed(1)}%</strong>
        ) : null}
        <br />
        {a.reason}
      </p>
      {a.missing.length > 0 ? (
        <p class="muted">
          この指標には{a.missing.map((m) => MISSING_LABELS[m]).join("・")}
          の記載がないため、目標を満たしたかどうかだけを示し、進捗率と進み具合（順調・遅れ）は示しません。
        </p>
      ) : null}
      <dl class="meta">
        <dt>コード</dt>
        <dd>{r.code}</dd>
        <dt>種類</dt>
        <dd>{KIND_LABELS[r.kind]}</dd>
        <dt>単位</dt>
        <dd>{r.unit || "（記載なし）"}</dd>
        <dt>基準値</dt>
        <dd>
          {r.baseline.text}（
          {r.baseline.fiscalYear === null
            ? `${yearWord}の記載なし`
            : fiscalYearLabel(r.baseline.fiscalYear)}
          ）{r.baseline.note ? <span class="muted"> — {r.baseline.note}</span> : null}
        </dd>
        <dt>目標</dt>
        <dd>
          {r.target.text}
          {r.target.fiscalYear !== null ? `（${fiscalYearLabel(r.target.fiscalYear)}）` : ""}
          <span class="muted"> — {TARGET_FORM_LABELS[r.target.form]}</span>
          {r.target.note ? <span class="muted"> — {r.target.note}</span> : null}
        </dd>
        {r.target.interim.length > 0 ? (
          <>
            <dt>中間目標</dt>
            <dd>
              <ul class="plain">
                {r.target.interim.map((p) => (
                  <li>
                    {fiscalYearLabel(p.fiscalYear)}：{p.text}
                    {p.note ? <span class="muted"> — {p.note}</span> : null}
                  </li>
                ))}
              </ul>
            </dd>
          </>
        ) : null}
        <dt>担当課</dt>
        <dd>{r.sections.map((s) => s.name).join("、") || "（記載なし）"}</dd>
        <dt>値の種類</dt>
        <dd>
          {VALUE_KIND_LABELS[r.valueKind]}
          {r.valueKind === "sum_of_annual"
            ? "：各年度の量を基準値に足し上げて目標と比べます"
            : r.valueKind === "running_total"
              ? "：各年度の値はその時点までの累計で、そのまま目標と比べます"
              : ""}
        </dd>
        {r.source ? (
          <>
            <dt>出典</dt>
            <dd>
              {r.source.url ? <a href={r.source.url}>{r.source.document}</a> : r.source.document}
              {r.source.page ? ` ${r.source.page}` : ""}
            </dd>
          </>
        ) : null}
      </dl>
      <h2>年度ごとの値</h2>
      <figure class="chart">
        {rawSvg(chartSvg)}
        <figcaption>{chartDescription}</figcaption>
      </figure>
      <div class="table-wrap">
        <table>
          <caption>{r.name}の年度ごとの値</caption>
          <thead>
            <tr>
              <th scope="col">{yearWord}</th>
              <th scope="col">区分</th>
              <th scope="col" class="num">
                値
              </th>
              {summed ? (
                <th scope="col" class="num">
                  累計
                </th>
              ) : null}
              <th scope="col">備考・出典</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">
                {r.baseline.fiscalYear === null
                  ? `${yearWord}記載なし`
                  : fiscalYearLabel(r.baseline.fiscalYear)}
              </th>
              <td>基準値</td>
              <td class="num">{r.baseline.text}</td>
              {summed ? <td class="num">{r.baseline.text}</td> : null}
              <td>{r.baseline.note ?? ""}</td>
            </tr>
            {r.actuals.map((x) => (
              <tr>
                <th scope="row">{fiscalYearLabel(x.fiscalYear)}</th>
                <td>実績値</td>
                <td class="num">
                  {shown(x)}
                  {actualQualifier(x) ? (
                    <>
                      <br />
                      <span class="muted">（{actualQualifier(x)}）</span>
                    </>
                  ) : null}
                </td>
                {summed ? (
                  <td class="num">{formatValue(running.get(x.fiscalYear), r.unit, r.decimals)}</td>
                ) : null}
                <td>
                  {[x.note, x.source ? `出典：${x.source}` : null].filter(Boolean).join(" ")}
                  <RecordsLink path={x.recordsPath} />
                </td>
              </tr>
            ))}
            {r.running.map((x) => (
              <tr class="running">
                <th scope="row">{fiscalYearLabel(x.fiscalYear)}</th>
                <td>{runningLabel(x.computedAt)}</td>
                <td class="num">{formatValue(x.value, r.unit, r.decimals)}</td>
                {summed ? <td class="num">—</td> : null}
                <td>
                  {[x.note, `計算：${x.source}`].filter(Boolean).join(" ")}
                  <RecordsLink path={x.recordsPath} />
                </td>
              </tr>
            ))}
            {r.target.interim.map((p) => (
              <tr>
                <th scope="row">{fiscalYearLabel(p.fiscalYear)}</th>
                <td>中間目標</td>
                <td class="num">{p.text}</td>
                {summed ? <td class="num">{p.text}</td> : null}
                <td>{p.note ?? ""}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">
                {r.target.fiscalYear === null
                  ? `${yearWord}記載なし`
                  : fiscalYearLabel(r.target.fiscalYear)}
              </th>
              <td>目標</td>
              <td class="num">{r.target.text}</td>
              {summed ? <td class="num">{r.target.text}</td> : null}
              <td>{r.target.note ?? ""}</td>
            </tr>
          </tbody>
        </table>
      </div>
      {r.actuals.length === 0 ? <p class="muted">実績値はまだ入力されていません。</p> : null}
      {r.running.length ? (
        <p class="muted">
          集計中の値は年度の途中で記録から計算した値です。評価には使わず、その年度の報告の締切（または企画担当の公開）で実績値になります。
        </p>
      ) : null}
      {peer ?? null}
      <CorrectionHistory record={r} corrections={corrections} />
      <h2>この指標が掲載されている計画</h2>
      <ul>
        {places.map((p) => (
          <li>
            {p.plan.title}：<a href={nodeHref(code, p.plan.code, p.node)}>{placeLabel(p)}</a>
            {p.reposted ? <span class="badge reposted">再掲</span> : null}
          </li>
        ))}
      </ul>
      <p>
        <a href={`/api/v1/municipalities/${code}/indicators/${encodeURIComponent(r.code)}`}>
          この指標のデータ（JSON）
        </a>
      </p>
    </>
  );
};
