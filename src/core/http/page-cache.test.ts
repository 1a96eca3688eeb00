import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { changed, feedOf } from "../changes.ts";
import type { Db } from "../db/client.ts";
import { pageCache } from "./page-cache.ts";

/** A page that counts how often it was really rendered. */
function counted() {
  const db = {} as Db;
  const renders: string[] = [];
  const app = new Hono();
  app.use(pageCache(db));
  app.get("*", (c) => {
    renders.push(c.req.path);
    if (c.req.path.endsWith("/missing")) return c.text("no", 404);
    if (c.req.path.endsWith("/secret")) c.header("Cache-Control", "no-store");
    if (c.req.path.endsWith("/cookie")) c.header("Set-Cookie", "a=b");
    return c.html(`<p>${c.req.path} #${renders.length}</p>`);
  });
  return { app, db, renders };
}

describe("pageCache", () => {
  it("keeps out of memory what its route marked no-store or that sets a cookie", async () => {
    const { app, renders } = counted();
    for (const path of ["/082058/letters/status/secret", "/082058/cookie"]) {
      await app.request(path);
      const again = await app.request(path);
      expect(again.headers.get("x-cache")).toBeNull();
    }
    expect(renders).toHaveLength(4);
  });

  it("renders a public page once and serves it again until its municipality's data changes", async () => {
    const { app, db, renders } = counted();
    const first = await app.request("/082058/indicators?kind=outcome");
    const second = await app.request("/082058/indicators?kind=outcome");
    expect(await second.text()).toBe(await first.text());
    expect(second.headers.get("x-cache")).toBe("hit");
    expect(second.headers.get("content-type")).toBe("text/html; charset=UTF-8");
    expect(renders).toHaveLength(1);

    changed(db, ["082058"]);
    const third = await app.request("/082058/indicators?kind=outcome");
    expect(await third.text()).toBe("<p>/082058/indicators #2</p>");
  });

  it("keeps municipalities apart: a change in one leaves the other's pages cached", async () => {
    const { app, db, renders } = counted();
    await app.request("/082058/");
    await app.request("/api/v1/municipalities/082015/indicators");
    changed(db, ["082015"]);
    await app.request("/082058/");
    await app.request("/api/v1/municipalities/082015/indicators");
    expect(renders).toEqual([
      "/082058/",
      "/api/v1/municipalities/082015/indicators",
      "/api/v1/municipalities/082015/indicators",
    ]);
  });

  it("renders pages that list every municipality again after any change", async () => {
    const { app, db, renders } = counted();
    await app.request("/");
    await app.request("/");
    changed(db, ["082058"]);
    await app.request("/");
    expect(renders).toEqual(["/", "/"]);
    expect(feedOf(db).version("082058")).toBe(1);
  });

  it("never caches errors or requests with credentials", async () => {
    const { app, renders } = counted();
    await app.request("/082058/missing");
    await app.request("/082058/missing");
    await app.request("/082058/", { headers: { cookie: "session=x" } });
    await app.request("/082058/", { headers: { cookie: "session=x" } });
    await app.request("/082058/", { headers: { authorization: "Bearer x" } });
    expect(renders).toHaveLength(5);
  });
});
