/**
 * The public pages of peer comparison: /compare (the shared indicators), /compare/{shared}
 * (one indicator across a peer group: ranked table, distribution chart, CSV, JSON) and
 * /{code}/compare (one municipality against its peer groups). Every municipality of the national
 * tables has them, whether it uses Shisaku or not: they are routed before the tenant's paths.
 */
import { Hono } from "hono";
import { renderChartSvg } from "../core/chart.ts";
import { csvResponse, toCsv } from "../core/csv.ts";
import type { Db } from "../core/db/client.ts";
import { AppError, notFound } from "../core/errors.ts";
import { findMunicipality } from "../core/http/tenant.ts";
import { Layout } from "../core/views/layout.tsx";
import { distributionDescription, distributionOption } from "./chart.ts";
import { compareIndicator, compareMunicipality, type IndicatorComparison } from "./compare.ts";
import { listSharedIndicators } from "./queries.ts";
import { PEER_GROUPS, type PeerGroup } from "./rules.ts";
import {
  IndicatorComparePage,
  MunicipalityComparePage,
  SharedIndicatorListPage,
} from "./views/compare-pages.tsx";

const SHARED = "[a-z0-9][a-z0-9-]{0,62}";

/** The page's query: fiscalYear, municipality and peerGroup, each checked (400 naming it). */
export function compareQuery(q: Record<string, string | undefined>) {
  const problems: { location: string; message: string }[] = [];
  const one = (k: string) => (q[k] ?? "").trim();
  let fiscalYear: number | undefined;
  if (one("fiscalYear")) {
    fiscalYear = Number(one("fiscalYear"));
    if (!/^\d{4}$/.test(one("fiscalYear")))
      problems.push({ location: "fiscalYear", message: "西暦4桁の年度です（例: 2023）" });
  }
  const municipality = one("municipality") || undefined;
  if (municipality && !/^\d{6}$/.test(municipality))
    problems.push({ location: "municipality", message: "6桁の団体コードです（例: 082058）" });
  const group = (one("peerGroup") || (municipality ? "similar" : "all")) as PeerGroup;
  if (!PEER_GROUPS.includes(group))
    problems.push({ location: "peerGroup", message: `${PEER_GROUPS.join("、")} のどれかです` });
  if (problems.length)
    throw new AppError(
      "bad_request",
      `パラメータが不正です: ${problems.map((p) => p.location).join(", ")}`,
      problems,
    );
  return { fiscalYear, subject: municipality, group };
}

export const comparisonJson = (c: IndicatorComparison) => ({
  sharedIndicator: {
    code: c.indicator.code,
    name: c.indicator.name,
    unit: c.indicator.unit,
    rankOrder: c.indicator.rankOrder,
  },
  fiscalYear: c.fiscalYear,
  peerGroup: c.group,
  peerGroupLabel: c.groupLabel,
  municipality: c.subject?.code ?? null,
  summary: c.summary,
  sample: c.sample,
  items: c.rows.map((r) => ({
    rank: r.rank,
    code: r.code,
    name: r.name,
    prefecture: r.prefecture,
    similarGroup: r.similarGroup,
    population: r.population,
    value: r.value,
    note: r.note,
    sample: r.valueSample,
  })),
});

const CSV_HEADER = [
  "順位",
  "団体コード",
  "団体名",
  "都道府県",
  "類似団体区分",
  "人口",
  "値",
  "注記",
  "サンプル",
];

