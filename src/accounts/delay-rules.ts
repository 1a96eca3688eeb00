/**
 * Slowing sign-in guesses down without locking the owner out: the pure rules. Storage is in
 * sign-in-delays.ts; nothing here reads a clock or a database.
 *
 * Failures are counted under three keys:
 * - `account`: the e-mail typed, whoever typed it, from wherever (an unknown e-mail is counted
 *   the same, so the answers never tell whether an account exists);
 * - `address`: the client's address (see core/http/client-address.ts), whatever e-mail it tries;
 * - `device`: a browser that has signed in to the account before and shows it (a cookie): the
 *   owner's own browsers, counted apart from everyone else's.
 *
 * Each key has some failures free; after those, each failure makes the key wait before its next
 * attempt, 1 s doubling up to a short cap. An attempt during a wait is answered "wait N seconds"
 * without checking the password, the right one included; the wait is short and says how long,
 * so it slows a guesser (about 60 guesses an hour per account, whatever the number of addresses)
 * and only delays the owner. Failures are forgotten one at a time as time passes; a success
 * clears the account's and the browser's count, not the address's (below).
 *
 * The owner's own browser does not wait on the account's and the address's counters, only on
 * its own: someone who keeps failing for a known staff address, or shares an office's address,
 * cannot keep its owner waiting there.
 */
import type { SignInCounterKind } from "./schema.ts";

export interface Counter {
  failures: number;
  lastFailureAt: Date;
  nextAllowedAt: Date;
  notifiedAt: Date | null;
}

export interface DelayPolicy {
  /** Failures without any wait. */
  free: number;
  /** The wait after the first failure beyond the free ones; it doubles with each further one. */
  baseMs: number;
  /** The longest wait. */
  capMs: number;
  /** One failure is forgotten per this much time without failures. */
  forgetOneEveryMs: number;
}

const SECOND = 1000;
const MINUTE = 60 * SECOND;

export const DELAY_POLICIES: Record<SignInCounterKind, DelayPolicy> = {
  // The owner mistyping a few times never waits; a guesser soon waits a minute between guesses.
  account: { free: 5, baseMs: SECOND, capMs: MINUTE, forgetOneEveryMs: 15 * MINUTE },
  // One address may be a whole office behind one router: more free failures, forgotten sooner.
  address: { free: 20, baseMs: SECOND, capMs: MINUTE, forgetOneEveryMs: 3 * MINUTE },
  device: { free: 5, baseMs: SECOND, capMs: MINUTE, forgetOneEveryMs: 15 * MINUTE },
};

/**
 * Counts stop growing this far beyond the free failures (the wait reached its cap long before),
 * so that even a long attack is forgotten within hours.
 */
const COUNTED_BEYOND_FREE = 15;

/** The owner is mailed when an account's count reaches this, then at most once per interval. */
export const NOTIFY_AT = 10;
export const NOTIFY_EVERY_MS = 60 * MINUTE;

/** Rows whose last failure is older than this count as no failures and are deleted. */
export const FORGET_ALL_AFTER_MS = 24 * 60 * MINUTE;

/** The failures a key still carries at `now`: its count less those forgotten since. */
export function failuresAt(c: Counter | undefined, policy: DelayPolicy, now: Date): number {
  if (!c) return 0;
  const quiet = now.getTime() - c.lastFailureAt.getTime();
  if (quiet >= FORGET_ALL_AFTER_MS) return 0;
  return Math.max(0, c.failures - Math.max(0, Math.floor(quiet / policy.forgetOneEveryMs)));
}

/** The wait that follows a key's `failures`-th failure. */
export function delayAfter(failures: number, policy: DelayPolicy): number {
  const beyond = failures - policy.free;
  if (beyond <= 0) return 0;
  return Math.min(policy.baseMs * 2 ** Math.min(beyond - 1, 30), policy.capMs);
}

/** Milliseconds before a key may try again (0: now). */
export const waitOf = (c: Counter | undefined, now: Date) =>
  c ? Math.max(0, c.nextAllowedAt.getTime() - now.getTime()) : 0;

/** The counters that govern an attempt; `device` only when the browser proved it knows the account. */
export interface AttemptCounters {
  account?: Counter;
  address?: Counter;
  device?: Counter;
}

/**
 * Milliseconds before this attempt may be taken (0: check the password now). The owner's own
 * browser waits only on its own failures; anyone else on the account's and the address's.
 */
export function waitBeforeAttempt(
  counters: AttemptCounters,
  knownDevice: boolean,
  now: Date,
): number {
  if (knownDevice) return waitOf(counters.device, now);
  return Math.max(waitOf(counters.account, now), waitOf(counters.address, now));
}

/** A key's counter after one more failure at `now`. */
export function afterFailure(
  c: Counter | undefined,
  policy: DelayPolicy,
  now: Date,
): Counter & { failures: number } {
  const failures = Math.min(failuresAt(c, policy, now) + 1, policy.free + COUNTED_BEYOND_FREE);
  return {
    failures,
    lastFailureAt: now,
    nextAllowedAt: new Date(now.getTime() + delayAfter(failures, policy)),
    notifiedAt: c && failuresAt(c, policy, now) > 0 ? c.notifiedAt : null,
  };
}

/**
 * Whether a failure that left the account at `after` should mail its owner: from the
 * NOTIFY_AT-th failure in a row, at most once per NOTIFY_EVERY_MS.
 */
export const shouldNotify = (after: Counter, now: Date) =>
  after.failures >= NOTIFY_AT &&
  (after.notifiedAt === null || now.getTime() - after.notifiedAt.getTime() >= NOTIFY_EVERY_MS);

/**
 * What a successful sign-in clears: the account's failures and its browser's (the person has
 * shown they know the password), but not the address's. An address counts guesses at many
 * accounts; if a success cleared it, whoever holds one account of their own (in any
 * municipality) could sign in between guesses and never be slowed. The address's failures are
 * forgotten with time instead, one every few minutes, which an office's occasional typos never
 * outpace.
 */
export const CLEARED_BY_SUCCESS: readonly SignInCounterKind[] = ["account", "device"];

/** Whole seconds to tell the person (at least 1 for any wait). */
export const waitSeconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
