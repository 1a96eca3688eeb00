/** Static assets: the design tokens, our stylesheet and the small client script. */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Hono } from "hono";

const require = createRequire(import.meta.url);
const read = (p: string) => readFileSync(p, "utf8");

const files: Record<string, { body: string; type: string }> = {
  "tokens.css": {
    body: read(require.resolve("@digital-go-jp/design-tokens/dist/tokens.css")),
    type: "text/css",
  },
  "style.css": {
    body: read(new URL("../assets/style.css", import.meta.url).pathname),
    type: "text/css",
  },
  "filters.js": {
    body: read(new URL("../assets/filters.js", import.meta.url).pathname),
    type: "text/javascript",
  },
};

export function assetRoutes() {
  const app = new Hono();
  app.get("/assets/:name", (c) => {
    const f = files[c.req.param("name")];
    if (!f) return c.notFound();
    return c.body(f.body, 200, {
      "content-type": `${f.type}; charset=utf-8`,
      "cache-control": "public, max-age=3600",
    });
  });
  return app;
}
