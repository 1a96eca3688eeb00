#!/usr/bin/env node
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
/**
 * `node bin/make-fonts.mjs`: makes the web font the portal serves (src/core/assets/fonts/) — WOFF2
 * subsets of Noto Sans JP regular and bold (SIL OFL 1.1, from @expo-google-fonts/noto-sans-jp),
 * made with subset-font (harfbuzzjs). The full fonts are 5.4 MB each; the subsets keep:
 *
 * - ASCII, Latin-1's printable characters and the half-width katakana;
 * - every character of Windows-31J (JIS X 0208: kana, symbols, JIS 第1・第2水準 kanji, which hold
 *   the 常用漢字; NEC's row 13: ①, Ⅰ, ㈱, ㎡ …; the IBM extension kanji: 髙, 﨑 …);
 * - the 常用漢字 that JIS X 0208 lacks (𠮟 塡 剝 頰) and a few common marks beyond it;
 * - every character of the application's own text and of the municipalities' plan files
 *   (src/, data/municipalities/, test/fixtures/plans/).
 *
 * A character outside the subset is drawn by the reader's system font (the stylesheet's fallback).
 * The files are committed: making them takes tens of seconds, too long for `npm ci` or `npm start`.
 * A unit test (src/core/http/fonts.test.ts) fails when the application's text uses a character
 * the committed subset lacks; run this script again then and commit its output.
 */
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import iconv from "iconv-lite";
import subsetFont from "subset-font";

const require = createRequire(import.meta.url);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const out = path.join(root, "src", "core", "assets", "fonts");

/** The directories whose text the font must draw, and the file kinds read in them. */
const TEXT_DIRS = [
  "src",
  path.join("data", "municipalities"),
  path.join("test", "fixtures", "plans"),
];
const TEXT_FILE = /\.(ts|tsx|js|mjs|css|ya?ml|json|csv|md|txt)$/;

function* textFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (p === out) continue;
    if (entry.isDirectory()) yield* textFiles(p);
    else if (TEXT_FILE.test(entry.name) && statSync(p).size < 5_000_000) yield p;
  }
}

const chars = new Set();
const add = (text) => {
  for (const ch of text) {
    const cp = ch.codePointAt(0);
    if (cp >= 0x20 && !(cp >= 0xd800 && cp < 0xe000)) chars.add(ch);
  }
};
for (let c = 0x20; c < 0x7f; c++) chars.add(String.fromCodePoint(c));
for (let c = 0xa0; c <= 0xff; c++) chars.add(String.fromCodePoint(c));
for (let c = 0xff61; c <= 0xff9f; c++) chars.add(String.fromCodePoint(c));
// Windows-31J's double-byte characters.
for (let hi = 0x81; hi <= 0xfc; hi++) {
  if (hi > 0x9f && hi < 0xe0) continue;
  for (let lo = 0x40; lo <= 0xfc; lo++) {
    if (lo === 0x7f) continue;
    const s = iconv.decode(Buffer.from([hi, lo]), "cp932");
    if (s.length >= 1 && !s.includes("\ufffd") && [...s].length === 1) add(s);
  }
}
add("𠮟塡剝頰〜～―‐–—‘’“”…‥・「」『』【】〔〕《》〈〉※〇●○◎△▲▽▼□■◇◆☆★→←↑↓⇒⇔✓✔");
for (const dir of TEXT_DIRS)
  for (const f of textFiles(path.join(root, dir))) add(readFileSync(f, "utf8"));
// Control-like and private-use characters never reach a page as text.
for (const ch of [...chars]) if (/\p{Cc}|\p{Co}/u.test(ch)) chars.delete(ch);

const list = [...chars].sort((a, b) => a.codePointAt(0) - b.codePointAt(0)).join("");
const pkg = path.dirname(require.resolve("@expo-google-fonts/noto-sans-jp/package.json"));
for (const [weight, name] of [
  ["400Regular", "NotoSansJP-Regular.woff2"],
  ["700Bold", "NotoSansJP-Bold.woff2"],
]) {
  const full = readFileSync(path.join(pkg, weight, `NotoSansJP_${weight}.ttf`));
  const subset = await subsetFont(full, list, { targetFormat: "woff2" });
  writeFileSync(path.join(out, name), subset);
  console.log(`${name}: ${full.length} → ${subset.length} bytes`);
}
writeFileSync(path.join(out, "characters.txt"), `${list}\n`);
writeFileSync(path.join(out, "LICENSE_FONT"), readFileSync(path.join(pkg, "LICENSE_FONT")));
console.log(`${[...list].length} characters`);
