/** Staff pages: the session from the cookie, and the CSRF token every form POST must carry. */
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Db } from "../core/db/client.ts";
import { AppError } from "../core/errors.ts";
import { resolveSession, type SignedIn } from "./sessions.ts";

export const SESSION_COOKIE = "shisaku_session";

export type StaffEnv = { Variables: { staff: SignedIn; sessionToken: string } };

const secure = (c: Context) =>
  new URL(c.req.url).protocol === "https:" || c.req.header("x-forwarded-proto") === "https";

export function setSessionCookie(c: Context, code: string, token: string) {
  setCookie(c, SESSION_COOKIE, token, {
    path: `/${code}/manage`,
    httpOnly: true,
    sameSite: "Lax",
    secure: secure(c),
  });
}

export function clearSessionCookie(c: Context, code: string) {
  deleteCookie(c, SESSION_COOKIE, { path: `/${code}/manage` });
}

/** Requires a signed-in person of the municipality in the URL; otherwise to the sign-in page. */
export function staffSession(db: Db): MiddlewareHandler<StaffEnv> {
  return async function staffSession(c, next) {
    const code = c.req.param("code")!;
    const token = getCookie(c, SESSION_COOKIE);
    const staff = token ? await resolveSession(db, code, token) : null;
    if (!staff || !token) {
      if (token) clearSessionCookie(c, code);
      return c.redirect(`/${code}/manage/sign-in`, 303);
    }
    c.set("staff", staff);
    c.set("sessionToken", token);
    if (c.req.method === "POST") {
      const form = await c.req.parseBody();
      if (form._csrf !== staff.csrfToken) {
        throw new AppError(
          "forbidden",
          "フォームの有効期限が切れたか、不正な送信です。ページを開き直してもう一度お試しください。",
        );
      }
    }
    await next();
  };
}
