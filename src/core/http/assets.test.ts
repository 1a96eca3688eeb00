/**
 * The web font the portal serves: WOFF2 subsets (bin/make-fonts.mjs) that hold every character of
 * the application's own text and of the municipalities' plan files, named by the stylesheet with
 * their hash and `font-display: swap`.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { projectPath } from "../paths.ts";
import { assetRoutes } from "./assets.ts";

const FONTS = projectPath("src/core/assets/fonts");
const TEXT_DIRS = ["src", "data/municipalities", "test/fixtures/plans"];
const TEXT_FILE = /\.(ts|tsx|js|mjs|css|ya?ml|json|csv|md|txt)$/;

function textFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (p === FONTS) return [];
    if (e.isDirectory()) return textFiles(p);
    return TEXT_FILE.test(e.name) && statSync(p).size < 5_000_000 ? [p] : [];
  });
}

describe("the web font", () => {
  it("holds every character the application's text and the plan files use", () => {
    const subset = new Set(readFileSync(path.join(FONTS, "characters.txt"), "utf8"));
    // JIS 第1・第2水準 (the first and the last kanji of each) and kana.
    for (const ch of "亜腕弌熙あんアヶ１Ａ①㈱髙﨑") expect(subset, ch).toContain(ch);
    const missing = new Map<string, string>();
    for (const dir of TEXT_DIRS)
      for (const file of textFiles(projectPath(dir)))
        for (const ch of readFileSync(file, "utf8"))
          if (!subset.has(ch) && !/\p{Cc}|\p{Co}|\p{Cs}/u.test(ch) && !missing.has(ch))
            missing.set(ch, path.relative(projectPath("."), file));
    // When this fails: `node bin/make-fonts.mjs` and commit src/core/assets/fonts/.
    expect(Object.fromEntries(missing)).toEqual({});
  });

  it("is served as WOFF2 well under the full font's 5.4 MB, with a year's cache", async () => {
    const app = assetRoutes();
    const css = await (await app.request("/assets/style.css")).text();
    const faces = css.match(/@font-face\s*{[^}]*}/g) ?? [];
    expect(faces).toHaveLength(2);
    for (const face of faces) {
      expect(face).toContain("font-display: swap");
      const href =
        /url\("(\/assets\/NotoSansJP-\w+\.woff2\?v=[0-9a-f]{10})"\) format\("woff2"\)/.exec(
          face,
        )?.[1];
      expect(href, face).toBeDefined();
      const res = await app.request(href!);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("font/woff2");
      expect(res.headers.get("cache-control")).toContain("max-age=31536000");
      const body = Buffer.from(await res.arrayBuffer());
      expect(body.subarray(0, 4).toString("latin1")).toBe("wOF2");
      expect(body.length).toBeLessThan(1_500_000);
    }
    expect((await app.request("/assets/NotoSansJP-Regular.ttf")).status).toBe(404);
  });
});
