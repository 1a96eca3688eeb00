/**
 * A page answered with an error status (a form with validation errors shown again, a refusal) has a
 * title that starts with 「エラー：」, so that a screen reader says so first (the GOV.UK and
 * デジタル庁 pattern). One middleware, whatever route rendered the page.
 */
import type { MiddlewareHandler } from "hono";

const PREFIX = "エラー：";

/** The page's title with 「エラー：」 in front, once. */
export const errorTitled = (html: string) =>
  html.replace(/<title>(?!エラー：)/, `<title>${PREFIX}`);

export function errorTitles(): MiddlewareHandler {
  return async function errorTitles(c, next) {
    await next();
    const res = c.res;
    if (res.status < 400) return;
    if (!(res.headers.get("content-type") ?? "").startsWith("text/html")) return;
    const html = await res.text();
    const headers = new Headers(res.headers);
    headers.delete("content-length");
    c.res = undefined as unknown as Response;
    c.res = new Response(errorTitled(html), { status: res.status, headers });
  };
}
