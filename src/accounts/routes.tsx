/** Staff sign-in and sign-out under /{code}/manage. */

import { type Context, Hono } from "hono";
import { getCookie } from "hono/cookie";
import type { Db } from "../core/db/client.ts";
import { AppError } from "../core/errors.ts";
import { formText } from "../core/forms.ts";
import { answer } from "../core/http/answer.ts";
import { clientAddress } from "../core/http/client-address.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import { Layout, staffHome } from "../core/views/layout.tsx";
import { loadEvaluationsDue } from "../evaluations/index.ts";
import { loadMyUpdates } from "../reporting/index.ts";
import { changeRole, listUsers } from "./actions.ts";
import { staffContext } from "./context.ts";
import {
  clearSessionCookie,
  DEVICE_COOKIE,
  type StaffEnv,
  setDeviceCookie,
  setSessionCookie,
} from "./middleware.ts";
import { permissions, permit } from "./permissions.ts";
import { normalizeEmail } from "./rules.ts";
import { signOut, signOutEverywhere } from "./sessions.ts";
import { attemptSignIn } from "./sign-in-delays.ts";
import { createToken, listTokens, revokeToken } from "./tokens.ts";
import { ManageHome } from "./views/manage-home.tsx";
import { SignInPage } from "./views/sign-in.tsx";
import { StaffPage } from "./views/staff-page.tsx";
import { TokensPage } from "./views/tokens-page.tsx";

export function accountRoutes(db: Db) {
  const app = new Hono<StaffEnv>();

  const signInPage = async (
    c: Context,
    status: 200 | 401 | 429,
    error?: string,
    email?: string,
  ) => {
    const m = municipalityOf(c);
    return c.html(
      <Layout title="職員サインイン" municipality={m}>
        <SignInPage code={m.code} name={m.name} error={error} email={email} />
      </Layout>,
      status,
    );
  };

  app.get("/:code/manage/sign-in", (c) => signInPage(c, 200));

  app.post("/:code/manage/sign-in", async (c) => {
    const m = municipalityOf(c);
    const form = await c.req.parseBody();
    const email = normalizeEmail(String(form.email ?? ""));
    const outcome = await attemptSignIn(db, {
      municipality: m,
      email,
      password: String(form.password ?? ""),
      address: clientAddress(c),
      userAgent: c.req.header("user-agent"),
      deviceProof: getCookie(c, DEVICE_COOKIE),
    });
    if (outcome.kind === "wait") {
      // Not a lockout: the password was not checked, and after this short wait it will be.
      c.header("Retry-After", String(outcome.seconds));
      return signInPage(
        c,
        429,
        `サインインの失敗が続いたため、次の試行まで少し待っていただいています。${outcome.seconds}秒後にもう一度お試しください。`,
        email,
      );
    }
    if (outcome.kind === "failed")
      return signInPage(c, 401, "メールアドレスまたはパスワードが正しくありません。", email);
    setSessionCookie(c, m.code, outcome.token);
    setDeviceCookie(c, m.code, outcome.deviceProof);
    return c.redirect(`/${m.code}/manage/`, 303);
  });
  app.get("/:code/manage/", async (c) => {
    const m = municipalityOf(c);
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
  app.post("/:code/manage/sign-out", async (c) => {
    const code = municipalityOf(c).code;
    await signOut(staffContext(db, c), { token: c.get("sessionToken") });
    clearSessionCookie(c, code);
    return c.redirect(`/${code}/manage/sign-in`, 303);
  });
  app.post("/:code/manage/sign-out-everywhere", async (c) => {
    const code = municipalityOf(c).code;
    await signOutEverywhere(staffContext(db, c));
    clearSessionCookie(c, code);
    return c.redirect(`/${code}/manage/sign-in`, 303);
  });
  const tokensPage = async (
    c: Context<StaffEnv>,
    extra: Omit<Parameters<typeof TokensPage>[0], "code" | "tokens" | "csrf"> = {},
    status: 200 | 400 = 200,
  ) => {
    const m = municipalityOf(c);
    const who = c.get("staff");
    return c.html(
      <Layout
        title="APIトークン"
        municipality={m}
        crumbs={[staffHome(m.code), { label: "APIトークン" }]}
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
  app.get("/:code/manage/tokens", (c) =>
    tokensPage(c, { revoked: c.req.query("revoked") === "1" }),
  );
  app.post("/:code/manage/tokens", async (c) => {
    const form = await c.req.parseBody();
    const outcome = await createToken(staffContext(db, c), { label: formText(form.label) });
    return answer(outcome, {
      saved: ({ label, token }) => {
        // Shown on this response only: no redirect, and the page is never cached.
        c.header("Cache-Control", "no-store");
        return tokensPage(c, { created: { label, token } });
      },
      invalid: (o) => tokensPage(c, { errors: { message: o.message, details: o.details } }, 400),
    });
  });
  app.post("/:code/manage/tokens/:id/revoke", async (c) => {
    const code = municipalityOf(c).code;
    const id = Number(c.req.param("id"));
    if (!Number.isInteger(id))
      throw new AppError("not_found", "取り消せるトークンが見つかりません");
    return answer(await revokeToken(staffContext(db, c), { id }), {
      saved: () => c.redirect(`/${code}/manage/tokens?revoked=1`, 303),
      invalid: (o) => {
        throw new AppError("bad_request", o.message, o.details);
      },
    });
  });
  const staffPage = async (
    c: Context<StaffEnv>,
    errors?: { message: string; details: { location: string; message: string }[] },
  ) => {
    const m = municipalityOf(c);
    return c.html(
      <Layout
        title={`${errors ? "エラー：" : ""}職員と役割`}
        municipality={m}
        crumbs={[staffHome(m.code), { label: "職員と役割" }]}
      >
        <StaffPage
          code={m.code}
          csrf={c.get("staff").csrfToken}
          members={await listUsers(db, m.code)}
          done={c.req.query("done")}
          errors={errors}
        />
      </Layout>,
      errors ? 400 : 200,
    );
  };
  app.get("/:code/manage/staff", permit(permissions.changeRole), (c) => staffPage(c));
  app.post("/:code/manage/staff/role", async (c) => {
    const code = municipalityOf(c).code;
    const form = await c.req.parseBody();
    const outcome = await changeRole(staffContext(db, c), {
      email: formText(form.email),
      role: formText(form.role),
      basis: formText(form.basis),
    });
    return answer(outcome, {
      saved: () => c.redirect(`/${code}/manage/staff?done=role`, 303),
      unchanged: () => c.redirect(`/${code}/manage/staff?done=unchanged`, 303),
      invalid: (o) => staffPage(c, o),
    });
  });
  return app;
}
