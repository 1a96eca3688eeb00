/**
 * The staff's list of letters: the filters (status, kind, section, publication) and the table of
 * letters, newest first, with their due dates and whether they are overdue, and links to the
 * town-meeting records and staff proposals.
 */
import type { FC } from "hono/jsx";
import type { StaffFilter, StaffListRow } from "../queries.ts";
import { KIND_LABELS, OUTCOME_LABELS, overdue, STEP_LABELS } from "../rules.ts";
import { LETTER_KINDS, STEP_KINDS } from "../schema.ts";
import { categoryLabel } from "./parts.tsx";

type Section = { code: string; name: string };

export const ManageListPage: FC<{
  code: string;
  rows: StaffListRow[];
  sections: Section[];
  filter: StaffFilter;
  today: string;
  onlyOwn: boolean;
  /** Planners open the town meetings' pages (a receiver who is an editor sees every letter only). */
  meetings: boolean;
  /** An admin sets the reception (the public form, who receives letters). */
  mayConfigure: boolean;
}> = ({ code, rows, sections, filter, today, onlyOwn, meetings, mayConfigure }) => (
  <>
    <h1>市長へのたより</h1>
    <p class="lead">
      {onlyOwn
        ? "担当課に割り当てられたたよりです。"
        : "届いたたよりの一覧です。分類し、担当課と回答期限を決めてください。"}
    </p>
    <p>
      {meetings ? (
        <>
          <a href={`/${code}/manage/meetings`}>市長と語ろう会の記録</a>・
        </>
      ) : null}
      <a href={`/${code}/manage/proposals`}>職員提案</a>
      {mayConfigure ? (
        <>
          ・
          <a href={`/${code}/manage/letters/reception`}>受付の設定（公開フォーム・受け取る職員）</a>
        </>
      ) : null}
    </p>
    <form method="get" action={`/${code}/manage/letters`} class="filters">
      <div>
        <label for="status">状況</label>
        <select id="status" name="status">
          <option value="">すべて</option>
          {STEP_KINDS.map((s) => (
            <option value={s} selected={filter.status === s}>
              {STEP_LABELS[s]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="kind">種類</label>
        <select id="kind" name="kind">
          <option value="">すべて</option>
          {LETTER_KINDS.map((k) => (
            <option value={k} selected={filter.kind === k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="section">担当課</label>
        <select id="section" name="section">
          <option value="">すべて</option>
          {sections.map((s) => (
            <option value={s.code} selected={filter.section === s.code}>
              {s.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for="published">公開</label>
        <select id="published" name="published">
          <option value="">すべて</option>
          <option value="yes" selected={filter.published === "yes"}>
            公開中
          </option>
          <option value="no" selected={filter.published === "no"}>
            非公開
          </option>
        </select>
      </div>
      <div class="actions">
        <button type="submit">絞り込む</button>
      </div>
    </form>
    {rows.length === 0 ? (
      <p>該当するたよりはありません。</p>
    ) : (
      <div class="table-wrap">
        <table>
          <caption>たよりの一覧（新しい順、{rows.length}件）</caption>
          <thead>
            <tr>
              <th scope="col">受付番号</th>
              <th scope="col">件名</th>
              <th scope="col">種類・分野</th>
              <th scope="col">担当課</th>
              <th scope="col">回答期限</th>
              <th scope="col">状況</th>
              <th scope="col">公開</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr>
                <th scope="row">
                  <a href={`/${code}/manage/letters/${r.receiptNumber}`}>{r.receiptNumber}</a>
                </th>
                <td>{r.subject}</td>
                <td>
                  {r.source === "meeting" ? "市長と語ろう会の提案・" : ""}
                  {KIND_LABELS[r.kind]}・{categoryLabel(r.category)}
                </td>
                <td>{r.sectionName ?? "未定"}</td>
                <td>
                  {r.dueDate ?? "—"}
                  {overdue(r, today) ? <strong class="late">（期限超過）</strong> : null}
                </td>
                <td>
                  {STEP_LABELS[r.status]}
                  {r.outcome ? `（${OUTCOME_LABELS[r.outcome]}）` : ""}
                </td>
                <td>{r.published ? "公開中" : r.consentPublish ? "非公開" : "公表不可"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
  </>
);
