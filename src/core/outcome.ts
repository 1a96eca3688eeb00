/**
 * The one shape of a write. Every action is `verb(ctx, input)`: it validates its input, checks
 * the person may, runs in one tenant transaction with its audit entries, and returns an Outcome.
 * Pages answer an Outcome with `answer` (core/http/answer.ts), the API with `apiAnswer`.
 */
import type { Actor } from "./audit.ts";
import type { Db } from "./db/client.ts";
import type { ErrorDetail } from "./errors.ts";

/** Who acts, for whom, with what: the first argument of every action. */
export interface ActionContext<Who = unknown> {
  db: Db;
  /** The municipality's code (全国地方公共団体コード); every row written carries it. */
  municipality: string;
  who: Who;
  actor: Actor;
}

export type Outcome<T = undefined, Current = unknown> =
  /** Written, with what was written. */
  | { status: "saved"; value: T }
  /** Nothing differed from what is saved: nothing written, no audit entry. */
  | { status: "unchanged"; value?: T }
  /** The input breaks a rule: each detail names its field. Nothing written. */
  | { status: "invalid"; message: string; details: ErrorDetail[] }
  /** Someone saved first: the input was made on an older version. Nothing written. */
  | { status: "conflict"; message: string; current: Current }
  /** The person may not take this action. Nothing written. */
  | { status: "forbidden"; message: string };

export const saved = <T>(value: T) => ({ status: "saved", value }) as const;
export const unchanged = <T>(value?: T) => ({ status: "unchanged", value }) as const;
export const invalid = (details: ErrorDetail[], message = "入力内容を確認してください") =>
  ({ status: "invalid", message, details }) as const;
export const conflict = <C>(current: C, message = "ほかの人が先に保存しました") =>
  ({ status: "conflict", message, current }) as const;
export const forbidden = (message: string) => ({ status: "forbidden", message }) as const;

/** What a validation gives: the checked value, or the fields that break a rule. */
export type Checked<T> = { ok: true; value: T } | { ok: false; details: ErrorDetail[] };
