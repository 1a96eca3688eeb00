/**
 * Staff: one fiscal year's soundness components. Saving computes the ratios the components
 * allow (soundness.ts) and shows, per ratio, whether it is computed here or kept as reported.
 */
import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../../core/errors.ts";
import { fiscalYearLabel } from "../../core/fiscal-year.ts";
import { CheckField, TextField } from "../../core/views/fields.tsx";
import { CsrfField, DoneNotice, ErrorSummary } from "../../core/views/form.tsx";
import {
  ACCOUNT_KINDS,
  DEBT_SERVICE_ITEMS,
  FUTURE_BURDEN_ITEMS,
  OFFSET_ITEMS,
} from "../components.ts";
import { ACCOUNT_ROWS } from "../components-form.ts";
import { RATIO_NAMES, type RatioKind } from "../soundness.ts";
import { CellInput } from "./manage-fields.tsx";

export interface RatioStatus {
  kind: RatioKind;
  /** As stored: the display and whether reported or computed; null when none. */
  stored: { display: string; origin: "reported" | "computed" } | null;
  /** What these components give: a value, or what is missing / wrong. */
  fromComponents: string;
}

export interface SoundnessFormProps {
  code: string;
  fiscalYear: number;
  values: Record<string, string>;
  sample: boolean;
  version: number;
  csrf: string;
  ratios: RatioStatus[];
  updated: string | null;
  mayEdit: boolean;
  errors?: { message: string; details: ErrorDetail[] };
  fieldNames: string[];
  done?: string;
}

const DONE = {
  saved: "構成要素を保存し、算定できる比率を計算して公開ページと指標の実績値に反映しました。",
};

