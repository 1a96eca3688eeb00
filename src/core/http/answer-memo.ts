/**
 * The answers the page cache gave, sent again by node:http itself. A public GET that the page
 * cache answered (`x-cache: hit`) is remembered as it left the application — status, every
 * header the middlewares around the page cache added (security headers, the API's validators,
 * CORS), bytes — together with the data version it showed. The same request again is answered
 * from that memory before a Web Request is made or any middleware runs, for as long as the page
 * cache would have answered it: until the data version of its address moves (core/changes.ts).
 *
 * "The same request" is the same address (as sent, with its query) and the same values of the
 * request headers an answer can depend on: Accept (the pages and API lists that vary by it) and
 * X-Forwarded-Proto (HSTS). A request the application answers differently — one with a cookie
 * or a token, a conditional one (If-None-Match, If-Modified-Since: 304), a HEAD, anything but
 * GET — goes to the application, as does an address the memo is told not to remember (a
 * download that is counted) and an address whose path the URL parser would rewrite.
 *
 * Each process keeps its own memory, bounded by size, the least recently used dropped first.
 */
import {
  createServer,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type RequestListener,
  type ServerOptions,
  type ServerResponse,
} from "node:http";
import { LRUCache } from "lru-cache";
import type { Db } from "../db/client.ts";
import { versionOf } from "./page-cache.ts";

interface Answer {
  pathname: string;
  version: number;
  status: number;
  headers: OutgoingHttpHeaders;
  body: Buffer;
}

/** What @hono/node-server gives the application's fetch besides the request. */
interface NodeBindings {
  incoming?: IncomingMessage;
}

type Fetch = (request: Request, env?: unknown) => Response | Promise<Response>;

/** A path the URL parser keeps as it is: no percent-encoding, no dot segments, no backslash. */
const PLAIN_PATH = /^\/[\w\-.~!$&'()*+,;=:@/]*$/;
const DOT_SEGMENT = /\/\.\.?(?:\/|$)/;

/**
 * The key of a request the memo may answer (see the module comment), and its path; undefined
 * for any other request. Pure.
 */
export function memoKey(
  method: string | undefined,
  url: string | undefined,
  headers: IncomingMessage["headers"],
) {
  if (method !== "GET" || !url) return undefined;
  if (
    headers.cookie !== undefined ||
    headers.authorization !== undefined ||
    headers["if-none-match"] !== undefined ||
    headers["if-modified-since"] !== undefined
  )
    return undefined;
  const q = url.indexOf("?");
  const pathname = q < 0 ? url : url.slice(0, q);
  if (!PLAIN_PATH.test(pathname) || DOT_SEGMENT.test(pathname)) return undefined;
  const key = `${headers.host ?? ""}\n${url}\n${headers.accept ?? ""}\n${headers["x-forwarded-proto"] ?? ""}`;
  return { key, pathname };
}

/** The headers node:http is given for a response, as @hono/node-server builds them. */
function outgoingHeaders(res: Response, length: number) {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of res.headers) out[name] = value;
  out["content-length"] ??= length;
  return out;
}

export interface AnswerMemoOptions {
  /** Bytes of answers kept at most (default 32 MB). */
  maxBytes?: number;
  /** Whether answers of an address may be remembered (default: every address). */
  remembers?: (pathname: string) => boolean;
}

export function answerMemo(db: Db, options: AnswerMemoOptions = {}) {
  const memo = new LRUCache<string, Answer>({
    maxSize: options.maxBytes ?? 32 * 1024 * 1024,
    sizeCalculation: (a) => a.body.byteLength + 512,
  });
  const remembers = options.remembers ?? (() => true);

  /** Answers the request from memory and returns true, or returns false and does nothing. */
  function answer(incoming: IncomingMessage, outgoing: ServerResponse) {
    const of = memoKey(incoming.method, incoming.url, incoming.headers);
    if (!of) return false;
    const a = memo.get(of.key);
    if (!a) return false;
    if (a.version !== versionOf(db, a.pathname)) {
      memo.delete(of.key);
      return false;
    }
    outgoing.writeHead(a.status, a.headers);
    outgoing.end(a.body);
    return true;
  }

  /** The application's fetch, remembering the answers the page cache gave. */
  const remembering =
    (fetch: Fetch): Fetch =>
    async (request, env) => {
      const incoming = (env as NodeBindings | undefined)?.incoming;
      const of = incoming && memoKey(incoming.method, incoming.url, incoming.headers);
      if (!of || !remembers(of.pathname)) return fetch(request, env);
      const version = versionOf(db, of.pathname);
      const res = await fetch(request, env);
      // Only an answer of the page cache, and only if no change came while it was made.
      if (res.status !== 200 || res.headers.get("x-cache") !== "hit") return res;
      if (versionOf(db, of.pathname) !== version || res.body === null) return res;
      const body = Buffer.from(await res.clone().arrayBuffer());
      memo.set(of.key, {
        pathname: of.pathname,
        version,
        status: res.status,
        headers: outgoingHeaders(res, body.byteLength),
        body,
      });
      return res;
    };

  /** node:http's createServer, answering from memory first (for `serve({createServer})`). */
  const server = ((serverOptions: ServerOptions, listener: RequestListener) =>
    createServer(serverOptions, (incoming, outgoing) => {
      if (!answer(incoming, outgoing)) listener(incoming, outgoing);
    })) as unknown as typeof createServer;

  return { answer, fetch: remembering, createServer: server, size: () => memo.size };
}
