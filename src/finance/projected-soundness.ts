/**
 * A projected 実質公債費比率 "where the inputs allow": for a projected year whose own and two
 * preceding years are all projected and each has, in the scenario's `soundnessInputs`, 準元利償還金,
 * 特定財源 and 算入公債費等, plus a 標準財政規模, the three-year mean of soundness.ts is taken with
 * the projection's 公債費 as 元利償還金 (a simplification: 公債費 also holds 一時借入金利子). Other
 * years say what is missing instead of inventing it. The other three ratios need figures a frame
 * does not hold (実質収支, the other accounts, 将来負担額), so none is projected. Pure.
 */
import type { ProjectedYear } from "./frame-projection.ts";
import type { Scenario } from "./frame-scenario.ts";
import { type DebtServiceYear, realDebtServiceRatio, roundRatio } from "./soundness.ts";

export type ProjectedRatio = { value: number } | { reason: string };

export const NO_INPUTS =
  "推計の前提に準元利償還金・特定財源・算入公債費等がないため、推計の実質公債費比率は算定していません";

export function projectedSoundness(
  scenario: Scenario,
  years: readonly ProjectedYear[],
): Map<number, ProjectedRatio> {
  const out = new Map<number, ProjectedRatio>();
  const inputs = scenario.soundnessInputs;
  const single = new Map<number, DebtServiceYear | string>();
  for (const y of years) {
    const fy = y.fiscalYear;
    if (!inputs) {
      single.set(fy, NO_INPUTS);
      continue;
    }
    const quasi = inputs.quasiPrincipalAndInterest[fy];
    const specific = inputs.specificRevenue[fy];
    const included = inputs.includedDebtService[fy];
    const missing = [
      quasi === undefined ? "準元利償還金" : "",
      specific === undefined ? "特定財源" : "",
      included === undefined ? "算入公債費等" : "",
      y.standardFiscalScale === undefined ? "標準財政規模" : "",
    ].filter(Boolean);
    single.set(
      fy,
      missing.length
        ? `${fy}年度の${missing.join("・")}が推計の前提にありません`
        : {
            fiscalYear: fy,
            principalAndInterest: y.expenditure.debtService,
            quasiPrincipalAndInterest: quasi!,
            specificRevenue: specific!,
            includedDebtService: included!,
            standardFiscalScale: y.standardFiscalScale!,
          },
    );
  }
  for (const y of years) {
    const fy = y.fiscalYear;
    const three = [fy - 2, fy - 1, fy].map((f) => single.get(f));
    const problem = three.find((t) => typeof t === "string");
    if (problem !== undefined) out.set(fy, { reason: problem as string });
    else if (three.some((t) => t === undefined))
      out.set(fy, {
        reason: "3か年度平均のうち決算・予算の年度の分は推計に含まれないため、算定していません",
      });
    else {
      try {
        out.set(fy, { value: realDebtServiceRatio(three as DebtServiceYear[]) });
      } catch (e) {
        out.set(fy, { reason: (e as Error).message });
      }
    }
  }
  return out;
}

/** One line for the public page: the first scenario's latest projected ratio, or why none. */
export function projectedNote(report: {
  scenarios: readonly { scenario: Scenario; years: ProjectedYear[] }[];
}): string | null {
  const first = report.scenarios[0];
  if (!first?.years.length) return null;
  const last = first.years.at(-1)!;
  const r = projectedSoundness(first.scenario, first.years).get(last.fiscalYear)!;
  return "value" in r
    ? `${first.scenario.name}シナリオの${last.fiscalYear}年度は${roundRatio("realDebtService", r.value)}%（推計）`
    : r.reason;
}
