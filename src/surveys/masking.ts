/**
 * Masking personal data in free-text answers before staff read them (pure): e-mail addresses,
 * telephone numbers, postal codes, long runs of digits (numbers of cards, accounts) and a name
 * followed by さん・様・氏・君・ちゃん are replaced by ＊＊＊. It is a net, not a guarantee: free
 * text is never published, only counted.
 */
const PATTERNS: RegExp[] = [
  /[\w.+-]+@[\w-]+(\.[\w-]+)+/g,
  /〒?\s*\d{3}-\d{4}/g,
  /\(?0\d{1,4}\)?[-\s]?\d{1,4}[-\s]?\d{3,4}/g,
  /\d{6,}/g,
  /[\p{Script=Han}\p{Script=Katakana}]{1,5}\s?[\p{Script=Han}\p{Script=Katakana}]{0,4}(?=さん|様|氏|君|ちゃん)/gu,
];

export function maskPersonalData(text: string): string {
  let out = text.normalize("NFKC");
  for (const p of PATTERNS) out = out.replace(p, "＊＊＊");
  return out;
}
