/** Staff: a stale evaluation form (409). What was typed beside what is saved now, nothing saved. */
import type { FC } from "hono/jsx";
import { CsrfField } from "../../core/views/form.tsx";
import type { StaffEvaluation } from "../staff-queries.ts";
import { STATE_LABELS } from "../workflow.ts";

/** One row of the conflict page: a field, what was typed, what is saved now. */
export interface ConflictRow {
  label: string;
  yours: string;
  current: string;
}

/** 409: the evaluation changed after the form was opened. Both versions, nothing overwritten. */
export const EvaluationConflictPage: FC<{
  subject: string;
  editPath: string;
  csrf: string;
  current: StaffEvaluation;
  rows: ConflictRow[];
  /** The submitted form (without _csrf and version), to post again over the current version. */
  submitted: [string, string][];
}> = (p) => (
  <>
    <h1>ほかの人が先に保存しました</h1>
    <p class="lead">
      {p.subject}
      は、このページを開いた後に変更されています（現在は版 {p.current.version}・
      {STATE_LABELS[p.current.state]}
      ）。あなたの入力はまだ保存していません。二つを見比べてください。
    </p>
    <div class="table-wrap">
      <table>
        <caption>あなたの入力と現在の内容</caption>
        <thead>
          <tr>
            <th scope="col">欄</th>
            <th scope="col">あなたの入力</th>
            <th scope="col">現在の内容（版 {p.current.version}）</th>
          </tr>
        </thead>
        <tbody>
          {p.rows.map((r) => (
            <tr>
              <th scope="row">{r.label}</th>
              <td class="pre-line">{r.yours}</td>
              <td class="pre-line">{r.current}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
    <div class="actions">
      <a class="button" href={p.editPath}>
        現在の内容を残す（入力画面に戻る）
      </a>
      <form method="post" action={p.editPath}>
        <CsrfField token={p.csrf} />
        <input type="hidden" name="version" value={String(p.current.version)} />
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
