import type { FC } from "hono/jsx";

export const SignInPage: FC<{ code: string; name: string; error?: string; email?: string }> = ({
  code,
  name,
  error,
  email,
}) => (
  <>
    <h1>職員サインイン</h1>
    <p class="lead">
      {name}の職員用ページです。登録されたメールアドレスとパスワードでサインインしてください。
    </p>
    {error ? (
      <p class="datanote" role="alert">
        {error}
      </p>
    ) : null}
    <form method="post" action={`/${code}/manage/sign-in`} class="stack">
      <div>
        <label for="email">メールアドレス</label>
        <input
          id="email"
          type="email"
          name="email"
          autocomplete="username"
          required
          value={email ?? ""}
        />
      </div>
      <div>
        <label for="password">パスワード</label>
        <input
          id="password"
          type="password"
          name="password"
          autocomplete="current-password"
          required
        />
      </div>
      <div class="actions">
        <button type="submit">サインイン</button>
      </div>
    </form>
  </>
);
