/** The facilities page's chart and map, rendered to SVG on the server from the records. */
import { renderChartSvg } from "../core/chart.ts";
import { fiscalYearInJapan } from "../core/fiscal-year.ts";
import {
  facilityMapDescription,
  facilityMapOption,
  floorAreaChartDescription,
  floorAreaChartOption,
  floorAreaTarget,
  mapFrame,
  mappedFacilities,
} from "./facilities.ts";
import { fiscalYearOfDay, floorAreaByYear } from "./formulas.ts";
import type { StoredRecord } from "./store.ts";
import type { FacilityPicturesProps } from "./views/public.tsx";

const MAP_WIDTH = 720;

/** The last ten fiscal years (from the first facility's opening, when later), up to now. */
export async function facilityPictures(
  records: readonly StoredRecord[],
  now = new Date(),
): Promise<FacilityPicturesProps | undefined> {
  if (!records.length) return undefined;
  const days = records
    .map((r) => r.fields.openedOn)
    .filter((d): d is string => typeof d === "string");
  const current = fiscalYearInJapan(now);
  const first = Math.max(current - 10, Math.min(current, ...days.map(fiscalYearOfDay)));
  const floorAreas = floorAreaByYear(
    records,
    Array.from({ length: current - first + 1 }, (_, i) => first + i),
  );
  const target = floorAreaTarget(floorAreas);
  const chartSvg = await renderChartSvg(floorAreaChartOption(floorAreas, target), {
    id: "floor-area-chart",
    title: "延床面積の推移と20%削減の線",
    description: floorAreaChartDescription(floorAreas, target),
  });
  const points = mappedFacilities(records);
  let mapSvg: string | null = null;
  if (points.length) {
    const frame = mapFrame(points, MAP_WIDTH);
    mapSvg = await renderChartSvg(
      facilityMapOption(points, frame),
      { id: "facility-map", title: "施設の位置", description: facilityMapDescription(points) },
      { width: MAP_WIDTH, height: frame.height },
    );
  }
  return { floorAreas, target, chartSvg, mapSvg };
}
