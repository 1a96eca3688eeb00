/** The public finance page: the soundness ratios against their statutory lines. */
import { Hono } from "hono";
import { renderChartSvg } from "../core/chart.ts";
import { csvResponse, toCsv } from "../core/csv.ts";
import type { Db } from "../core/db/client.ts";
import { shortFiscalYearLabel } from "../core/fiscal-year.ts";
import { formatNumber } from "../core/format.ts";
import { requireMunicipality } from "../core/http/tenant.ts";
import { Layout } from "../core/views/layout.tsx";
import { loadRegistry } from "../indicators/queries.ts";
import type { Municipality } from "../municipalities/queries.ts";
import { ratioChartOption } from "./chart.ts";
import { checkTarget, rehabilitationLine, statutoryRange, zoneOf } from "./checks.ts";
import { RATIO_KINDS } from "./finance-file.ts";
import { loadSoundness } from "./queries.ts";
import {
  computedRatio,
  formatRatio,
  RATIO_NAMES,
  reportedRatio,
  type SurplusDisplay,
} from "./soundness.ts";
import type { BodyKind } from "./thresholds.ts";
import { FinancePage, type RatioRow } from "./views/finance-page.tsx";

const bodyKindOf = (m: Municipality): BodyKind =>
  m.bodyKind === "prefecture"
    ? "prefecture"
    : m.bodyKind === "designated_city"
      ? "designated_city"
      : "municipality";

const range = (r: { min: number; max: number }) =>
  r.min === r.max ? `${formatNumber(r.min)}%` : `${formatNumber(r.min)}〜${formatNumber(r.max)}%`;

export function financeRoutes(db: Db) {
  const app = new Hono();

  app.get("/:code/finance", async (c) => {
    const m = await requireMunicipality(db, c.req.param("code"));
    const [{ settings, ratios }, registry] = await Promise.all([
      loadSoundness(db, m.code),
      loadRegistry(db, m.code),
    ]);
    const bodyKind = bodyKindOf(m);
    const latestYear = ratios.at(-1)?.fiscalYear ?? null;
    const latest = ratios.filter((r) => r.fiscalYear === latestYear);
    const indicatorOf = (settings?.ratioIndicators ?? {}) as Record<string, string>;
    const byCode = new Map(registry.located.map((x) => [x.record.code, x]));
    const rows: RatioRow[] = [];
    for (const kind of RATIO_KINDS) {
      const r = latest.find((x) => x.kind === kind);
      if (!r) continue;
      const early = statutoryRange(kind, bodyKind);
      const rehabilitation = rehabilitationLine(kind, bodyKind);
      const ratio =
        r.origin === "reported" || r.value === null
          ? reportedRatio(kind, r.value)
          : computedRatio(kind, r.value);
      const display = formatRatio(ratio, {
        surplusDisplay: (settings?.surplusDisplay ?? "minus") as SurplusDisplay,
      });
      const chartText = `${RATIO_NAMES[kind]}は${display}%。早期健全化基準は${range(early)}${rehabilitation === null ? "（財政再生基準はありません）" : `、財政再生基準は${formatNumber(rehabilitation)}%`}。`;
      const chartSvg = await renderChartSvg(
        ratioChartOption({ kind, value: r.value ?? 0, earlyWarning: early, rehabilitation }),
        { id: `chart-${kind}`, title: `${RATIO_NAMES[kind]}と法定の基準`, description: chartText },
        { width: 720, height: 160 },
      );
      rows.push({
        kind,
        display: `${display}%`,
        origin: r.origin,
        early: range(early),
        rehabilitation: rehabilitation === null ? "なし" : `${formatNumber(rehabilitation)}%`,
        zone: zoneOf(r.value, early, rehabilitation),
        indicatorCode: indicatorOf[kind],
        chartSvg,
        chartText,
      });
    }
    const checks = RATIO_KINDS.flatMap((kind) => {
      const located = indicatorOf[kind] ? byCode.get(indicatorOf[kind]!) : undefined;
      if (!located) return [];
      const rec = located.record;
      const r = latest.find((x) => x.kind === kind);
      return [
        checkTarget({
          kind,
          bodyKind,
          target: { value: rec.target.value, text: rec.target.text },
          latest: r ? { value: r.value, fiscalYear: r.fiscalYear } : null,
        }),
      ];
    });
    const measure = Object.values(indicatorOf)
      .map((code) => byCode.get(code)?.home?.measure)
      .find(Boolean);
    return c.html(
      <Layout
        title="財政の健全性"
        municipality={m}
        crumbs={[{ href: `/${m.code}/`, label: m.name }, { label: "財政の健全性" }]}
      >
        <FinancePage
          municipality={m}
          fiscalYear={latestYear}
          source={latest[0]?.source ?? null}
          rows={rows}
          checks={checks}
          measureHref={measure ? `/${m.code}/measures/${measure.code}` : null}
        />
      </Layout>,
    );
  });

  app.get("/:code/finance/soundness.csv", async (c) => {
    const m = await requireMunicipality(db, c.req.param("code"));
    const { ratios } = await loadSoundness(db, m.code);
    const rows = ratios.map((r) => [
      shortFiscalYearLabel(r.fiscalYear),
      r.fiscalYear,
      RATIO_NAMES[r.kind],
      r.value,
      r.origin === "reported" ? "公表値" : "算定値",
      r.source,
      r.note,
    ]);
    const header = ["年度", "年度（西暦）", "指標", "比率(%)", "区分", "出典", "備考"];
    return csvResponse(
      toCsv(header, rows),
      `${m.code}_soundness_ratios.csv`,
      c.req.query("encoding") === "sjis" ? "sjis" : "utf8",
    );
  });
  return app;
}
