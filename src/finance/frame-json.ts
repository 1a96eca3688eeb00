/**
 * The fiscal frame as JSON (GET /api/v1/municipalities/{code}/finance/frame): the stored settled
 * and budget years, and each scenario's projected years, with the derived figures of
 * frame-indicators.ts. Pure: a FrameReport in, JSON out.
 */
import { z } from "../core/http/api.ts";
import { type FrameYear, totalExpenditure, totalRevenue } from "./frame.ts";
import {
  fiscalAdjustmentFundRatio,
  indicators,
  mandatoryExpenditureRatio,
  ownSourceRatio,
  perCapita,
} from "./frame-indicators.ts";
import { type FrameReport, frameYearOf } from "./frame-report.ts";
import { projectedSoundness } from "./projected-soundness.ts";

const Amounts = z.record(z.string(), z.number()).openapi({ description: "区分ごとの額（円）" });
const Derived = z.object({
  ownSourceRatio: z.number().openapi({ description: "自主財源比率 (%)" }),
  mandatoryExpenditureRatio: z.number().openapi({ description: "義務的経費比率 (%)" }),
  fiscalAdjustmentFundRatio: z
    .number()
    .nullable()
    .openapi({ description: "財政調整基金残高 ÷ 標準財政規模 (%)。どちらかがなければ null" }),
  perCapita: z
    .object({ revenue: z.number(), expenditure: z.number() })
    .nullable()
    .openapi({ description: "人口1人あたりの歳入・歳出（円）。人口がなければ null" }),
});
const YearBase = {
  fiscalYear: z.number().int(),
  revenue: Amounts,
  extraordinaryFiscalBonds: z.number().openapi({ description: "地方債のうち臨時財政対策債（円）" }),
  expenditure: Amounts,
  totalRevenue: z.number(),
  totalExpenditure: z.number(),
  population: z.number().nullable(),
  standardFiscalScale: z.number().nullable(),
  derived: Derived,
  sample: z.boolean().openapi({ description: "サンプル（デモ用の架空の数値）" }),
  source: z.string(),
};

export const FrameJson = z
  .object({
    municipality: z.string(),
    years: z.array(
      z.object({
        ...YearBase,
        kind: z.enum(["settled", "budget"]),
        funds: z.record(z.string(), z.object({ closing: z.number() })).nullable(),
        note: z.string().nullable(),
      }),
    ),
    scenarios: z.array(
      z.object({
        name: z.string().openapi({ example: "基本" }),
        untilFiscalYear: z.number().int(),
        sample: z.boolean(),
        source: z.string(),
        years: z.array(
          z.object({
            ...YearBase,
            kind: z.literal("projection"),
            gap: z.number().openapi({ description: "収支差（円）" }),
            shortfall: z.number().openapi({ description: "基金で埋まらない収支不足（円）" }),
            funds: z.record(z.string(), z.object({ closing: z.number() })),
            realDebtService: z.object({
              value: z.number().nullable().openapi({ description: "推計の実質公債費比率 (%)" }),
              reason: z.string().nullable().openapi({ description: "算定できない理由" }),
            }),
          }),
        ),
      }),
    ),
  })
  .openapi("FiscalFrame");
export type FrameJson = z.infer<typeof FrameJson>;

function derived(
  y: FrameYear,
  closing: number | undefined,
  population: number | null,
  scale: number | null,
) {
  const revenue = totalRevenue(y);
  const expenditure = totalExpenditure(y);
  return {
    totalRevenue: revenue,
    totalExpenditure: expenditure,
    derived: {
      ownSourceRatio: ownSourceRatio(y),
      mandatoryExpenditureRatio: mandatoryExpenditureRatio(y),
      fiscalAdjustmentFundRatio:
        closing !== undefined && scale ? fiscalAdjustmentFundRatio(closing, scale) : null,
      perCapita: population
        ? {
            revenue: perCapita(revenue, population),
            expenditure: perCapita(expenditure, population),
          }
        : null,
    },
  };
}

export function frameJson(municipality: string, r: FrameReport): FrameJson {
  return {
    municipality,
    years: r.years.map((row) => ({
      fiscalYear: row.fiscalYear,
      kind: row.kind as "settled" | "budget",
      revenue: row.revenue,
      extraordinaryFiscalBonds: row.extraordinaryFiscalBonds,
      expenditure: row.expenditure,
      population: row.population,
      standardFiscalScale: row.standardFiscalScale,
      ...derived(
        frameYearOf(row),
        row.funds?.fiscalAdjustment?.closing,
        row.population,
        row.standardFiscalScale,
      ),
      funds: row.funds
        ? Object.fromEntries(Object.entries(row.funds).map(([k, f]) => [k, { closing: f.closing }]))
        : null,
      sample: row.sample,
      source: row.source,
      note: row.note,
    })),
    scenarios: r.scenarios.map((s) => {
      const soundness = projectedSoundness(s.scenario, s.years);
      return {
        name: s.row.name,
        untilFiscalYear: s.row.untilFiscalYear,
        sample: s.row.sample,
        source: s.row.source,
        years: s.years.map((y) => {
          const d = indicators(y);
          const rds = soundness.get(y.fiscalYear);
          return {
            fiscalYear: y.fiscalYear,
            kind: "projection" as const,
            revenue: y.revenue,
            extraordinaryFiscalBonds: y.extraordinaryFiscalBonds,
            expenditure: y.expenditure,
            totalRevenue: y.totalRevenue,
            totalExpenditure: y.totalExpenditure,
            population: y.population ?? null,
            standardFiscalScale: y.standardFiscalScale ?? null,
            derived: {
              ownSourceRatio: d.ownSourceRatio,
              mandatoryExpenditureRatio: d.mandatoryExpenditureRatio,
              fiscalAdjustmentFundRatio: d.fiscalAdjustmentFundRatio ?? null,
              perCapita: d.perCapita
                ? { revenue: d.perCapita.revenue, expenditure: d.perCapita.expenditure }
                : null,
            },
            gap: y.gap,
            shortfall: y.shortfall,
            funds: Object.fromEntries(
              Object.entries(y.funds).map(([k, f]) => [k, { closing: f.closing }]),
            ),
            realDebtService: {
              value: rds && "value" in rds ? rds.value : null,
              reason: rds && "reason" in rds ? rds.reason : null,
            },
            sample: s.row.sample,
            source: s.row.source,
          };
        }),
      };
    }),
  };
}
