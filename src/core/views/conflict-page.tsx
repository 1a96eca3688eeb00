/**
 * Staff: a stale form was submitted (409). What was typed beside what is saved now, field by
 * field; nothing is saved until the person chooses to keep the current content or overwrite it.
 */
import type { FC } from "hono/jsx";
import type { FieldChange } from "../field-changes.ts";
import { CsrfField } from "./form.tsx";

export const ConflictPage: FC<{
  subject: string;
  /** How the saved record stands now, said after the subject, e.g. 「（現在は版 3）」. */
  state?: string;
  /** Header of the column of what is saved now. */
  currentLabel?: string;
  /** Where the input differs from what is saved (`after` is the input, `before` the saved). */
  changes: FieldChange[];
  editPath: string;
  /** Where the overwrite is posted (default: editPath). */
  postPath?: string;
  csrf: string;
  /** Hidden fields naming what the overwrite replaces: versions, a fingerprint. */
  basis: [string, string][];
  /** The submitted form (without _csrf and the basis), to post again. */
  submitted: [string, string][];
}> = (p) => (
  <>
    <h1>ほかの人が先に保存しました</h1>
    <p class="lead">
      {p.subject}は、このページを開いた後に変更されています{p.state ?? ""}
      。あなたの入力はまだ保存していません。二つを見比べて、どちらにするか選んでください。
    </p>
    {p.changes.length ? (
      <div class="table-wrap">
        <table>
          <caption>あなたの入力と現在の内容の違い</caption>
          <thead>
            <tr>
              <th scope="col">欄</th>
              <th scope="col">あなたの入力</th>
              <th scope="col">{p.currentLabel ?? "現在の内容"}</th>
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
      <form method="post" action={p.postPath ?? p.editPath}>
        <CsrfField token={p.csrf} />
        {[...p.basis, ...p.submitted].map(([name, value]) => (
          <input type="hidden" name={name} value={value} />
        ))}
        <button type="submit" class="secondary">
          あなたの入力で上書きする
        </button>
      </form>
    </div>
  </>
);
