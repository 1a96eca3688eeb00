import { describe, expect, it } from "vitest";
import { FailureLimiter } from "./rate-limit.ts";

describe("FailureLimiter", () => {
  it("blocks a key after the allowed failures until its window ends", () => {
    let now = 0;
    const limiter = new FailureLimiter(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.blockedFor("a")).toBe(0);
      limiter.fail("a");
    }
    expect(limiter.blockedFor("a")).toBe(60);
    expect(limiter.blockedFor("b")).toBe(0);
    now = 59_001;
    expect(limiter.blockedFor("a")).toBe(1);
    now = 60_000;
    expect(limiter.blockedFor("a")).toBe(0);
  });

  it("forgets a key's failures after a success", () => {
    const limiter = new FailureLimiter(2, 60_000);
    limiter.fail("a");
    limiter.reset("a");
    limiter.fail("a");
    expect(limiter.blockedFor("a")).toBe(0);
  });
});
