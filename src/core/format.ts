/** Display formatting shared by pages, CSV and charts. */

const cache = new Map<string, Intl.NumberFormat>();

/** 329257 → "329,257"; with `decimals` fixed places (7.8 with 1 → "7.8", 25 with 1 → "25.0"). */
export function formatNumber(value: number, decimals?: number | null): string {
  const key = String(decimals ?? "auto");
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat(
      "ja-JP",
      decimals == null
        ? { maximumFractionDigits: 6 }
        : { minimumFractionDigits: decimals, maximumFractionDigits: decimals },
    );
    cache.set(key, f);
  }
  // The plan prints a minus as "-": keep the ASCII hyphen-minus rather than U+2212.
  return f.format(value).replace("\u2212", "-");
}

/** A value with its unit, or an em dash for no value. */
export function formatValue(
  value: number | null | undefined,
  unit = "",
  decimals?: number | null,
): string {
  if (value === null || value === undefined) return "—";
  return `${formatNumber(value, decimals)}${unit}`;
}
