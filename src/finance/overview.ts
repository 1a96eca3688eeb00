/**
 * What the finance page says about the latest fiscal year: each ratio as published, its
 * statutory lines, where it stands, and the plan-target checks. Pure: the route only loads the
 * data and renders.
 */
import { formatNumber } from "../core/format.ts";
import type { TargetForm } from "../plan/index.ts";
import {
  checkTarget,
  rehabilitationLine,
  statutoryRange,
  type TargetCheck,
  type Zone,
  zoneOf,
} from "./checks.ts";
import { RATIO_KINDS } from "./finance-file.ts";
import type { SoundnessRow } from "./queries.ts";
import {
  computedRatio,
  formatRatio,
  RATIO_NAMES,
  type RatioKind,
  reportedRatio,
  type SurplusDisplay,
} from "./soundness.ts";
import type { BodyKind } from "./thresholds.ts";

export interface RatioLine {
  kind: RatioKind;
  value: number | null;
  display: string;
  origin: "reported" | "computed";
  early: { min: number; max: number };
  rehabilitation: number | null;
  zone: Zone;
  indicatorCode: string | undefined;
  /** A sentence for screen readers and the chart's caption. */
  description: string;
}

export const percentRange = (r: { min: number; max: number }) =>
  r.min === r.max ? `${formatNumber(r.min)}%` : `${formatNumber(r.min)}〜${formatNumber(r.max)}%`;

export function bodyKindFor(municipalityBodyKind: string): BodyKind {
  if (municipalityBodyKind === "prefecture") return "prefecture";
  if (municipalityBodyKind === "designated_city") return "designated_city";
  return "municipality"; // 市・町・村・特別区
}

export function soundnessOverview(input: {
  ratios: SoundnessRow[];
  bodyKind: BodyKind;
  surplusDisplay: SurplusDisplay;
  /** Indicator codes showing each ratio, and those indicators' plan targets. */
  indicatorOf: Partial<Record<RatioKind, string>>;
  targetOf: (
    indicatorCode: string,
  ) => { form: TargetForm; value: number | null; text: string } | undefined;
}) {
  const fiscalYear = input.ratios.at(-1)?.fiscalYear ?? null;
  const latest = input.ratios.filter((r) => r.fiscalYear === fiscalYear);
  const lines: RatioLine[] = [];
  const checks: TargetCheck[] = [];
  for (const kind of RATIO_KINDS) {
    const r = latest.find((x) => x.kind === kind);
    const early = statutoryRange(kind, input.bodyKind);
    const rehabilitation = rehabilitationLine(kind, input.bodyKind);
    if (r) {
      const ratio =
        r.origin === "reported" || r.value === null
          ? reportedRatio(kind, r.value)
          : computedRatio(kind, r.value);
      const display = formatRatio(ratio, { surplusDisplay: input.surplusDisplay });
      lines.push({
        kind,
        value: r.value,
        display: `${display}%`,
        origin: r.origin,
        early,
        rehabilitation,
        zone: zoneOf(r.value, early, rehabilitation),
        indicatorCode: input.indicatorOf[kind],
        description: `${RATIO_NAMES[kind]}は${display}%。早期健全化基準は${percentRange(early)}${rehabilitation === null ? "（財政再生基準はありません）" : `、財政再生基準は${formatNumber(rehabilitation)}%`}。`,
      });
    }
    const code = input.indicatorOf[kind];
    const target = code ? input.targetOf(code) : undefined;
    if (target) {
      checks.push(
        checkTarget({
          kind,
          bodyKind: input.bodyKind,
          target: { value: target.value, text: target.text },
          latest: r ? { value: r.value, fiscalYear: r.fiscalYear } : null,
        }),
      );
    }
  }
  return { fiscalYear, source: latest[0]?.source ?? null, lines, checks };
}
