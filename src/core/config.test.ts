import { describe, expect, it } from "vitest";
import { DEFAULT_LETTER_RETENTION_DAYS, letterRetentionDays, loadConfig } from "./config.ts";

describe("SHISAKU_LETTER_RETENTION_DAYS", () => {
  it("defaults to 365 days when unset, empty or 0", () => {
    expect(DEFAULT_LETTER_RETENTION_DAYS).toBe(365);
    for (const raw of [undefined, "", " ", "0", "00"])
      expect(letterRetentionDays(raw), String(raw)).toBe(365);
    expect(loadConfig({}).letterRetentionDays).toBe(365);
  });

  it("takes a whole number of days", () => {
    expect(letterRetentionDays("30")).toBe(30);
    expect(letterRetentionDays(" 1095 ")).toBe(1095);
    expect(loadConfig({ SHISAKU_LETTER_RETENTION_DAYS: "730" }).letterRetentionDays).toBe(730);
  });

  it("refuses anything else, naming the variable", () => {
    for (const raw of ["-1", "1.5", "abc", "1e3", "36501"])
      expect(() => letterRetentionDays(raw), raw).toThrow(/SHISAKU_LETTER_RETENTION_DAYS/);
  });
});
