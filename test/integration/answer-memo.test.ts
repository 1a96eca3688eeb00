/**
 * The answers sent again by node:http (core/http/answer-memo.ts), as `npm start` serves them:
 * the same status, headers and bytes as the application's own answer from its page cache,
 * without the application being asked; and every request the application answers differently
 * (a data change, a cookie, a token, a conditional GET, a HEAD, another Accept, https behind a
 * proxy, a counted download) still reaches the application.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createServing } from "../../src/app.tsx";
import { changed } from "../../src/core/changes.ts";
import { describeEachBackend } from "../support/app.ts";

const MC = "082058";

interface Wire {
  status: number;
  /** As sent, in order, without Date (it moves). */
  headers: string[];
  body: Buffer;
}

function get(base: string, path: string, headers: Record<string, string> = {}, method = "GET") {
  return new Promise<Wire>((resolve, reject) => {
    const { hostname, port } = new URL(base);
    // The path as given (a URL would resolve its dot segments first).
    http
      .request({ hostname, port, path, method, headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const raw = res.rawHeaders;
          const pairs: string[] = [];
          for (let i = 0; i < raw.length; i += 2)
            if (!/^(date|connection|keep-alive)$/i.test(raw[i]!))
              pairs.push(`${raw[i]!.toLowerCase()}: ${raw[i + 1]}`);
          resolve({ status: res.statusCode ?? 0, headers: pairs, body: Buffer.concat(chunks) });
        });
        res.on("error", reject);
      })
      .on("error", reject)
      .end();
  });
}

const header = (w: Wire, name: string) =>
  w.headers.find((h) => h.startsWith(`${name}: `))?.slice(name.length + 2);

describeEachBackend("answers sent again from memory by node:http", (t) => {
  let base = "";
  /** Requests that reached the application. */
  const reached: string[] = [];
  let close = () => Promise.resolve();

  beforeAll(async () => {
    const { fetch, createServer } = createServing({ db: t.database.db });
    await new Promise<void>((resolve) => {
      const server = serve(
        {
          fetch: (request, env) => {
            reached.push(new URL(request.url).pathname);
            return fetch(request, env);
          },
          createServer,
          port: 0,
          hostname: "127.0.0.1",
          overrideGlobalObjects: false,
        },
        (info: AddressInfo) => {
          base = `http://127.0.0.1:${info.port}`;
          resolve();
        },
      );
      close = () =>
        new Promise<void>((done) => {
          if ("closeAllConnections" in server) server.closeAllConnections();
          server.close(() => done());
        });
    });
  });
  afterAll(() => close());

  /** The answer rendered, then the page cache's, then the memory's (which asks no one). */
  async function thrice(path: string, headers: Record<string, string> = {}) {
    const rendered = await get(base, path, headers);
    const cached = await get(base, path, headers);
    const before = reached.length;
    const remembered = await get(base, path, headers);
    return { rendered, cached, remembered, asked: reached.length - before };
  }

  it("sends a public page, an API list and CSV exactly as the page cache did, without asking the application", async () => {
    for (const path of [
      `/${MC}/indicators`,
      `/${MC}/`,
      `/${MC}/indicators?kind=outcome`,
      `/${MC}/indicators.csv`,
      `/api/v1/municipalities/${MC}/indicators`,
      `/api/v1/municipalities/${MC}/indicators.csv`,
    ]) {
      const { rendered, cached, remembered, asked } = await thrice(path);
      expect(cached.status, path).toBe(200);
      expect(header(cached, "x-cache"), path).toBe("hit");
      expect(remembered.headers, path).toEqual(cached.headers);
      expect(remembered.body.equals(cached.body), path).toBe(true);
      expect(remembered.body.equals(rendered.body), path).toBe(true);
      expect(asked, path).toBe(0);
    }
    const page = await get(base, `/${MC}/indicators`);
    expect(header(page, "content-security-policy")).toContain("frame-ancestors 'none'");
    expect(header(page, "x-frame-options")).toBe("DENY");
    const api = await get(base, `/api/v1/municipalities/${MC}/indicators`);
    expect(header(api, "etag")).toMatch(/^W\/"/);
    expect(header(api, "access-control-allow-origin")).toBe("*");
  });

  it("asks the application again once the data the address shows has changed", async () => {
    const path = `/${MC}/`;
    await thrice(path);
    changed(t.database.db, [MC]);
    const before = reached.length;
    const after = await get(base, path);
    expect(reached.length).toBe(before + 1);
    expect(after.status).toBe(200);
    expect(header(after, "x-cache")).toBeUndefined();
  });

  it("leaves to the application what it answers differently", async () => {
    const path = `/api/v1/municipalities/${MC}/indicators`;
    const { remembered } = await thrice(path);
    const etag = header(remembered, "etag")!;
    const cases: [string, Record<string, string>, string?][] = [
      ["a cookie", { cookie: "a=b" }],
      ["a token", { authorization: "Bearer nothing" }],
      ["a conditional GET", { "if-none-match": etag }],
      ["another Accept", { accept: "text/csv" }],
      ["https behind a proxy", { "x-forwarded-proto": "https" }],
      ["a HEAD", {}, "HEAD"],
    ];
    const answers = new Map<string, Wire>();
    for (const [what, headers, method] of cases) {
      const before = reached.length;
      answers.set(what, await get(base, path, headers, method));
      expect(reached.length, what).toBe(before + 1);
    }
    expect(answers.get("a conditional GET")!.status).toBe(304);
    expect(header(answers.get("a token")!, "cache-control")).toBe("private, no-store");
    expect(header(answers.get("another Accept")!, "content-type")).toMatch(/^text\/csv/);
    expect(header(answers.get("https behind a proxy")!, "strict-transport-security")).toMatch(
      /^max-age=/,
    );
    expect(answers.get("a HEAD")!.body.length).toBe(0);
  });

  it("leaves every counted download to the application, which counts it", async () => {
    const { asked, remembered } = await thrice(`/${MC}/opendata/public-toilets/public-toilets/csv`);
    expect(remembered.status).toBe(200);
    expect(asked).toBe(1);
  });

  it("does not take a path the URL parser rewrites for another", async () => {
    await thrice(`/${MC}/indicators`);
    const before = reached.length;
    const dotted = await get(base, `/${MC}/x/../indicators`);
    expect(reached.length).toBe(before + 1);
    expect(dotted.status).toBe(200);
  });

  it("keeps each host's answers apart: the CKAN API names the host it was asked on", async () => {
    const path = "/api/3/action/package_list";
    for (const host of ["a.example", "b.example", "a.example"]) {
      const { rendered, remembered } = await thrice(path, { host });
      for (const w of [rendered, remembered]) {
        expect(w.status, host).toBe(200);
        expect(JSON.parse(w.body.toString()).help, host).toBe(
          `http://${host}/api/3/action/help_show?name=package_list`,
        );
      }
    }
  });
});
