/** Staff: one round's overview — completion by section and measure, overdue, close, reopen. */
import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../../core/errors.ts";
import { fiscalYearLabel } from "../../core/fiscal-year.ts";
import { personName } from "../../core/people.ts";
import {
  CsrfField,
  DoneNotice,
  ErrorSummary,
  errorAria,
  FieldError,
} from "../../core/views/form.tsx";
import type { Completion, RoundOverview } from "../overview.ts";
import type { StoredRound } from "../queries.ts";
import { formatJapaneseDate, type RoundIndicator } from "../rules.ts";

const percent = (c: Completion) => (c.ratio === null ? "—" : `${Math.round(c.ratio * 100)}%`);

const CompletionRows: FC<{ rows: { label: string; c: Completion }[] }> = ({ rows }) => (
  <>
    {rows.map(({ label, c }) => (
      <tr>
        <th scope="row">{label}</th>
        <td class="num">{c.done}</td>
        <td class="num">{c.total}</td>
        <td class="num">{percent(c)}</td>
      </tr>
    ))}
  </>
);

const CompletionTable: FC<{
  caption: string;
  head: string;
  rows: { label: string; c: Completion }[];
}> = ({ caption, head, rows }) => (
  <div class="table-wrap">
    <table>
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{head}</th>
          <th scope="col" class="num">
            入力済み
          </th>
          <th scope="col" class="num">
            指標数
          </th>
          <th scope="col" class="num">
            入力率
          </th>
        </tr>
      </thead>
      <tbody>
        <CompletionRows rows={rows} />
      </tbody>
    </table>
  </div>
);

export interface RoundPageProps {
  code: string;
  round: StoredRound;
  overview: RoundOverview;
  sectionNames: Map<string, string>;
  measureNames: Map<number, string>;
  /** The plans' names of the policy's and the measure's levels (政策・基本施策, 分野・施策 …). */
  levels: { policy: string; measure: string };
  /** The round's indicators that can be reopened (locked now). */
  locked: RoundIndicator[];
  mayManage: boolean;
  csrf: string;
  done?: string;
  errors?: { message: string; details: ErrorDetail[] };
}

const DONE: Record<string, string> = {
  opened: "報告を開始しました。各課の「実績値の入力」に表示されます。",
  "reminded-none":
    "今日送るお知らせはありませんでした（期限の7日前と当日に、未入力の指標の担当者へ用意します）。何も用意していません。",
  closed: "報告を締め切りました。この年度の実績値は変更できません。",
  reopened: "指標を再開しました。値を訂正した後、公開してください。",
};

/** 「reminded-3」: the reminders really prepared, with their count. */
const remindedMessage = (done?: string): Record<string, string> => {
  const n = /^reminded-(\d+)$/.exec(done ?? "")?.[1];
  return n && done
    ? {
        [done]: `お知らせのメールを${n}件用意しました。宛先と本文は送信予定の一覧で確認できます。`,
      }
    : {};
};

export const RoundPage: FC<RoundPageProps> = (p) => {
  const { overview: o, round } = p;
  return (
    <>
      <h1>{fiscalYearLabel(round.fiscalYear)}の実績値の報告</h1>
      <DoneNotice messages={{ ...DONE, ...remindedMessage(p.done) }} done={p.done} />
      {p.errors ? (
        <ErrorSummary
          message={p.errors.message}
          details={p.errors.details}
          fields={["indicator", "reason"]}
        />
      ) : null}
      <dl class="meta">
        <dt>入力期限</dt>
        <dd>{formatJapaneseDate(round.deadline)}</dd>
        <dt>状態</dt>
        <dd>{round.closedAt ? `締切済み（${personName(round.closedBy)}）` : "受付中"}</dd>
        <dt>入力済み</dt>
        <dd>
          {o.total.done} / {o.total.total} 件（{percent(o.total)}）
        </dd>
      </dl>
      <p>
        <a href={`/${p.code}/manage/rounds/${round.fiscalYear}/status.csv`}>
          指標ごとの入力状況（CSV）
        </a>
        {/* The outbox is for those who run the rounds. */}
        {p.mayManage ? (
          <>
            {" ・ "}
            <a href={`/${p.code}/manage/outbox`}>お知らせメールの送信予定</a>
          </>
        ) : null}
      </p>

      <h2>期限を過ぎて未入力の指標</h2>
      {o.overdue.length === 0 ? (
        <p>ありません。</p>
      ) : (
        <ul>
          {o.overdue.map((i) => (
            <li>
              {i.code} {i.name}（
              {i.sectionCodes.map((s) => p.sectionNames.get(s) ?? s).join("、") || "担当未設定"}）
            </li>
          ))}
        </ul>
      )}

      <h2>担当課ごとの入力状況</h2>
      <CompletionTable
        caption="担当課ごと（複数課の指標は各課に数えます）"
        head="担当課"
        rows={o.bySection.map((s) => ({
          label:
            s.sectionCode === null
              ? "担当未設定"
              : (p.sectionNames.get(s.sectionCode) ?? s.sectionCode),
          c: s,
        }))}
      />
      <h2>{p.levels.measure}ごとの入力状況</h2>
      <CompletionTable
        caption={`${p.levels.measure}ごと`}
        head={p.levels.measure}
        rows={o.byMeasure.map((m) => ({
          label:
            m.measureId === null
              ? `${p.levels.policy}の指標`
              : (p.measureNames.get(m.measureId) ?? String(m.measureId)),
          c: m,
        }))}
      />

      {p.mayManage && !round.closedAt ? (
        <>
          <h2>お知らせと締切</h2>
          <form method="post" action={`/${p.code}/manage/rounds/${round.fiscalYear}/reminders`}>
            <CsrfField token={p.csrf} />
            <p class="hint" id="reminders-hint">
              期限の7日前から前日までと期限当日に、未入力の指標がある入力担当者へのお知らせを用意します（同じお知らせは二度用意しません）。
            </p>
            <button type="submit" class="secondary" aria-describedby="reminders-hint">
              今日のお知らせを用意する
            </button>
          </form>
          {/* Closing asks first, on its own page (close-page.tsx). */}
          <form method="get" action={`/${p.code}/manage/rounds/${round.fiscalYear}/close`}>
            <p class="hint" id="close-hint">
              締め切ると、この年度の実績値は変更できなくなります。次の画面で入力状況を確かめてから締め切ります。
            </p>
            <button type="submit" aria-describedby="close-hint">
              報告を締め切る
            </button>
          </form>
        </>
      ) : null}
      {p.mayManage && round.closedAt ? (
        <>
          <h2>指標を再開する</h2>
          <form
            method="post"
            action={`/${p.code}/manage/rounds/${round.fiscalYear}/reopen`}
            class="stack"
          >
            <CsrfField token={p.csrf} />
            <div>
              <label for="indicator">指標</label>
              <select
                id="indicator"
                name="indicator"
                {...errorAria("indicator", p.errors?.details)}
              >
                {p.locked.map((i) => (
                  <option value={i.code}>
                    {i.code} {i.name}
                  </option>
                ))}
              </select>
              <FieldError field="indicator" details={p.errors?.details} />
            </div>
            <div>
              <label for="reason">再開する理由</label>
              <textarea
                id="reason"
                name="reason"
                required
                {...errorAria("reason", p.errors?.details)}
              />
              <FieldError field="reason" details={p.errors?.details} />
            </div>
            <div class="actions">
              <button type="submit">再開する</button>
            </div>
          </form>
        </>
      ) : null}
    </>
  );
};
