/** Staff: the drafts waiting for publication, as a diff; a planner publishes what they checked. */
import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../../core/errors.ts";
import { shortFiscalYearLabel } from "../../core/fiscal-year.ts";
import { formatValue } from "../../core/format.ts";
import { CsrfField, ErrorSummary } from "../../core/views/form.tsx";
import type { PendingDraft } from "../drafts.ts";

const text = (d: PendingDraft, v: { value: number | null; note: string | null } | null) =>
  v ? `${formatValue(v.value, d.unit, d.decimals)}${v.note ? `（${v.note}）` : ""}` : "（未公開）";

export const PublishPage: FC<{
  code: string;
  drafts: PendingDraft[];
  csrf: string;
  mayPublish: boolean;
  published?: number;
  errors?: { message: string; details: ErrorDetail[] };
}> = ({ code, drafts, csrf, mayPublish, published, errors }) => (
  <>
    <h1>公開前の確認</h1>
    {published ? (
      <p class="notice" role="status">
        {published} 件を公開しました。公開ページとAPIに反映されています。
      </p>
    ) : null}
    {errors ? <ErrorSummary message={errors.message} details={errors.details} /> : null}
    <p class="lead">
      下書きは {drafts.length} 件です。公開すると、公開ページとAPIの値が変わります。
      公表済みの値の訂正は、理由とともに公開ページの訂正履歴に載ります。
    </p>
    {drafts.length === 0 ? (
      <p>公開を待っている下書きはありません。</p>
    ) : (
      <form method="post" action={`/${code}/manage/publish`}>
        <CsrfField token={csrf} />
        <div class="table-wrap">
          <table>
            <caption>下書きと公開中の値の違い</caption>
            <thead>
              <tr>
                {mayPublish ? <th scope="col">公開する</th> : null}
                <th scope="col">指標・年度</th>
                <th scope="col">公開中の値</th>
                <th scope="col">下書きの値</th>
                <th scope="col">訂正の理由</th>
                <th scope="col">入力した人・日時</th>
              </tr>
            </thead>
            <tbody>
              {drafts.map((d) => {
                const id = `draft-${d.id}`;
                return (
                  <tr>
                    {mayPublish ? (
                      <td>
                        <input
                          type="checkbox"
                          id={id}
                          name="draft"
                          value={`${d.id}:${d.version}`}
                          checked={!d.outdated}
                          disabled={d.outdated}
                        />
                      </td>
                    ) : null}
                    <th scope="row">
                      <label for={mayPublish ? id : undefined}>
                        {d.indicatorName}（{d.indicatorCode}） {shortFiscalYearLabel(d.fiscalYear)}
                      </label>{" "}
                      <a
                        href={`/${code}/manage/indicators/${encodeURIComponent(d.indicatorCode)}?fy=${d.fiscalYear}#entry`}
                      >
                        開く
                      </a>
                      {d.outdated ? (
                        <p class="field-error">
                          下書きを作った後に公開値が変わったため、公開できません。入力し直してください。
                        </p>
                      ) : null}
                    </th>
                    <td>{text(d, d.before)}</td>
                    <td>
                      <span class="badge draft">下書き</span> {text(d, d.after)}
                    </td>
                    <td>{d.reason ?? "—"}</td>
                    <td>
                      {d.updatedBy}
                      <br />
                      {d.updatedAt.toLocaleString("ja-JP", { timeZone: "Asia/Tokyo" })}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        {mayPublish ? (
          <div class="actions">
            <button type="submit">選んだ下書きを公開する</button>
          </div>
        ) : (
          <p class="muted">公開できるのは企画担当（planner）以上の役割の方です。</p>
        )}
      </form>
    )}
  </>
);
