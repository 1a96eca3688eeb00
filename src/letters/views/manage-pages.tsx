/** Staff pages of letters: the list with due dates, and one letter's triage, steps and publication. */
import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../../core/errors.ts";
import {
  CsrfField,
  DoneNotice,
  ErrorSummary,
  errorAria,
  FieldError,
} from "../../core/views/form.tsx";
import type { StaffFilter, StaffLetterView, StaffListRow } from "../queries.ts";
import { isContactErased } from "../retention-rules.ts";
import {
  allowedSteps,
  CATEGORIES,
  KIND_LABELS,
  LIMITS,
  MAX_COMMENT,
  OUTCOME_LABELS,
  overdue,
  STEP_LABELS,
} from "../rules.ts";
import { LETTER_KINDS, OUTCOMES, STEP_KINDS } from "../schema.ts";
import { categoryLabel, japaneseDate, PlainText, Timeline } from "./parts.tsx";

type Section = { code: string; name: string };

export const ManageListPage: FC<{
  code: string;
  rows: StaffListRow[];
  sections: Section[];
  filter: StaffFilter;
  today: string;
  onlyOwn: boolean;
}> = ({ code, rows, sections, filter, today, onlyOwn }) => (
  <>
    <h1>市長へのたより</h1>
    <p class="lead">
      {onlyOwn
        ? "担当課に割り当てられたたよりです。"
        : "届いたたよりの一覧です。分類し、担当課と回答期限を決めてください。"}
    </p>
    <p>
      <a href={`/${code}/manage/meetings`}>市長と語ろう会の記録</a>・
      <a href={`/${code}/manage/proposals`}>職員提案</a>
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

export type LetterForm = "triage" | "step" | "public";

export interface ManageLetterProps {
  code: string;
  view: StaffLetterView;
  sections: Section[];
  csrf: string;
  mayTriage: boolean;
  mayStep: boolean;
  done?: string;
  errors?: { form: LetterForm; message: string; details: ErrorDetail[] };
  submitted?: Record<string, string | string[]>;
}

const DONE: Record<string, string> = {
  triaged: "分類と担当課を保存しました。",
  step: "対応の記録を追加しました。連絡を希望した投稿者にはお知らせのメールを用意しました。",
  "step-unmailed":
    "対応の記録を追加しました。投稿者の連絡先は削除済みのため、お知らせのメールは送りません。",
  saved: "公開用の文章を保存しました（まだ公開していません）。",
  published: "公開しました。",
  unpublished: "公開をやめました。",
};

export const ManageLetterPage: FC<ManageLetterProps> = ({
  code,
  view,
  sections,
  csrf,
  mayTriage,
  mayStep,
  done,
  errors,
  submitted,
}) => {
  const l = view.letter;
  const base = `/${code}/manage/letters/${l.receiptNumber}`;
  const errorsOf = (form: LetterForm) => (errors?.form === form ? errors.details : undefined);
  const s = (name: string, fallback: string) => {
    const v = submitted?.[name];
    return typeof v === "string" ? v : fallback;
  };
  const pickedNodes = Array.isArray(submitted?.nodes)
    ? submitted.nodes
    : typeof submitted?.nodes === "string"
      ? [submitted.nodes]
      : view.nodes.map((n) => n.code);
  const next = allowedSteps(l.status, l.kind);
  const td = errorsOf("triage");
  const sd = errorsOf("step");
  const pd = errorsOf("public");
  const erased = isContactErased(l);
  return (
    <>
      <h1>
        市長へのたより {l.receiptNumber}「{l.subject}」
      </h1>
      <DoneNotice messages={DONE} done={done} />
      {errors ? (
        <ErrorSummary
          message={errors.message}
          details={errors.details}
          fields={[
            "kind",
            "category",
            "section",
            "dueDate",
            "nodes",
            "stepKind",
            "outcome",
            "reason",
            "reflectedNode",
            "reflectedFromFiscalYear",
            "publicComment",
            "publicSubject",
            "publicBody",
          ]}
        />
      ) : null}
      <h2>届いた内容（職員のみ）</h2>
      <dl>
        <dt>受付日</dt>
        <dd>{japaneseDate(l.receivedAt)}</dd>
        <dt>種類・分野</dt>
        <dd>
          {KIND_LABELS[l.kind]}・{categoryLabel(l.category)}
        </dd>
        {l.source === "meeting" ? (
          <>
            <dt>出された場</dt>
            <dd>
              <a href={`/${code}/manage/meetings/${l.meetingId}`}>市長と語ろう会の記録</a>
              （参加者の個人情報は記録しません）
            </dd>
          </>
        ) : (
          <>
            {erased ? (
              <>
                <dt>お名前・ご連絡先</dt>
                <dd>
                  {view.contactErasedAt
                    ? `連絡先は削除済み（${japaneseDate(view.contactErasedAt)}）`
                    : "連絡先は削除済み"}
                </dd>
              </>
            ) : (
              <>
                <dt>お名前</dt>
                <dd>{l.writerName}</dd>
                <dt>ご住所</dt>
                <dd>{l.writerAddress ?? "—"}</dd>
                <dt>電話番号</dt>
                <dd>{l.writerPhone ?? "—"}</dd>
                <dt>メールアドレス</dt>
                <dd>{l.writerEmail ?? "—"}</dd>
              </>
            )}
            <dt>内容の公表</dt>
            <dd>{l.consentPublish ? "同意あり" : "同意なし（公開できません）"}</dd>
            <dt>市からの連絡</dt>
            <dd>{l.consentContact ? "希望する" : "希望しない"}</dd>
          </>
        )}
        <dt>添付ファイル</dt>
        <dd>
          {view.files.length ? (
            <ul>
              {view.files.map((f) => (
                <li>
                  <a href={`${base}/attachments/${f.id}`}>{f.name}</a>（{f.contentType}、
                  {Math.ceil(f.size / 1024)}KB）
                </li>
              ))}
            </ul>
          ) : (
            "なし"
          )}
        </dd>
      </dl>
      <PlainText text={l.body} />

      <h2>対応の経過</h2>
      <Timeline code={code} steps={view.steps} linkNodes={false} />

      {mayTriage ? (
        <>
          <h2>分類と担当課</h2>
          <form method="post" action={`${base}/triage`} class="stack">
            <CsrfField token={csrf} />
            <input type="hidden" name="version" value={String(l.version)} />
            <div>
              <label for="kind">種類</label>
              <select id="kind" name="kind" {...errorAria("kind", td)}>
                {LETTER_KINDS.map((k) => (
                  <option value={k} selected={s("kind", l.kind) === k}>
                    {KIND_LABELS[k]}
                  </option>
                ))}
              </select>
              <FieldError field="kind" details={td} />
            </div>
            <div>
              <label for="category">分野</label>
              <select id="category" name="category" {...errorAria("category", td)}>
                {Object.entries(CATEGORIES).map(([k, label]) => (
                  <option value={k} selected={s("category", l.category) === k}>
                    {label}
                  </option>
                ))}
              </select>
              <FieldError field="category" details={td} />
            </div>
            <div>
              <label for="section">担当課</label>
              <select id="section" name="section" {...errorAria("section", td)}>
                <option value="">未定</option>
                {sections.map((x) => (
                  <option value={x.code} selected={s("section", l.sectionCode ?? "") === x.code}>
                    {x.name}
                  </option>
                ))}
              </select>
              <FieldError field="section" details={td} />
            </div>
            <div>
              <label for="dueDate">回答期限（任意）</label>
              <input
                type="date"
                id="dueDate"
                name="dueDate"
                value={s("dueDate", l.dueDate ?? "")}
                {...errorAria("dueDate", td)}
              />
              <FieldError field="dueDate" details={td} />
            </div>
            <div>
              <label for="nodes">関連する施策・取組（任意・複数可）</label>
              <p class="hint" id="nodes-hint">
                Ctrl（Macは⌘）を押しながら選ぶと複数選べます。
              </p>
              <select
                id="nodes"
                name="nodes"
                multiple
                size={8}
                {...errorAria("nodes", td, "nodes-hint")}
              >
                {view.choices.map((n) => (
                  <option value={n.code} selected={pickedNodes.includes(n.code)}>
                    {n.code} {n.title}
                  </option>
                ))}
              </select>
              <FieldError field="nodes" details={td} />
            </div>
            <div class="actions">
              <button type="submit">分類と担当課を保存する</button>
            </div>
          </form>
        </>
      ) : null}

      {mayStep && next.length ? (
        <>
          <h2>対応を記録する</h2>
          <p>
            記録した内容（コメント・結果・理由）は、投稿者の状況確認ページと、公開中のたよりに表示されます。
            {erased ? "投稿者の連絡先は削除済みのため、お知らせのメールは送りません。" : null}
          </p>
          <form method="post" action={`${base}/steps`} class="stack">
            <CsrfField token={csrf} />
            <input type="hidden" name="version" value={String(l.version)} />
            <div>
              <label for="stepKind">段階</label>
              <select id="stepKind" name="stepKind" {...errorAria("stepKind", sd)}>
                {next.map((k) => (
                  <option value={k} selected={s("stepKind", "") === k}>
                    {STEP_LABELS[k]}
                  </option>
                ))}
              </select>
              <FieldError field="stepKind" details={sd} />
            </div>
            {l.kind === "proposal" ? (
              <fieldset class="stack">
                <legend>提案の結果（段階が「提案の結果」のとき）</legend>
                <div>
                  <label for="outcome">結果</label>
                  <select id="outcome" name="outcome" {...errorAria("outcome", sd)}>
                    <option value="">—</option>
                    {OUTCOMES.map((o) => (
                      <option value={o} selected={s("outcome", "") === o}>
                        {OUTCOME_LABELS[o]}
                      </option>
                    ))}
                  </select>
                  <FieldError field="outcome" details={sd} />
                </div>
                <div>
                  <label for="reflectedNode">反映先の取組・事務事業（採用・一部採用のとき）</label>
                  <select
                    id="reflectedNode"
                    name="reflectedNode"
                    {...errorAria("reflectedNode", sd)}
                  >
                    <option value="">—</option>
                    {view.choices
                      .filter((n) => n.kind === "initiative" || n.kind === "program")
                      .map((n) => (
                        <option value={n.code} selected={s("reflectedNode", "") === n.code}>
                          {n.code} {n.title}
                        </option>
                      ))}
                  </select>
                  <FieldError field="reflectedNode" details={sd} />
                </div>
                <div>
                  <label for="reflectedFromFiscalYear">反映する年度（西暦、任意）</label>
                  <input
                    type="text"
                    inputmode="numeric"
                    id="reflectedFromFiscalYear"
                    name="reflectedFromFiscalYear"
                    value={s("reflectedFromFiscalYear", "")}
                    {...errorAria("reflectedFromFiscalYear", sd)}
                  />
                  <FieldError field="reflectedFromFiscalYear" details={sd} />
                </div>
                <div>
                  <label for="reason">理由（不採用・一部採用のときは必須、公開されます）</label>
                  <textarea
                    id="reason"
                    name="reason"
                    rows={3}
                    maxlength={MAX_COMMENT}
                    {...errorAria("reason", sd)}
                  >
                    {s("reason", "")}
                  </textarea>
                  <FieldError field="reason" details={sd} />
                </div>
              </fieldset>
            ) : null}
            <div>
              <label for="publicComment">公開するコメント（回答のときは必須）</label>
              <textarea
                id="publicComment"
                name="publicComment"
                rows={5}
                maxlength={MAX_COMMENT}
                {...errorAria("publicComment", sd)}
              >
                {s("publicComment", "")}
              </textarea>
              <FieldError field="publicComment" details={sd} />
            </div>
            <div class="actions">
              <button type="submit">記録する</button>
            </div>
          </form>
        </>
      ) : null}

      {mayTriage ? (
        <>
          <h2>公開用の文章</h2>
          <p>
            {l.published ? "このたよりは公開中です。" : "このたよりは公開していません。"}
            {l.consentPublish
              ? "お名前・ご住所・電話番号・メールアドレスなど個人が分かる部分を伏せてから公開してください。"
              : "投稿者が公表に同意していないため、公開できません。"}
          </p>
          <form method="post" action={`${base}/public`} class="stack">
            <CsrfField token={csrf} />
            <input type="hidden" name="version" value={String(l.version)} />
            <FieldError field="publish" details={pd} />
            <div>
              <label for="publicSubject">公開用の件名</label>
              <input
                type="text"
                id="publicSubject"
                name="publicSubject"
                maxlength={LIMITS.subject}
                value={s("publicSubject", l.publicSubject ?? l.subject)}
                {...errorAria("publicSubject", pd)}
              />
              <FieldError field="publicSubject" details={pd} />
            </div>
            <div>
              <label for="publicBody">公開用の本文</label>
              <textarea
                id="publicBody"
                name="publicBody"
                rows={10}
                maxlength={LIMITS.body}
                {...errorAria("publicBody", pd)}
              >
                {s("publicBody", l.publicBody ?? l.body)}
              </textarea>
              <FieldError field="publicBody" details={pd} />
            </div>
            <div class="actions">
              <button type="submit" name="action" value="save">
                保存する
              </button>
              {l.consentPublish ? (
                <button type="submit" name="action" value="publish">
                  保存して公開する
                </button>
              ) : null}
              {l.published ? (
                <button type="submit" name="action" value="unpublish">
                  公開をやめる
                </button>
              ) : null}
            </div>
          </form>
        </>
      ) : null}
    </>
  );
};
