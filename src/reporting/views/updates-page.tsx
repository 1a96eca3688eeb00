/** Staff: "my updates" — the indicators this person reports, and which still lack a value. */
import type { FC } from "hono/jsx";
import { fiscalYearLabel, shortFiscalYearLabel } from "../../core/fiscal-year.ts";
import { formatValue } from "../../core/format.ts";
import type { IndicatorRecord, Owner } from "../../indicators/index.ts";
import { ExcelHint } from "../../spreadsheets/index.ts";
import { daysUntilDeadline, formatJapaneseDate } from "../rules.ts";

export type { UpdateState } from "../overview.ts";

import type { UpdateState } from "../overview.ts";

export interface UpdateRow {
  record: IndicatorRecord;
  owners: Owner[];
  state: UpdateState;
}

const STATE_LABELS: Record<UpdateState, string> = {
  missing: "未入力",
  draft: "下書きあり（未公開）",
  published: "公開済み",
};

export const UpdatesPage: FC<{
  code: string;
  fiscalYear: number;
  years: number[];
  rows: UpdateRow[];
  everySection: boolean;
  /** The round of that fiscal year, when one was opened. */
  round?: { deadline: string; closed: boolean };
  now: Date;
}> = ({ code, fiscalYear, years, rows, everySection, round, now }) => {
  const missing = rows.filter((r) => r.state === "missing").length;
  const left = round ? daysUntilDeadline(round.deadline, now) : null;
  return (
    <>
      <h1>実績値の入力</h1>
      {round ? (
        <p class="notice">
          {round.closed
            ? `${fiscalYearLabel(fiscalYear)}の報告は締め切られました（値の変更には企画担当による再開が必要です）。`
            : `${fiscalYearLabel(fiscalYear)}の報告の入力期限は${formatJapaneseDate(round.deadline)}です（${left! > 0 ? `あと${left}日` : left === 0 ? "本日が期限" : `${-left!}日超過`}）。`}
        </p>
      ) : null}
      <p class="lead">
        {everySection ? "すべての担当課" : "あなたの担当課"}の指標 {rows.length} 件のうち、
        {fiscalYearLabel(fiscalYear)}の値が未入力のものは <strong>{missing} 件</strong>です。
      </p>
      <form method="get" class="filters" action={`/${code}/manage/updates`}>
        <div>
          <label for="fy">年度</label>
          <select id="fy" name="fy">
            {years.map((y) => (
              <option value={String(y)} selected={y === fiscalYear}>
                {fiscalYearLabel(y)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="submit">表示</button>
        </div>
      </form>
      <ExcelHint
        code={code}
        dataset="actuals"
        what="この一覧の指標"
        section={everySection ? "all" : "mine"}
      />
      <div class="table-wrap">
        <table>
          <caption>{fiscalYearLabel(fiscalYear)}の入力状況（未入力を先に表示）</caption>
          <thead>
            <tr>
              <th scope="col">指標</th>
              <th scope="col">担当</th>
              <th scope="col">前年度の値</th>
              <th scope="col">目標</th>
              <th scope="col">状況</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ record: r, owners, state }) => {
              const previous = r.actuals.find((a) => a.fiscalYear === fiscalYear - 1);
              return (
                <tr>
                  <th scope="row">
                    <a
                      href={`/${code}/manage/indicators/${encodeURIComponent(r.code)}?fy=${fiscalYear}#entry`}
                    >
                      {r.name}
                    </a>{" "}
                    <span class="muted">{r.code}</span>
                  </th>
                  <td>{owners.map((s) => s.name).join("、") || "（企画担当）"}</td>
                  <td>
                    {previous ? formatValue(previous.value, r.unit, r.decimals) : "—"}
                    <span class="visually-hidden">（{shortFiscalYearLabel(fiscalYear - 1)}）</span>
                  </td>
                  <td>{r.target.text}</td>
                  <td>
                    {/* The badge repeats the state's words for the eye; a screen reader hears them once. */}
                    {state === "draft" ? (
                      <span class="badge draft" aria-hidden="true">
                        下書き
                      </span>
                    ) : null}
                    {state === "missing" ? (
                      <strong>{STATE_LABELS[state]}</strong>
                    ) : (
                      STATE_LABELS[state]
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </>
  );
};
