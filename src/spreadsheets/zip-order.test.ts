import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { workbook } from "../../test/support/xlsx-files.ts";
import { READING_ORDER } from "./xlsx-guard.ts";
import { reorderZip } from "./zip-order.ts";

const names = async (zip: Buffer) => Object.keys((await JSZip.loadAsync(zip)).files);

describe("a zip's entries in the order a streaming reader needs", () => {
  it("puts the workbook, shared strings and styles before the sheets, keeping every part as it was", async () => {
    const original = await (await workbook()).generateAsync({
      type: "nodebuffer",
      compression: "DEFLATE",
    });
    const before = await names(original);
    expect(before.indexOf("xl/worksheets/sheet1.xml")).toBeLessThan(
      before.indexOf("xl/sharedStrings.xml"),
    );
    const reordered = reorderZip(original, READING_ORDER)!;
    expect(reordered.length).toBe(original.length);
    const after = await names(reordered);
    expect(after.slice(0, 4)).toEqual(READING_ORDER.filter((p) => before.includes(p)).slice(0, 4));
    expect(after.indexOf("xl/sharedStrings.xml")).toBeLessThan(
      after.indexOf("xl/worksheets/sheet1.xml"),
    );
    expect([...after].sort()).toEqual([...before].sort());
    const [a, b] = await Promise.all([JSZip.loadAsync(original), JSZip.loadAsync(reordered)]);
    for (const name of before)
      expect(await b.file(name)?.async("string"), name).toBe(await a.file(name)?.async("string"));
  });

  it("leaves a zip alone whose records do not lie one after another (a hidden record)", async () => {
    const original = await (await workbook()).generateAsync({ type: "nodebuffer" });
    // Bytes between the first record and the second that the central directory does not name.
    const firstEnd = original.indexOf(Buffer.from([0x50, 0x4b, 0x03, 0x04]), 4);
    const gap = Buffer.concat([
      original.subarray(0, firstEnd),
      Buffer.from("hidden"),
      original.subarray(firstEnd),
    ]);
    expect(reorderZip(gap, READING_ORDER)).toBeNull();
    expect(reorderZip(Buffer.from("not a zip at all, not even close"), READING_ORDER)).toBeNull();
  });
});
