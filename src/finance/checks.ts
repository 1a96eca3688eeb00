/**
 * Data-quality check: a plan's targets for the soundness ratios against the statutory
 * early-warning thresholds. Pure. The plan is kept as printed; this only makes a discrepancy
 * visible (石岡市's plan prints 将来負担比率 「18.0%未満」 beside a current 33.3%, while the
 * statutory early-warning line is 350%).
 */
import { formatNumber } from "../core/format.ts";
import { RATIO_NAMES, type RatioKind } from "./soundness.ts";
import { type BodyKind, LOWER_BAND_EDGE, UPPER_BAND_EDGE } from "./thresholds.ts";

export interface TargetCheckInput {
  kind: RatioKind;
  bodyKind: BodyKind;
  /** The plan's target: a bound such as 「12.58%未満」 (value 12.58), or null when not numeric. */
  target: { value: number | null; text: string } | null;
  /** The latest published value, percent. */
  latest: { value: number | null; fiscalYear: number } | null;
}

export interface TargetCheck {
  kind: RatioKind;
  finding: "matches" | "differs" | "no_target";
  /** The statutory early-warning threshold, or its range where it depends on 標準財政規模. */
  statutory: { min: number; max: number };
  message: string;
}

const OKU = 100_000_000;

/** Early-warning thresholds that do not depend on 標準財政規模, and the range of those that do. */
export function statutoryRange(kind: RatioKind, bodyKind: BodyKind): { min: number; max: number } {
  if (kind === "realDebtService") return { min: 25, max: 25 };
  if (kind === "futureBurden")
    return bodyKind === "municipality" ? { min: 350, max: 350 } : { min: 400, max: 400 };
  if (bodyKind === "prefecture")
    return kind === "realDeficit" ? { min: 3.75, max: 3.75 } : { min: 8.75, max: 8.75 };
  return kind === "realDeficit" ? { min: 11.25, max: 15 } : { min: 16.25, max: 20 };
}

/** The 標準財政規模 (yen) at which a municipality's real-deficit early-warning line is `percent`. */
export function impliedStandardFiscalScale(percent: number): number | null {
  if (percent <= 11.25 || percent >= 15) return null;
  return 65_000_000_000 - percent * 4_000_000_000;
}

const pct = (v: number) => `${formatNumber(v)}%`;
const range = (r: { min: number; max: number }) =>
  r.min === r.max ? pct(r.min) : `${pct(r.min)}〜${pct(r.max)}`;

export function checkTarget(input: TargetCheckInput): TargetCheck {
  const statutory = statutoryRange(input.kind, input.bodyKind);
  const name = RATIO_NAMES[input.kind];
  const t = input.target?.value ?? null;
  if (t === null) {
    return {
      kind: input.kind,
      finding: "no_target",
      statutory,
      message: `${name}の計画の目標は数値ではありません（法定の早期健全化基準は ${range(statutory)}）。`,
    };
  }
  const within = t >= statutory.min - 0.005 && t <= statutory.max + 0.005;
  if (within) {
    const deficitBand = statutory.min !== statutory.max && input.bodyKind !== "prefecture";
    const scale = deficitBand
      ? impliedStandardFiscalScale(input.kind === "realDeficit" ? t : t - 5)
      : null;
    const where =
      scale !== null && scale > LOWER_BAND_EDGE && scale < UPPER_BAND_EDGE
        ? `（標準財政規模 約${formatNumber(Math.round((scale / OKU) * 10) / 10)}億円の場合の値）`
        : "";
    return {
      kind: input.kind,
      finding: "matches",
      statutory,
      message: `${name}の計画の目標「${input.target!.text}」は法定の早期健全化基準${where}と一致します。`,
    };
  }
  const latest = input.latest?.value;
  const beside =
    latest === null || latest === undefined
      ? ""
      : `現状値 ${pct(latest)} は計画の目標${latest < t ? "を満たしています" : "を上回っています"}が、法定の基準${latest < statutory.min ? "を大きく下回っています" : "を上回っています"}。`;
  return {
    kind: input.kind,
    finding: "differs",
    statutory,
    message: `${name}の計画の目標「${input.target!.text}」は法定の早期健全化基準 ${range(statutory)} と異なります。${beside}計画の記載は原文のまま保持しています。`,
  };
}

export type Zone = "healthy" | "early_warning" | "rehabilitation" | "unknown";
export const ZONE_LABELS: Record<Zone, string> = {
  healthy: "健全（早期健全化基準未満）",
  early_warning: "早期健全化基準以上",
  rehabilitation: "財政再生基準以上",
  unknown: "判定できません",
};

/**
 * Where a ratio stands against its lines. Where the early-warning line depends on an unknown
 * 標準財政規模, a value below the lowest possible line is healthy and one above the highest is not.
 */
export function zoneOf(
  value: number | null,
  early: { min: number; max: number },
  rehabilitation: number | null,
): Zone {
  if (value === null) return "healthy"; // published as 「−」: no deficit, or not calculated
  if (rehabilitation !== null && value >= rehabilitation) return "rehabilitation";
  if (value < early.min) return "healthy";
  if (value >= early.max) return "early_warning";
  return "unknown";
}

export function rehabilitationLine(kind: RatioKind, bodyKind: BodyKind): number | null {
  if (kind === "futureBurden") return null;
  if (kind === "realDebtService") return 35;
  if (bodyKind === "prefecture") return kind === "realDeficit" ? 5 : 15;
  return kind === "realDeficit" ? 20 : 30;
}
