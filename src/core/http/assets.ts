/**
 * Static assets: the design tokens, our stylesheet, the small client scripts and the Japanese web
 * font the stylesheet names (Noto Sans JP, regular and bold: subsets of @expo-google-fonts/noto-sans-jp),
 * so that pages read the same on a machine without Japanese system fonts.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Hono } from "hono";
import { projectPath } from "../paths.ts";

const require = createRequire(import.meta.url);
const read = (p: string) => readFileSync(p, "utf8");

/**
 * The font files, by the names the stylesheet's @font-face gives them: WOFF2 subsets of the
 * package's font (JIS 第1・第2水準 and every character the application and the plan files use,
 * ~1.2 MB instead of 5.4 MB each), made by bin/make-fonts.mjs and committed beside the stylesheet.
 */
const fonts: Record<string, Buffer> = Object.fromEntries(
  ["NotoSansJP-Regular.woff2", "NotoSansJP-Bold.woff2"].map((name) => [
    name,
    readFileSync(projectPath(`src/core/assets/fonts/${name}`)),
  ]),
);

const hashOf = (body: string | Buffer) =>
  createHash("sha256").update(body).digest("hex").slice(0, 10);

/** The stylesheet names each font with its content hash, so that a new subset is fetched anew. */
const stylesheet = read(projectPath("src/core/assets/style.css")).replace(
  /\/assets\/([\w-]+\.woff2)/g,
  (href, name: string) => (Object.hasOwn(fonts, name) ? `${href}?v=${hashOf(fonts[name]!)}` : href),
);

const files: Record<string, { body: string; type: string }> = {
  "tokens.css": {
    body: read(require.resolve("@digital-go-jp/design-tokens/dist/tokens.css")),
    type: "text/css",
  },
  "style.css": {
    body: stylesheet,
    type: "text/css",
  },
  "filters.js": {
    body: read(projectPath("src/core/assets/filters.js")),
    type: "text/javascript",
  },
  "import-job.js": {
    body: read(projectPath("src/core/assets/import-job.js")),
    type: "text/javascript",
  },
};

const versions = Object.fromEntries(
  Object.entries(files).map(([name, f]) => [name, hashOf(f.body)]),
);

/** The address of an asset with its content hash, so that a changed file is fetched anew. */
export function assetHref(name: keyof typeof files & string) {
  return `/assets/${name}?v=${versions[name]}`;
}

export function assetRoutes() {
  const app = new Hono();
  app.get("/assets/:name", (c) => {
    const name = c.req.param("name");
    // Only the files above: never what every object inherits (constructor, __proto__, toString).
    if (Object.hasOwn(fonts, name)) {
      // Named with its hash by the stylesheet: a year's cache. WOFF2 is compressed already.
      return c.body(new Uint8Array(fonts[name]!), 200, {
        "content-type": "font/woff2",
        "cache-control": "public, max-age=31536000, immutable",
      });
    }
    const f = Object.hasOwn(files, name) ? files[name] : undefined;
    if (!f) return c.notFound();
    const current = c.req.query("v") === versions[name];
    return c.body(f.body, 200, {
      "content-type": `${f.type}; charset=utf-8`,
      "cache-control": current ? "public, max-age=31536000, immutable" : "public, max-age=300",
    });
  });
  return app;
}
