/** The public correction history of an indicator (訂正履歴): old value, new value, date, reason. */
import type { FC } from "hono/jsx";
import { shortFiscalYearLabel } from "../../core/fiscal-year.ts";
import { formatValue } from "../../core/format.ts";
import type { Correction } from "../publish-actuals.ts";
import type { IndicatorRecord } from "../queries.ts";

const shown = (r: IndicatorRecord, value: number | null, note: string | null) =>
  `${formatValue(value, r.unit, r.decimals)}${note ? `（${note}）` : ""}`;

export const CorrectionHistory: FC<{ record: IndicatorRecord; corrections: Correction[] }> = ({
  record: r,
  corrections,
}) =>
  corrections.length === 0 ? null : (
    <>
      <h2>訂正履歴</h2>
      <div class="table-wrap">
        <table>
          <caption>公表後に訂正した値（新しい順）</caption>
          <thead>
            <tr>
              <th scope="col">訂正日</th>
              <th scope="col">年度</th>
              <th scope="col">訂正前</th>
              <th scope="col">訂正後</th>
              <th scope="col">理由</th>
            </tr>
          </thead>
          <tbody>
            {corrections.map((c) => (
              <tr>
                <td>
                  <time datetime={c.correctedAt.toISOString()}>
                    {c.correctedAt.toLocaleDateString("ja-JP", { timeZone: "Asia/Tokyo" })}
                  </time>
                </td>
                <th scope="row">{shortFiscalYearLabel(c.fiscalYear)}</th>
                <td>{shown(r, c.oldValue, c.oldNote)}</td>
                <td>{shown(r, c.newValue, c.newNote)}</td>
                <td>{c.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
