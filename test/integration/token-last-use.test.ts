/**
 * A token's last use is written at most once per LAST_USE_INTERVAL_MS: a save through the token
 * API a moment after another leaves the time noted by the first (no write for the token), and
 * one made after the interval notes the new time. The saves themselves are all made.
 */
import { sql } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { createTokenFor, LAST_USE_INTERVAL_MS, listTokens } from "../../src/accounts/tokens.ts";
import { CLI_ACTOR } from "../../src/core/audit.ts";
import { withTenant } from "../../src/core/db/tenant.ts";
import { describeEachBackend } from "../support/app.ts";
import { DEMO } from "../support/staff.ts";

const MC = "082058";
/** Reported by the demo editor's section (actuals.test.ts). */
const OWN = "GZ-1-O1";
const FY = 2024;

describeEachBackend("a token's last use", (t) => {
  let token: string;
  let tokenId: number;
  let userId: number;
  let version = 0;

  const put = async (value: number) => {
    const res = await t.get(`/api/v1/municipalities/${MC}/indicators/${OWN}/actuals/${FY}`, {
      method: "PUT",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ value, publishedVersion: 0, draftVersion: version }),
    });
    expect(res.status).toBe(200);
    version = ((await res.json()) as { draft: { version: number } }).draft.version;
  };
  const lastUsed = async () =>
    (await listTokens(t.database.db, MC, userId)).find((x) => x.id === tokenId)!.lastUsedAt;

  beforeAll(async () => {
    const created = await createTokenFor(
      t.database.db,
      MC,
      { email: DEMO.editor.email, label: "連携" },
      CLI_ACTOR,
    );
    token = created.token;
    tokenId = created.id;
    userId = await withTenant(t.database.db, MC, async (tx) => {
      const r = await tx.execute(sql`select user_id from api_tokens where id = ${tokenId}`);
      return (r as unknown as { rows: { user_id: number }[] }).rows[0]!.user_id;
    });
  });

  it("is noted by the first request, not again within the interval, again after it", async () => {
    expect(await lastUsed()).toBeNull();
    const before = Date.now();
    await put(10);
    const first = await lastUsed();
    expect(first).not.toBeNull();
    expect(first!.getTime()).toBeGreaterThanOrEqual(before - 1000);

    await put(11);
    await put(12);
    expect((await lastUsed())!.getTime()).toBe(first!.getTime());

    // As if the last noted use were one interval ago: the next request notes its own time.
    const earlier = new Date(first!.getTime() - LAST_USE_INTERVAL_MS);
    await withTenant(t.database.db, MC, (tx) =>
      tx.execute(
        sql`update api_tokens set last_used_at = ${earlier.toISOString()} where id = ${tokenId}`,
      ),
    );
    expect((await lastUsed())!.getTime()).toBe(earlier.getTime());
    const again = Date.now();
    await put(13);
    expect((await lastUsed())!.getTime()).toBeGreaterThanOrEqual(again - 1000);
  });
});
