/** Staff: the e-mail the application has prepared, and whether it was sent. */
import type { FC } from "hono/jsx";
import type { OutboxEntry } from "../../core/outbox.ts";

/**
 * A writer's private status link (…/letters/status/{token}) is for the writer alone: staff who
 * read the outbox see that a link was sent, not the link.
 */
const withoutPrivateLinks = (body: string) =>
  body.replace(/(\/letters\/status\/)[\w-]+/g, "$1（本人用のリンクのため表示しません）");

const when = (d: Date) => d.toLocaleString("ja-JP", { timeZone: "Asia/Tokyo" });

export const OutboxPage: FC<{ entries: OutboxEntry[]; delivering: boolean }> = ({
  entries,
  delivering,
}) => (
  <>
    <h1>お知らせメールの送信予定</h1>
    <p class="lead">
      {delivering
        ? "用意したメールは、数分おきに送信されます。"
        : "メール送信（SMTP_URL）が設定されていないため、用意したメールは送信されず、ここに表示されるだけです。"}
    </p>
    {entries.length === 0 ? (
      <p>用意されたメールはありません。</p>
    ) : (
      entries.map((m) => (
        <section class="box" aria-labelledby={`mail-${m.id}`}>
          <h2 id={`mail-${m.id}`}>{m.subject}</h2>
          <dl class="meta">
            <dt>宛先</dt>
            <dd>{m.recipient}</dd>
            <dt>用意した日時</dt>
            <dd>{when(m.createdAt)}</dd>
            <dt>送信</dt>
            <dd>
              {m.sentAt
                ? `送信済み（${when(m.sentAt)}）`
                : m.lastError
                  ? `未送信（${m.attempts}回失敗: ${m.lastError}）`
                  : "未送信"}
            </dd>
          </dl>
          <details>
            <summary>
              本文
              <span class="visually-hidden">
                （{m.recipient} 宛て「{m.subject}」）
              </span>
            </summary>
            <pre class="mail">{withoutPrivateLinks(m.body)}</pre>
          </details>
        </section>
      ))
    )}
  </>
);
