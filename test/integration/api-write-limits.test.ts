/**
 * Per-token limits on the API's writes, counted in the database: past the limit a write is
 * answered 429 with Retry-After before the write; another token, and the next window, may write.
 */
import { Hono } from "hono";
import { afterEach, beforeAll, expect, it, vi } from "vitest";
import { createTokenFor } from "../../src/accounts/tokens.ts";
import { apiWriteCounts } from "../../src/core/api-write-limits-schema.ts";
import { CLI_ACTOR } from "../../src/core/audit.ts";
import { withTenant } from "../../src/core/db/tenant.ts";
import { withErrorHandling } from "../../src/core/http/error-handler.tsx";
import { writeLimit } from "../../src/core/http/write-limit.ts";
import { describeEachBackend } from "../support/app.ts";
import { DEMO } from "../support/staff.ts";

const MC = "082058";

describeEachBackend("per-token limits on API writes", (t) => {
  let editor: string;
  let planner: string;
  beforeAll(async () => {
    const make = async (email: string, label: string) =>
      (await createTokenFor(t.database.db, MC, { email, label }, CLI_ACTOR)).token;
    editor = await make(DEMO.editor.email, "上限");
    planner = await make(DEMO.planner.email, "上限2");
  });
  afterEach(() => vi.unstubAllEnvs());

  const put = (token: string, value: number) =>
    t.api.PUT("/municipalities/{code}/indicators/{indicatorCode}/actuals/{fiscalYear}", {
      params: { path: { code: MC, indicatorCode: "GZ-1-O1", fiscalYear: 2024 } },
      body: { value },
      headers: { authorization: `Bearer ${token}` },
    });

  it("answers 429 with Retry-After past the limit, per token", async () => {
    vi.stubEnv("SHISAKU_API_WRITES_PER_MINUTE", "2");
    // A minute's window may just be turning: then the count starts again, and so does this.
    const refused = await (async () => {
      for (let i = 0; i < 6; i++) {
        const r = await put(editor, 10 + i);
        if (r.response.status === 429) return { r, value: 10 + i };
        expect(r.response.status).toBe(200);
      }
      throw new Error("never refused");
    })();
    expect(refused.r.error?.error.code).toBe("too_many_requests");
    expect(refused.r.error?.error.message).toContain("60秒に2件まで");
    const retry = Number(refused.r.response.headers.get("retry-after"));
    expect(retry).toBeGreaterThanOrEqual(1);
    expect(retry).toBeLessThanOrEqual(60);
    expect(refused.r.response.headers.get("cache-control")).toBe("private, no-store");
    // Another token of the same municipality is counted apart.
    expect((await put(planner, 99)).response.status).toBe(200);

    const rows = await withTenant(t.database.db, MC, (tx) => tx.select().from(apiWriteCounts));
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.every((r) => r.tokenHash.length === 64 && !r.tokenHash.includes(editor))).toBe(
      true,
    );
  });

  it("lets the token write again in the next window, counted in the database", async () => {
    let now = new Date("2026-06-01T00:00:10Z");
    const app = withErrorHandling(new Hono());
    app.put(
      "/:code/w",
      writeLimit(t.database.db, { max: 1, windowSeconds: 60, now: () => now }),
      (c) => c.text("ok"),
    );
    const write = () =>
      app.request(`/${MC}/w`, { method: "PUT", headers: { authorization: "Bearer window-test" } });
    expect((await write()).status).toBe(200);
    const refused = await write();
    expect(refused.status).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("50");
    now = new Date("2026-06-01T00:01:00Z");
    expect((await write()).status).toBe(200);
    // A second process (another app on the same database) sees the same count.
    const other = withErrorHandling(new Hono());
    other.put("/:code/w", writeLimit(t.database.db, { max: 1, now: () => now }), (c) =>
      c.text("ok"),
    );
    const fromOther = await other.request(`/${MC}/w`, {
      method: "PUT",
      headers: { authorization: "Bearer window-test" },
    });
    expect(fromOther.status).toBe(429);
  });
});
