import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startPeriodic } from "./periodic.ts";

describe("periodic work", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("runs first after the delay, then at each interval, and stops when told", async () => {
    const run = vi.fn(async () => {});
    const stop = startPeriodic("test", run, { everyMs: 1000, firstAfterMs: 100 });
    await vi.advanceTimersByTimeAsync(99);
    expect(run).toHaveBeenCalledTimes(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(run).toHaveBeenCalledTimes(3);
    stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(run).toHaveBeenCalledTimes(3);
  });

  it("never starts a run while the last one is still going, and goes on after a failure", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    let finish = () => {};
    let calls = 0;
    const run = vi.fn(() => {
      calls++;
      if (calls === 1) return new Promise<void>((resolve) => (finish = resolve));
      return Promise.reject(new Error("boom"));
    });
    const stop = startPeriodic("the job failed", run, { everyMs: 100, firstAfterMs: 100 });
    await vi.advanceTimersByTimeAsync(500);
    expect(run).toHaveBeenCalledTimes(1);
    finish();
    await vi.advanceTimersByTimeAsync(100);
    expect(run).toHaveBeenCalledTimes(2);
    expect(errors).toHaveBeenCalledWith("the job failed:", expect.any(Error));
    await vi.advanceTimersByTimeAsync(100);
    expect(run).toHaveBeenCalledTimes(3);
    stop();
    errors.mockRestore();
  });
});