export function peerRoutes(db: Db) {
  const app = new Hono();

  app.get("/compare", async (c) =>
    c.html(
      <Layout
        title="共通指標と類似団体比較"
        crumbs={[{ href: "/", label: "団体の一覧" }, { label: "共通指標" }]}
      >
        <SharedIndicatorListPage items={await listSharedIndicators(db)} />
      </Layout>,
    ),
  );

  app.get(`/compare/:file{${SHARED}\\.(?:csv|json)}`, async (c) => {
    const file = c.req.param("file");
    const code = file.replace(/\.(csv|json)$/, "");
    const cmp = await compareIndicator(db, code, compareQuery(c.req.query()));
    if (file.endsWith(".json")) return c.json(comparisonJson(cmp));
    return csvResponse(
      toCsv(
        CSV_HEADER,
        cmp.rows.map((r) => [
          r.rank,
          r.code,
          r.name,
          r.prefecture,
          r.similarGroup,
          r.population,
          r.value,
          r.note,
          r.valueSample ? "サンプル" : "",
        ]),
      ),
      `${code}-${cmp.fiscalYear ?? "none"}-${cmp.group}.csv`,
    );
  });

  app.get(`/compare/:shared{${SHARED}}`, async (c) => {
    const cmp = await compareIndicator(db, c.req.param("shared"), compareQuery(c.req.query()));
    const description = distributionDescription(cmp);
    const svg = await renderChartSvg(distributionOption(cmp), {
      id: "chart-distribution",
      title: `${cmp.groupLabel}の${cmp.indicator.name}の分布`,
      description,
    });
    const tenant = cmp.subject ? await findMunicipality(db, cmp.subject.code) : undefined;
    return c.html(
      <Layout
        title={`${cmp.indicator.name}の比較`}
        municipality={tenant}
        crumbs={[{ href: "/compare", label: "共通指標" }, { label: cmp.indicator.name }]}
      >
        <IndicatorComparePage c={cmp} chartSvg={svg} chartDescription={description} />
      </Layout>,
    );
  });

  const municipalityPage = async (code: string) => {
    const found = await compareMunicipality(db, code);
    const tenant = await findMunicipality(db, code);
    if (!found && !tenant) throw notFound(`団体コード ${code} の団体`);
    const subject = found?.subject ?? {
      code,
      name: tenant!.name,
      prefecture: tenant!.prefecture,
      population: null,
      similarGroup: null,
      sample: false,
    };
    return { subject, standings: found?.standings ?? [], tenant };
  };

  app.get("/:code{\\d{6}}/compare", async (c) => {
    const { subject, standings, tenant } = await municipalityPage(c.req.param("code"));
    return c.html(
      <Layout
        title="類似団体との比較"
        municipality={tenant}
        crumbs={[
          ...(tenant ? [{ href: `/${tenant.code}/`, label: tenant.name }] : []),
          { label: "類似団体との比較" },
        ]}
      >
        <MunicipalityComparePage subject={subject} standings={standings} />
      </Layout>,
    );
  });

  app.get("/:code{\\d{6}}/compare.json", async (c) => {
    const { subject, standings } = await municipalityPage(c.req.param("code"));
    return c.json({
      municipality: subject,
      items: standings.map((s) => ({
        sharedIndicator: s.indicator.code,
        name: s.indicator.name,
        unit: s.indicator.unit,
        fiscalYear: s.fiscalYear,
        value: s.value,
        note: s.note,
        sample: s.sample,
        groups: s.groups.map((g) => ({
          peerGroup: g.group,
          label: g.label,
          median: g.summary.median,
          q1: g.summary.q1,
          q3: g.summary.q3,
          count: g.summary.count,
          rank: g.rank,
        })),
      })),
    });
  });

  app.get("/:code{\\d{6}}/compare.csv", async (c) => {
    const { subject, standings } = await municipalityPage(c.req.param("code"));
    const header = [
      "共通指標コード",
      "共通指標",
      "単位",
      "年度",
      "値",
      "比較の範囲",
      "中央値",
      "順位",
      "団体数",
      "サンプル",
    ];
    const rows = standings.flatMap((s) =>
      s.groups.map((g) => [
        s.indicator.code,
        s.indicator.name,
        s.indicator.unit,
        s.fiscalYear,
        s.value,
        g.label,
        g.summary.median,
        g.rank,
        g.summary.count,
        s.sample ? "サンプル" : "",
      ]),
    );
    return csvResponse(toCsv(header, rows), `${subject.code}-compare.csv`);
  });

  return app;
}
