/** Staff: the reporting rounds, and (for planners) the form that opens one. */
import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../../core/errors.ts";
import { DATE_HINT, fiscalYearLabel } from "../../core/fiscal-year.ts";
import { CsrfField, ErrorSummary, errorAria, FieldError } from "../../core/views/form.tsx";
import type { StoredRound } from "../queries.ts";
import { formatJapaneseDate } from "../rules.ts";

/** Indicators a planner may pick for a round, grouped by the measure they belong to. */
export interface IndicatorChoiceGroup {
  label: string;
  indicators: { code: string; name: string }[];
}

const IndicatorChoices: FC<{
  groups: IndicatorChoiceGroup[];
  scope: string;
  picked: string[];
  details?: ErrorDetail[];
}> = ({ groups, scope, picked, details }) => (
  <fieldset id="indicators" class="stack">
    <legend>報告する指標</legend>
    <FieldError field="indicators" details={details} />
    <div class="check">
      <input
        type="radio"
        id="scope-default"
        name="scope"
        value="default"
        checked={scope !== "chosen"}
      />{" "}
      <label for="scope-default">その年度を計画期間に含む計画のすべての指標（既定）</label>
    </div>
    <div class="check">
      <input
        type="radio"
        id="scope-chosen"
        name="scope"
        value="chosen"
        checked={scope === "chosen"}
      />{" "}
      <label for="scope-chosen">次の一覧で選んだ指標だけ</label>
    </div>
    <details open={scope === "chosen"}>
      <summary>指標を選ぶ</summary>
      {groups.map((g, i) => (
        <fieldset class="choices">
          <legend id={`group-${i}`}>{g.label}</legend>
          {g.indicators.map((x) => (
            <div class="check">
              <input
                type="checkbox"
                id={`indicator-${x.code}`}
                name="indicators"
                value={x.code}
                checked={picked.includes(x.code)}
              />{" "}
              <label for={`indicator-${x.code}`}>
                {x.name} <span class="muted">{x.code}</span>
              </label>
            </div>
          ))}
        </fieldset>
      ))}
    </details>
  </fieldset>
);

export const RoundsPage: FC<{
  code: string;
  rounds: StoredRound[];
  years: number[];
  defaultYear: number;
  mayManage: boolean;
  csrf: string;
  choices: IndicatorChoiceGroup[];
  submitted?: { fiscalYear: string; deadline: string; scope: string; indicators: string[] };
  errors?: { message: string; details: ErrorDetail[] };
}> = ({ code, rounds, years, defaultYear, mayManage, csrf, choices, submitted, errors }) => (
  <>
    <h1>実績値の報告</h1>
    <p class="lead">
      年度ごとに報告を開始し、入力期限までに各課が担当の指標の実績値を入力します。締め切ると、その年度の値は変更できなくなります。
    </p>
    {rounds.length === 0 ? (
      <p>まだ報告は開始されていません。</p>
    ) : (
      <div class="table-wrap">
        <table>
          <caption>報告の一覧（新しい年度から）</caption>
          <thead>
            <tr>
              <th scope="col">年度</th>
              <th scope="col">入力期限</th>
              <th scope="col">指標数</th>
              <th scope="col">状態</th>
            </tr>
          </thead>
          <tbody>
            {rounds.map((r) => (
              <tr>
                <th scope="row">
                  <a href={`/${code}/manage/rounds/${r.fiscalYear}`}>
                    {fiscalYearLabel(r.fiscalYear)}
                  </a>
                </th>
                <td>{formatJapaneseDate(r.deadline)}</td>
                <td>{r.indicatorIds.length}</td>
                <td>{r.closedAt ? "締切済み" : "受付中"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
    {mayManage ? (
      <>
        <h2>報告を開始する</h2>
        {errors ? (
          <ErrorSummary
            message={errors.message}
            details={errors.details}
            fields={["fiscalYear", "deadline", "indicators"]}
          />
        ) : null}
        <form method="post" action={`/${code}/manage/rounds`} class="stack">
          <CsrfField token={csrf} />
          <div>
            <label for="fiscalYear">報告する年度</label>
            <select id="fiscalYear" name="fiscalYear" {...errorAria("fiscalYear", errors?.details)}>
              {years.map((y) => (
                <option
                  value={String(y)}
                  selected={String(y) === (submitted?.fiscalYear ?? String(defaultYear))}
                >
                  {fiscalYearLabel(y)}
                </option>
              ))}
            </select>
            <FieldError field="fiscalYear" details={errors?.details} />
          </div>
          <div>
            <label for="deadline">入力期限</label>
            <p class="hint" id="deadline-hint">
              この日の終わりまでに入力されたものが期限内です。{DATE_HINT}
            </p>
            <input
              id="deadline"
              name="deadline"
              type="text"
              autocomplete="off"
              required
              value={submitted?.deadline ?? ""}
              {...errorAria("deadline", errors?.details, "deadline-hint")}
            />
            <FieldError field="deadline" details={errors?.details} />
          </div>
          <IndicatorChoices
            groups={choices}
            scope={submitted?.scope ?? "default"}
            picked={submitted?.indicators ?? []}
            details={errors?.details}
          />
          <div class="actions">
            <button type="submit">報告を開始する</button>
          </div>
        </form>
      </>
    ) : null}
  </>
);
