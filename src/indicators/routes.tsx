/** Public pages of the indicator registry. */

import { Hono } from "hono";
import { renderChartSvg } from "../core/chart.ts";
import { csvResponse, toCsv } from "../core/csv.ts";
import type { Db } from "../core/db/client.ts";
import { withTenant } from "../core/db/tenant.ts";
import { notFound } from "../core/errors.ts";
import { shortFiscalYearLabel } from "../core/fiscal-year.ts";
import { formatNumber } from "../core/format.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import { parseFilterQuery } from "../core/validation.ts";
import { Layout } from "../core/views/layout.tsx";
import { listSections } from "../municipalities/index.ts";
import { PeerMedianNote, peerMedianOf } from "../peers/index.ts";
import { levelLabelOf, nodeTitle, type PlanLevel } from "../plan/index.ts";
import { indicatorChartDescription, indicatorChartOption } from "./chart.ts";
import { filterIndicators, IndicatorFilter, type Located } from "./filter.ts";
import { VALUE_KIND_LABELS } from "./labels.ts";
import { loadPublicRegistry } from "./public-registry.ts";
import { correctionsOf } from "./publish-actuals.ts";
import { challengeWording, latestActual } from "./queries.ts";
import { IndicatorPage } from "./views/indicator-page.tsx";
import { RegistryPage } from "./views/registry-page.tsx";
import { KIND_LABELS } from "./views/status.tsx";

const parseFilter = (query: Record<string, string>) => parseFilterQuery(IndicatorFilter, query);

/** The columns of the indicators' CSV (and of the open data resource made from it). */
export const INDICATOR_CSV_HEADER = [
  "コード",
  "指標名",
  "種類",
  "計画",
  "基本施策",
  "定義",
  "単位",
  "基準値",
  "基準年度",
  "目標",
  "目標年度",
  "最新の実績値",
  "実績年度",
  "達成率(%)",
  "評価",
  "評価の説明",
  "担当課",
  "チャレンジ指標",
  "値の種類",
];

/** The CSV's columns, the measure's column named as the plans name that level (基本施策, 施策 …). */
export const indicatorCsvHeader = (plans: { levels: PlanLevel[] | null }[]) =>
  INDICATOR_CSV_HEADER.map((h) => (h === "基本施策" ? levelLabelOf(plans, 1) : h));

export function indicatorCsvRow({ record: r, home }: Located) {
  const latest = latestActual(r);
  return [
    r.code,
    r.name,
    KIND_LABELS[r.kind],
    home?.plan.title ?? "",
    home?.measure ? nodeTitle(home.measure) : "",
    r.definition,
    r.unit,
    r.baseline.text,
    r.baseline.fiscalYear === null ? "" : shortFiscalYearLabel(r.baseline.fiscalYear),
    r.target.text,
    r.target.fiscalYear === null ? "" : shortFiscalYearLabel(r.target.fiscalYear),
    latest?.value == null ? "" : formatNumber(latest.value, r.decimals).replace(/,/g, ""),
    latest ? shortFiscalYearLabel(latest.fiscalYear) : "",
    r.assessment.achievement,
    r.assessment.status,
    r.assessment.reason,
    r.sections.map((s) => s.name).join("、"),
    r.challenge ? "○" : "",
    VALUE_KIND_LABELS[r.valueKind],
  ];
}

export function indicatorRoutes(db: Db) {
  const app = new Hono();

  app.get("/:code/indicators", async (c) => {
    const m = municipalityOf(c);
    const filter = parseFilter(c.req.query());
    const [{ trees, index, located }, sections, wording] = await Promise.all([
      loadPublicRegistry(db, m.code),
      listSections(db, m.code),
      withTenant(db, m.code, (tx) => challengeWording(tx, m.code)),
    ]);
    const results = filterIndicators(located, filter, index.byId);
    const query = new URL(c.req.url).search.slice(1);
    return c.html(
      <Layout
        title="指標の一覧"
        municipality={m}
        crumbs={[{ href: `/${m.code}/`, label: m.name }, { label: "指標の一覧" }]}
      >
        <RegistryPage
          municipality={m}
          trees={trees}
          sections={sections}
          filter={filter}
          results={results}
          total={located.length}
          query={query}
          challenges={wording.uses}
        />
      </Layout>,
    );
  });

  app.get("/:code/indicators.csv", async (c) => {
    const m = municipalityOf(c);
    const { encoding, ...query } = c.req.query();
    const filter = parseFilter(query);
    const { trees, index, located } = await loadPublicRegistry(db, m.code);
    const rows = filterIndicators(located, filter, index.byId).map(indicatorCsvRow);
    return csvResponse(
      toCsv(indicatorCsvHeader(trees), rows),
      `${m.code}_indicators.csv`,
      encoding === "sjis" ? "sjis" : "utf8",
    );
  });

  app.get("/:code/indicators/:indicatorCode", async (c) => {
    const m = municipalityOf(c);
    const { index, located } = await loadPublicRegistry(db, m.code);
    const found = located.find((x) => x.record.code === c.req.param("indicatorCode"));
    if (!found) throw notFound(`指標 ${c.req.param("indicatorCode")}`);
    const r = found.record;
    const description = indicatorChartDescription(r);
    const [chartSvg, corrections, peer] = await Promise.all([
      renderChartSvg(indicatorChartOption(r), {
        id: "chart-values",
        title: `${r.name}の推移`,
        description,
      }),
      correctionsOf(db, m.code, r.id),
      peerMedianOf(db, m.code, r.id),
    ]);
    const places = r.appearances.flatMap((a) => {
      const ctx = index.byId.get(a.nodeId);
      return ctx ? [{ ...ctx, reposted: a.reposted }] : [];
    });
    const crumbs = [
      { href: `/${m.code}/`, label: m.name },
      { href: `/${m.code}/indicators`, label: "指標の一覧" },
      { label: r.name },
    ];
    return c.html(
      <Layout
        title={r.name}
        municipality={m}
        crumbs={crumbs}
        description={r.definition ?? undefined}
      >
        <IndicatorPage
          code={m.code}
          record={r}
          places={places}
          chartSvg={chartSvg}
          chartDescription={description}
          corrections={corrections}
          peer={peer ? <PeerMedianNote peer={peer} code={m.code} /> : undefined}
        />
      </Layout>,
    );
  });
  return app;
}
