/**
 * The one place an error becomes a response: an AppError as a JSON body under /api and as the
 * error page elsewhere; a request to no route as 404; anything unexpected as 500 (logged).
 * `withErrorHandling(app)` installs both handlers on an app (the application, or a test's).
 */
import type { Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { AppError } from "../errors.ts";
import { ErrorPage } from "../views/error-page.tsx";
import { Layout } from "../views/layout.tsx";

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
  return c.html(
    <Layout title={err.status === 404 ? "ページが見つかりません" : "エラー"}>
      <ErrorPage status={err.status} message={err.message} details={err.details} />
    </Layout>,
    err.status,
  );
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
    : c.html(
        <Layout title="エラー">
          <ErrorPage status={500} message={message} details={[]} />
        </Layout>,
        500,
      );
}

/** Installs the not-found and error handlers on `app`; returns it. */
export function withErrorHandling<T extends AnyHono>(app: T): T {
  app.notFound((c) =>
    respondWithError(c, new AppError("not_found", `${c.req.path} は見つかりません`)),
  );
  app.onError(handleError);
  return app;
}
