/**
 * The frame of every definition edit page: what state the record is in (published, a draft
 * waiting), the error summary, the form with the versions it was opened on, and the buttons.
 * The module's own fields go inside.
 */
import type { Child, FC } from "hono/jsx";
import type { ErrorDetail } from "../../core/errors.ts";
import { personName } from "../../core/people.ts";
import type { ExpectedVersions } from "../../core/record-drafts.ts";
import { CsrfField, DoneNotice, ErrorSummary } from "../../core/views/form.tsx";

export interface EditFrameProps {
  heading: string;
  /** What the record is, e.g. 「計画の項目 GZ-1」. */
  subject: string;
  action: string;
  publishPath: string;
  csrf: string;
  versions: ExpectedVersions;
  draft?: { updatedBy: string; updatedAt: Date };
  done?: string;
  errors?: { message: string; details: ErrorDetail[] };
  /** Field names, so that the error summary links to each. */
  fields: string[];
  children?: Child;
}

const DONE: Record<string, string> = {
  saved:
    "下書きを保存しました。企画担当が「公開前の確認」で公開するまで、公開ページは変わりません。",
  unchanged: "公開中の内容と同じため、下書きはありません。",
  discarded: "下書きを取り消しました。公開中の内容はそのままです。",
};

export const EditFrame: FC<EditFrameProps> = (p) => (
  <>
    <h1>{p.heading}</h1>
    <p class="lead">
      {p.subject}
      の内容を編集します。保存すると下書きになり、「公開前の確認」で違いを確かめてから公開します。
    </p>
    <DoneNotice messages={DONE} done={p.done} />
    {p.draft ? (
      <p class="notice">
        <span class="badge draft">下書き</span> {personName(p.draft.updatedBy)} が{" "}
        {p.draft.updatedAt.toLocaleString("ja-JP", { timeZone: "Asia/Tokyo" })}{" "}
        に保存した未公開の内容を表示しています。 <a href={p.publishPath}>公開前の確認へ</a>
      </p>
    ) : null}
    {p.errors ? (
      <ErrorSummary message={p.errors.message} details={p.errors.details} fields={p.fields} />
    ) : null}
    <form method="post" action={p.action} class="stack">
      <CsrfField token={p.csrf} />
      <input type="hidden" name="publishedVersion" value={String(p.versions.publishedVersion)} />
      <input type="hidden" name="draftVersion" value={String(p.versions.draftVersion)} />
      {p.children}
      <div class="actions">
        <button type="submit">下書きとして保存</button>
      </div>
    </form>
    {p.draft ? (
      <form method="post" action={`${p.action}/discard`}>
        <CsrfField token={p.csrf} />
        <input type="hidden" name="draftVersion" value={String(p.versions.draftVersion)} />
        <button type="submit" class="secondary">
          下書きを取り消す
        </button>
      </form>
    ) : null}
  </>
);
