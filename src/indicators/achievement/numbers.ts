/** Reading and showing the numbers the achievement rules compare. Pure. */

const MAX_DECIMALS = 10;

/** A finite number (−0 read as 0), or null. */
export function finite(x: unknown): number | null {
  return typeof x === "number" && Number.isFinite(x) ? x + 0 : null;
}

export function round1(x: number): number {
  return Math.round(x * 10) / 10 + 0;
}

/** Decimal places written in a number, e.g. 12.58 → 2, 1e-7 → 7. */
export function decimalsOf(x: number): number {
  const [mantissa = "", exponent = "0"] = String(x).split("e");
  const fraction = mantissa.split(".")[1]?.length ?? 0;
  return Math.min(MAX_DECIMALS, Math.max(0, fraction - Number(exponent)));
}

const formatters = new Map<number, Intl.NumberFormat>();

/** Up to the given decimals, with digit grouping: 1,234.5 */
export function formatNumber(x: number, decimals: number): string {
  let format = formatters.get(decimals);
  if (!format) {
    format = new Intl.NumberFormat("ja-JP", { maximumFractionDigits: decimals });
    formatters.set(decimals, format);
  }
  return format.format(x + 0);
}

export function roundTo(x: number, decimals: number): number {
  return Number(x.toFixed(decimals)) + 0;
}

/** Trimmed text, or null when there is none. */
export const text = (x: unknown) => (typeof x === "string" && x.trim() !== "" ? x.trim() : null);
