/**
 * The facilities registry's two pictures, as pure rules: the floor area by year against the
 * plan's 「面積20%以上削減」 line, and a map of the facilities drawn from their own coordinates
 * (no map tiles: a scatter of longitude and latitude, scaled so that distances look right).
 */
import type { EChartsOption } from "echarts";
import { fiscalYearLabel, shortFiscalYearLabel } from "../core/fiscal-year.ts";
import { formatNumber } from "../core/format.ts";

/** The plan's goal for the facilities: 面積20%以上削減. */
export const FLOOR_AREA_REDUCTION = 0.2;

export interface FloorAreaYear {
  fiscalYear: number;
  facilities: number;
  floorArea: number;
}

export interface FloorAreaTarget {
  /** The first year shown, the one the reduction is measured from. */
  baseYear: number;
  baseArea: number;
  /** baseArea × (1 − reduction). */
  targetArea: number;
  /** Each year's change against the base year, as a share (−0.05 is 5% less). */
  changes: { fiscalYear: number; change: number | null }[];
  /** The latest year's reduction reached the target. */
  met: boolean;
}

/** The −20% line from the first year shown; null when that year has no floor area. */
export function floorAreaTarget(
  years: readonly FloorAreaYear[],
  reduction = FLOOR_AREA_REDUCTION,
): FloorAreaTarget | null {
  const base = years[0];
  if (!base || base.floorArea <= 0) return null;
  const targetArea = base.floorArea * (1 - reduction);
  const changes = years.map((y) => ({
    fiscalYear: y.fiscalYear,
    change: (y.floorArea - base.floorArea) / base.floorArea,
  }));
  const last = years.at(-1)!;
  return {
    baseYear: base.fiscalYear,
    baseArea: base.floorArea,
    targetArea,
    changes,
    met: last.floorArea <= targetArea,
  };
}

export const percentChange = (change: number | null) =>
  change === null
    ? "—"
    : `${change > 0 ? "+" : change < 0 ? "−" : "±"}${formatNumber(Math.abs(change) * 100, 1)}%`;

export function floorAreaChartOption(
  years: readonly FloorAreaYear[],
  target: FloorAreaTarget | null,
): EChartsOption {
  return {
    grid: { left: 90, right: 24, top: 40, bottom: 40 },
    legend: { top: 0 },
    xAxis: { type: "category", data: years.map((y) => shortFiscalYearLabel(y.fiscalYear)) },
    yAxis: {
      type: "value",
      name: "㎡",
      min: 0,
      axisLabel: { formatter: (v: number) => formatNumber(v, 0) },
    },
    series: [
      {
        name: "延床面積",
        type: "bar",
        data: years.map((y) => y.floorArea),
        itemStyle: { color: "#0031d8" },
        markLine: target
          ? {
              symbol: "none",
              label: {
                formatter: `${fiscalYearLabel(target.baseYear)}から20%減`,
                position: "insideEndTop",
              },
              lineStyle: { type: "dashed", color: "#ec0000", width: 2 },
              data: [{ yAxis: target.targetArea }],
            }
          : undefined,
      },
    ],
  };
}

export function floorAreaChartDescription(
  years: readonly FloorAreaYear[],
  target: FloorAreaTarget | null,
): string {
  const parts = years.map(
    (y) =>
      `${fiscalYearLabel(y.fiscalYear)} ${formatNumber(y.floorArea, 0)}㎡（${y.facilities}施設）`,
  );
  const line = target
    ? `目標の線は${fiscalYearLabel(target.baseYear)}の${formatNumber(target.baseArea, 0)}㎡から20%減の${formatNumber(target.targetArea, 0)}㎡。`
    : "";
  return `延床面積の合計（各年度の3月31日に使用中の施設）：${parts.join("、")}。${line}`;
}

export interface MappedFacility {
  name: string;
  latitude: number;
  longitude: number;
  floorArea: number;
  inUse: boolean;
}

/** The facilities that have both coordinates, with their floor area and whether in use. */
export function mappedFacilities(
  records: readonly {
    name: string;
    fields: Record<string, unknown>;
    retiredOn: string | null;
  }[],
): MappedFacility[] {
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
  return records.flatMap((r) => {
    const latitude = num(r.fields.latitude);
    const longitude = num(r.fields.longitude);
    if (latitude === null || longitude === null) return [];
    return [
      {
        name: r.name,
        latitude,
        longitude,
        floorArea: num(r.fields.floorArea) ?? 0,
        inUse: r.retiredOn === null,
      },
    ];
  });
}

/**
 * The map's frame: the facilities' extent with a margin, and the height that keeps a kilometre
 * east–west as long as a kilometre north–south at their latitude.
 */
export function mapFrame(points: readonly MappedFacility[], width: number) {
  const lats = points.map((p) => p.latitude);
  const lons = points.map((p) => p.longitude);
  const pad = (lo: number, hi: number) => Math.max((hi - lo) * 0.08, 0.005);
  const [latMin, latMax] = [Math.min(...lats), Math.max(...lats)];
  const [lonMin, lonMax] = [Math.min(...lons), Math.max(...lons)];
  const latPad = pad(latMin, latMax);
  const lonPad = pad(lonMin, lonMax);
  const frame = {
    latMin: latMin - latPad,
    latMax: latMax + latPad,
    lonMin: lonMin - lonPad,
    lonMax: lonMax + lonPad,
  };
  const midLat = ((frame.latMin + frame.latMax) / 2) * (Math.PI / 180);
  const ratio = (frame.latMax - frame.latMin) / ((frame.lonMax - frame.lonMin) * Math.cos(midLat));
  const height = Math.round(Math.min(Math.max(width * ratio, 240), width * 1.5));
  return { ...frame, height };
}

/** Circle area grows with the floor area (the largest facility 36 px across). */
export const symbolSize = (floorArea: number, largest: number) =>
  largest > 0 ? Math.max(6, Math.round(36 * Math.sqrt(floorArea / largest))) : 8;

export function facilityMapOption(
  points: readonly MappedFacility[],
  frame: ReturnType<typeof mapFrame>,
): EChartsOption {
  const largest = Math.max(0, ...points.map((p) => p.floorArea));
  const series = (inUse: boolean, name: string, color: string) => ({
    name,
    type: "scatter" as const,
    data: points
      .filter((p) => p.inUse === inUse)
      .map((p) => ({
        name: p.name,
        value: [p.longitude, p.latitude, p.floorArea],
        symbolSize: symbolSize(p.floorArea, largest),
      })),
    itemStyle: { color, opacity: 0.75, borderColor: "#1a1a1c", borderWidth: 1 },
    label: {
      show: points.length <= 30,
      formatter: "{b}",
      position: "right" as const,
      fontSize: 11,
    },
  });
  return {
    grid: { left: 16, right: 16, top: 36, bottom: 16 },
    legend: { top: 0 },
    xAxis: { type: "value", min: frame.lonMin, max: frame.lonMax, show: false },
    yAxis: { type: "value", min: frame.latMin, max: frame.latMax, show: false },
    series: [series(true, "使用中", "#0031d8"), series(false, "廃止・終了", "#767676")],
  };
}

export function facilityMapDescription(points: readonly MappedFacility[]): string {
  const inUse = points.filter((p) => p.inUse).length;
  return `緯度・経度のある施設 ${points.length}件の位置（使用中 ${inUse}件、廃止・終了 ${points.length - inUse}件）。円の大きさは延床面積。北が上。施設の一覧は下の表にあります。`;
}
