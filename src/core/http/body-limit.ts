/**
 * How large a request body may be, in one place. Every request is limited to 1 MB; the routes
 * that take files have their own, larger limit. A request over its limit is answered 413 before
 * its body is read: at once when its Content-Length says so, and as soon as a body without one
 * (chunked) passes the limit. Hono's body-limit middleware does both.
 */
import type { Context, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { AppError } from "../errors.ts";

const MB = 1024 * 1024;

/** Any request that does not take files: forms, sign-in, JSON for the API. */
export const DEFAULT_BODY_LIMIT = MB;

const positiveInteger = (name: string, fallback: number) => {
  const n = Number(process.env[name]);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

/**
 * The largest spreadsheet or CSV file an import accepts (SHISAKU_IMPORT_MAX_BYTES, 10 MB): the
 * one reading of it, for these limits and for the import's own (spreadsheets/files.ts).
 */
export const importMaxBytes = () => positiveInteger("SHISAKU_IMPORT_MAX_BYTES", 10 * MB);

/**
 * The apply form sends the previewed file back base64-encoded (4/3) in a URL-encoded form, where
 * "+" and "/" (2 of base64's 64 characters) become three bytes each (about 1/16 more).
 */
const base64FormBytes = (bytes: number) => Math.ceil(((bytes * 4) / 3) * (17 / 16));

const megabytes = (bytes: number) => `${Math.round((bytes / MB) * 10) / 10} MB`;

interface FileRoute {
  /** Matched against the request's path. */
  path: RegExp;
  /** The limit, or "own" where the route limits its body itself. */
  maxSize: number | "own";
  message?: string;
}

/** Routes that limit their own body and answer on their own page. */
const OWN_LIMIT: RegExp[] = [
  // Letters to the mayor with attachments: letters/routes.tsx limits the form and answers on it.
  /^\/[^/]+\/letters\/new$/,
];

/**
 * The spreadsheet uploads (and the open data catalogue's, read by the same framework): a
 * preview's file, and the previewed file sent back to apply.
 */
const UPLOADS: RegExp[] = [
  /^\/[^/]+\/manage\/(spreadsheets|opendata)\/[^/]+\/preview$/,
  /^\/[^/]+\/manage\/(spreadsheets|opendata)\/[^/]+\/apply$/,
];

/** The routes that take files. */
export function fileRoutes(): FileRoute[] {
  const importBytes = importMaxBytes();
  const importMessage = `ファイルが大きすぎます。上限は ${megabytes(importBytes)} です。部署ごとなどに分けてください`;
  return [
    {
      path: UPLOADS[0]!,
      maxSize: importBytes + MB,
      message: importMessage,
    },
    {
      path: UPLOADS[1]!,
      maxSize: base64FormBytes(importBytes) + MB,
      message: importMessage,
    },
    ...OWN_LIMIT.map((path) => ({ path, maxSize: "own" as const })),
  ];
}

const tooLarge = (message: string) => () => {
  throw new AppError("payload_too_large", message);
};

/** The request body limits of the whole application (see the module comment). */
export function requestBodyLimit(): MiddlewareHandler {
  const routes = fileRoutes().map((r) => ({
    path: r.path,
    limit:
      r.maxSize === "own"
        ? null
        : bodyLimit({
            maxSize: r.maxSize,
            onError: tooLarge(
              r.message ?? `送信された内容が大きすぎます（上限は ${megabytes(r.maxSize)}）`,
            ),
          }),
  }));
  const general = bodyLimit({
    maxSize: DEFAULT_BODY_LIMIT,
    onError: tooLarge(
      `送信された内容が大きすぎます。一度に送れるのは ${megabytes(DEFAULT_BODY_LIMIT)} までです`,
    ),
  });
  return async function requestBodyLimit(c, next) {
    // A GET or HEAD has no body to limit; asking for it would build the whole Web Request.
    if (c.req.method === "GET" || c.req.method === "HEAD") return next();
    const route = routes.find((r) => r.path.test(c.req.path));
    if (!route) return general(c, next);
    if (!route.limit) return next();
    return route.limit(c, next);
  };
}

/**
 * Whether the route reads its own body after a check of its own — it limits the body itself
 * (letters), or refuses who may not upload before the upload is read (the spreadsheet uploads,
 * whose staff session checks the role first) — and checks its text then (checkFormText).
 */
export const readsOwnBody = (c: Context) =>
  OWN_LIMIT.some((path) => path.test(c.req.path)) || UPLOADS.some((path) => path.test(c.req.path));
