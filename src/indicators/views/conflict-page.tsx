/** Staff: a stale form was submitted (409). Shows both versions instead of overwriting. */
import type { FC } from "hono/jsx";
import { fiscalYearLabel } from "../../core/fiscal-year.ts";
import { formatValue } from "../../core/format.ts";
import { CsrfField } from "../../core/views/form.tsx";
import { currentVersions, type DraftActual, type PublishedActual } from "../entry.ts";
import type { IndicatorRecord } from "../queries.ts";

export interface ConflictPageProps {
  code: string;
  record: IndicatorRecord;
  fiscalYear: number;
  published: PublishedActual | undefined;
  draft: DraftActual | undefined;
  submitted: { value: string; note: string; reason: string };
  csrf: string;
}

export const ConflictPage: FC<ConflictPageProps> = (p) => {
  const r = p.record;
  const base = `/${p.code}/manage/indicators/${encodeURIComponent(r.code)}`;
  const now = p.draft ?? p.published;
  const versions = currentVersions(p.published, p.draft);
  return (
    <>
      <h1>ほかの人が先に保存しました</h1>
      <p class="lead">
        {r.name}（{r.code}）の{fiscalYearLabel(p.fiscalYear)}
        の値は、このページを開いた後に変更されています。あなたの入力はまだ保存していません。
        二つを見比べて、どちらにするか選んでください。
      </p>
      <div class="table-wrap">
        <table>
          <caption>あなたの入力と現在の内容</caption>
          <thead>
            <tr>
              <th scope="col">項目</th>
              <th scope="col">あなたの入力</th>
              <th scope="col">
                現在の内容{p.draft ? "（下書き）" : p.published ? "（公開中）" : ""}
              </th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">値</th>
              <td>{p.submitted.value || "（空欄）"}</td>
              <td>{now ? formatValue(now.value, r.unit, r.decimals) : "（なし）"}</td>
            </tr>
            <tr>
              <th scope="row">注記</th>
              <td>{p.submitted.note || "—"}</td>
              <td>{now?.note || "—"}</td>
            </tr>
            <tr>
              <th scope="row">訂正の理由</th>
              <td>{p.submitted.reason || "—"}</td>
              <td>{p.draft?.reason || "—"}</td>
            </tr>
            {p.draft ? (
              <tr>
                <th scope="row">保存した人・日時</th>
                <td>—</td>
                <td>
                  {p.draft.updatedBy}・
                  {p.draft.updatedAt.toLocaleString("ja-JP", { timeZone: "Asia/Tokyo" })}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <div class="actions">
        <a class="button" href={`${base}?fy=${p.fiscalYear}#entry`}>
          現在の内容を残す（入力画面に戻る）
        </a>
        <form method="post" action={`${base}/actuals/${p.fiscalYear}`}>
          <CsrfField token={p.csrf} />
          <input type="hidden" name="publishedVersion" value={String(versions.published)} />
          <input type="hidden" name="draftVersion" value={String(versions.draft)} />
          <input type="hidden" name="value" value={p.submitted.value} />
          <input type="hidden" name="note" value={p.submitted.note} />
          <input type="hidden" name="reason" value={p.submitted.reason} />
          <button type="submit" class="secondary">
            あなたの入力で上書きする
          </button>
        </form>
      </div>
    </>
  );
};
