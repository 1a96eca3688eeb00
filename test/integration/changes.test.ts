import { expect, it } from "vitest";
import { announceChange, feedOf, followChanges } from "../../src/core/changes.ts";
import { describeEachBackend } from "../support/app.ts";

const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
};

describeEachBackend("data versions across processes", (t) => {
  it("moves a municipality's version when another writer's transaction commits, not before", async () => {
    const feed = feedOf(t.database.db);
    const unfollow = await followChanges(t.database);
    try {
      const before = feed.version("082058");
      let inside = -1;
      await t.database.db.transaction(async (tx) => {
        await announceChange(tx, "082058");
        await new Promise((r) => setTimeout(r, 100));
        inside = feed.version("082058");
      });
      expect(inside).toBe(before);
      await until(() => feed.version("082058") === before + 1);
      expect(feed.version("082015")).toBe(0);
    } finally {
      await unfollow();
    }
  });

  it("does not move it when the writer rolls back", async () => {
    const feed = feedOf(t.database.db);
    const unfollow = await followChanges(t.database);
    try {
      const before = feed.version("082058");
      await expect(
        t.database.db.transaction(async (tx) => {
          await announceChange(tx, "082058");
          throw new Error("rolled back");
        }),
      ).rejects.toThrow("rolled back");
      await new Promise((r) => setTimeout(r, 300));
      expect(feed.version("082058")).toBe(before);
    } finally {
      await unfollow();
    }
  });

  it("carries what changed: a letter moves the municipality's version, not the registry's", async () => {
    const feed = feedOf(t.database.db);
    const unfollow = await followChanges(t.database);
    try {
      const all = feed.version("082058");
      const registry = feed.version("082058", ["indicators"]);
      await t.database.db.transaction(async (tx) => {
        await announceChange(tx, "082058", { topic: "letters", indicatorIds: [] });
      });
      await until(() => feed.version("082058") === all + 1);
      expect(feed.version("082058", ["indicators"])).toBe(registry);
      await t.database.db.transaction(async (tx) => {
        await announceChange(tx, "082058", { topic: "indicators", indicatorIds: [1, 2] });
      });
      await until(() => feed.version("082058", ["indicators"]) === registry + 1);
    } finally {
      await unfollow();
    }
  });
});
