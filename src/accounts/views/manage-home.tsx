import type { FC } from "hono/jsx";
import { ROLE_LABELS } from "../rules.ts";
import type { SignedIn } from "../sessions.ts";

export const ManageHome: FC<{ code: string; name: string; staff: SignedIn }> = ({
  code,
  name,
  staff,
}) => (
  <>
    <h1>{name} 職員用ページ</h1>
    <p class="lead">
      {staff.displayName || staff.email} さん（{ROLE_LABELS[staff.role]}
      ）としてサインインしています。
    </p>
    <p>実績値の入力、公開前の確認、報告の取りまとめの画面は順次追加します。</p>
    <div class="actions">
      <form method="post" action={`/${code}/manage/sign-out`}>
        <input type="hidden" name="_csrf" value={staff.csrfToken} />
        <button type="submit">サインアウト</button>
      </form>
      <form method="post" action={`/${code}/manage/sign-out-everywhere`}>
        <input type="hidden" name="_csrf" value={staff.csrfToken} />
        <button type="submit">すべての端末からサインアウト</button>
      </form>
    </div>
  </>
);
