/** Staff pages: the session from the cookie, and the CSRF token every form POST must carry. */
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { Actor } from "../core/audit.ts";
import type { Db } from "../core/db/client.ts";
import { AppError } from "../core/errors.ts";
import { clientAddress } from "../core/http/client-address.ts";
import { checkFormText } from "../core/http/request-text.ts";
import { requestIsHttps } from "../core/http/security.ts";
import { actorLabel, hasRole, type Principal, ROLE_LABELS } from "./rules.ts";
import type { Role } from "./schema.ts";
import { resolveSession, type SignedIn } from "./sessions.ts";
import { resolveToken } from "./tokens.ts";

export const SESSION_COOKIE = "shisaku_session";

export type StaffEnv = { Variables: { staff: SignedIn; sessionToken: string; actor: Actor } };

export function setSessionCookie(c: Context, code: string, token: string) {
  setCookie(c, SESSION_COOKIE, token, {
    path: `/${code}/manage`,
    httpOnly: true,
    sameSite: "Lax",
    secure: requestIsHttps(c),
  });
}

/**
 * A browser that has signed in keeps a proof of it (sign-in-delays.ts) for the sign-in form
 * only: with it, its owner does not wait on failures that others caused.
 */
export const DEVICE_COOKIE = "shisaku_device";

export function setDeviceCookie(c: Context, code: string, proof: string) {
  setCookie(c, DEVICE_COOKIE, proof, {
    path: `/${code}/manage/sign-in`,
    httpOnly: true,
    sameSite: "Strict",
    secure: requestIsHttps(c),
    maxAge: 180 * 24 * 60 * 60,
  });
}

export function clearSessionCookie(c: Context, code: string) {
  deleteCookie(c, SESSION_COOKIE, { path: `/${code}/manage` });
}

/**
 * Requires a signed-in person of the municipality in the URL; otherwise to the sign-in page.
 * `authorize`, when given, runs before a POST's body is read: a route that takes files refuses
 * a person who may not use it before the upload is read.
 */
export function staffSession(
  db: Db,
  authorize?: (staff: SignedIn) => void,
): MiddlewareHandler<StaffEnv> {
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
    c.set("actor", { label: actorLabel(staff), address: clientAddress(c) });
    authorize?.(staff);
    if (c.req.method === "POST") {
      // Hono keeps the form data it read: a handler parses it again, with its own options,
      // without reading the body. `all` here only keeps a repeated _csrf from hiding.
      const form = await c.req.parseBody({ all: true }).catch(() => {
        throw new AppError("bad_request", "送信されたフォームの内容を読み取れません");
      });
      // The uploads' forms are read here, after `authorize`, not before any route (request-text).
      checkFormText(form);
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

export type TokenEnv = { Variables: { principal: Principal; actor: Actor } };

/**
 * Requires `Authorization: Bearer <personal API token>` of the municipality in the path
 * (`:code`); the request then acts with the token owner's role and sections.
 */
export function bearerToken(db: Db): MiddlewareHandler<TokenEnv> {
  return async function bearerToken(c, next) {
    const code = c.req.param("code")!;
    const header = c.req.header("authorization") ?? "";
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    const found = m ? await resolveToken(db, code, m[1]!) : null;
    if (!found) {
      c.header("WWW-Authenticate", 'Bearer realm="shisaku"');
      throw new AppError(
        "unauthorized",
        m
          ? "APIトークンが無効です（取り消されたか、この団体のものではありません）"
          : "Authorization: Bearer <APIトークン> が必要です",
      );
    }
    const { tokenId, ...principal } = found;
    c.set("principal", principal);
    c.set("actor", {
      label: `${actorLabel(principal)} token:${tokenId}`,
      address: clientAddress(c),
    });
    await next();
  };
}

/** After staffSession: refuses (403) anyone whose role is below `role`, saying who may. */
export function requireRole(role: Role): MiddlewareHandler<StaffEnv> {
  return async function requireRole(c, next) {
    if (!hasRole(c.get("staff").role, role))
      throw new AppError(
        "forbidden",
        `この画面は${ROLE_LABELS[role]}（${role}）以上の役割の方が使えます`,
      );
    await next();
  };
}