export const SoundnessForm: FC<SoundnessFormProps> = (p) => {
  const v = (name: string) => p.values[name] ?? "";
  const d = p.errors?.details;
  const years = [p.fiscalYear - 2, p.fiscalYear - 1, p.fiscalYear];
  return (
    <>
      <h1>財政健全化判断比率の構成要素（{fiscalYearLabel(p.fiscalYear)}）</h1>
      <DoneNotice messages={DONE} done={p.done} />
      <p class="lead">
        金額は円単位で入力します（桁区切りのカンマ可）。保存すると、そろっている構成要素から比率を計算し、
        公表値を算定値に置き換えます。構成要素が足りない比率は公表値のままです。
      </p>
      {p.updated ? <p class="muted">最終更新: {p.updated}</p> : null}
      <section class="box" aria-labelledby="ratio-status">
        <h2 id="ratio-status">比率の状態</h2>
        <div class="table-wrap">
          <table>
            <caption>
              この年度の比率（公表値・算定値）と、保存済みの構成要素から算定した結果
            </caption>
            <thead>
              <tr>
                <th scope="col">比率</th>
                <th scope="col">現在の値</th>
                <th scope="col">区分</th>
                <th scope="col">構成要素からの算定</th>
              </tr>
            </thead>
            <tbody>
              {p.ratios.map((r) => (
                <tr>
                  <th scope="row">{RATIO_NAMES[r.kind]}</th>
                  <td>{r.stored?.display ?? "なし"}</td>
                  <td>{r.stored ? (r.stored.origin === "computed" ? "算定値" : "公表値") : "—"}</td>
                  <td>{r.fromComponents}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      {p.errors ? (
        <ErrorSummary message={p.errors.message} details={p.errors.details} fields={p.fieldNames} />
      ) : null}
      {p.mayEdit ? (
        <form method="post" action={`/${p.code}/manage/finance/soundness/${p.fiscalYear}`}>
          <CsrfField token={p.csrf} />
          <input type="hidden" name="version" value={String(p.version)} />
          <fieldset>
            <legend>共通</legend>
            <TextField
              name="standardFiscalScale"
              label="標準財政規模（円）"
              value={v("standardFiscalScale")}
              details={d}
              inputmode="numeric"
            />
            <TextField
              name="includedDebtService"
              label="算入公債費等（円）"
              hint="将来負担比率の分母で差し引く額"
              value={v("includedDebtService")}
              details={d}
              inputmode="numeric"
            />
          </fieldset>
          <fieldset>
            <legend>実質赤字比率</legend>
            <TextField
              name="realDeficit"
              label="一般会計等の実質赤字額（円）"
              hint="黒字のときは △ を付けて入力します（例: △845,000,000）"
              value={v("realDeficit")}
              details={d}
            />
          </fieldset>
          <fieldset>
            <legend>連結実質赤字比率: 各会計の実質収支</legend>
            <p class="hint">
              赤字（資金の不足額）はそのまま、黒字（資金の剰余額）は △
              を付けて入力します。使わない行は空欄のままにします。
            </p>
            <div class="table-wrap">
              <table>
                <caption>会計ごとの実質赤字額・資金不足額</caption>
                <thead>
                  <tr>
                    <th scope="col">行</th>
                    <th scope="col">会計の名前</th>
                    <th scope="col">区分</th>
                    <th scope="col">実質収支（円）</th>
                  </tr>
                </thead>
                <tbody>
                  {Array.from({ length: ACCOUNT_ROWS }, (_, i) => (
                    <tr>
                      <th scope="row">{i + 1}</th>
                      <td>
                        <CellInput
                          name={`accounts.${i}.name`}
                          label={`会計${i + 1}の名前`}
                          value={v(`accounts.${i}.name`)}
                          details={d}
                        />
                      </td>
                      <td>
                        <select
                          id={`accounts.${i}.kind`}
                          name={`accounts.${i}.kind`}
                          aria-label={`会計${i + 1}の区分`}
                        >
                          {Object.entries(ACCOUNT_KINDS).map(([k, label]) => (
                            <option value={k} selected={v(`accounts.${i}.kind`) === k}>
                              {label}
                            </option>
                          ))}
                        </select>
                      </td>
                      <td>
                        <CellInput
                          name={`accounts.${i}.deficit`}
                          label={`会計${i + 1}の実質収支`}
                          value={v(`accounts.${i}.deficit`)}
                          details={d}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </fieldset>
          <fieldset>
            <legend>実質公債費比率: 3か年度の元利償還金等</legend>
            <div class="table-wrap">
              <table>
                <caption>3か年度平均の算定に使う各年度の額（円）</caption>
                <thead>
                  <tr>
                    <th scope="col">項目</th>
                    {years.map((y) => (
                      <th scope="col">{fiscalYearLabel(y)}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {DEBT_SERVICE_ITEMS.map(([k, label]) => (
                    <tr>
                      <th scope="row">{label}</th>
                      {years.map((y, j) => (
                        <td>
                          <CellInput
                            name={`debtService.${j}.${k}`}
                            label={`${fiscalYearLabel(y)} ${label}`}
                            value={v(`debtService.${j}.${k}`)}
                            details={d}
                          />
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </fieldset>
          <fieldset>
            <legend>将来負担比率: 将来負担額（法第2条第4号イ〜チ）</legend>
            {FUTURE_BURDEN_ITEMS.map(([k, label]) => (
              <TextField
                name={`futureBurden.${k}`}
                label={`${label}（円）`}
                value={v(`futureBurden.${k}`)}
                details={d}
                inputmode="numeric"
              />
            ))}
          </fieldset>
          <fieldset>
            <legend>将来負担比率: 充当可能財源等</legend>
            {OFFSET_ITEMS.map(([k, label]) => (
              <TextField
                name={`offsets.${k}`}
                label={`${label}（円）`}
                value={v(`offsets.${k}`)}
                details={d}
                inputmode="numeric"
              />
            ))}
          </fieldset>
          <fieldset>
            <legend>出典</legend>
            <CheckField
              name="sample"
              label="サンプル（デモ用の架空の数値。公開ページに「サンプル」と表示します）"
              checked={p.sample}
            />
            <TextField name="source" label="出典" value={v("source")} details={d} required />
            <TextField name="note" label="備考" value={v("note")} details={d} multiline rows={2} />
          </fieldset>
          <p>
            <button type="submit">保存して比率を算定する</button>
          </p>
        </form>
      ) : (
        <p>
          構成要素を入力できるのは企画担当と、財政健全化判断比率の指標を担当する課の入力担当です。
        </p>
      )}
    </>
  );
};
