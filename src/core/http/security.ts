/**
 * Security headers on every response (Hono's secure-headers): a Content-Security-Policy that
 * allows no inline script, no framing, Referrer-Policy, X-Content-Type-Options; HSTS when the
 * request came over TLS; and `Cache-Control: private, no-store` on everything that carries personal data.
 */
import type { Context, MiddlewareHandler } from "hono";
import { secureHeaders } from "hono/secure-headers";

/** Whether the request came over https (directly, or through a proxy that says so). */
export const requestIsHttps = (c: Context) =>
  new URL(c.req.url).protocol === "https:" || c.req.header("x-forwarded-proto") === "https";

export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  // Scripts only from our own files (core/assets): no inline script, no event attributes.
  scriptSrc: ["'self'"],
  // Our stylesheets are files, and pages have no style attributes of their own; but the charts
  // are ECharts' server-rendered SVG, which carries style attributes and a <style> element for
  // every chart. Inline styles cannot run code, so they are allowed rather than the charts lost.
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", "data:"],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** One year, as browsers require for the preload lists. */
const HSTS = "max-age=31536000; includeSubDomains";

/** Addresses whose responses carry personal data: staff pages, a letter writer's status link. */
const PERSONAL = [/^\/[^/]+\/manage(?:\/|$)/, /^\/[^/]+\/letters\/status\//];

/**
 * Whether a response may carry personal data: a staff page, a letter writer's status page, or
 * an answer to a request made with credentials (an API token).
 */
export const carriesPersonalData = (c: Context) =>
  PERSONAL.some((p) => p.test(c.req.path)) || c.req.header("authorization") !== undefined;

export function securityHeaders(): MiddlewareHandler {
  const headers = secureHeaders({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    xFrameOptions: "DENY",
    // The full address only within the site (never to other sites); same-site form posts keep
    // their Origin, which the CSRF check reads.
    referrerPolicy: "same-origin",
    strictTransportSecurity: false, // below, only over https
    // A route's own stricter choice (the letter status page's no-referrer) stays.
    overwrite: false,
  });
  return async function securityHeaders(c, next) {
    await headers(c, next);
    const h = c.res.headers;
    // Chrome's PDF viewer is itself a page that a document policy would block: a PDF keeps
    // only the ban on framing.
    if (h.get("content-type")?.startsWith("application/pdf"))
      h.set("Content-Security-Policy", "frame-ancestors 'none'");
    if (requestIsHttps(c)) h.set("Strict-Transport-Security", HSTS);
    if (carriesPersonalData(c) && !h.get("cache-control")?.includes("no-store"))
      h.set("Cache-Control", "private, no-store");
  };
}
