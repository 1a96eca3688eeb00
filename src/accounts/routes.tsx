/** Staff sign-in and sign-out under /{code}/manage. */

import { type Context, Hono } from "hono";
import { csrf } from "hono/csrf";
import type { Db } from "../core/db/client.ts";
import { AppError } from "../core/errors.ts";
import { clientAddress } from "../core/http/client-address.ts";
import { FailureLimiter } from "../core/http/rate-limit.ts";
import { requireMunicipality } from "../core/http/tenant.ts";
import { Layout } from "../core/views/layout.tsx";
import { loadEvaluationsDue } from "../evaluation/views/evaluations-due.tsx";
import { loadMyUpdates } from "../rounds/my-updates.ts";
import { clearSessionCookie, type StaffEnv, setSessionCookie, staffSession } from "./middleware.ts";
import { normalizeEmail } from "./rules.ts";
import { signIn, signOut, signOutEverywhere } from "./sessions.ts";
import { createToken, listTokens, revokeToken } from "./tokens.ts";
import { ManageHome } from "./views/manage-home.tsx";
import { SignInPage } from "./views/sign-in.tsx";
import { TokensPage } from "./views/tokens-page.tsx";

export function accountRoutes(
  db: Db,
  limits = { perAccount: 5, perAddress: 20, windowMs: 15 * 60 * 1000 },
) {
  const app = new Hono<StaffEnv>();
  const byAccount = new FailureLimiter(limits.perAccount, limits.windowMs);
  const byAddress = new FailureLimiter(limits.perAddress, limits.windowMs);

  // Cross-site form posts are refused (Origin / Sec-Fetch-Site); staff forms also carry a token.
  app.use("/:code/manage/*", csrf());

  const signInPage = async (
    c: Context,
    status: 200 | 401 | 429,
    error?: string,
    email?: string,
  ) => {
    const m = await requireMunicipality(db, c.req.param("code")!);
    return c.html(
      <Layout title="職員サインイン" municipality={m}>
        <SignInPage code={m.code} name={m.name} error={error} email={email} />
      </Layout>,
      status,
    );
  };

  app.get("/:code/manage/sign-in", (c) => signInPage(c, 200));

  app.post("/:code/manage/sign-in", async (c) => {
    const m = await requireMunicipality(db, c.req.param("code"));
    const form = await c.req.parseBody();
    const email = normalizeEmail(String(form.email ?? ""));
    const password = String(form.password ?? "");
    const keys = [`${m.code}:${email}`, clientAddress(c) ?? "unknown"] as const;
    const wait = Math.max(byAccount.blockedFor(keys[0]), byAddress.blockedFor(keys[1]));
    if (wait > 0) {
      const minutes = Math.ceil(wait / 60);
      return signInPage(
        c,
        429,
        `サインインの失敗が続いたため、一時的に受け付けを止めています。約${minutes}分後にもう一度お試しください。`,
        email,
      );
    }
    const token = await signIn(
      db,
      m.code,
      { email, password },
      { address: keys[1], userAgent: c.req.header("user-agent") },
    );
    if (!token) {
      byAccount.fail(keys[0]);
      byAddress.fail(keys[1]);
      return signInPage(c, 401, "メールアドレスまたはパスワードが正しくありません。", email);
    }
    byAccount.reset(keys[0]);
    setSessionCookie(c, m.code, token);
    return c.redirect(`/${m.code}/manage/`, 303);
  });

  const staff = staffSession(db);
  app.get("/:code/manage/", staff, async (c) => {
    const m = await requireMunicipality(db, c.req.param("code"));
    const who = c.get("staff");
    // The first thing a person sees: what they still have to report.
    const { fy, round, rows } = await loadMyUpdates(db, m.code, who);
    const evaluations = await loadEvaluationsDue(db, m.code, who);
    return c.html(
      <Layout title="職員用ページ" municipality={m}>
        <ManageHome
          code={m.code}
          name={m.name}
          staff={who}
          updates={{
            fiscalYear: fy,
            deadline: round && round.closedAt === null ? round.deadline : undefined,
            missing: rows.filter((r) => r.state === "missing").length,
            drafts: rows.filter((r) => r.state === "draft").length,
            total: rows.length,
          }}
          evaluations={evaluations}
        />
      </Layout>,
    );
  });
  app.post("/:code/manage/sign-out", staff, async (c) => {
    const code = c.req.param("code");
    await signOut(db, code, c.get("sessionToken"), c.get("staff"));
    clearSessionCookie(c, code);
    return c.redirect(`/${code}/manage/sign-in`, 303);
  });
  app.post("/:code/manage/sign-out-everywhere", staff, async (c) => {
    const code = c.req.param("code");
    await signOutEverywhere(db, code, c.get("staff"));
    clearSessionCookie(c, code);
    return c.redirect(`/${code}/manage/sign-in`, 303);
  });
  const tokensPage = async (
    c: Context<StaffEnv>,
    extra: Omit<Parameters<typeof TokensPage>[0], "code" | "tokens" | "csrf"> = {},
    status: 200 | 400 = 200,
  ) => {
    const m = await requireMunicipality(db, c.req.param("code")!);
    const who = c.get("staff");
    return c.html(
      <Layout
        title="APIトークン"
        municipality={m}
        crumbs={[{ href: `/${m.code}/manage/`, label: "職員用ページ" }, { label: "APIトークン" }]}
      >
        <TokensPage
          code={m.code}
          tokens={await listTokens(db, m.code, who.userId)}
          csrf={who.csrfToken}
          {...extra}
        />
      </Layout>,
      status,
    );
  };
  app.get("/:code/manage/tokens", staff, (c) =>
    tokensPage(c, { revoked: c.req.query("revoked") === "1" }),
  );
  app.post("/:code/manage/tokens", staff, async (c) => {
    const code = c.req.param("code");
    const who = c.get("staff");
    const form = await c.req.parseBody();
    const label = typeof form.label === "string" ? form.label : "";
    try {
      const { token } = await createToken(db, code, { email: who.email, label }, c.get("actor"));
      // Shown on this response only: no redirect, and the page is never cached.
      c.header("Cache-Control", "no-store");
      return tokensPage(c, { created: { label: label.trim(), token } });
    } catch (e) {
      if (e instanceof AppError && e.code === "bad_request")
        return tokensPage(c, { errors: { message: e.message, details: e.details } }, 400);
      throw e;
    }
  });
  app.post("/:code/manage/tokens/:id/revoke", staff, async (c) => {
    const code = c.req.param("code");
    const who = c.get("staff");
    const id = Number(c.req.param("id"));
    if (!Number.isInteger(id))
      throw new AppError("not_found", "取り消せるトークンが見つかりません");
    await revokeToken(db, code, who, id, c.get("actor"));
    return c.redirect(`/${code}/manage/tokens?revoked=1`, 303);
  });
  return app;
}
