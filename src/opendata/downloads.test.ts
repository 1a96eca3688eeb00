import { describe, expect, it } from "vitest";
import { counts, downloadAddress, monthInJapan, recentMonths } from "./downloads.ts";

describe("download counts", () => {
  it("knows a resource's downloads in every format and version, and nothing else", () => {
    for (const f of ["csv", "csv-sjis", "xlsx", "json", "versions/2/original"])
      expect(downloadAddress(`/082058/opendata/toilets/list/${f}`)).toEqual({
        code: "082058",
        dataset: "toilets",
        resource: "list",
      });
    for (const p of [
      "/082058/opendata/toilets",
      "/082058/opendata/toilets/datapackage.json",
      "/082058/opendata/toilets/downloads.csv",
      "/082058/opendata/toilets/list/pdf",
      "/082058/manage/opendata/toilets/list/csv",
      "/082058/opendata/toilets/list/csv/extra",
    ])
      expect(downloadAddress(p), p).toBeUndefined();
  });

  it("counts a GET answered 200, not a HEAD, an error or a 304", () => {
    expect(counts("GET", 200)).toBe(true);
    expect(counts("HEAD", 200)).toBe(false);
    expect(counts("GET", 304)).toBe(false);
    expect(counts("GET", 404)).toBe(false);
  });

  it("counts by the month in Japan", () => {
    // 2026-03-31 15:30 UTC is already 1 April in Japan.
    expect(monthInJapan(new Date("2026-03-31T15:30:00Z"))).toBe("2026-04");
    expect(monthInJapan(new Date("2026-03-31T14:59:00Z"))).toBe("2026-03");
  });

  it("lists the recent months, the latest first, across a new year", () => {
    expect(recentMonths(new Date("2026-02-10T00:00:00Z"), 4)).toEqual([
      "2026-02",
      "2026-01",
      "2025-12",
      "2025-11",
    ]);
  });
});
