/**
 * One error type for everything the application reports to a user. Routes throw it; one
 * handler (see app) turns it into a JSON body under /api and an HTML page elsewhere.
 */
export type ErrorCode =
  | "bad_request"
  | "unauthorized"
  | "not_found"
  | "forbidden"
  | "conflict"
  | "payload_too_large"
  | "invalid_file"
  | "too_many_requests";

const STATUS: Record<ErrorCode, 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429> = {
  bad_request: 400,
  unauthorized: 401,
  not_found: 404,
  forbidden: 403,
  conflict: 409,
  payload_too_large: 413,
  invalid_file: 422,
  too_many_requests: 429,
};

export interface ErrorDetail {
  /** Where: a query parameter, a file path and the path inside it, a field. */
  location: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[];
  constructor(code: ErrorCode, message: string, details: ErrorDetail[] = []) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
  }
  get status() {
    return STATUS[this.code];
  }
}

export const notFound = (what: string) => new AppError("not_found", `${what}が見つかりません`);

/** A record's id from the path: a positive whole number, or a 404 naming `what` (「調査」). */
export function recordIdOf(raw: string, what: string) {
  const id = /^\d{1,9}$/.test(raw) ? Number(raw) : 0;
  if (id < 1) throw notFound(`${what} ${raw}`);
  return id;
}
