/**
 * The requests whose reads a standby may answer (DATABASE_READ_URL, core/db/replica.ts): a GET or
 * HEAD that is no staff page (`/{code}/manage/…`) and carries no API token. Staff pages and
 * writes read the primary, so that a person sees at once what they have just saved.
 */
import type { MiddlewareHandler } from "hono";
import { onStandby } from "../db/replica.ts";

const STAFF = /^\/[^/]+\/manage(\/|$)/;

export function standbyReads(): MiddlewareHandler {
  return async function standbyReads(c, next) {
    const method = c.req.method;
    const publicRead =
      (method === "GET" || method === "HEAD") &&
      !STAFF.test(c.req.path) &&
      !c.req.header("authorization");
    if (publicRead) await onStandby(next);
    else await next();
  };
}
