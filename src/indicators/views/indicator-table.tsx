import type { FC } from "hono/jsx";
import { shortFiscalYearLabel } from "../../core/fiscal-year.ts";
import { formatValue } from "../../core/format.ts";
import { type IndicatorRecord, latestActual } from "../queries.ts";
import { ChallengeBadge, KIND_LABELS, StatusLabel } from "./status.tsx";

const yearOf = (fy: number | null, fallback = "年度記載なし") =>
  fy === null ? fallback : shortFiscalYearLabel(fy);

export const LatestActual: FC<{ r: IndicatorRecord }> = ({ r }) => {
  const a = latestActual(r);
  return a ? (
    <>
      {formatValue(a.value, r.unit, r.decimals)}
      <br />
      <span class="muted">（{shortFiscalYearLabel(a.fiscalYear)}）</span>
    </>
  ) : (
    <span class="muted">未入力</span>
  );
};

export interface IndicatorTableProps {
  code: string;
  caption: string;
  records: IndicatorRecord[];
  /** Show kind and measure columns (registry) or not (a measure page). */
  extra?: (r: IndicatorRecord) => { measure?: string; measureHref?: string };
  showKind?: boolean;
  /** The heading of the measure column: the plans' name of that level. */
  placeHeading?: string;
}

/** Indicators with baseline, target, latest actual and status; cards on a phone. */
export const IndicatorTable: FC<IndicatorTableProps> = ({
  code,
  caption,
  records,
  extra,
  showKind,
  placeHeading = "基本施策",
}) => (
  <div class="table-wrap">
    <table class="responsive">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">指標</th>
          {showKind ? <th scope="col">種類</th> : null}
          {extra ? <th scope="col">{placeHeading}</th> : null}
          <th scope="col">基準値</th>
          <th scope="col">目標</th>
          <th scope="col">最新の実績値</th>
          <th scope="col">評価</th>
          <th scope="col" class="sections">
            担当課
          </th>
        </tr>
      </thead>
      <tbody>
        {records.map((r) => {
          const x = extra?.(r);
          return (
            <tr class={r.challenge ? "challenge" : undefined}>
              <th scope="row">
                <a href={`/${code}/indicators/${encodeURIComponent(r.code)}`}>{r.name}</a>
                {r.challenge ? (
                  <>
                    {" "}
                    <ChallengeBadge />
                  </>
                ) : null}
                {r.appearances.some((a) => a.reposted) ? (
                  <span class="badge reposted">再掲</span>
                ) : null}
                {r.valueKind !== "annual" ? <span class="badge">累計</span> : null}
                <br />
                <span class="muted">{r.code}</span>
              </th>
              {showKind ? <td data-label="種類">{KIND_LABELS[r.kind]}</td> : null}
              {extra ? (
                <td data-label={placeHeading}>
                  {x?.measureHref ? <a href={x.measureHref}>{x.measure}</a> : (x?.measure ?? "—")}
                </td>
              ) : null}
              <td data-label="基準値" class="num">
                {r.baseline.text}
                <br />
                <span class="muted">（{yearOf(r.baseline.fiscalYear)}）</span>
              </td>
              <td data-label="目標" class="num">
                {r.target.text}
                {r.target.fiscalYear !== null ? (
                  <>
                    <br />
                    <span class="muted">（{yearOf(r.target.fiscalYear)}）</span>
                  </>
                ) : null}
              </td>
              <td data-label="最新の実績値" class="num">
                <LatestActual r={r} />
              </td>
              <td data-label="評価">
                <StatusLabel code={r.assessment.statusCode} />
                {r.assessment.achievement !== null ? (
                  <span class="muted"> {r.assessment.achievement.toFixed(1)}%</span>
                ) : null}
              </td>
              <td data-label="担当課" class="sections">
                {r.sections.map((s) => s.name).join("、") || "—"}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  </div>
);
