/** Staff: a stale cost or budget-request form (409). Both versions side by side, nothing saved. */
import type { FC } from "hono/jsx";
import type { FieldChange } from "../../core/field-changes.ts";
import { CsrfField } from "../../core/views/form.tsx";

export const CostConflictPage: FC<{
  subject: string;
  editPath: string;
  postPath: string;
  csrf: string;
  yourVersion: number;
  currentVersion: number;
  /** The fields where what was typed differs from what is saved now. */
  changes: FieldChange[];
  /** The submitted form (without _csrf and version), to post again over the current version. */
  submitted: [string, string][];
}> = (p) => (
  <>
    <h1>ほかの人が先に保存しました</h1>
    <p class="lead">
      {p.subject}は、このページを開いた後（版 {p.yourVersion}）に変更されています（現在は版{" "}
      {p.currentVersion}）。あなたの入力はまだ保存していません。二つを見比べてください。
    </p>
    {p.changes.length ? (
      <div class="table-wrap">
        <table>
          <caption>あなたの入力と現在の内容の違い</caption>
          <thead>
            <tr>
              <th scope="col">欄</th>
              <th scope="col">あなたの入力</th>
              <th scope="col">現在の内容（版 {p.currentVersion}）</th>
            </tr>
          </thead>
          <tbody>
            {p.changes.map((c) => (
              <tr>
                <th scope="row">{c.label}</th>
                <td class="pre-line">{c.after}</td>
                <td class="pre-line">{c.before}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    ) : (
      <p>あなたの入力と現在の内容に違いはありません。</p>
    )}
    <div class="actions">
      <a class="button" href={p.editPath}>
        現在の内容を残す（入力画面に戻る）
      </a>
      <form method="post" action={p.postPath}>
        <CsrfField token={p.csrf} />
        <input type="hidden" name="version" value={String(p.currentVersion)} />
        {p.submitted.map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <button type="submit" class="secondary">
          あなたの入力で上書きする
        </button>
      </form>
    </div>
  </>
);
