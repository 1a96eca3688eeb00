/** The admin's page of the letters' reception: open or close the form, who receives letters. */
import type { FC } from "hono/jsx";
import { ROLE_LABELS } from "../../accounts/index.ts";
import type { ErrorDetail } from "../../core/errors.ts";
import { CsrfField, DoneNotice, ErrorSummary } from "../../core/views/form.tsx";
import type { StaffMember } from "../reception.ts";
import { mayReceive, RECEPTION_REASONS, type ReceptionState } from "../reception-rules.ts";

const DONE: Record<string, string> = {
  opened: "受付を開始しました。",
  closed: "受付を停止しました。",
  assigned: "受け取る職員に指定しました。",
  unassigned: "受け取る職員の指定を外しました。",
};

export const ReceptionPage: FC<{
  code: string;
  csrf: string;
  formOpen: boolean;
  state: ReceptionState;
  members: StaffMember[];
  done?: string;
  errors?: { message: string; details: ErrorDetail[] };
}> = ({ code, csrf, formOpen, state, members, done, errors }) => {
  const base = `/${code}/manage/letters/reception`;
  const receivers = members.filter((m) => m.receiver && mayReceive(m));
  const others = members.filter((m) => !(m.receiver && mayReceive(m)));
  const name = (m: StaffMember) => m.displayName || m.email;
  return (
    <>
      <h1>市長へのたよりの受付</h1>
      <DoneNotice messages={DONE} done={done} />
      {errors ? <ErrorSummary message={errors.message} details={errors.details} /> : null}
      <section aria-labelledby="reception-state">
        <h2 id="reception-state">公開フォームの状態</h2>
        {state.open ? (
          <p class="notice">
            受付中です。<a href={`/${code}/letters/new`}>公開フォーム</a>
            からたよりを受け付け、届いたたよりは下の受け取る職員にメールで知らせます。
          </p>
        ) : (
          <p class="notice">受付停止中です。{RECEPTION_REASONS[state.reason]}</p>
        )}
        <form method="post" action={`${base}/form`}>
          <CsrfField token={csrf} />
          <input type="hidden" name="open" value={formOpen ? "no" : "yes"} />
          <button type="submit">{formOpen ? "受付を停止する" : "受付を開始する"}</button>
        </form>
      </section>
      <section aria-labelledby="receivers">
        <h2 id="receivers">たよりを受け取る職員</h2>
        <p>
          受け取る職員には新しいたよりが届くたびにメールで知らせ、すべてのたよりの閲覧と分類・担当課の指定ができます。閲覧者（viewer）は指定できません。
        </p>
        {receivers.length === 0 ? (
          <p>受け取る職員は、まだ指定されていません。</p>
        ) : (
          <MemberTable base={base} csrf={csrf} rows={receivers} name={name} caption="指定済み" />
        )}
        <h3>職員の一覧</h3>
        {others.length === 0 ? (
          <p>ほかに指定できる職員はいません。</p>
        ) : (
          <MemberTable base={base} csrf={csrf} rows={others} name={name} caption="未指定" />
        )}
      </section>
    </>
  );
};

const MemberTable: FC<{
  base: string;
  csrf: string;
  rows: StaffMember[];
  name: (m: StaffMember) => string;
  caption: string;
}> = ({ base, csrf, rows, name, caption }) => (
  <table>
    <caption>{caption}</caption>
    <thead>
      <tr>
        <th scope="col">氏名</th>
        <th scope="col">所属課</th>
        <th scope="col">役割</th>
        <th scope="col">操作</th>
      </tr>
    </thead>
    <tbody>
      {rows.map((m) => (
        <tr>
          <th scope="row">{name(m)}</th>
          <td>{m.sections.length ? m.sections.join("、") : "（なし）"}</td>
          <td>{ROLE_LABELS[m.role]}</td>
          <td>
            {m.receiver || mayReceive(m) ? (
              <form method="post" action={`${base}/receivers`}>
                <CsrfField token={csrf} />
                <input type="hidden" name="userId" value={String(m.userId)} />
                <input type="hidden" name="receiver" value={m.receiver ? "no" : "yes"} />
                <button
                  type="submit"
                  aria-label={`${name(m)}${m.receiver ? "の指定を外す" : "を指定する"}`}
                >
                  {m.receiver ? "指定を外す" : "指定する"}
                </button>
              </form>
            ) : (
              "指定できません（閲覧者）"
            )}
          </td>
        </tr>
      ))}
    </tbody>
  </table>
);
