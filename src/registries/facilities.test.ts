import { describe, expect, it } from "vitest";
import {
  facilityMapDescription,
  floorAreaChartDescription,
  floorAreaTarget,
  mapFrame,
  mappedFacilities,
  percentChange,
  symbolSize,
} from "./facilities.ts";

const year = (fiscalYear: number, floorArea: number, facilities = 10) => ({
  fiscalYear,
  facilities,
  floorArea,
});

describe("公共施設、面積20%以上削減", () => {
  it("draws the line 20% below the first year shown and measures each year against it", () => {
    const t = floorAreaTarget([year(2020, 200_000), year(2021, 190_000), year(2022, 170_000)]);
    expect(t).not.toBeNull();
    expect(t!.baseYear).toBe(2020);
    expect(t!.targetArea).toBe(160_000);
    expect(t!.changes.map((c) => c.change)).toEqual([0, -0.05, -0.15]);
    expect(t!.met).toBe(false);
    expect(percentChange(-0.15)).toBe("−15.0%");
    expect(percentChange(0)).toBe("±0.0%");
  });

  it("is met when the latest year is at or below the line", () => {
    expect(floorAreaTarget([year(2020, 100), year(2025, 80)])!.met).toBe(true);
    expect(floorAreaTarget([year(2020, 100), year(2025, 80.5)])!.met).toBe(false);
  });

  it("has no line when the first year has no floor area", () => {
    expect(floorAreaTarget([year(2020, 0), year(2021, 100)])).toBeNull();
    expect(floorAreaTarget([])).toBeNull();
  });

  it("describes the chart in words, with the line", () => {
    const years = [year(2020, 200_000, 12), year(2021, 150_000, 9)];
    const text = floorAreaChartDescription(years, floorAreaTarget(years));
    expect(text).toContain("令和2年度（2020） 200,000㎡（12施設）");
    expect(text).toContain("20%減の160,000㎡");
  });
});

describe("the facility map", () => {
  const records = [
    {
      name: "市民会館",
      fields: { latitude: 36.19, longitude: 140.28, floorArea: 4000 },
      retiredOn: null,
    },
    {
      name: "旧公民館",
      fields: { latitude: 36.2, longitude: 140.3, floorArea: 1000 },
      retiredOn: "2023-03-31",
    },
    { name: "位置なし", fields: { floorArea: 500 }, retiredOn: null },
  ];

  it("maps only facilities with both coordinates, marking the retired ones", () => {
    const points = mappedFacilities(records);
    expect(points.map((p) => [p.name, p.inUse])).toEqual([
      ["市民会館", true],
      ["旧公民館", false],
    ]);
    expect(facilityMapDescription(points)).toContain("使用中 1件、廃止・終了 1件");
  });

  it("keeps a kilometre east–west as long as one north–south", () => {
    const points = mappedFacilities(records);
    const frame = mapFrame(points, 600);
    const midLat = (((frame.latMin + frame.latMax) / 2) * Math.PI) / 180;
    const kmWide = (frame.lonMax - frame.lonMin) * Math.cos(midLat);
    const kmHigh = frame.latMax - frame.latMin;
    expect(frame.height / 600).toBeCloseTo(Math.max(kmHigh / kmWide, 0.4), 1);
    expect(frame.latMin).toBeLessThan(36.19);
    expect(frame.lonMax).toBeGreaterThan(140.3);
  });

  it("sizes circles by floor area, the largest 36 px", () => {
    expect(symbolSize(4000, 4000)).toBe(36);
    expect(symbolSize(1000, 4000)).toBe(18);
    expect(symbolSize(0, 4000)).toBe(6);
  });
});
