/**
 * Deprecated parts of `/api/v1` (the versioning policy in the README): each operation listed in
 * `API_DEPRECATIONS` answers with `Deprecation` (RFC 9745: the date it was deprecated), `Sunset`
 * (RFC 8594: the date after which it may stop answering, when one is set) and `Link` to its
 * successor and to the policy; the OpenAPI document marks it `deprecated: true` and says the same
 * in words. A field deprecated inside an answer is marked in its zod schema instead
 * (`.openapi({ deprecated: true })`), since the headers speak of the whole resource.
 */
import type { MiddlewareHandler } from "hono";

export interface ApiDeprecation {
  method: "get" | "put" | "post" | "patch" | "delete";
  /** The operation's path in the document's form, without the prefix: `/municipalities/{code}/…`. */
  path: string;
  /** The day it was deprecated (YYYY-MM-DD). */
  deprecated: string;
  /** The first day it may no longer answer (YYYY-MM-DD); none: not yet decided. */
  sunset?: string;
  /** The path that replaces it, in the same form. */
  successor?: string;
}

/** Today's deprecated operations. None yet: `/api/v1` has only grown (see the changelog). */
export const API_DEPRECATIONS: readonly ApiDeprecation[] = [];

const day = (d: string) => new Date(`${d}T00:00:00Z`);

/**
 * The headers one deprecated operation answers with; `params` fill the successor's path
 * parameters from the request (`{code}` → 082058).
 */
export function deprecationHeaders(
  d: ApiDeprecation,
  prefix: string,
  params: Record<string, string> = {},
): Record<string, string> {
  // The document says it in words (the operation's description), beside the policy.
  const links = [`<${prefix}/openapi.json>; rel="deprecation"; type="application/json"`];
  if (d.successor) {
    const successor = d.successor.replace(
      /\{([^}]+)\}/g,
      (all, name: string) => params[name] ?? all,
    );
    links.unshift(`<${prefix}${successor}>; rel="successor-version"`);
  }
  return {
    Deprecation: `@${Math.floor(day(d.deprecated).getTime() / 1000)}`,
    ...(d.sunset ? { Sunset: day(d.sunset).toUTCString() } : {}),
    Link: links.join(", "),
  };
}

/** A path of the document (`/a/{code}/b`) as a pattern for request paths, naming its parameters. */
const patternOf = (path: string) =>
  new RegExp(
    `^${path.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{([^}]+)\}/g, "(?<$1>[^/]+)")}$`,
  );

/** Adds the headers to the answers of the deprecated operations under `prefix`. */
export function apiDeprecations(
  prefix: string,
  list: readonly ApiDeprecation[] = API_DEPRECATIONS,
): MiddlewareHandler {
  const matchers = list.map((d) => ({ d, pattern: patternOf(`${prefix}${d.path}`) }));
  return async function apiDeprecations(c, next) {
    await next();
    if (matchers.length === 0) return;
    const method = c.req.method === "HEAD" ? "get" : c.req.method.toLowerCase();
    const path = new URL(c.req.url).pathname.replace(/\.(csv|json)$/, "");
    const hit = matchers.find((m) => m.d.method === method && m.pattern.test(path));
    if (!hit) return;
    const params = { ...hit.pattern.exec(path)?.groups };
    for (const [name, value] of Object.entries(deprecationHeaders(hit.d, prefix, params))) {
      if (name === "Link" && c.res.headers.get("Link"))
        c.res.headers.set("Link", `${c.res.headers.get("Link")}, ${value}`);
      else c.res.headers.set(name, value);
    }
  };
}

/** Marks the listed operations of a generated document as deprecated, with the dates in words. */
export function markDeprecated(
  paths: Record<string, Record<string, { deprecated?: boolean; description?: string } | unknown>>,
  list: readonly ApiDeprecation[] = API_DEPRECATIONS,
) {
  for (const d of list) {
    const op = paths[d.path]?.[d.method] as
      | { deprecated?: boolean; description?: string }
      | undefined;
    if (!op) throw new Error(`廃止予定の一覧にある操作が文書にありません: ${d.method} ${d.path}`);
    op.deprecated = true;
    const words = [
      `${d.deprecated} に非推奨になりました。`,
      d.sunset ? `${d.sunset} 以降は応答しないことがあります。` : "",
      d.successor ? `代わりに ${d.successor} を使ってください。` : "",
    ].join("");
    op.description = op.description ? `${words}\n\n${op.description}` : words;
  }
}
