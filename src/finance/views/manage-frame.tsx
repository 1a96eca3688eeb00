/**
 * Staff pages of the fiscal frame: the list of stored years and scenarios, one year's lines,
 * one scenario's assumptions. Each form carries the version it was opened on.
 */
import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../../core/errors.ts";
import { fiscalYearLabel } from "../../core/fiscal-year.ts";
import { CheckField, TextField } from "../../core/views/fields.tsx";
import { CsrfField, DoneNotice, ErrorSummary } from "../../core/views/form.tsx";
import { ExcelHint } from "../../spreadsheets/index.ts";
import { FRAME_KIND_LABELS } from "../frame.ts";
import type { FrameScenarioRow, FrameYearRow } from "../frame-report.ts";
import { CellInput } from "./manage-fields.tsx";

const DONE = { saved: "保存しました。公開ページの財政フレームと推計に反映しています。" };

export const FrameManageIndex: FC<{
  code: string;
  years: FrameYearRow[];
  scenarios: FrameScenarioRow[];
  mayEdit: boolean;
}> = ({ code, years, scenarios, mayEdit }) => (
  <>
    <h1>財政フレームの入力</h1>
    <p class="lead">
      決算・予算の年度の歳入・歳出と、推計の前提を入力します。推計は保存した内容から毎回計算するので、
      保存するとすぐ公開ページに反映します。
    </p>
    {mayEdit ? <ExcelHint code={code} dataset="frame" what="すべての年度の歳入・歳出" /> : null}
    <section aria-labelledby="frame-years">
      <h2 id="frame-years">決算・予算の年度</h2>
      <ul>
        {years.map((y) => (
          <li>
            <a href={`/${code}/manage/finance/frame/years/${y.fiscalYear}?kind=${y.kind}`}>
              {fiscalYearLabel(y.fiscalYear)}（{FRAME_KIND_LABELS[y.kind]}）
            </a>
            {y.sample ? "（サンプル）" : ""}
          </li>
        ))}
      </ul>
      {mayEdit ? (
        <form method="get" action={`/${code}/manage/finance/frame/years`}>
          <h3>年度を追加する</h3>
          <p class="hint">
            推計の基になる年度は連続している必要があります（予算の年度の後に決算は置けません）。
          </p>
          <label for="fy">年度（西暦）</label>
          <input id="fy" name="fy" type="text" inputmode="numeric" size={6} />
          <label for="kind">区分</label>
          <select id="kind" name="kind">
            <option value="settled">決算</option>
            <option value="budget">予算</option>
          </select>{" "}
          <button type="submit">入力を始める</button>
        </form>
      ) : null}
    </section>
    <section aria-labelledby="frame-scenarios">
      <h2 id="frame-scenarios">推計の前提（シナリオ）</h2>
      <ul>
        {scenarios.map((s) => (
          <li>
            <a href={`/${code}/manage/finance/frame/scenarios/${encodeURIComponent(s.name)}`}>
              {s.name}
            </a>
            {s.derivedFrom ? `（${s.derivedFrom.scenario}から派生）` : ""}
            {s.sample ? "（サンプル）" : ""}
          </li>
        ))}
      </ul>
    </section>
  </>
);

interface FormProps {
  action: string;
  values: Record<string, string>;
  version: number;
  csrf: string;
  mayEdit: boolean;
  errors?: { message: string; details: ErrorDetail[] };
  fieldNames: string[];
  done?: string;
}

const Meta: FC<{ values: Record<string, string>; details?: ErrorDetail[] }> = ({
  values,
  details,
}) => (
  <fieldset>
    <legend>出典</legend>
    <CheckField
      name="sample"
      label="サンプル（デモ用の架空の数値。公開ページに「サンプル」と表示します）"
      checked={values.sample === "on"}
    />
    <TextField name="source" label="出典" value={values.source ?? ""} details={details} required />
    <TextField
      name="note"
      label="備考"
      value={values.note ?? ""}
      details={details}
      multiline
      rows={2}
    />
  </fieldset>
);

/** A form around groups of fields, with the error summary and the submit button. */
export const FrameForm: FC<
  FormProps & {
    title: string;
    lead: string;
    groups: { legend: string; fields: [string, string][] }[];
    table?: unknown;
  }
> = (p) => {
  const d = p.errors?.details;
  return (
    <>
      <h1>{p.title}</h1>
      <DoneNotice messages={DONE} done={p.done} />
      <p class="lead">{p.lead}</p>
      {p.errors ? (
        <ErrorSummary message={p.errors.message} details={p.errors.details} fields={p.fieldNames} />
      ) : null}
      {p.mayEdit ? (
        <form method="post" action={p.action}>
          <CsrfField token={p.csrf} />
          <input type="hidden" name="version" value={String(p.version)} />
          {p.groups.map((g) => (
            <fieldset>
              <legend>{g.legend}</legend>
              {g.fields.map(([name, label]) => (
                <TextField
                  name={name}
                  label={label}
                  value={p.values[name] ?? ""}
                  details={d}
                  inputmode="decimal"
                />
              ))}
            </fieldset>
          ))}
          {p.table ?? null}
          <Meta values={p.values} details={d} />
          <p>
            <button type="submit">保存する</button>
          </p>
        </form>
      ) : (
        <p>入力できるのは企画担当と、財政健全化判断比率の指標を担当する課の入力担当です。</p>
      )}
    </>
  );
};

/** Amounts by row (item) and column (fiscal year or fund), each an input. */
export const AmountGrid: FC<{
  caption: string;
  columns: { key: string; label: string }[];
  rows: { key: string; label: string }[];
  name: (row: string, column: string) => string;
  values: Record<string, string>;
  details?: ErrorDetail[];
}> = ({ caption, columns, rows, name, values, details }) => (
  <div class="table-wrap">
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">項目</th>
          {columns.map((c) => (
            <th scope="col">{c.label}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            <th scope="row">{r.label}</th>
            {columns.map((c) => (
              <td>
                <CellInput
                  name={name(r.key, c.key)}
                  label={`${r.label} ${c.label}`}
                  value={values[name(r.key, c.key)] ?? ""}
                  details={details}
                />
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  </div>
);
