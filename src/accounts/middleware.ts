/** Staff pages: the session from the cookie, and the CSRF token every form POST must carry. */
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { csrf } from "hono/csrf";
import type { Actor } from "../core/audit.ts";
import type { Db } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { AppError } from "../core/errors.ts";
import { readsOwnBody } from "../core/http/body-limit.ts";
import { clientAddress } from "../core/http/client-address.ts";
import { checkFormText } from "../core/http/request-text.ts";
import { requestIsHttps } from "../core/http/security.ts";
import type { StaffFrame } from "../core/http/staff-frame.ts";
import { type WriteLimitOptions, writeToCount } from "../core/http/write-limit.ts";
import { personTitle } from "../core/people.ts";
import { peopleIn } from "./people.ts";
import { actorLabel, type Principal } from "./rules.ts";
import { resolveSessionIn, type SignedIn } from "./sessions.ts";
import { staffPagesFor } from "./staff-pages.ts";
import { resolveToken } from "./tokens.ts";

export const SESSION_COOKIE = "shisaku_session";

export type StaffEnv = {
  Variables: { staff: SignedIn; sessionToken: string; actor: Actor; staffFrame: StaffFrame };
};

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

/** The sign-in form: the one page under /{code}/manage that needs no session. */
const SIGN_IN = /^\/[^/]+\/manage\/sign-in$/;

/**
 * Every request under /{code}/manage goes through here once (app.tsx): a cross-site form post is
 * refused (Origin / Sec-Fetch-Site); then, but for the sign-in form, a signed-in person of the
 * municipality is required (otherwise to the sign-in page), and a POST's form must carry the
 * person's CSRF token. A route that takes files reads its own form (`checkedUpload`), after
 * refusing who may not upload. Staff answers are never stored by caches (core/http/security.ts).
 */
export function managePath(db: Db): MiddlewareHandler<StaffEnv> {
  const origin = csrf();
  return async function managePath(c, next) {
    await origin(c, async () => {});
    if (SIGN_IN.test(c.req.path)) return next();
    const code = c.req.param("code")!;
    const token = getCookie(c, SESSION_COOKIE);
    // The session and the municipality's people (for the staff frame): one transaction.
    const found = token
      ? await withTenant(db, code, async (tx) => {
          const staff = await resolveSessionIn(tx, code, token);
          return staff && { staff, people: await peopleIn(tx, code) };
        })
      : null;
    if (!found || !token) {
      if (token) clearSessionCookie(c, code);
      return c.redirect(`/${code}/manage/sign-in`, 303);
    }
    const { staff, people } = found;
    c.set("staff", staff);
    c.set("sessionToken", token);
    c.set("actor", { label: actorLabel(staff), address: clientAddress(c) });
    c.set("staffFrame", staffFrame(code, staff, people, c.req.path));
    if (c.req.method === "POST" && !readsOwnBody(c)) await checkForm(c);
    await next();
  };
}

/** The staff navigation of the person's role and the municipality's people, for every page. */
function staffFrame(
  code: string,
  staff: SignedIn,
  people: ReadonlyMap<number, string>,
  path: string,
): StaffFrame {
  return {
    home: `/${code}/manage/`,
    path,
    links: staffPagesFor(staff.role).map((p) => ({
      href: `/${code}/manage/${p.path}`,
      label: p.short ?? p.label,
    })),
    who: people.get(staff.userId) ?? personTitle({ ...staff, sections: [] }),
    signOut: { action: `/${code}/manage/sign-out`, csrf: staff.csrfToken },
    people,
  };
}

/** A staff form post: readable, with usable text, and carrying the person's CSRF token. */
async function checkForm(c: Context<StaffEnv>) {
  // Hono keeps the form data it read: a handler parses it again, with its own options,
  // without reading the body. `all` here only keeps a repeated _csrf from hiding.
  const form = await c.req.parseBody({ all: true }).catch(() => {
    throw new AppError("bad_request", "送信されたフォームの内容を読み取れません");
  });
  checkFormText(form);
  if (form._csrf !== c.get("staff").csrfToken) {
    throw new AppError(
      "forbidden",
      "フォームの有効期限が切れたか、不正な送信です。ページを開き直してもう一度お試しください。",
    );
  }
}

/**
 * On a route that takes files (core/http/body-limit.ts readsOwnBody): `authorize` refuses who
 * may not upload before the upload is read; then the form is checked as every staff form is.
 */
export function checkedUpload(authorize: (staff: SignedIn) => void): MiddlewareHandler<StaffEnv> {
  return async function checkedUpload(c, next) {
    authorize(c.get("staff"));
    if (c.req.method === "POST") await checkForm(c);
    await next();
  };
}

export type TokenEnv = { Variables: { principal: Principal; actor: Actor } };

/**
 * Requires `Authorization: Bearer <personal API token>` of the municipality in the path
 * (`:code`); the request then acts with the token owner's role and sections.
 */
export function bearerToken(
  db: Db,
  opts: { limitWrites?: WriteLimitOptions } = {},
): MiddlewareHandler<TokenEnv> {
  return async function bearerToken(c, next) {
    const code = c.req.param("code")!;
    const header = c.req.header("authorization") ?? "";
    const m = /^Bearer\s+(\S+)$/i.exec(header);
    // With limitWrites: a write is counted (core/http/write-limit.ts) in the token's transaction.
    const write = opts.limitWrites && writeToCount(c, opts.limitWrites);
    const found = m ? await resolveToken(db, code, m[1]!, write?.count) : null;
    if (!found) {
      c.header("WWW-Authenticate", 'Bearer realm="shisaku"');
      throw new AppError(
        "unauthorized",
        m
          ? "APIトークンが無効です（取り消されたか、この団体のものではありません）"
          : "Authorization: Bearer <APIトークン> が必要です",
      );
    }
    const { tokenId, also: writes, ...principal } = found;
    if (write && writes !== undefined) write.check(c, writes);
    c.set("principal", principal);
    c.set("actor", {
      label: `${actorLabel(principal)} token:${tokenId}`,
      address: clientAddress(c),
    });
    await next();
  };
}
