/** Staff: one's own personal API tokens — create (shown once), list, revoke. */
import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../../core/errors.ts";
import { CsrfField, ErrorSummary, errorAria, FieldError } from "../../core/views/form.tsx";
import type { TokenSummary } from "../tokens.ts";

const when = (d: Date | null) => (d ? d.toLocaleString("ja-JP", { timeZone: "Asia/Tokyo" }) : "—");

export const TokensPage: FC<{
  code: string;
  tokens: TokenSummary[];
  csrf: string;
  created?: { label: string; token: string };
  revoked?: boolean;
  errors?: { message: string; details: ErrorDetail[] };
}> = ({ code, tokens, csrf, created, revoked, errors }) => (
  <>
    <h1>APIトークン</h1>
    <p class="lead">
      ほかのシステムから実績値を送るための、あなた個人のトークンです。トークンはあなたと同じ権限で動き、
      送った値は下書きになります（公開は企画担当が行います）。
    </p>
    {created ? (
      <div class="notice" role="status">
        <p>
          <strong>「{created.label}」のトークンを作りました。</strong>
          この画面を離れると二度と表示できません。今すぐ安全な場所に保存してください。
        </p>
        <p class="token">{created.token}</p>
        <p class="hint">
          使い方: <code>Authorization: Bearer {created.token.slice(0, 12)}…</code> を付けて{" "}
          <code>PUT /api/v1/municipalities/{code}/indicators/｛指標コード｝/actuals/｛年度｝</code>{" "}
          に <code>{'{"value": 123, "note": null}'}</code> を送ります。
        </p>
      </div>
    ) : null}
    {revoked ? (
      <p class="notice" role="status">
        トークンを取り消しました。
      </p>
    ) : null}
    <h2>新しいトークン</h2>
    {errors ? (
      <ErrorSummary message={errors.message} details={errors.details} fields={["label"]} />
    ) : null}
    <form method="post" action={`/${code}/manage/tokens`} class="stack">
      <CsrfField token={csrf} />
      <div>
        <label for="label">ラベル（用途）</label>
        <p class="hint" id="label-hint">
          例: 住民基本台帳システムからの連携
        </p>
        <input
          id="label"
          name="label"
          type="text"
          maxlength={100}
          required
          {...errorAria("label", errors?.details, "label-hint")}
        />
        <FieldError field="label" details={errors?.details} />
      </div>
      <div class="actions">
        <button type="submit">トークンを作る</button>
      </div>
    </form>
    <h2>あなたのトークン</h2>
    {tokens.length === 0 ? (
      <p>まだありません。</p>
    ) : (
      <div class="table-wrap">
        <table>
          <caption>作成日の新しい順</caption>
          <thead>
            <tr>
              <th scope="col">ラベル</th>
              <th scope="col">作成</th>
              <th scope="col">最後の利用</th>
              <th scope="col">状態</th>
            </tr>
          </thead>
          <tbody>
            {tokens.map((t) => (
              <tr>
                <th scope="row">{t.label}</th>
                <td>{when(t.createdAt)}</td>
                <td>{when(t.lastUsedAt)}</td>
                <td>
                  {t.revokedAt ? (
                    `取り消し済み（${when(t.revokedAt)}）`
                  ) : (
                    <form method="post" action={`/${code}/manage/tokens/${t.id}/revoke`}>
                      <CsrfField token={csrf} />
                      <button type="submit" class="secondary">
                        取り消す<span class="visually-hidden">（{t.label}）</span>
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    )}
  </>
);
