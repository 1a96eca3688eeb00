/** Public: 事務事業 costs per measure and year against the fiscal frame's 歳出合計. */
import type { FC } from "hono/jsx";
import { fiscalYearLabel } from "../../core/fiscal-year.ts";
import { formatNumber } from "../../core/format.ts";
import { millions } from "../frame-report.ts";
import type { ProgramShareRow } from "../program-share.ts";

export const ProgramShares: FC<{
  code: string;
  rows: ProgramShareRow[];
  sample: boolean;
  projectedNote: string | null;
}> = ({ code, rows, sample, projectedNote }) => (
  <section aria-labelledby="program-shares">
    <h2 id="program-shares">事務事業の費用と財政フレーム{sample ? "（サンプル）" : ""}</h2>
    <p>
      施策ごとの事務事業の総コスト（事業費と人件費）の合計を、同じ年度の財政フレームの歳出合計と比べます。
      {sample ? "事務事業の数値はデモ用のサンプルです。" : ""}
      事業費は施策への按分後の額で、歳出の内訳とは範囲が一致しないため、割合は目安です。
    </p>
    {rows.length ? (
      <div class="table-wrap">
        <table>
          <caption>施策別の事務事業費と歳出合計に占める割合（百万円）</caption>
          <thead>
            <tr>
              <th scope="col">施策</th>
              <th scope="col">年度</th>
              <th scope="col">事務事業の総コスト</th>
              <th scope="col">歳出合計</th>
              <th scope="col">割合</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">
                  <a href={`/${code}/measures/${r.measureCode}`}>{r.measureTitle}</a>
                </th>
                <td>{fiscalYearLabel(r.fiscalYear)}</td>
                <td class="num">{formatNumber(millions(r.programCost))}</td>
                <td class="num">
                  {r.frameExpenditure === null
                    ? "フレームにない年度"
                    : `${formatNumber(millions(r.frameExpenditure))}${r.projected ? "（推計）" : ""}`}
                </td>
                <td class="num">{r.share === null ? "—" : `${formatNumber(r.share, 1)}%`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    ) : (
      <p>費用を計算できる事務事業はまだありません。</p>
    )}
    {projectedNote ? <p class="muted">推計の実質公債費比率: {projectedNote}</p> : null}
  </section>
);
