/**
 * Charts: Apache ECharts rendered to SVG on the server, readable without JavaScript. The SVG is
 * an image with a title and a text description (role="img", aria-labelledby) — the description
 * is written by the caller from the same data, and pages also show the data as a table.
 */
import type { EChartsOption } from "echarts";
import { html } from "hono/html";

export interface ChartText {
  /** Unique on the page, used for the title and description ids. */
  id: string;
  title: string;
  description: string;
}

const escapeXml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!,
  );

const FONT = '"Noto Sans JP", "Hiragino Sans", "Yu Gothic", sans-serif';

// ECharts is a large bundle: load it on the first chart, not at start-up.
let echartsModule: Promise<typeof import("echarts")> | undefined;
const loadEcharts = () => {
  echartsModule ??= import("echarts");
  return echartsModule;
};

/**
 * ECharts names the classes, gradients and clip paths of an SVG after counters of the process
 * (`zr12-cls-68`), so the same chart rendered twice differed. Renamed after the chart's id and
 * their order in it, the SVG depends on its data only: a page's bytes are the same in every
 * process and every render (a static export equals the live page, ETags stay valid).
 */
export function stableNames(svg: string, id: string) {
  const names = new Map<string, string>();
  return svg.replace(/\bzr\d+-([a-z]+-?)\d+\b/g, (name, kind: string) => {
    let renamed = names.get(name);
    if (!renamed) {
      renamed = `${id}-${kind}${names.size}`;
      names.set(name, renamed);
    }
    return renamed;
  });
}

export async function renderChartSvg(
  option: EChartsOption,
  text: ChartText,
  size = { width: 720, height: 360 },
): Promise<string> {
  const echarts = await loadEcharts();
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, ...size });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT }, ...option });
    const svg = stableNames(chart.renderToSVGString(), text.id);
    const t = `${text.id}-title`;
    const d = `${text.id}-desc`;
    return svg
      .replace(/^<svg /, `<svg role="img" aria-labelledby="${t} ${d}" focusable="false" `)
      .replace(
        />/,
        `><title id="${t}">${escapeXml(text.title)}</title><desc id="${d}">${escapeXml(text.description)}</desc>`,
      );
  } finally {
    chart.dispose();
  }
}

/** The SVG as raw HTML for JSX (it is generated, never user text). */
export const rawSvg = (svg: string) => html([svg] as unknown as TemplateStringsArray);
