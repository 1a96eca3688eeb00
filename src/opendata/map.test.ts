import { describe, expect, it } from "vitest";
import { extentOf, MAX_PLACES, mapBounds, mapDescription, mapOption, placesOf } from "./map.ts";

const columns = ["名称", "緯度", "経度"];

describe("the map preview", () => {
  it("takes the rows whose 緯度 and 経度 are degrees in range", () => {
    const places = placesOf(columns, [
      ["A", 36.19, 140.28],
      ["B", "36.2", "140.3"],
      ["no latitude", null, 140.3],
      ["out of range", 95, 140.3],
      ["words", "北緯36度", 140.3],
    ]);
    expect(places).toEqual([
      { lat: 36.19, lon: 140.28, name: "A" },
      { lat: 36.2, lon: 140.3, name: "B" },
    ]);
    expect(placesOf(["名称", "住所"], [["A", "x"]])).toEqual([]);
  });

  it("bounds the axes around every place, in the drawing's proportions on the ground", () => {
    const places = placesOf(columns, [
      ["A", 36.1, 140.2],
      ["B", 36.3, 140.4],
    ]);
    const b = mapBounds(extentOf(places), 400, 300);
    for (const p of places) {
      expect(p.lat).toBeGreaterThan(b.lat[0]);
      expect(p.lat).toBeLessThan(b.lat[1]);
      expect(p.lon).toBeGreaterThan(b.lon[0]);
      expect(p.lon).toBeLessThan(b.lon[1]);
    }
    const ground =
      ((b.lon[1] - b.lon[0]) * Math.cos((36.2 * Math.PI) / 180)) / (b.lat[1] - b.lat[0]);
    expect(ground).toBeCloseTo(400 / 300, 5);
    // One place still gets a box around it.
    const one = mapBounds(extentOf(places.slice(0, 1)), 400, 300);
    expect(one.lat[1] - one.lat[0]).toBeGreaterThan(0);
  });

  it("says how many places of how many rows, and the extent", () => {
    const places = placesOf(columns, [
      ["A", 36.1, 140.2],
      ["B", 36.3, 140.4],
    ]);
    expect(mapDescription("公衆トイレ", places, 3)).toBe(
      "公衆トイレの 2 地点（全 3 行のうち緯度・経度のある行）。範囲は北緯 36.1000〜36.3000 度、東経 140.2000〜140.4000 度です。",
    );
  });

  it("draws at most MAX_PLACES points", () => {
    const many = Array.from({ length: MAX_PLACES + 5 }, (_, i) => ({
      lat: 36 + i / 1e5,
      lon: 140,
      name: null,
    }));
    const series = mapOption(many).series as { data: unknown[] }[];
    expect(series[0]!.data).toHaveLength(MAX_PLACES);
    expect(mapDescription("x", many, many.length)).toContain(`先頭の ${MAX_PLACES} 地点を表示`);
  });
});
