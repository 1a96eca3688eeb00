import { describe, expect, it } from "vitest";
import { mayReceive, receptionState } from "./reception-rules.ts";

describe("receptionState", () => {
  it("is closed until an admin opens the form, whatever the receivers", () => {
    expect(receptionState({ formOpen: false, receivers: 0 })).toEqual({
      open: false,
      reason: "closed",
    });
    expect(receptionState({ formOpen: false, receivers: 3 })).toEqual({
      open: false,
      reason: "closed",
    });
  });
  it("stays closed when opened without a receiver", () => {
    expect(receptionState({ formOpen: true, receivers: 0 })).toEqual({
      open: false,
      reason: "no_receiver",
    });
  });
  it("is open when opened with at least one receiver", () => {
    expect(receptionState({ formOpen: true, receivers: 1 })).toEqual({ open: true });
    expect(receptionState({ formOpen: true, receivers: 2 })).toEqual({ open: true });
  });
});

describe("mayReceive", () => {
  it("takes editors and above, never a viewer", () => {
    expect(mayReceive({ role: "viewer" })).toBe(false);
    expect(mayReceive({ role: "editor" })).toBe(true);
    expect(mayReceive({ role: "planner" })).toBe(true);
    expect(mayReceive({ role: "admin" })).toBe(true);
  });
});
