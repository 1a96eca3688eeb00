import { raw } from "hono/html";
import type { FC } from "hono/jsx";
import type { HtmlEscapedString } from "hono/utils/html";
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

/** One indicator's row (see IndicatorTable). */
const Row: FC<RowProps> = ({ code, r, x, extra, showKind, placeHeading }) => (
  <tr class={r.challenge ? "challenge" : undefined}>
    <th scope="row">
      <a href={`/${code}/indicators/${encodeURIComponent(r.code)}`}>{r.name}</a>
      {r.challenge ? (
        <>
          {" "}
          <ChallengeBadge />
        </>
      ) : null}
      {r.appearances.some((a) => a.reposted) ? <span class="badge reposted">再掲</span> : null}
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

interface RowProps {
  code: string;
  r: IndicatorRecord;
  x: { measure?: string; measureHref?: string } | undefined;
  extra: boolean;
  showKind: boolean;
  placeHeading: string;
}

/**
 * Rows as rendered, per record object: a record is read-only and replaced when it changes (the
 * registry is patched record by record after a publish), so the rows of the records a change
 * did not touch are not rendered again. Keyed too by what else a row shows.
 */
const rendered = new WeakMap<IndicatorRecord, Map<string, HtmlEscapedString>>();

function cachedRow(p: RowProps) {
  const key = `${p.code}\n${p.extra ? 1 : 0}\n${p.showKind ? 1 : 0}\n${p.placeHeading}\n${p.x?.measure ?? ""}\n${p.x?.measureHref ?? ""}`;
  let rows = rendered.get(p.r);
  const hit = rows?.get(key);
  if (hit) return hit;
  const html = (<Row {...p} />).toString();
  if (typeof html !== "string") return <Row {...p} />;
  const row = raw(html);
  if (!rows) {
    rows = new Map();
    rendered.set(p.r, rows);
  }
  rows.set(key, row);
  return row;
}

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
        {records.map((r) =>
          cachedRow({
            code,
            r,
            x: extra?.(r),
            extra: !!extra,
            showKind: !!showKind,
            placeHeading,
          }),
        )}
      </tbody>
    </table>
  </div>
);
