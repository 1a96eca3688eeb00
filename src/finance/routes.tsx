/** The public finance page: the soundness ratios against their statutory lines. */
import { Hono } from "hono";
import { renderChartSvg } from "../core/chart.ts";
import { csvResponse, toCsv } from "../core/csv.ts";
import type { Db } from "../core/db/client.ts";
import { AppError } from "../core/errors.ts";
import { shortFiscalYearLabel } from "../core/fiscal-year.ts";
import { formatNumber } from "../core/format.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import { Layout } from "../core/views/layout.tsx";
import { loadRegistry } from "../indicators/index.ts";
import { nodeLabel } from "../plan/index.ts";
import { loadPublicPrograms, programRollup } from "../programs/index.ts";
import { ratioChartOption } from "./chart.ts";
import { frameCharts } from "./frame-page.ts";
import { loadFrame } from "./frame-queries.ts";
import { frameTable, TABLE_KEYS, type TableKey } from "./frame-report.ts";
import { bodyKindFor, percentRange, soundnessOverview } from "./overview.ts";
import { programShares } from "./program-share.ts";
import { projectedNote } from "./projected-soundness.ts";
import { loadSoundness } from "./queries.ts";
import { ratioExplanations } from "./ratio-explanations.ts";
import { RATIO_NAMES, type RatioKind, type SurplusDisplay } from "./soundness.ts";
import { loadComponentsRows } from "./soundness-store.ts";
import { FinancePage, type RatioRow } from "./views/finance-page.tsx";
import { FrameSections } from "./views/frame-sections.tsx";
import { ProgramShares } from "./views/program-share.tsx";

export function financeRoutes(db: Db) {
  const app = new Hono();

  app.get("/:code/finance", async (c) => {
    const m = municipalityOf(c);
    const [{ settings, ratios }, registry, frame, components, programs] = await Promise.all([
      loadSoundness(db, m.code),
      loadRegistry(db, m.code),
      loadFrame(db, m.code),
      loadComponentsRows(db, m.code),
      loadPublicPrograms(db, m.code),
    ]);
    const frameTables = Object.fromEntries(
      TABLE_KEYS.map((k) => [k, frameTable(frame, k)]),
    ) as Record<TableKey, ReturnType<typeof frameTable>>;
    const charts = await frameCharts(frame, frameTables);
    const indicatorOf = (settings?.ratioIndicators ?? {}) as Partial<Record<RatioKind, string>>;
    const byCode = new Map(registry.located.map((x) => [x.record.code, x]));
    const overview = soundnessOverview({
      ratios,
      bodyKind: bodyKindFor(m.bodyKind),
      surplusDisplay: (settings?.surplusDisplay ?? "minus") as SurplusDisplay,
      indicatorOf,
      targetOf: (code) => byCode.get(code)?.record.target,
    });
    const latestYear = overview.fiscalYear;
    const measure = Object.values(indicatorOf)
      .map((code) => (code ? byCode.get(code)?.home?.measure : undefined))
      .find(Boolean);
    // The plan's own words for each ratio, from the measure whose indicators show the ratios.
    const explained = ratioExplanations(
      measure ? (registry.index.byCode.get(measure.code)?.node.blocks ?? []) : [],
    );
    const rows: RatioRow[] = [];
    for (const line of overview.lines) {
      const chartSvg = await renderChartSvg(
        ratioChartOption({
          kind: line.kind,
          value: line.value ?? 0,
          earlyWarning: line.early,
          rehabilitation: line.rehabilitation,
        }),
        {
          id: `chart-${line.kind}`,
          title: `${RATIO_NAMES[line.kind]}と法定の基準`,
          description: line.description,
        },
        { width: 720, height: 160 },
      );
      rows.push({
        kind: line.kind,
        display: line.display,
        origin: line.origin,
        sample:
          line.origin === "computed" &&
          components.some((r) => r.fiscalYear === latestYear && r.sample),
        early: percentRange(line.early),
        rehabilitation:
          line.rehabilitation === null ? "なし" : `${formatNumber(line.rehabilitation)}%`,
        zone: line.zone,
        indicatorCode: line.indicatorCode,
        chartSvg,
        chartText: line.description,
        explanation: explained[line.kind] ?? null,
      });
    }
    const { checks } = overview;
    // The plan's block that defines the funds (「基金」とは), named with its node as the plan does.
    const fundsRef = (settings?.explanations ?? []).find((r) => r.title.includes("基金"));
    const fundsNode = fundsRef ? registry.index.byCode.get(fundsRef.node)?.node : undefined;
    const fundsSource =
      fundsRef && fundsNode ? { title: fundsRef.title, node: nodeLabel(fundsNode) } : null;
    return c.html(
      <Layout
        title="財政の健全性"
        municipality={m}
        crumbs={[{ href: `/${m.code}/`, label: m.name }, { label: "財政の健全性" }]}
      >
        <FinancePage
          overview={settings?.overview ?? []}
          explanations={(settings?.explanations ?? []).flatMap((ref) => {
            const block = registry.index.byCode
              .get(ref.node)
              ?.node.blocks.find((b) => b.title === ref.title);
            return block ? [block] : [];
          })}
          municipality={m}
          fiscalYear={latestYear}
          source={overview.source}
          rows={rows}
          checks={checks}
          measureHref={measure ? `/${m.code}/measures/${measure.code}` : null}
          measureLabel={measure?.level.label}
          frame={
            <>
              <FrameSections
                municipality={m}
                report={frame}
                tables={frameTables}
                charts={charts}
                fundsSource={fundsSource}
              />
              <ProgramShares
                code={m.code}
                rows={programShares(
                  programRollup(programs).measures,
                  (code) =>
                    [...programs.initiativeContexts.values()].find((x) => x.measure?.code === code)
                      ?.measure?.title ?? code,
                  frame,
                )}
                sample={programs.programs.some((p) => p.sample)}
                projectedNote={projectedNote(frame)}
              />
            </>
          }
        />
      </Layout>,
    );
  });

  app.get("/:code/finance/soundness.csv", async (c) => {
    const m = municipalityOf(c);
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
  app.get("/:code/finance/frame.csv", async (c) => {
    const m = municipalityOf(c);
    const key = c.req.query("table") ?? "";
    if (!(TABLE_KEYS as readonly string[]).includes(key))
      throw new AppError("bad_request", "table を指定してください", [
        { location: "table", message: `${TABLE_KEYS.join(", ")} のいずれかを指定してください` },
      ]);
    const table = frameTable(await loadFrame(db, m.code), key as TableKey);
    return csvResponse(
      toCsv(table.header, table.rows),
      `${m.code}_fiscal_frame_${key}.csv`,
      c.req.query("encoding") === "sjis" ? "sjis" : "utf8",
    );
  });
  return app;
}
