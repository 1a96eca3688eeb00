import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formatPath, issuesToDetails } from "./validation.ts";

describe("formatPath", () => {
  it("writes array indices in brackets and keys with dots", () => {
    expect(formatPath(["measures", 2, "indicators", 0, "target", "value"])).toBe(
      "measures[2].indicators[0].target.value",
    );
    expect(formatPath([])).toBe("");
  });
});

describe("issuesToDetails", () => {
  it("names the file and the path inside it", () => {
    const result = z.object({ a: z.array(z.number()) }).safeParse({ a: [1, "x"] });
    expect(result.success).toBe(false);
    if (result.success) return;
    const [detail] = issuesToDetails(result.error, "plans/p.yaml");
    expect(detail?.location).toBe("plans/p.yaml: a[1]");
  });
});
