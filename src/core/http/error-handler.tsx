/**
 * The one place an error becomes a response: an AppError as a JSON body under /api and as the
 * error page elsewhere; a request to no route as 404; anything unexpected as 500 (logged).
 * `withErrorHandling(app)` installs both handlers on an app (the application, or a test's).
 */
import type { Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { AppError } from "../errors.ts";
import { type BackLink, ErrorPage } from "../views/error-page.tsx";
import { Layout } from "../views/layout.tsx";
import { staffFrameOf } from "./staff-frame.ts";
import type { Municipality } from "./tenant.ts";

// biome-ignore lint/suspicious/noExplicitAny: any app's environment
type AnyHono = Hono<any, any, any>;

const isApi = (path: string) => path.startsWith("/api/");

/** An AppError as the answer: JSON under /api, the error page elsewhere. */
export function respondWithError(c: Context, err: AppError) {
  if (isApi(c.req.path)) {
    return c.json(
      { error: { code: err.code, message: err.message, details: err.details } },
      err.status,
    );
  }
  return errorPage(c, err.status, err.message, err.details);
}

/**
 * The page of a refusal or error: inside the municipality's header and the staff navigation
 * when the request had them, with a way back to where the person was.
 */
export function errorPage(
  c: Context,
  status: number,
  message: string,
  details: AppError["details"],
) {
  const m = c.get("municipality") as Municipality | undefined;
  const staff = staffFrameOf(c);
  return c.html(
    <Layout
      title={status === 404 ? "ページが見つかりません" : message}
      municipality={m ? { code: m.code, name: m.name } : undefined}
      staff={staff}
    >
      <ErrorPage
        status={status}
        message={message}
        details={details}
        back={backLink(c, m?.code, staff?.home)}
        home={staff ? { href: staff.home, label: "職員用ページへ" } : undefined}
      />
    </Layout>,
    status as ContentfulStatusCode,
  );
}

/**
 * Where the person was: the page that linked or posted here (same site, not this very page),
 * else the staff home on a staff path, else the municipality's home, else the site's.
 */
export function backLink(c: Context, code?: string, staffHome?: string): BackLink {
  const from = c.req.header("referer");
  if (from) {
    try {
      const here = new URL(c.req.url);
      const there = new URL(from);
      const self = there.pathname === here.pathname && c.req.method === "GET";
      if (there.origin === here.origin && !self)
        return { href: `${there.pathname}${there.search}`, label: "前のページに戻る" };
    } catch {
      // An unreadable Referer is no place to go back to.
    }
  }
  if (staffHome) return { href: staffHome, label: "職員用ページに戻る" };
  if (code) return { href: `/${code}/`, label: "この団体のトップページへ戻る" };
  return { href: "/", label: "トップページへ戻る" };
}

export function handleError(err: Error, c: Context) {
  if (err instanceof AppError) return respondWithError(c, err);
  // Hono's own middleware (CSRF origin check) reports through HTTPException.
  if (err instanceof HTTPException && err.status === 403) {
    return respondWithError(
      c,
      new AppError(
        "forbidden",
        "別のサイトからの送信は受け付けられません。ページを開き直してからお試しください。",
      ),
    );
  }
  if (err instanceof HTTPException) return err.getResponse();
  console.error(err);
  const message = "サーバーで問題が発生しました。時間をおいて再度お試しください。";
  return isApi(c.req.path)
    ? c.json({ error: { code: "internal", message, details: [] } }, 500)
    : errorPage(c, 500, message, []);
}

/** Installs the not-found and error handlers on `app`; returns it. */
export function withErrorHandling<T extends AnyHono>(app: T): T {
  app.notFound((c) =>
    respondWithError(c, new AppError("not_found", `${c.req.path} は見つかりません`)),
  );
  app.onError(handleError);
  return app;
}
