/**
 * Town meetings with the mayor (市長と語ろう会), the public pages: the list of published meetings
 * and one meeting's record with the proposals raised and their timelines (no participant's
 * personal data). The meeting's facts are shown on the staff's page too.
 */
import type { FC } from "hono/jsx";
import { fiscalYearLabel, formatJapaneseDay } from "../../core/fiscal-year.ts";
import type { PublicLetter } from "../../letters/index.ts";
import {
  categoryLabel,
  OUTCOME_LABELS,
  PlainText,
  STEP_LABELS,
  Timeline,
} from "../../letters/index.ts";
import type { Meeting } from "../meetings.ts";

export type Listed = Meeting & { proposals: number; publishedProposals: number };

/** 2026-05-31 → 2026年5月31日. */
/** 2026-05-31 → 「令和8年5月31日」. */
export const dayLabel = (day: string) => formatJapaneseDay(day);

export const PublicMeetingsPage: FC<{ code: string; meetings: Listed[] }> = ({
  code,
  meetings,
}) => (
  <>
    <h1>市長と語ろう会</h1>
    <p class="lead">
      市長が地域や団体の皆さんと語り合う会の記録です。会で出された提案は、市長へのたよりと同じように、検討の経過と結果を公開しています（参加者の個人情報は掲載しません）。
    </p>
    <p>
      <a href={`/${code}/letters`}>市長へのたより（公開中）</a>
    </p>
    {meetings.length === 0 ? (
      <p>まだ記録はありません。</p>
    ) : (
      <div class="table-wrap">
        <table>
          <caption>市長と語ろう会の記録（新しい順、{meetings.length}件）</caption>
          <thead>
            <tr>
              <th scope="col">開催日</th>
              <th scope="col">テーマ</th>
              <th scope="col">参加団体</th>
              <th scope="col">参加者数</th>
              <th scope="col">提案</th>
            </tr>
          </thead>
          <tbody>
            {meetings.map((m) => (
              <tr>
                <td>
                  <time datetime={m.heldOn}>{dayLabel(m.heldOn)}</time>
                </td>
                <th scope="row">
                  <a href={`/${code}/meetings/${m.id}`}>{m.theme}</a>
                </th>
                <td>{m.participantGroup}</td>
                <td>{m.participantCount}人</td>
                <td>{m.publishedProposals}件</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
  </>
);

/** When, where and with whom the meeting was held. */
export const MeetingFacts: FC<{ meeting: Meeting }> = ({ meeting: m }) => (
  <dl>
    <dt>開催日</dt>
    <dd>
      <time datetime={m.heldOn}>{dayLabel(m.heldOn)}</time>（{fiscalYearLabel(m.fiscalYear)}）
    </dd>
    <dt>会場</dt>
    <dd>{m.place}</dd>
    <dt>参加団体</dt>
    <dd>{m.participantGroup}</dd>
    <dt>参加者数</dt>
    <dd>{m.participantCount}人</dd>
  </dl>
);

export const PublicMeetingPage: FC<{
  code: string;
  meeting: Meeting;
  proposals: PublicLetter[];
}> = ({ code, meeting: m, proposals }) => (
  <>
    <h1>市長と語ろう会「{m.theme}」</h1>
    <MeetingFacts meeting={m} />
    <h2>会の概要</h2>
    <PlainText text={m.summary} />
    <h2>出された提案と対応（{proposals.length}件）</h2>
    {proposals.length === 0 ? <p>公開中の提案はありません。</p> : null}
    {proposals.map((p) => (
      <article class="letter">
        <h3>
          <a href={`/${code}/letters/${p.receiptNumber}`}>{p.subject}</a>
        </h3>
        <p class="muted">
          受付番号 {p.receiptNumber}・{categoryLabel(p.category)}・{STEP_LABELS[p.status]}
          {p.outcome ? `（${OUTCOME_LABELS[p.outcome]}）` : ""}
        </p>
        <PlainText text={p.body} />
        <Timeline code={code} steps={p.steps} />
      </article>
    ))}
  </>
);
