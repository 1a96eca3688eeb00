import { describe, expect, it } from "vitest";
import { type NodeFields, nodeChanges, nodeFieldLabels, readNodeForm } from "./node-edit.ts";

const node = (level?: string): NodeFields => ({
  ...(level ? { level } : {}),
  title: "資源化の推進",
  summary: null,
  description: "回収拠点を増やします。",
  note: null,
  priority: false,
  challenge: false,
  sections: [],
  texts: [],
});

describe("a node's fields named by its level", () => {
  it("names Ishioka's initiative 取組内容 and a plan's 主要施策 by its own name", () => {
    expect(nodeFieldLabels("具体的な取組")).toMatchObject({
      description: "取組内容",
      challenge: "チャレンジする取組",
    });
    expect(nodeFieldLabels("主要施策")).toMatchObject({
      description: "主要施策内容",
      challenge: "チャレンジする主要施策",
    });
    // A draft saved before levels were kept: the default 3rd level's words.
    expect(nodeFieldLabels(undefined).description).toBe("取組内容");
  });

  it("shows a change and an error with the level's words", () => {
    const before = node("主要施策");
    const read = readNodeForm({ title: "資源化の推進", description: "x".repeat(4001) }, before, []);
    expect(read).toEqual({
      errors: [
        {
          location: "description",
          message: "主要施策内容は4000文字以内にしてください（4001文字）",
        },
      ],
    });
    const ok = readNodeForm(
      { title: "資源化の推進", description: "拠点を倍にします。", challenge: "on" },
      before,
      [],
    );
    if (!("fields" in ok)) throw new Error("expected fields");
    expect(ok.fields.level).toBe("主要施策");
    expect(nodeChanges(before, ok.fields, new Map()).map((c) => c.label)).toEqual([
      "主要施策内容",
      "チャレンジする主要施策",
    ]);
  });
});
