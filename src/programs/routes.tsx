/** Public pages of program evaluation: the program list and each program's evaluation sheet. */
import { Hono } from "hono";
import { renderChartSvg } from "../core/chart.ts";
import type { Db } from "../core/db/client.ts";
import { notFound } from "../core/errors.ts";
import { shortFiscalYearLabel } from "../core/fiscal-year.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import { parseFilterQuery } from "../core/validation.ts";
import { Layout } from "../core/views/layout.tsx";
import {
  costChartDescription,
  costChartOption,
  measureCostDescription,
  measureCostOption,
  unitPersonnelCostFor,
} from "../costs/index.ts";
import { loadRatingScale } from "../evaluations/index.ts";
import { loadRegistry } from "../indicators/index.ts";
import { listSections } from "../municipalities/index.ts";
import { levelLabelOf, nodeLabel } from "../plan/index.ts";
import { filterPrograms, ProgramFilter, programFiscalYears, shownFiscalYear } from "./filter.ts";
import { loadPublicPrograms, programRollup } from "./queries.ts";
import type { DirectionCounts } from "./rollup.ts";
import { ProgramPage } from "./views/program-page.tsx";
import { type MeasureCost, ProgramsPage } from "./views/programs-page.tsx";

const parseFilter = (query: Record<string, string>) => parseFilterQuery(ProgramFilter, query);

const LIST = "事務事業の一覧";

export function programRoutes(db: Db) {
  const app = new Hono();

  app.get("/:code/programs", async (c) => {
    const m = municipalityOf(c);
    const filter = parseFilter(c.req.query());
    const [data, { trees }, sections] = await Promise.all([
      loadPublicPrograms(db, m.code),
      loadRegistry(db, m.code),
      listSections(db, m.code),
    ]);
    const fiscalYear = shownFiscalYear(data.programs, filter);
    const results = filterPrograms(data.programs, filter);
    const measures = trees.flatMap((t) =>
      (t.root?.children ?? []).filter((n) => n.kind === "measure"),
    );
    const labels = { measure: levelLabelOf(trees, 1) };
    const measureCosts: MeasureCost[] = [];
    let directions: DirectionCounts | undefined;
    let costChartSvg = "";
    if (fiscalYear !== undefined) {
      const rollup = programRollup(data, fiscalYear);
      directions = rollup.directions;
      for (const measure of measures)
        measureCosts.push({
          measure,
          figures: rollup.measures.get(measure.code)?.get(fiscalYear),
          directions: rollup.directionsByMeasure.get(measure.code),
          programCount: data.programs.filter(
            (p) =>
              p.years.some((y) => y.fiscalYear === fiscalYear) &&
              p.initiatives.some((i) => i.measure?.code === measure.code),
          ).length,
        });
    }
    if (measureCosts.length > 0 && fiscalYear !== undefined) {
      const bars = measureCosts.map((x) => ({
        label: nodeLabel(x.measure),
        title: x.measure.title,
        total: x.figures?.totalCost ?? 0,
      }));
      costChartSvg = await renderChartSvg(
        measureCostOption(bars),
        {
          id: "chart-by-measure",
          title: `${labels.measure}ごとの総コスト（${shortFiscalYearLabel(fiscalYear)}）`,
          description: measureCostDescription(bars),
        },
        { width: 720, height: 80 + bars.length * 44 },
      );
    }
    const usedSections = new Set(data.programs.map((p) => p.section.code));
    return c.html(
      <Layout
        title={LIST}
        municipality={m}
        crumbs={[{ href: `/${m.code}/`, label: m.name }, { label: LIST }]}
      >
        <ProgramsPage
          municipality={m}
          filter={filter}
          fiscalYear={fiscalYear}
          fiscalYears={programFiscalYears(data.programs)}
          measures={measures}
          sections={sections.filter((s) => usedSections.has(s.code))}
          results={results}
          total={data.programs.length}
          measureCosts={measureCosts}
          directions={directions}
          costChartSvg={costChartSvg}
          labels={labels}
        />
      </Layout>,
    );
  });

  app.get("/:code/programs/:programCode", async (c) => {
    const m = municipalityOf(c);
    const code = c.req.param("programCode");
    const data = await loadPublicPrograms(db, m.code);
    const program = data.programs.find((p) => p.code === code);
    if (!program) throw notFound(`事務事業 ${code}`);
    const costs = program.years.flatMap((y) => (y.cost ? [y.cost] : []));
    const chartText = costChartDescription(costs);
    const chartSvg =
      costs.length > 0
        ? await renderChartSvg(costChartOption(costs), {
            id: "chart-cost",
            title: `${program.name}のコストの推移（事業費と人件費）`,
            description: chartText,
          })
        : null;
    const unitCosts = new Map(
      program.years.map((y) => {
        try {
          return [y.fiscalYear, unitPersonnelCostFor(y.fiscalYear, data.settings)] as const;
        } catch {
          return [y.fiscalYear, null] as const;
        }
      }),
    );
    return c.html(
      <Layout
        title={program.name}
        municipality={m}
        description={program.purpose || undefined}
        crumbs={[
          { href: `/${m.code}/`, label: m.name },
          { href: `/${m.code}/programs`, label: LIST },
          { label: program.name },
        ]}
      >
        <ProgramPage
          municipality={m}
          program={program}
          unitCosts={unitCosts}
          chartSvg={chartSvg}
          chartText={chartText}
          scale={(await loadRatingScale(db, m.code)).scale}
        />
      </Layout>,
    );
  });

  return app;
}
