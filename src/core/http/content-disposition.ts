import { dayInJapan } from "../fiscal-year.ts";

/**
 * The one Content-Disposition builder (RFC 6266): a file name in any script as `filename*`
 * (UTF-8, RFC 5987, with the characters RFC 5987 reserves escaped too) and, for clients that read
 * only `filename`, an ASCII fallback — the given one, or the name with every character outside
 * printable ASCII, and every quote and backslash, replaced by "_".
 */
export function contentDisposition(
  name: string,
  options: { kind?: "attachment" | "inline"; fallback?: string } = {},
): string {
  const fallback = (options.fallback ?? name).replace(/[^\x20-\x7e]|["\\]/g, "_");
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `${options.kind ?? "attachment"}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/**
 * The name of an exported file: its parts (what it holds, the section when it is one section's)
 * and the day in Japan, joined by "_": 「実績値_行革推進課_2026-12-07.xlsx」. Empty parts are left
 * out; characters a file system refuses (\ / : * ? " < > |) become "_".
 */
export function datedFileName(
  parts: readonly (string | null | undefined)[],
  extension: string,
  at: Date = new Date(),
): string {
  const safe = parts
    .filter((p): p is string => !!p?.trim())
    .map((p) => p.trim().replace(/[\\/:*?"<>|\s]+/g, "_"));
  return `${[...safe, dayInJapan(at)].join("_")}.${extension}`;
}
