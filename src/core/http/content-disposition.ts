import { dayInJapan } from "../fiscal-year.ts";

/**
 * The one Content-Disposition builder (RFC 6266): a file name in any script as `filename*`
 * (UTF-8, RFC 5987, with the characters RFC 5987 reserves escaped too) and, for clients that read
 * only `filename`, an ASCII fallback — the given one, or the name with every character outside
 * printable ASCII, and every quote and backslash, replaced by "_".
 */
export function contentDisposition(
  name: string | DownloadName,
  options: { kind?: "attachment" | "inline"; fallback?: string } = {},
): string {
  if (typeof name !== "string")
    return contentDisposition(name.name, { ...options, fallback: name.fallback });
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

/** A download's name and the ASCII name for clients that read only `filename`. */
export interface DownloadName {
  name: string;
  fallback: string;
}

/**
 * The names of a download of staff data, both built by datedFileName: `parts` say what it holds
 * (the municipality or the section, the data, the year…), `ascii` the same in ASCII for the
 * fallback: 「石岡市_令和7年度_実績値の入力状況_2026-12-07.csv」 and
 * 「082058_round-2025-status_2026-12-07.csv」.
 */
export function datedDownload(
  parts: readonly (string | null | undefined)[],
  ascii: readonly (string | null | undefined)[],
  extension: string,
  at: Date = new Date(),
): DownloadName {
  return {
    name: datedFileName(parts, extension, at),
    fallback: datedFileName(ascii, extension, at),
  };
}
