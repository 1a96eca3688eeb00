/** Admin: which registries the municipality keeps, and the indicator each one feeds. */
import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../../core/errors.ts";
import { CsrfField, DoneNotice, ErrorSummary } from "../../core/views/form.tsx";
import type { RegistryDef } from "../definitions.ts";
import { NO_INDICATOR } from "./public.tsx";

export interface CatalogueRow {
  def: RegistryDef;
  on: boolean;
  version: number | null;
  records: number;
}

const DONE = {
  on: "台帳を使い始めました。職員用ページ・公開ページ・API・Excel での入出力に表示されます。",
  off: "台帳を使うのをやめました。",
  linked: "台帳から計算する指標を保存し、記録から計算し直しました。",
  unchanged: "変更はありませんでした。",
};

export const RegistrySettingsPage: FC<{
  code: string;
  csrf: string;
  rows: CatalogueRow[];
  indicators: { code: string; name: string }[];
  done?: string;
  errors?: { message: string; details: ErrorDetail[] };
}> = ({ code, csrf, rows, indicators, done, errors }) => (
  <>
    <h1>台帳の設定</h1>
    <p class="lead">
      この団体で使う台帳を選びます。使い始めた台帳だけが、職員用ページ・公開ページ・API・Excel
      での入出力に表示されます。指標を結び付けると、その指標の実績値を台帳の記録から計算します。
    </p>
    <DoneNotice messages={DONE} done={done} />
    {errors ? (
      <ErrorSummary
        message={errors.message}
        details={errors.details}
        fields={["registry", "indicatorCode"]}
      />
    ) : null}
    <div class="table-wrap">
      <table>
        <caption>台帳（{rows.filter((r) => r.on).length}件を使用中）</caption>
        <thead>
          <tr>
            <th scope="col">台帳</th>
            <th scope="col">使うかどうか</th>
            <th scope="col">計算する指標</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ def, on, version, records }) => (
            <tr>
              <th scope="row">
                {def.label}
                <p class="hint">{def.description}</p>
              </th>
              <td>
                <p>{on ? `使用中（記録 ${records}件）` : "使っていません"}</p>
                <form method="post" action={`/${code}/manage/registry-settings/${def.key}/use`}>
                  <CsrfField token={csrf} />
                  <input type="hidden" name="on" value={on ? "no" : "yes"} />
                  <button type="submit" class={on ? "secondary" : undefined}>
                    {on ? "使うのをやめる" : "使い始める"}
                    <span class="visually-hidden">（{def.label}）</span>
                  </button>
                </form>
              </td>
              <td>
                {!def.formula ? (
                  "この台帳から計算する指標はありません"
                ) : !on ? (
                  "使い始めると選べます"
                ) : (
                  <>
                    <p>
                      {def.indicator
                        ? `${def.indicator.code}：${def.indicator.formula}`
                        : `${NO_INDICATOR}。`}
                    </p>
                    <form
                      method="post"
                      action={`/${code}/manage/registry-settings/${def.key}/indicator`}
                    >
                      <CsrfField token={csrf} />
                      <input type="hidden" name="version" value={String(version ?? 0)} />
                      <label for={`indicator-${def.key}`}>指標（{def.formula}）</label>
                      <select id={`indicator-${def.key}`} name="indicatorCode">
                        <option value="">（結び付けない）</option>
                        {indicators.map((i) => (
                          <option value={i.code} selected={i.code === def.indicator?.code}>
                            {i.code} {i.name}
                          </option>
                        ))}
                      </select>{" "}
                      <button type="submit" class="secondary">
                        指標を保存する
                      </button>
                    </form>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  </>
);
