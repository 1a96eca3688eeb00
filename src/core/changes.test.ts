import { describe, expect, it } from "vitest";
import { ANY, changed, changePayload, feedOf, MAX_MEMOS, parseChangePayload } from "./changes.ts";
import type { Db } from "./db/client.ts";

const MC = "082058";
const newDb = () => ({}) as Db;

/** A memo of the registry kind: shows indicators, patches changed values. */
function registryMemo(db: Db) {
  const calls = { computed: 0, patched: [] as number[][] };
  const read = () =>
    feedOf(db).memo(
      MC,
      "registry",
      async () => {
        calls.computed++;
        return { patched: [] as number[] };
      },
      {
        topics: ["indicators"],
        patch: async (old, ids) => {
          calls.patched.push([...ids].sort());
          return { patched: [...old.patched, ...ids] };
        },
      },
    );
  return { calls, read };
}

describe("data versions by topic", () => {
  it("keeps what shows the registry across a change of letters that touched no indicator", async () => {
    const db = newDb();
    const { calls, read } = registryMemo(db);
    await read();
    const registry = feedOf(db).version(MC, ["indicators"]);
    const all = feedOf(db).version(MC);
    changed(db, [MC], { topic: "letters", indicatorIds: [] });
    await read();
    expect(calls).toEqual({ computed: 1, patched: [] });
    expect(feedOf(db).version(MC, ["indicators"])).toBe(registry);
    expect(feedOf(db).version(MC)).toBe(all + 1);
    expect(feedOf(db).version(ANY)).toBeGreaterThan(0);
  });

  it("patches the registry with the indicators a publish of values changed, once per read", async () => {
    const db = newDb();
    const { calls, read } = registryMemo(db);
    await read();
    changed(db, [MC], { topic: "indicators", indicatorIds: [7] });
    changed(db, [MC], { topic: "letters", indicatorIds: [] });
    changed(db, [MC], { topic: "indicators", indicatorIds: [3, 7] });
    expect((await read()).patched.sort()).toEqual([3, 7]);
    await read();
    expect(calls).toEqual({ computed: 1, patched: [[3, 7]] });
  });

  it("patches the indicators a letter recomputed, and moves the registry's version", async () => {
    const db = newDb();
    const { calls, read } = registryMemo(db);
    await read();
    const before = feedOf(db).version(MC, ["indicators"]);
    changed(db, [MC], { topic: "letters", indicatorIds: [5] });
    await read();
    expect(calls).toEqual({ computed: 1, patched: [[5]] });
    expect(feedOf(db).version(MC, ["indicators"])).toBe(before + 1);
  });

  it("computes it again after a change of everything or of definitions", async () => {
    const db = newDb();
    const { calls, read } = registryMemo(db);
    await read();
    changed(db, [MC]);
    await read();
    changed(db, [MC], { topic: "indicators" });
    await read();
    expect(calls).toEqual({ computed: 3, patched: [] });
  });

  it("computes it again when more changes happened than the log keeps", async () => {
    const db = newDb();
    const { calls, read } = registryMemo(db);
    await read();
    for (let i = 0; i < 100; i++) changed(db, [MC], { topic: "indicators", indicatorIds: [i] });
    await read();
    expect(calls.computed).toBe(2);
  });

  it("drops a memo that shows everything on any change of its municipality only", async () => {
    const db = newDb();
    let n = 0;
    const read = (mc: string) => feedOf(db).memo(mc, "all", async () => ++n);
    expect(await read(MC)).toBe(1);
    changed(db, ["082015"], { topic: "letters" });
    expect(await read(MC)).toBe(1);
    changed(db, [MC], { topic: "letters", indicatorIds: [] });
    expect(await read(MC)).toBe(2);
  });
});

describe("memos kept in memory", () => {
  it("keeps at most MAX_MEMOS, dropping the least recently read first", async () => {
    const db = newDb();
    const computed: string[] = [];
    const read = (mc: string) =>
      feedOf(db).memo(mc, "registry", async () => {
        computed.push(mc);
        return mc;
      });
    const codes = Array.from({ length: MAX_MEMOS + 1 }, (_, i) => String(100000 + i));
    for (const mc of codes.slice(0, MAX_MEMOS)) await read(mc);
    await read(codes[0]!); // read again: now the most recent
    await read(codes[MAX_MEMOS]!); // one more than fits: the least recently read goes
    computed.length = 0;
    await read(codes[0]!);
    await read(codes[2]!);
    await read(codes[1]!);
    expect(computed).toEqual([codes[1]]);
  });
});

describe("change payloads (NOTIFY)", () => {
  it("carries the topic and the indicators", () => {
    for (const change of [
      {},
      { topic: "letters" as const },
      { topic: "letters" as const, indicatorIds: [] },
      { topic: "indicators" as const, indicatorIds: [1, 22, 333] },
    ])
      expect(parseChangePayload(changePayload(MC, change))).toEqual([MC, change]);
  });

  it("sends too many indicators as their whole topic, or as everything for another topic", () => {
    const many = Array.from({ length: 600 }, (_, i) => i);
    expect(changePayload(MC, { topic: "indicators", indicatorIds: many })).toBe(`${MC} indicators`);
    expect(changePayload(MC, { topic: "letters", indicatorIds: many })).toBe(MC);
  });

  it("reads an unknown topic or a bad id as a change of everything of its topic", () => {
    expect(parseChangePayload(`${MC} weather`)).toEqual([MC, {}]);
    expect(parseChangePayload(`${MC} indicators 1,x`)).toEqual([MC, { topic: "indicators" }]);
  });
});
