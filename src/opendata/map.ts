/**
 * A resource's places as a map preview (pure): the rows whose 緯度 and 経度 are decimal degrees in
 * range, plotted by ECharts (core/chart.ts, SVG on the server) on longitude and latitude axes
 * that span their bounding box — no map tiles, nothing fetched. The text alternative says how
 * many places there are and the box's extent.
 */
import type { EChartsOption } from "echarts";
import type { StoredCell } from "./schema.ts";

export const LAT = "緯度";
export const LON = "経度";
/** Places drawn at most (a larger resource shows its first ones and says so). */
export const MAX_PLACES = 2000;

export interface Place {
  lat: number;
  lon: number;
  name: string | null;
}

export interface Extent {
  minLat: number;
  maxLat: number;
  minLon: number;
  maxLon: number;
}

/** Whether a table has both coordinate columns. */
export const hasCoordinates = (columns: readonly string[]) =>
  columns.includes(LAT) && columns.includes(LON);

const degrees = (v: StoredCell | undefined) => {
  if (v === null || v === undefined || v === "") return null;
  const n = typeof v === "number" ? v : Number(v);
  return Number.isFinite(n) ? n : null;
};

/** The rows' places: both coordinates numbers in range (others are left out). */
export function placesOf(columns: readonly string[], rows: readonly StoredCell[][]): Place[] {
  const lat = columns.indexOf(LAT);
  const lon = columns.indexOf(LON);
  const name = columns.indexOf("名称");
  if (lat < 0 || lon < 0) return [];
  return rows.flatMap((r) => {
    const y = degrees(r[lat]);
    const x = degrees(r[lon]);
    if (y === null || x === null || Math.abs(y) > 90 || Math.abs(x) > 180) return [];
    const n = name >= 0 ? r[name] : null;
    return [{ lat: y, lon: x, name: n === null || n === undefined ? null : String(n) }];
  });
}

export function extentOf(places: readonly Place[]): Extent {
  const lats = places.map((p) => p.lat);
  const lons = places.map((p) => p.lon);
  return {
    minLat: Math.min(...lats),
    maxLat: Math.max(...lats),
    minLon: Math.min(...lons),
    maxLon: Math.max(...lons),
  };
}

/**
 * The axes' bounds: the box with a margin (a single place or a line of places gets a box of
 * about 1 km), longitude widened or narrowed so that a degree of each has its length on the
 * ground at the box's middle latitude on a `width`×`height` drawing.
 */
export function mapBounds(e: Extent, width: number, height: number) {
  const midLat = (e.minLat + e.maxLat) / 2;
  const shrink = Math.max(0.05, Math.cos((midLat * Math.PI) / 180));
  let latSpan = Math.max(e.maxLat - e.minLat, 0.01) * 1.1;
  let lonSpan = Math.max(e.maxLon - e.minLon, 0.01) * 1.1;
  // Ground lengths: lonSpan·shrink across, latSpan up; fit the drawing's proportions.
  if ((lonSpan * shrink) / latSpan < width / height) lonSpan = (latSpan * width) / height / shrink;
  else latSpan = (lonSpan * shrink * height) / width;
  const midLon = (e.minLon + e.maxLon) / 2;
  return {
    lat: [midLat - latSpan / 2, midLat + latSpan / 2] as const,
    lon: [midLon - lonSpan / 2, midLon + lonSpan / 2] as const,
  };
}

const fixed = (n: number) => n.toFixed(4);

/** The text alternative: how many places, of how many rows, and the extent. */
export function mapDescription(title: string, places: readonly Place[], rowCount: number) {
  const e = extentOf(places);
  const drawn = places.length > MAX_PLACES ? `（先頭の ${MAX_PLACES} 地点を表示）` : "";
  return `${title}の ${places.length} 地点${drawn}（全 ${rowCount} 行のうち緯度・経度のある行）。範囲は北緯 ${fixed(e.minLat)}〜${fixed(e.maxLat)} 度、東経 ${fixed(e.minLon)}〜${fixed(e.maxLon)} 度です。`;
}

export const MAP_SIZE = { width: 640, height: 480 };

/** The ECharts option of the map: one point per place, axes in degrees, no tiles. */
export function mapOption(places: readonly Place[]): EChartsOption {
  const shown = places.slice(0, MAX_PLACES);
  const b = mapBounds(extentOf(shown), MAP_SIZE.width - 80, MAP_SIZE.height - 56);
  const axis = (name: string, [min, max]: readonly [number, number]) => ({
    type: "value" as const,
    name,
    min,
    max,
    nameTextStyle: { color: "#333" },
    axisLabel: { color: "#333", formatter: (v: number) => v.toFixed(3), hideOverlap: true },
    splitLine: { lineStyle: { color: "#ddd" } },
  });
  return {
    grid: { left: 64, right: 16, top: 24, bottom: 32 },
    xAxis: { ...axis("経度", b.lon), nameLocation: "end" },
    yAxis: { ...axis("緯度", b.lat), nameLocation: "end" },
    series: [
      {
        type: "scatter",
        silent: true,
        symbolSize: 8,
        itemStyle: { color: "#0031d8", borderColor: "#fff", borderWidth: 1 },
        data: shown.map((p) => [p.lon, p.lat]),
      },
    ],
  };
}
