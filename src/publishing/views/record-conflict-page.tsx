/** Staff: a stale definition form was submitted (409). Shows both versions, overwrites nothing. */
import type { FC } from "hono/jsx";
import type { FieldChange } from "../../core/field-changes.ts";
import type { ExpectedVersions } from "../../core/record-drafts.ts";
import { CsrfField } from "../../core/views/form.tsx";

export interface RecordConflictProps {
  subject: string;
  editPath: string;
  csrf: string;
  /** Where the current content differs from the submitted one (empty: the input was unreadable). */
  changes: FieldChange[];
  currentIsDraft: boolean;
  /** The submitted form, to post again over the current versions. */
  submitted: [string, string][];
  versions: ExpectedVersions;
}

export const RecordConflictPage: FC<RecordConflictProps> = (p) => (
  <>
    <h1>ほかの人が先に保存しました</h1>
    <p class="lead">
      {p.subject}
      は、このページを開いた後に変更されています。あなたの入力はまだ保存していません。
      二つを見比べて、どちらにするか選んでください。
    </p>
    {p.changes.length ? (
      <div class="table-wrap">
        <table>
          <caption>あなたの入力と現在の内容の違い</caption>
          <thead>
            <tr>
              <th scope="col">欄</th>
              <th scope="col">あなたの入力</th>
              <th scope="col">現在の内容{p.currentIsDraft ? "（下書き）" : "（公開中）"}</th>
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
        現在の内容を残す（編集画面に戻る）
      </a>
      <form method="post" action={p.editPath}>
        <CsrfField token={p.csrf} />
        <input type="hidden" name="publishedVersion" value={String(p.versions.publishedVersion)} />
        <input type="hidden" name="draftVersion" value={String(p.versions.draftVersion)} />
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
