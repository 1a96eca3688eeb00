import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  ACTION_LABELS,
  actionLabel,
  changedFields,
  describeActor,
  RECORD_TYPE_LABELS,
  shortValue,
} from "./labels.ts";

describe("describeActor", () => {
  it("names people, tokens, the command line and the system", () => {
    expect(describeActor("user:12 someone@city.example", new Map())).toEqual({
      name: "someone@city.example",
      tokenId: undefined,
      filter: "someone@city.example",
    });
    expect(
      describeActor("user:12 someone@city.example", new Map([[12, "山田（企画課）"]])).name,
    ).toBe("山田（企画課）");
    expect(describeActor("user:12 x@y token:3")).toMatchObject({ name: "x@y", tokenId: "3" });
    expect(describeActor("cli").name).toBe("コマンド（CLI）");
    expect(describeActor("system").name).toBe("システム");
    expect(describeActor("public:letter-status")).toEqual({
      name: "投稿者（状況確認のリンクから）",
      filter: "public:letter-status",
    });
    expect(describeActor("something else").name).toBe("something else");
  });
});

describe("changedFields", () => {
  it("lists only the fields that differ", () => {
    expect(
      changedFields(
        { value: 52.1, note: null, reason: null },
        { value: 53.4, note: null, reason: "再集計" },
      ),
    ).toEqual([
      { key: "value", before: "52.1", after: "53.4" },
      { key: "reason", before: "—", after: "再集計" },
    ]);
  });

  it("shows a creation and a removal against nothing", () => {
    expect(changedFields(null, { owner: "a@b" })).toEqual([
      { key: "owner", before: "—", after: "a@b" },
    ]);
    expect(changedFields({ label: "連携" }, null)).toEqual([
      { key: "label", before: "連携", after: "—" },
    ]);
    expect(changedFields(null, null)).toEqual([]);
  });

  it("compares other values whole", () => {
    expect(changedFields([1], [2])).toEqual([{ key: "", before: "[1]", after: "[2]" }]);
  });

  it("shortens long values", () => {
    expect(shortValue("あ".repeat(50))).toBe(`${"あ".repeat(39)}…`);
    expect(shortValue({ a: 1 })).toBe('{"a":1}');
  });
});

it("labels known actions in Japanese and leaves others as written", () => {
  expect(actionLabel("plan.import")).toBe("計画の取込");
  expect(actionLabel("token.revoke")).toBe("APIトークンの取消");
  expect(actionLabel("letter.contact_erased")).toBe("たよりの投稿者の連絡先の削除");
  expect(actionLabel("future.thing")).toBe("future.thing");
});

describe("every action and record the application writes", () => {
  const written = (field: string) => {
    const found = new Set<string>();
    for (const file of readdirSync("src", { recursive: true, encoding: "utf8" })) {
      if (!/\.tsx?$/.test(file) || file.endsWith(".test.ts")) continue;
      const text = readFileSync(path.join("src", file), "utf8");
      for (const m of text.matchAll(new RegExp(`${field}: "([a-z_.]+)"`, "g"))) found.add(m[1]!);
    }
    return [...found];
  };

  it("has a Japanese name in the audit viewer", () => {
    expect(written("action").length).toBeGreaterThan(10);
    expect(written("action").filter((a) => !(a in ACTION_LABELS))).toEqual([]);
    expect(written("recordType").filter((r) => !(r in RECORD_TYPE_LABELS))).toEqual([]);
  });
});
