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
