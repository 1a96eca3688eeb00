import { describe, expect, it } from "vitest";
import {
  afterFailure,
  type Counter,
  DELAY_POLICIES,
  delayAfter,
  FORGET_ALL_AFTER_MS,
  failuresAt,
  NOTIFY_EVERY_MS,
  shouldNotify,
  waitBeforeAttempt,
  waitSeconds,
} from "./delay-rules.ts";

const account = DELAY_POLICIES.account;
const address = DELAY_POLICIES.address;
const at = (ms: number) => new Date(Date.UTC(2026, 0, 5, 9) + ms);

/** A key's counter after `n` failures, one every `everyMs` starting at 0. */
function failMany(n: number, policy = account, everyMs = 0) {
  let c: Counter | undefined;
  for (let i = 0; i < n; i++) c = afterFailure(c, policy, at(i * everyMs));
  return c!;
}

describe("the wait after each failure", () => {
  it("is none for the free failures, then 1 s doubling up to a minute", () => {
    expect([1, 2, 3, 4, 5].map((n) => delayAfter(n, account))).toEqual([0, 0, 0, 0, 0]);
    expect([6, 7, 8, 9, 10, 11, 12, 20, 1000].map((n) => delayAfter(n, account))).toEqual([
      1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000, 60_000,
    ]);
  });

  it("lets an address fail 20 times before it waits", () => {
    expect(delayAfter(20, address)).toBe(0);
    expect(delayAfter(21, address)).toBe(1000);
    expect(delayAfter(40, address)).toBe(60_000);
  });

  it("sets the next allowed time from the failure's own time", () => {
    const c = failMany(7);
    expect(c.failures).toBe(7);
    expect(c.nextAllowedAt.getTime() - c.lastFailureAt.getTime()).toBe(2000);
  });
});

describe("an attempt", () => {
  it("waits on the account's and the address's counters, the longer of the two", () => {
    const acc = failMany(8); // 4 s from its last failure
    const addr = failMany(21, address); // 1 s
    const now = acc.lastFailureAt;
    expect(waitBeforeAttempt({ account: acc, address: addr }, false, now)).toBe(4000);
    expect(waitBeforeAttempt({ address: addr }, false, now)).toBe(1000);
    expect(waitBeforeAttempt({}, false, now)).toBe(0);
    expect(waitBeforeAttempt({ account: acc }, false, at(10_000))).toBe(0);
  });

  it("from the owner's own browser waits only on that browser's failures", () => {
    const others = failMany(20);
    const now = others.lastFailureAt;
    expect(waitBeforeAttempt({ account: others, address: others }, true, now)).toBe(0);
    const own = failMany(6);
    expect(waitBeforeAttempt({ account: others, device: own }, true, own.lastFailureAt)).toBe(1000);
  });

  it("is told whole seconds, at least one", () => {
    expect([1, 999, 1000, 1001, 60_000].map(waitSeconds)).toEqual([1, 1, 1, 2, 60]);
  });
});

describe("forgetting failures", () => {
  it("forgets one failure per quiet interval, and all after a day", () => {
    const c = failMany(8);
    const last = c.lastFailureAt.getTime();
    expect(failuresAt(c, account, new Date(last + 15 * 60_000 - 1))).toBe(8);
    expect(failuresAt(c, account, new Date(last + 15 * 60_000))).toBe(7);
    expect(failuresAt(c, account, new Date(last + 3 * 15 * 60_000))).toBe(5);
    expect(failuresAt(c, account, new Date(last + FORGET_ALL_AFTER_MS))).toBe(0);
    expect(failuresAt(undefined, account, new Date(last))).toBe(0);
  });

  it("keeps an office's occasional typos from adding up at its address", () => {
    // A typo every ten minutes all day long from one address never makes anyone wait.
    const c = failMany(60, address, 10 * 60_000);
    expect(c.failures).toBe(1);
    expect(c.nextAllowedAt).toEqual(c.lastFailureAt);
  });

  it("stops counting at a limit, so a long attack is forgotten within hours", () => {
    const c = failMany(500);
    expect(c.failures).toBe(20);
    expect(failuresAt(c, account, new Date(c.lastFailureAt.getTime() + 5 * 60 * 60_000))).toBe(0);
    const a = failMany(500, address);
    expect(a.failures).toBe(35);
    expect(failuresAt(a, address, new Date(a.lastFailureAt.getTime() + 2 * 60 * 60_000))).toBe(0);
  });
});

describe("warning the owner", () => {
  it("warns at the 10th failure and then at most once an hour", () => {
    let c: Counter | undefined;
    const warned: number[] = [];
    for (let i = 1; i <= 40; i++) {
      const now = at(i * 60_000);
      c = afterFailure(c, account, now);
      if (shouldNotify(c, now)) {
        warned.push(i);
        c.notifiedAt = now;
      }
    }
    expect(warned).toEqual([10]);
    const later = at(10 * 60_000 + NOTIFY_EVERY_MS);
    c = afterFailure(c, account, later);
    expect(shouldNotify(c, later)).toBe(true);
  });

  it("does not warn for a few failures", () => {
    const c = failMany(9);
    expect(shouldNotify(c, c.lastFailureAt)).toBe(false);
  });

  it("forgets the last warning once the failures are forgotten", () => {
    const c = { ...failMany(12), notifiedAt: at(0) };
    const next = afterFailure(c, account, new Date(at(0).getTime() + FORGET_ALL_AFTER_MS));
    expect(next).toMatchObject({ failures: 1, notifiedAt: null });
  });
});
