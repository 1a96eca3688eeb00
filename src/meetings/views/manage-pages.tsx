/**
 * Town meetings with the mayor (市長と語ろう会), the staff's pages: the list of recorded meetings
 * with the form to record one, and one meeting's page with its draft or published status, the
 * proposals raised (handled as letters), the form to record a proposal and the form to correct
 * the meeting's record.
 */
import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../../core/errors.ts";
import { DATE_HINT, dateFieldValue, formatJapaneseDay } from "../../core/fiscal-year.ts";
import {
  CsrfField,
  DoneNotice,
  ErrorSummary,
  errorAria,
  FieldError,
} from "../../core/views/form.tsx";
import {
  CATEGORIES,
  categoryLabel,
  japaneseDate,
  KIND_LABELS,
  LIMITS,
  OUTCOME_LABELS,
  STEP_LABELS,
} from "../../letters/index.ts";
import type { OUTCOMES } from "../../letters/schema.ts";
import type { Meeting } from "../meetings.ts";
import { MEETING_LIMITS } from "../rules.ts";
import { type Listed, MeetingFacts } from "./public-pages.tsx";

type Errors = { form: string; message: string; details: ErrorDetail[] };
type Submitted = Record<string, string>;

/** Draft or published; a draft has the button that publishes it (with its version). */
const MeetingStatus: FC<{ code: string; meeting: Meeting; csrf: string }> = ({
  code,
  meeting: m,
  csrf,
}) =>
  m.status === "published" ? (
    <p>
      状態: {STATUS_LABELS.published}
      {m.publishedAt ? `（${japaneseDate(m.publishedAt)}公開）` : ""}・
      <a href={`/${code}/meetings/${m.id}`}>公開ページを見る</a>
    </p>
  ) : (
    <form method="post" action={`/${code}/manage/meetings/${m.id}/publish`} class="stack">
      <p>
        状態: <strong>{STATUS_LABELS.draft}</strong>
        。公開するまで、この会と出された提案は公開ページ・APIに出ません。
      </p>
      <CsrfField token={csrf} />
      <input type="hidden" name="version" value={String(m.version)} />
      <div class="actions">
        <button type="submit">この記録を公開する</button>
      </div>
    </form>
  );

const MeetingFields: FC<{
  m?: Meeting;
  s: (k: string, d: string) => string;
  d?: ErrorDetail[];
}> = ({ m, s, d }) => (
  <>
    <div>
      <label for="heldOn">開催日</label>
      <p class="hint" id="heldOn-hint">
        {DATE_HINT}
      </p>
      <input
        type="text"
        id="heldOn"
        name="heldOn"
        required
        autocomplete="off"
        value={s("heldOn", dateFieldValue(m?.heldOn))}
        {...errorAria("heldOn", d, "heldOn-hint")}
      />
      <FieldError field="heldOn" details={d} />
    </div>
    <div>
      <label for="place">会場</label>
      <input
        type="text"
        id="place"
        name="place"
        required
        maxlength={MEETING_LIMITS.place}
        value={s("place", m?.place ?? "")}
        {...errorAria("place", d)}
      />
      <FieldError field="place" details={d} />
    </div>
    <div>
      <label for="theme">テーマ</label>
      <input
        type="text"
        id="theme"
        name="theme"
        required
        maxlength={MEETING_LIMITS.theme}
        value={s("theme", m?.theme ?? "")}
        {...errorAria("theme", d)}
      />
      <FieldError field="theme" details={d} />
    </div>
    <div>
      <label for="participantGroup">参加団体</label>
      <p class="hint" id="participantGroup-hint">
        団体・地区の名前だけを入力します（参加者の氏名は入力しないでください）。
      </p>
      <input
        type="text"
        id="participantGroup"
        name="participantGroup"
        required
        maxlength={MEETING_LIMITS.participantGroup}
        value={s("participantGroup", m?.participantGroup ?? "")}
        {...errorAria("participantGroup", d, "participantGroup-hint")}
      />
      <FieldError field="participantGroup" details={d} />
    </div>
    <div>
      <label for="participantCount">参加者数（人）</label>
      <input
        type="text"
        inputmode="numeric"
        id="participantCount"
        name="participantCount"
        required
        value={s("participantCount", m ? String(m.participantCount) : "")}
        {...errorAria("participantCount", d)}
      />
      <FieldError field="participantCount" details={d} />
    </div>
    <div>
      <label for="summary">概要（公開されます）</label>
      <textarea
        id="summary"
        name="summary"
        rows={6}
        required
        maxlength={MEETING_LIMITS.summary}
        {...errorAria("summary", d)}
      >
        {s("summary", m?.summary ?? "")}
      </textarea>
      <FieldError field="summary" details={d} />
    </div>
  </>
);

