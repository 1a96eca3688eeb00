/**
 * Answering an action's Outcome (core/outcome.ts): a page redirects after a save and shows the
 * form again with its errors (400) or the conflict page (409); the API answers JSON or the one
 * error body (core/http/error-handler.tsx). A refusal is always a 403 with the action's message.
 */
import { AppError } from "../errors.ts";
import type { Outcome } from "../outcome.ts";

type Answer = Response | Promise<Response>;

export function answer<T, C>(
  outcome: Outcome<T, C>,
  on: {
    saved: (value: T) => Answer;
    /** Default: as saved (with the value when the action gave one). */
    unchanged?: (value: T | undefined) => Answer;
    invalid: (o: Extract<Outcome<T, C>, { status: "invalid" }>) => Answer;
    /** Default: the generic 409 error page with the outcome's message. */
    conflict?: (o: Extract<Outcome<T, C>, { status: "conflict" }>) => Answer;
  },
): Answer {
  switch (outcome.status) {
    case "saved":
      return on.saved(outcome.value);
    case "unchanged":
      return on.unchanged ? on.unchanged(outcome.value) : on.saved(outcome.value as T);
    case "invalid":
      return on.invalid(outcome);
    case "conflict":
      if (on.conflict) return on.conflict(outcome);
      throw new AppError("conflict", outcome.message);
    case "forbidden":
      throw new AppError("forbidden", outcome.message);
  }
}

/**
 * The API's answer: the saved (or unchanged) value, or the error body — 400 with the fields,
 * 409 with what is current, 403.
 */
export function apiAnswer<T, C>(
  outcome: Outcome<T, C>,
  conflictDetails?: (current: C) => { location: string; message: string }[],
): T | undefined {
  switch (outcome.status) {
    case "saved":
    case "unchanged":
      return outcome.value;
    case "invalid":
      throw new AppError("bad_request", outcome.message, outcome.details);
    case "conflict":
      throw new AppError("conflict", outcome.message, conflictDetails?.(outcome.current));
    case "forbidden":
      throw new AppError("forbidden", outcome.message);
  }
}
