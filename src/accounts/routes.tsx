/** Staff sign-in and sign-out under /{code}/manage. */
import { getConnInfo } from "@hono/node-server/conninfo";
import { type Context, Hono } from "hono";
import { csrf } from "hono/csrf";
import type { Db } from "../core/db/client.ts";
import { FailureLimiter } from "../core/http/rate-limit.ts";
import { requireMunicipality } from "../core/http/tenant.ts";
import { Layout } from "../core/views/layout.tsx";
import { clearSessionCookie, type StaffEnv, setSessionCookie, staffSession } from "./middleware.ts";
import { normalizeEmail } from "./rules.ts";
import { signIn, signOut, signOutEverywhere } from "./sessions.ts";
import { ManageHome } from "./views/manage-home.tsx";
import { SignInPage } from "./views/sign-in.tsx";

const address = (c: Context) => {
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "unknown"; // no socket (in-process requests)
  }
};

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
    const keys = [`${m.code}:${email}`, address(c)] as const;
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
    return c.html(
      <Layout title="職員用ページ" municipality={m}>
        <ManageHome code={m.code} name={m.name} staff={c.get("staff")} />
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
  return app;
}
