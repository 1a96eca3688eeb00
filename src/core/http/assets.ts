/**
 * Static assets: the design tokens, our stylesheet, the small client scripts and the Japanese web
 * font the stylesheet names (Noto Sans JP, regular and bold, from @expo-google-fonts/noto-sans-jp),
 * so that pages read the same on a machine without Japanese system fonts.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { gzipSync } from "node:zlib";
import { Hono } from "hono";
import { projectPath } from "../paths.ts";

const require = createRequire(import.meta.url);
const read = (p: string) => readFileSync(p, "utf8");

/** A font file of the package: read when first asked for (5 MB each), then kept with its gzip. */
const fontFile = (weight: string) => {
  let body: { raw: Buffer; gzip: Buffer } | undefined;
  return () => {
    if (!body) {
      const raw = readFileSync(
        require.resolve(`@expo-google-fonts/noto-sans-jp/${weight}/NotoSansJP_${weight}.ttf`),
      );
      body = { raw, gzip: gzipSync(raw) };
    }
    return body;
  };
};

/** The font files, by the names the stylesheet's @font-face gives them. */
const fonts: Record<string, () => { raw: Buffer; gzip: Buffer }> = {
  "NotoSansJP-Regular.ttf": fontFile("400Regular"),
  "NotoSansJP-Bold.ttf": fontFile("700Bold"),
};

const files: Record<string, { body: string; type: string }> = {
  "tokens.css": {
    body: read(require.resolve("@digital-go-jp/design-tokens/dist/tokens.css")),
    type: "text/css",
  },
  "style.css": {
    body: read(projectPath("src/core/assets/style.css")),
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
  Object.entries(files).map(([name, f]) => [
    name,
    createHash("sha256").update(f.body).digest("hex").slice(0, 10),
  ]),
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
      // The package's files never change under a name: a year's cache, gzipped when accepted.
      const font = fonts[name]!();
      const gzip = /\bgzip\b/.test(c.req.header("accept-encoding") ?? "");
      return c.body(new Uint8Array(gzip ? font.gzip : font.raw), 200, {
        "content-type": "font/ttf",
        "cache-control": "public, max-age=31536000, immutable",
        vary: "accept-encoding",
        ...(gzip ? { "content-encoding": "gzip" } : {}),
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
