/** The audit walk's scenarios of finance (test/support/audit-walk.ts). */
import { and, eq, inArray } from "drizzle-orm";
import { withTenant } from "../../../src/core/db/tenant.ts";
import { componentsFields } from "../../../src/finance/components-form.ts";
import { scenarioFields, yearFields } from "../../../src/finance/frame-form.ts";
import { loadFrame, loadScenario } from "../../../src/finance/frame-queries.ts";
import { saveFrameYear, saveScenario } from "../../../src/finance/frame-store.ts";
import { financeSettings } from "../../../src/finance/schema.ts";
import { loadComponentsRows, saveComponents } from "../../../src/finance/soundness-store.ts";
import { indicators } from "../../../src/indicators/schema.ts";
import type { RecordRef, Scenarios } from "../audit-walk.ts";
import { fullComponents } from "../finance-components.ts";

const FY = 2024;

export const scenarios: Scenarios = {
  saveComponents: {
    async run(env) {
      const row = (await loadComponentsRows(env.db, env.mc)).find((r) => r.fiscalYear === FY);
      const outcome = await saveComponents(env.as.planner, {
        fiscalYear: FY,
        version: row?.version ?? 0,
        form: { ...componentsFields(fullComponents(FY)), sample: "on", source: "監査の確認" },
      });
      if (outcome.status !== "saved") return { outcome, changed: [] };
      // The components, each ratio they allow, and the indicator showing each ratio.
      const kinds = outcome.value.results.flatMap((r) => ("value" in r ? [r.kind] : []));
      const fed = await withTenant(env.db, env.mc, async (tx) => {
        const [settings] = await tx
          .select()
          .from(financeSettings)
          .where(eq(financeSettings.municipalityCode, env.mc));
        const codes = kinds.flatMap((k) => settings?.ratioIndicators[k] ?? []);
        if (!codes.length) return [];
        const rows = await tx
          .select({ code: indicators.code })
          .from(indicators)
          .where(and(eq(indicators.municipalityCode, env.mc), inArray(indicators.code, codes)));
        return rows.map((r) => r.code);
      });
      const changed: RecordRef[] = [
        ["soundness_components", String(FY)],
        ...kinds.map((k): RecordRef => ["soundness_ratio", `${FY}:${k}`]),
        ...fed.map((code): RecordRef => ["indicator_actual", `${code}/${FY}`]),
      ];
      return { outcome, changed };
    },
  },
  saveFrameYear: {
    async run(env) {
      const row = (await loadFrame(env.db, env.mc)).years.find(
        (y) => y.fiscalYear === 2019 && y.kind === "settled",
      );
      if (!row) throw new Error("the demo frame has no settled 2019");
      const outcome = await saveFrameYear(env.as.planner, {
        fiscalYear: 2019,
        kind: "settled",
        version: row.version,
        form: {
          ...yearFields(row),
          "revenue.cityTax": String(row.revenue.cityTax + 1_000_000),
        },
      });
      return { outcome, changed: [["fiscal_frame_year", "2019:settled"]] };
    },
  },
  saveScenario: {
    async run(env) {
      const report = await loadFrame(env.db, env.mc);
      const base = report.scenarios.find((s) => !s.row.derivedFrom)?.row;
      if (!base) throw new Error("the demo frame has no base scenario");
      const { row, years } = await loadScenario(env.db, env.mc, base.name);
      const outcome = await saveScenario(env.as.planner, {
        name: row.name,
        version: row.version,
        form: { ...scenarioFields(row, years), source: "監査の確認" },
      });
      // The scenarios derived from it follow it.
      const derived = report.scenarios
        .filter((s) => s.row.derivedFrom?.scenario === row.name)
        .map((s): RecordRef => ["fiscal_frame_scenario", s.row.name]);
      return { outcome, changed: [["fiscal_frame_scenario", row.name], ...derived] };
    },
  },
};