const MEETING_FIELDS = [
  "heldOn",
  "place",
  "theme",
  "participantGroup",
  "participantCount",
  "summary",
];

const pick = (submitted?: Submitted) => (k: string, d: string) => submitted?.[k] ?? d;

export const ManageMeetingsPage: FC<{
  code: string;
  meetings: Listed[];
  csrf: string;
  errors?: Errors;
  submitted?: Submitted;
}> = ({ code, meetings, csrf, errors, submitted }) => (
  <>
    <h1>市長と語ろう会の記録</h1>
    {errors ? (
      <ErrorSummary message={errors.message} details={errors.details} fields={MEETING_FIELDS} />
    ) : null}
    <p>
      <a href={`/${code}/meetings`}>公開ページを見る</a>
    </p>
    {meetings.length === 0 ? (
      <p>まだ記録はありません。</p>
    ) : (
      <div class="table-wrap">
        <table>
          <caption>記録した会（新しい順、{meetings.length}件）</caption>
          <thead>
            <tr>
              <th scope="col">開催日</th>
              <th scope="col">テーマ</th>
              <th scope="col">参加団体</th>
              <th scope="col">状態</th>
              <th scope="col">提案（うち公開中）</th>
            </tr>
          </thead>
          <tbody>
            {meetings.map((m) => (
              <tr>
                <td>{formatJapaneseDay(m.heldOn)}</td>
                <th scope="row">
                  <a href={`/${code}/manage/meetings/${m.id}`}>{m.theme}</a>
                </th>
                <td>{m.participantGroup}</td>
                <td>{STATUS_LABELS[m.status]}</td>
                <td>
                  {m.proposals}件（{m.publishedProposals}件）
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
    <h2>会を記録する</h2>
    <form method="post" action={`/${code}/manage/meetings`} class="stack">
      <CsrfField token={csrf} />
      <MeetingFields s={pick(submitted)} d={errors?.details} />
      <div class="actions">
        <button type="submit">記録する</button>
      </div>
    </form>
  </>
);

const STATUS_LABELS: Record<Meeting["status"], string> = {
  draft: "下書き（職員のみ）",
  published: "公開中",
};

/** What was just done, saying whether the public sees it now (the meeting's status). */
const doneMessages = (m: Meeting): Record<string, string> => {
  const live = m.status === "published";
  return {
    recorded:
      "会を記録しました。下書きのため、公開ページには表示されません。内容を確かめて公開してください。",
    published: "会の記録を公開しました。公開ページに表示されています。",
    updated: live
      ? "会の記録を更新しました。公開中のため、公開ページにすぐ反映されています。"
      : "会の記録を更新しました。下書きのため、公開ページには表示されません。",
    proposal: `提案を記録しました。${
      live
        ? "会の記録が公開中のため、提案は公開ページにすぐ表示されています。"
        : "会の記録が下書きのため、公開ページにはまだ表示されません（会の記録の公開とともに表示されます）。"
    }検討の経過は受付番号のページで記録してください。`,
  };
};

export const ManageMeetingPage: FC<{
  code: string;
  meeting: Meeting;
  proposals: {
    receiptNumber: string;
    subject: string;
    category: string;
    status: keyof typeof STEP_LABELS;
    outcome: (typeof OUTCOMES)[number] | null;
    published: boolean;
  }[];
  csrf: string;
  done?: string;
  errors?: Errors;
  submitted?: Submitted;
}> = ({ code, meeting: m, proposals, csrf, done, errors, submitted }) => {
  const base = `/${code}/manage/meetings/${m.id}`;
  const md = errors?.form === "meeting" ? errors.details : undefined;
  const pd = errors?.form === "proposal" ? errors.details : undefined;
  const s = pick(submitted);
  return (
    <>
      <h1>市長と語ろう会「{m.theme}」</h1>
      <DoneNotice messages={doneMessages(m)} done={done} />
      {errors ? (
        <ErrorSummary
          message={errors.message}
          details={errors.details}
          fields={[...MEETING_FIELDS, "subject", "body", "category"]}
        />
      ) : null}
      <MeetingStatus code={code} meeting={m} csrf={csrf} />
      <h2>出された提案</h2>
      <p>
        提案は市長へのたよりと同じ流れ（担当課の決定・検討中・回答・提案の結果）で扱います。受付番号を開いて、分類・担当課・対応を記録してください。
      </p>
      {proposals.length === 0 ? (
        <p>まだ提案を記録していません。</p>
      ) : (
        <div class="table-wrap">
          <table>
            <caption>この会で出された提案（{proposals.length}件）</caption>
            <thead>
              <tr>
                <th scope="col">受付番号</th>
                <th scope="col">件名</th>
                <th scope="col">分野</th>
                <th scope="col">状況</th>
                <th scope="col">公開</th>
              </tr>
            </thead>
            <tbody>
              {proposals.map((p) => (
                <tr>
                  <th scope="row">
                    <a href={`/${code}/manage/letters/${p.receiptNumber}`}>{p.receiptNumber}</a>
                  </th>
                  <td>{p.subject}</td>
                  <td>{categoryLabel(p.category)}</td>
                  <td>
                    {STEP_LABELS[p.status]}
                    {p.outcome ? `（${OUTCOME_LABELS[p.outcome]}）` : ""}
                  </td>
                  <td>
                    {!p.published
                      ? "非公開"
                      : m.status === "published"
                        ? "公開中"
                        : "会の記録の公開とともに公開"}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>提案を記録する</h2>
      <p>
        件名と内容はそのまま公開されます。発言者の氏名など、個人が分かることは書かないでください。種類は「
        {KIND_LABELS.proposal}」になります。
      </p>
      <form method="post" action={`${base}/proposals`} class="stack">
        <CsrfField token={csrf} />
        <div>
          <label for="subject">提案の件名</label>
          <input
            type="text"
            id="subject"
            name="subject"
            required
            maxlength={LIMITS.subject}
            value={pd ? s("subject", "") : ""}
            {...errorAria("subject", pd)}
          />
          <FieldError field="subject" details={pd} />
        </div>
        <div>
          <label for="body">提案の内容</label>
          <textarea
            id="body"
            name="body"
            rows={5}
            required
            maxlength={LIMITS.body}
            {...errorAria("body", pd)}
          >
            {pd ? s("body", "") : ""}
          </textarea>
          <FieldError field="body" details={pd} />
        </div>
        <div>
          <label for="category">分野</label>
          <select id="category" name="category" {...errorAria("category", pd)}>
            {Object.entries(CATEGORIES).map(([k, label]) => (
              <option value={k} selected={pd ? s("category", "") === k : false}>
                {label}
              </option>
            ))}
          </select>
          <FieldError field="category" details={pd} />
        </div>
        <div class="actions">
          <button type="submit">提案を記録する</button>
        </div>
      </form>
      <h2>会の記録を直す</h2>
      <MeetingFacts meeting={m} />
      <form method="post" action={base} class="stack">
        <CsrfField token={csrf} />
        <input type="hidden" name="version" value={String(m.version)} />
        <MeetingFields m={m} s={md ? s : (_k, d) => d} d={md} />
        <div class="actions">
          <button type="submit">会の記録を保存する</button>
        </div>
      </form>
    </>
  );
};
