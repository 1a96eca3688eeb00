/** Admin: the municipality's staff with their roles, and the form that changes a role. */
import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../../core/errors.ts";
import { CsrfField, DoneNotice, ErrorSummary } from "../../core/views/form.tsx";
import { ROLE_LABELS } from "../rules.ts";
import { ROLES, type Role } from "../schema.ts";

export interface MemberRow {
  email: string;
  displayName: string;
  role: Role;
  disabledAt: Date | null;
  sections: string[];
}

const DONE = {
  role: "役割を変更しました。監査ログに記録し、公開ページ（市長へのたよりのフォームの案内など）を更新しました。",
  unchanged: "役割は変わっていません。",
};

export const StaffPage: FC<{
  code: string;
  csrf: string;
  members: MemberRow[];
  done?: string;
  errors?: { message: string; details: ErrorDetail[] };
}> = ({ code, csrf, members, done, errors }) => (
  <>
    <h1>職員と役割</h1>
    <p class="lead">
      この団体の職員と、それぞれの役割です。役割を変えると、次の操作からその役割で扱われます。管理者が一人だけのときは、その人の役割は変えられません。
    </p>
    <DoneNotice messages={DONE} done={done} />
    {errors ? (
      <ErrorSummary message={errors.message} details={errors.details} fields={["role"]} />
    ) : null}
    {members.length ? (
      <div class="table-wrap">
        <table>
          <caption>職員（{members.length}人）</caption>
          <thead>
            <tr>
              <th scope="col">職員</th>
              <th scope="col">担当課</th>
              <th scope="col">役割</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr>
                <th scope="row">{m.displayName ? `${m.displayName}（${m.email}）` : m.email}</th>
                <td>{m.sections.join("、") || "—"}</td>
                <td>
                  {m.disabledAt ? (
                    `${ROLE_LABELS[m.role]}（無効）`
                  ) : (
                    <form method="post" action={`/${code}/manage/staff/role`} class="inline">
                      <CsrfField token={csrf} />
                      <input type="hidden" name="email" value={m.email} />
                      <input type="hidden" name="basis" value={m.role} />
                      <label>
                        <span class="visually-hidden">{m.email} の役割</span>
                        <select name="role">
                          {ROLES.map((r) => (
                            <option value={r} selected={r === m.role}>
                              {ROLE_LABELS[r]}
                            </option>
                          ))}
                        </select>
                      </label>{" "}
                      <button type="submit" class="secondary">
                        役割を変える
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    ) : (
      <p class="muted">職員はまだ登録されていません。</p>
    )}
  </>
);
