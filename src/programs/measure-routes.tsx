/** The public roll-up page of one measure: its programs, costs, directions and indicators. */
import { Hono } from "hono";
import { renderChartSvg } from "../core/chart.ts";
import type { Db } from "../core/db/client.ts";
import { notFound } from "../core/errors.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import { Layout } from "../core/views/layout.tsx";
import { type CostSeries, stackedCostDescription, stackedCostOption } from "../costs/index.ts";
import { indicatorsByNode, loadPublicRegistry } from "../indicators/index.ts";
import { levelAt, measureTitle } from "../plan/index.ts";
import { directionOf, loadPublicPrograms, programRollup } from "./queries.ts";
import { MeasureProgramsPage } from "./views/measure-programs-page.tsx";

export function measureProgramRoutes(db: Db) {
  const app = new Hono();

  app.get("/:code/measures/:nodeCode/programs", async (c) => {
    const m = municipalityOf(c);
    const [{ index, located }, data] = await Promise.all([
      loadPublicRegistry(db, m.code),
      loadPublicPrograms(db, m.code),
    ]);
    const ctx = index.byCode.get(c.req.param("nodeCode"));
    if (ctx?.node.kind !== "measure")
      throw notFound(`${ctx ? levelAt(ctx.plan, 1).label : "基本施策"} ${c.req.param("nodeCode")}`);
    const measure = ctx.node;
    const rollup = programRollup(data);
    const figures = rollup.measures.get(measure.code);
    const years = [...(figures?.keys() ?? [])].sort((a, b) => a - b);
    const initiatives = measure.children
      .filter((n) => n.kind === "initiative")
      .map((node) => ({
        node,
        figures: rollup.initiatives.get(node.code),
        programs: data.programs.filter((p) => p.initiatives.some((i) => i.code === node.code)),
      }));
    // Directions of the latest year that has a published evaluation among these programs.
    const evaluatedYears = initiatives
      .flatMap((i) => i.programs)
      .flatMap((p) => p.years.filter((y) => y.evaluation).map((y) => y.fiscalYear));
    const directionYear = evaluatedYears.length ? Math.max(...evaluatedYears) : undefined;
    const directions =
      directionYear === undefined
        ? undefined
        : programRollup(data, directionYear).directionsByMeasure.get(measure.code);
    const byNode = indicatorsByNode(located);
    const indicators = [measure, ...measure.children].flatMap((n) => byNode(n.id));
    const title = measureTitle(measure);
    const series: CostSeries[] = initiatives
      .filter((i) => i.figures && i.figures.size > 0)
      .map((i) => ({
        name: i.node.title,
        byYear: new Map([...i.figures!].map(([fy, f]) => [fy, f.totalCost])),
      }));
    const chartSvg = years.length
      ? await renderChartSvg(stackedCostOption(years, series), {
          id: "measure-cost",
          title: `${title}の総コスト（取組別）`,
          description: stackedCostDescription(years, series),
        })
      : "";
    return c.html(
      <Layout
        title={`${title}の事務事業とコスト`}
        municipality={m}
        crumbs={[
          { href: `/${m.code}/`, label: m.name },
          { href: `/${m.code}/measures/${measure.code}`, label: title },
          { label: "事務事業とコスト" },
        ]}
      >
        <MeasureProgramsPage
          code={m.code}
          measure={measure}
          title={title}
          years={years}
          figures={figures}
          initiatives={initiatives}
          directionYear={directionYear}
          directions={directions}
          directionOf={(p) => directionOf(p, directionYear)}
          indicators={[...new Map(indicators.map((r) => [r.code, r])).values()]}
          chartSvg={chartSvg}
        />
      </Layout>,
    );
  });

  return app;
}
