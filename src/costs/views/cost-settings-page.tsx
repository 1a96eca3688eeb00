/**
 * Staff: the municipality's cost settings per fiscal year — 人件費単価 of regular and part-time
 * staff and whether the settlement is closed (決算確定: the year's program cost is then its
 * settlement). Planners set them; everyone signed in reads them.
 */
import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../../core/errors.ts";
import { fiscalYearLabel } from "../../core/fiscal-year.ts";
import type { FormBody } from "../../core/forms.ts";
import { CheckField, shownValues, TextField } from "../../core/views/fields.tsx";
import { CsrfField, DoneNotice, ErrorSummary } from "../../core/views/form.tsx";
import type { CostSettingRow } from "../../programs/index.ts";
import { yen } from "../../programs/index.ts";

export const CostSettingsPage: FC<{
  code: string;
  rows: CostSettingRow[];
  /** What the form is opened on (cost-settings.ts settingsSeenOf), to tell a stale save. */
  seen: string;
  editable: boolean;
  lastYear: number;
  csrf: string;
  done?: string;
  raw?: FormBody;
  errors?: { message: string; details: ErrorDetail[] };
}> = (p) => {
  const v = shownValues(p.raw);
  const latest = p.rows.at(-1);
  return (
    <>
      <h1>人件費単価と決算確定</h1>
      <p class="lead">
        事務事業の人件費は「従事職員数 ×
        その年度の人件費単価」で計算します。決算確定済みの年度は決算額を、それ以外の年度は最終予算額を事業費とします。
      </p>
      <DoneNotice
        messages={{ saved: "設定を保存しました。コストは新しい設定で計算されます。" }}
        done={p.done}
      />
      {p.errors ? (
        <ErrorSummary
          message={p.errors.message}
          details={p.errors.details}
          fields={["fiscalYear", "regular", "partTime"]}
        />
      ) : null}
      {p.rows.length ? (
        <div class="table-wrap">
          <table>
            <caption>年度ごとの設定</caption>
            <thead>
              <tr>
                <th scope="col">年度</th>
                <th scope="col" class="num">
                  人件費単価（正規職員）
                </th>
                <th scope="col" class="num">
                  人件費単価（会計年度任用職員）
                </th>
                <th scope="col">決算</th>
              </tr>
            </thead>
            <tbody>
              {p.rows.map((r) => (
                <tr>
                  <th scope="row">{fiscalYearLabel(r.fiscalYear)}</th>
                  <td class="num">{yen(r.regular)}</td>
                  <td class="num">{r.partTime === null ? "正規職員と同じ" : yen(r.partTime)}</td>
                  <td>{r.settlementClosed ? "確定済み" : "未確定"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p>まだ設定がありません。</p>
      )}
      {p.editable ? (
        <>
          <h2>年度の設定を保存</h2>
          <form method="post" action={`/${p.code}/manage/programs/cost-settings`} class="stack">
            <CsrfField token={p.csrf} />
            <input type="hidden" name="seen" value={v.text("seen", p.seen)} />
            <TextField
              name="fiscalYear"
              label="年度（西暦）"
              hint={`例: 2025（${fiscalYearLabel(2025)}）。${fiscalYearLabel(p.lastYear)}まで設定できます。設定済みの年度は上書きします。`}
              value={v.text("fiscalYear", latest ? String(latest.fiscalYear + 1) : "")}
              details={p.errors?.details}
              inputmode="numeric"
              required
            />
            <TextField
              name="regular"
              label="人件費単価（正規職員、円／人・年）"
              value={v.text("regular", latest ? String(latest.regular) : "")}
              details={p.errors?.details}
              inputmode="numeric"
              required
            />
            <TextField
              name="partTime"
              label="人件費単価（会計年度任用職員、円／人・年）"
              hint="空欄のときは正規職員の単価を使います。"
              value={v.text("partTime", latest?.partTime == null ? "" : String(latest.partTime))}
              details={p.errors?.details}
              inputmode="numeric"
            />
            <CheckField
              name="settlementClosed"
              label="決算確定済み（この年度の事業費を決算額で計算する）"
              checked={v.flag("settlementClosed", false)}
            />
            <div class="actions">
              <button type="submit">保存</button>
            </div>
          </form>
        </>
      ) : (
        <p class="muted">設定を変更できるのは企画担当・管理者です。</p>
      )}
    </>
  );
};
