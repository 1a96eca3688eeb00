/**
 * The staff page that links the municipality's own indicators to shared indicators: each
 * indicator with its current shared code and a form (a select, no JavaScript needed) to change
 * or remove it; a search narrows the list.
 */
import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../../core/errors.ts";
import { CsrfField, DoneNotice, ErrorSummary } from "../../core/views/form.tsx";
import type { OwnIndicatorLink, SharedIndicator } from "../queries.ts";

const DONE = {
  linked: "共通指標に関連付けました。指標のページに類似団体の中央値が表示されます。",
  unlinked: "共通指標への関連付けを外しました。",
  unchanged: "関連付けは変わっていません。",
};

export const LinkPage: FC<{
  code: string;
  csrf: string;
  rows: OwnIndicatorLink[];
  shared: Pick<SharedIndicator, "code" | "name" | "unit">[];
  search: string;
  total: number;
  done?: string;
  errors?: { message: string; details: ErrorDetail[]; indicator: string };
}> = ({ code, csrf, rows, shared, search, total, done, errors }) => {
  const nameOf = new Map(shared.map((s) => [s.code, s.name]));
  const linked = rows.filter((r) => r.sharedCode).length;
  return (
    <>
      <h1>共通指標との関連付け</h1>
      <p>
        自団体の指標を全国共通の指標（健全化判断比率・財政力指数・経常収支比率・人口など）に関連付けると、
        その指標のページに<a href={`/${code}/compare`}>類似団体</a>
        の中央値が実績値と並んで表示されます。
        一つの共通指標に関連付けられるのは、この団体の指標一つだけです。
      </p>
      <DoneNotice messages={DONE} done={done} />
      {errors ? (
        <ErrorSummary
          message={`指標 ${errors.indicator}: ${errors.message}`}
          details={errors.details}
        />
      ) : null}
      <form method="get" action={`/${code}/manage/shared-indicators`} class="search">
        <label for="q">指標を探す（コード・名称・共通指標コード）</label>
        <input type="search" id="q" name="q" value={search} />
        <button type="submit">絞り込む</button>
        {search ? <a href={`/${code}/manage/shared-indicators`}>すべて表示</a> : null}
      </form>
      <p>
        {search
          ? `「${search}」に当たる指標 ${rows.length} 件（全 ${total} 件）`
          : `指標 ${total} 件`}
        、うち関連付け済み {linked} 件
      </p>
      <table class="links">
        <caption>指標と関連付けた共通指標</caption>
        <thead>
          <tr>
            <th scope="col">指標コード</th>
            <th scope="col">指標名（単位）</th>
            <th scope="col">現在の共通指標</th>
            <th scope="col">変更</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr id={`indicator-${r.code}`}>
              <td>
                <a href={`/${code}/indicators/${encodeURIComponent(r.code)}`}>{r.code}</a>
              </td>
              <td>
                {r.name}
                {r.unit ? `（${r.unit}）` : ""}
              </td>
              <td>
                {r.sharedCode ? (
                  <a href={`/compare/${r.sharedCode}?municipality=${code}`}>
                    {nameOf.get(r.sharedCode) ?? r.sharedCode}（{r.sharedCode}）
                  </a>
                ) : (
                  "関連付けなし"
                )}
              </td>
              <td>
                <form
                  method="post"
                  action={`/${code}/manage/shared-indicators/${encodeURIComponent(r.code)}`}
                >
                  <CsrfField token={csrf} />
                  <input type="hidden" name="current" value={r.sharedCode ?? ""} />
                  {search ? <input type="hidden" name="q" value={search} /> : null}
                  <label class="visually-hidden" for={`shared-${r.code}`}>
                    {r.code} の共通指標
                  </label>
                  <select name="sharedCode" id={`shared-${r.code}`}>
                    <option value="" selected={!r.sharedCode}>
                      関連付けなし
                    </option>
                    {shared.map((s) => (
                      <option value={s.code} selected={s.code === r.sharedCode}>
                        {s.name}
                        {s.unit ? `（${s.unit}）` : ""}
                      </option>
                    ))}
                  </select>
                  <button type="submit">保存</button>
                </form>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
};
