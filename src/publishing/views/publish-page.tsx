/** Staff: the drafts waiting for publication, as a diff; a planner publishes what they checked. */
import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../../core/errors.ts";
import { shortFiscalYearLabel } from "../../core/fiscal-year.ts";
import { formatValue } from "../../core/format.ts";
import { personName } from "../../core/people.ts";
import type { PendingRecordDraft } from "../../core/record-drafts.ts";
import { CsrfField, ErrorSummary } from "../../core/views/form.tsx";
import type { PendingDraft } from "../../indicators/index.ts";
import type { Pending } from "../publish.ts";

const text = (d: PendingDraft, v: { value: number | null; note: string | null } | null) =>
  v ? `${formatValue(v.value, d.unit, d.decimals)}${v.note ? `（${v.note}）` : ""}` : "（未公開）";

const when = (d: Date) => d.toLocaleString("ja-JP", { timeZone: "Asia/Tokyo" });

/** Edited definitions (plan nodes, indicators): one row per changed field. */
const DefinitionDrafts: FC<{ drafts: PendingRecordDraft[]; mayPublish: boolean }> = ({
  drafts,
  mayPublish,
}) => (
  <div class="table-wrap">
    <table>
      <caption>定義の下書きと公開中の内容の違い</caption>
      <thead>
        <tr>
          {mayPublish ? <th scope="col">公開する</th> : null}
          <th scope="col">項目</th>
          <th scope="col">変更する欄</th>
          <th scope="col">公開中</th>
          <th scope="col">下書き</th>
          <th scope="col">編集した人・日時</th>
        </tr>
      </thead>
      {drafts.map((d) => {
        const id = `definition-${d.id}`;
        const blocked = d.outdated || d.missing;
        const rows = d.changes.length ? d.changes : [{ label: "—", before: "", after: "" }];
        return (
          <tbody>
            {rows.map((change, i) => (
              <tr>
                {i === 0 && mayPublish ? (
                  <td rowspan={rows.length}>
                    <input
                      type="checkbox"
                      id={id}
                      name="definition"
                      value={`${d.id}:${d.version}`}
                      checked={!blocked}
                      disabled={blocked}
                    />
                  </td>
                ) : null}
                {i === 0 ? (
                  <th scope="rowgroup" rowspan={rows.length}>
                    <label for={mayPublish ? id : undefined}>
                      {d.typeLabel} {d.key}
                      {d.about ? <span class="muted">（{d.about}）</span> : null}
                    </label>{" "}
                    <a href={d.editPath}>開く</a>
                    {d.outdated ? (
                      <p class="field-error">
                        下書きを作った後に公開内容が変わったため、公開できません。編集し直してください。
                      </p>
                    ) : null}
                    {d.missing ? (
                      <p class="field-error">対象が削除されたため、公開できません。</p>
                    ) : null}
                  </th>
                ) : null}
                <th scope="row">{change.label}</th>
                <td class="pre-line">{change.before}</td>
                <td class="pre-line">
                  <span class="badge draft">下書き</span> {change.after}
                </td>
                {i === 0 ? (
                  <td rowspan={rows.length}>
                    {personName(d.updatedBy)}
                    <br />
                    {when(d.updatedAt)}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        );
      })}
    </table>
  </div>
);

export const PublishPage: FC<{
  code: string;
  pending: Pending;
  csrf: string;
  mayPublish: boolean;
  published?: number;
  errors?: { message: string; details: ErrorDetail[] };
}> = ({ code, pending, csrf, mayPublish, published, errors }) => {
  const drafts = pending.actuals;
  const total = drafts.length + pending.definitions.length;
  return (
    <>
      <h1>公開前の確認</h1>
      {published ? (
        <p class="notice" role="status">
          {published} 件を公開しました。公開ページとAPIに反映されています。
        </p>
      ) : null}
      {errors ? <ErrorSummary message={errors.message} details={errors.details} /> : null}
      <p class="lead">
        下書きは {total} 件です（実績値 {drafts.length} 件、定義 {pending.definitions.length}{" "}
        件）。公開すると、公開ページとAPIの内容が変わります。
        公表済みの値の訂正は、理由とともに公開ページの訂正履歴に載ります。
      </p>
      {total === 0 ? (
        <p>公開を待っている下書きはありません。</p>
      ) : (
        <form method="post" action={`/${code}/manage/publish`}>
          <CsrfField token={csrf} />
          {pending.definitions.length ? (
            <DefinitionDrafts drafts={pending.definitions} mayPublish={mayPublish} />
          ) : null}
          {drafts.length === 0 ? null : (
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
                            {d.indicatorName}（{d.indicatorCode}）{" "}
                            {shortFiscalYearLabel(d.fiscalYear)}
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
                          {personName(d.updatedBy)}
                          <br />
                          {when(d.updatedAt)}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          )}
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
};
