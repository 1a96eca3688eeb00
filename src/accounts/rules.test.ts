import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password.ts";
import {
  hasRole,
  normalizeEmail,
  SESSION_ABSOLUTE_MS,
  SESSION_IDLE_MS,
  SESSION_TOUCH_MS,
  sessionAlive,
  sessionNeedsTouch,
} from "./rules.ts";

describe("roles are cumulative", () => {
  it.each([
    ["admin", "planner", true],
    ["planner", "editor", true],
    ["editor", "viewer", true],
    ["editor", "planner", false],
    ["viewer", "editor", false],
    ["planner", "admin", false],
  ] as const)("%s may act as %s: %s", (role, atLeast, expected) => {
    expect(hasRole(role, atLeast)).toBe(expected);
  });
});

describe("sessions", () => {
  const start = new Date("2026-04-01T09:00:00+09:00");
  const s = { lastSeenAt: start, expiresAt: new Date(start.getTime() + SESSION_ABSOLUTE_MS) };
  it("end after being idle", () => {
    expect(sessionAlive(s, new Date(start.getTime() + SESSION_IDLE_MS - 1))).toBe(true);
    expect(sessionAlive(s, new Date(start.getTime() + SESSION_IDLE_MS))).toBe(false);
  });
  it("record their use at most once a minute", () => {
    expect(sessionNeedsTouch(start, new Date(start.getTime() + SESSION_TOUCH_MS - 1))).toBe(false);
    expect(sessionNeedsTouch(start, new Date(start.getTime() + SESSION_TOUCH_MS))).toBe(true);
  });
  it("end at the absolute expiry even when in use", () => {
    const busy = { ...s, lastSeenAt: new Date(s.expiresAt.getTime() - 1000) };
    expect(sessionAlive(busy, new Date(s.expiresAt.getTime()))).toBe(false);
  });
});

describe("passwords", () => {
  it("are hashed with argon2id and verified", async () => {
    const h = await hashPassword("correct horse battery staple");
    expect(h.startsWith("$argon2id$")).toBe(true);
    expect(await verifyPassword(h, "correct horse battery staple")).toBe(true);
    expect(await verifyPassword(h, "wrong")).toBe(false);
    expect(await verifyPassword("not a hash", "x")).toBe(false);
  });
  it("e-mail addresses compare without case or full-width letters", () => {
    expect(normalizeEmail(" Ｓｅｉｓａｋｕ@City.Example.JP ")).toBe("seisaku@city.example.jp");
  });
});
